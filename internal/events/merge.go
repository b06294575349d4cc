package events

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"sort"
	"strings"
)

// Merge windows: how many days apart two reports of one event may date it.
const (
	mergeWindowDays      = 1 // a call, a statement, a meeting: "on Thursday" and "late on Wednesday"
	mergeWindowVisitDays = 3 // a visit lasts days; its reports date different days of it
	// publishedLagDays is how long before its publication an article's undated event may have
	// taken place.
	publishedLagDays = 7
)

// Source is one report of a merged event.
type Source struct {
	ArticleID    string  `json:"article_id"`
	EventID      string  `json:"event_id"`
	Lang         string  `json:"lang"`
	Date         string  `json:"date,omitempty"`
	DateInferred bool    `json:"date_inferred,omitempty"`
	Published    string  `json:"published,omitempty"`
	Sentence     string  `json:"sentence"`
	Field        string  `json:"field,omitempty"`
	Start        int     `json:"start"`
	End          int     `json:"end"`
	Trigger      string  `json:"trigger,omitempty"`
	Confidence   float64 `json:"confidence"`
}

// Merged is one real-world event with every report of it.
type Merged struct {
	// ID is stable while the event's type, sides and representative date stay the same.
	ID string `json:"id"`
	// Event is the representative report (the most specific: named people over countries, a
	// day over a month, a date read over an inferred one), with people's keys replaced by their
	// canonical ids and the confidence of all reports together.
	Event Event `json:"event"`
	// Sources are all the reports, by date then article.
	Sources []Source `json:"sources"`
	// First and Last are the earliest and latest dates the reports give ("" when none does).
	First string `json:"first_date,omitempty"`
	Last  string `json:"last_date,omitempty"`
	// Why explains the merge in words.
	Why string `json:"why"`
}

// mitem is an event being merged.
type mitem struct {
	ev      Event
	a, r    string // canonical side keys
	lo, hi  int    // day range the event may have happened in
	dated   bool   // lo/hi come from its own date
	approx  bool   // lo/hi come from the publication date
	rank    [6]int
	country [2]string
}

// Merge groups events that report the same real-world event — in any article and language —
// and explains each group. Two reports are one event when they have the same type, the same two
// sides (compared by canonical(key); in either order for CONSULT and COOPERATE), dates within
// a day (three for visits; an undated report counts from its article's publication date, and
// without either it only merges within its own article), compatible places (the same place, or
// a city in the other's country) and, for consultations, no conflicting mode (a phone call is
// not a visit). A report naming only a country ("Lavrov visited Jordan") joins the one event
// that names a person of that country with the same other side ("Lavrov met Safadi"), when
// there is exactly one. canonical may be nil; it maps an entity key to its global id (the link
// stage's), "" meaning unknown. Merge is deterministic and does not depend on the order of
// events.
func Merge(events []Event, canonical func(key string) string) []Merged {
	canon := func(k string) string {
		if canonical != nil {
			if c := canonical(k); c != "" {
				return c
			}
		}
		return k
	}
	byID := map[string]int{}
	var items []*mitem
	for _, ev := range events {
		it := &mitem{ev: ev}
		it.ev.Actor.Key = canon(ev.Actor.Key)
		it.ev.Recipient.Key = canon(ev.Recipient.Key)
		if ev.Location != nil {
			l := *ev.Location
			l.Key = canon(l.Key)
			it.ev.Location = &l
		}
		it.a, it.r = it.ev.Actor.Key, it.ev.Recipient.Key
		it.country = [2]string{countryOf(it.ev.Actor), countryOf(it.ev.Recipient)}
		if lo, hi, ok := dateRange(ev.Date); ok {
			it.lo, it.hi, it.dated = lo, hi, true
		} else if lo, _, ok := dateRange(ev.Published); ok && len(ev.Published) == 10 {
			it.lo, it.hi, it.approx = lo-publishedLagDays, lo, true
		}
		it.rank = rankOf(&it.ev)
		if j, ok := byID[ev.ID]; ok {
			if less(it, items[j]) {
				items[j] = it
			}
			continue
		}
		byID[ev.ID] = len(items)
		items = append(items, it)
	}
	sort.Slice(items, func(i, j int) bool { return less(items[i], items[j]) })

	var clusters [][]*mitem
	bucket := map[string][]int{}
	for _, it := range items {
		k := pairKey(it.ev.Type, it.a, it.r)
		placed := false
		for _, ci := range bucket[k] {
			if compatibleAll(it, clusters[ci]) {
				clusters[ci] = append(clusters[ci], it)
				placed = true
				break
			}
		}
		if !placed {
			bucket[k] = append(bucket[k], len(clusters))
			clusters = append(clusters, []*mitem{it})
		}
	}
	clusters = subsume(clusters)

	out := make([]Merged, 0, len(clusters))
	for _, c := range clusters {
		if len(c) == 0 {
			continue
		}
		out = append(out, mergedOf(c))
	}
	sort.Slice(out, func(i, j int) bool { return timelineLess(&out[i], &out[j]) })
	return out
}

// rankOf orders reports by how specific they are; lower sorts first.
func rankOf(ev *Event) [6]int {
	var r [6]int
	for _, s := range []EntityRef{ev.Actor, ev.Recipient} {
		if s.Type != "person" {
			r[0]++
		}
	}
	switch len(ev.Date) {
	case 10:
		r[1] = 0
	case 7:
		r[1] = 1
	case 4:
		r[1] = 2
	default:
		r[1] = 3
	}
	if ev.DateInferred {
		r[2] = 1
	}
	if ev.Location == nil {
		r[3] = 1
	}
	r[4] = -len(ev.Sentences)
	r[5] = -int(math.Round(ev.Confidence * 1000))
	return r
}

func less(a, b *mitem) bool {
	if a.rank != b.rank {
		for i := range a.rank {
			if a.rank[i] != b.rank[i] {
				return a.rank[i] < b.rank[i]
			}
		}
	}
	if a.ev.ID != b.ev.ID {
		return a.ev.ID < b.ev.ID
	}
	return a.ev.ArticleID < b.ev.ArticleID
}

func pairKey(typ, a, r string) string {
	if Symmetric(typ) && r < a {
		a, r = r, a
	}
	return typ + "\x00" + a + "\x00" + r
}

func window(a, b *mitem) int {
	if a.ev.Mode == ModeVisit || b.ev.Mode == ModeVisit {
		return mergeWindowVisitDays
	}
	return mergeWindowDays
}

// compatible reports whether two reports of the same type and sides may be one event.
func compatible(a, b *mitem) bool {
	switch {
	case a.dated || a.approx:
		if !(b.dated || b.approx) {
			return a.ev.ArticleID == b.ev.ArticleID
		}
		if a.approx && b.approx && a.ev.ArticleID != b.ev.ArticleID {
			// two undated reports: only the publication dates say when; too weak to merge
			return false
		}
		w := window(a, b)
		if a.lo-w > b.hi || b.lo-w > a.hi {
			return false
		}
	default:
		if a.ev.ArticleID != b.ev.ArticleID {
			return false
		}
	}
	if a.ev.Location != nil && b.ev.Location != nil && !samePlace(*a.ev.Location, *b.ev.Location) {
		return false
	}
	if a.ev.Type == Consult && (a.ev.Mode == ModePhone) != (b.ev.Mode == ModePhone) && a.ev.Mode != "" && b.ev.Mode != "" {
		return false
	}
	return true
}

func compatibleAll(it *mitem, c []*mitem) bool {
	for _, o := range c {
		if !compatible(it, o) {
			return false
		}
	}
	return true
}

// samePlace reports whether two places can be the place of one event: the same, or a place in
// the other, which is a country.
func samePlace(a, b EntityRef) bool {
	if a.Key == b.Key {
		return true
	}
	ca, cb := countryOf(a), countryOf(b)
	return ca != "" && ca == cb && (a.Type == "country" || b.Type == "country")
}

// subsume merges clusters whose one side is a country into the single cluster with the same
// other side and a person or body of that country instead.
//
// The clusters that may take a country-level cluster are found through an index of the clusters
// by type and side (a cluster's head, its first member, never changes here), not by scanning all
// of them: on a store of 100,000 reports the scan made merging quadratic.
func subsume(clusters [][]*mitem) [][]*mitem {
	bySide := map[string][]int{}
	for cj, d := range clusters {
		if len(d) == 0 {
			continue
		}
		g := d[0]
		bySide[g.ev.Type+"\x00"+g.a] = append(bySide[g.ev.Type+"\x00"+g.a], cj)
		if g.r != g.a {
			bySide[g.ev.Type+"\x00"+g.r] = append(bySide[g.ev.Type+"\x00"+g.r], cj)
		}
	}
	for ci := range clusters {
		c := clusters[ci]
		if len(c) == 0 {
			continue
		}
		h := c[0]
		for side := 0; side < 2; side++ {
			other, ownRef := h.r, h.ev.Actor
			if side == 1 {
				other, ownRef = h.a, h.ev.Recipient
			}
			if ownRef.Type != "country" {
				continue
			}
			code := countryOf(ownRef)
			target := -1
			for _, cj := range bySide[h.ev.Type+"\x00"+other] {
				d := clusters[cj]
				if cj == ci || len(d) == 0 || d[0].ev.Type != h.ev.Type {
					continue
				}
				g := d[0]
				var gOwn EntityRef
				switch {
				case g.a == other && (side == 1 || Symmetric(h.ev.Type)):
					gOwn = g.ev.Recipient
				case g.r == other && (side == 0 || Symmetric(h.ev.Type)):
					gOwn = g.ev.Actor
				default:
					continue
				}
				if gOwn.Type == "country" || countryOf(gOwn) != code {
					continue
				}
				ok := true
				for _, x := range c {
					if !compatibleAll(x, d) {
						ok = false
						break
					}
				}
				if !ok {
					continue
				}
				if target >= 0 {
					target = -2 // ambiguous
					break
				}
				target = cj
			}
			if target >= 0 {
				clusters[target] = append(clusters[target], c...)
				clusters[ci] = nil
				break
			}
		}
	}
	for ci := range clusters {
		sort.Slice(clusters[ci], func(i, j int) bool { return less(clusters[ci][i], clusters[ci][j]) })
	}
	return clusters
}

// mergedOf builds the merged event of a cluster; its first member is the representative.
func mergedOf(c []*mitem) Merged {
	rep := c[0].ev
	m := Merged{Event: rep}
	miss := 1.0
	langs := map[string]bool{}
	articles := map[string]bool{}
	for _, it := range c {
		e := &it.ev
		miss *= 1 - e.Confidence
		langs[e.Lang] = true
		articles[e.ArticleID] = true
		src := Source{ArticleID: e.ArticleID, EventID: e.ID, Lang: e.Lang, Date: e.Date, DateInferred: e.DateInferred,
			Published: e.Published, Trigger: e.Trigger, Confidence: e.Confidence}
		if len(e.Sentences) > 0 {
			s := e.Sentences[0]
			src.Sentence, src.Field, src.Start, src.End = s.Text, s.Field, s.Start, s.End
		}
		m.Sources = append(m.Sources, src)
		if e.Date != "" {
			if m.First == "" || e.Date < m.First {
				m.First = e.Date
			}
			if e.Date > m.Last {
				m.Last = e.Date
			}
		}
	}
	m.Event.Confidence = math.Round(math.Min(0.99, 1-miss)*1000) / 1000
	sort.SliceStable(m.Sources, func(i, j int) bool {
		a, b := m.Sources[i], m.Sources[j]
		if (a.Date == "") != (b.Date == "") {
			return a.Date != ""
		}
		if a.Date != b.Date {
			return a.Date < b.Date
		}
		if a.ArticleID != b.ArticleID {
			return a.ArticleID < b.ArticleID
		}
		return a.EventID < b.EventID
	})
	m.Why = why(c, len(articles), len(langs))
	h := sha256.New()
	a, r := rep.Actor.Key, rep.Recipient.Key
	if Symmetric(rep.Type) && r < a {
		a, r = r, a
	}
	anchor := rep.Date
	if anchor == "" {
		anchor = rep.ID
	}
	for _, s := range []string{rep.Type, a, r, anchor} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	m.ID = "mg-" + hex.EncodeToString(h.Sum(nil))[:16]
	return m
}

// why explains a merge.
func why(c []*mitem, articles, langs int) string {
	rep := &c[0].ev
	if len(c) == 1 {
		return fmt.Sprintf("one report (%s, %s)", rep.ArticleID, rep.Lang)
	}
	var parts []string
	parts = append(parts, fmt.Sprintf("%d reports in %d article(s) and %d language(s)", len(c), articles, langs))
	parts = append(parts, "same type "+rep.Type)
	order := "in this order"
	if Symmetric(rep.Type) {
		order = "in either order"
	}
	var subsumed []string
	for _, it := range c[1:] {
		if it.a != c[0].a && it.a != c[0].r || it.r != c[0].r && it.r != c[0].a {
			subsumed = append(subsumed, it.ev.Actor.Key+" / "+it.ev.Recipient.Key)
		}
	}
	parts = append(parts, fmt.Sprintf("same sides %s and %s (canonical ids, %s)", rep.Actor.Key, rep.Recipient.Key, order))
	if len(subsumed) > 0 {
		parts = append(parts, "country-level report(s) "+strings.Join(dedupe(subsumed), ", ")+" of the same side's country")
	}
	var dates []string
	undated := 0
	for _, it := range c {
		if it.ev.Date != "" {
			dates = append(dates, it.ev.Date)
		} else {
			undated++
		}
	}
	dates = dedupe(dates)
	sort.Strings(dates)
	w := window(c[0], c[0])
	for _, it := range c {
		if it.ev.Mode == ModeVisit {
			w = mergeWindowVisitDays
		}
	}
	switch {
	case len(dates) == 1:
		parts = append(parts, "same date "+dates[0])
	case len(dates) > 1:
		parts = append(parts, fmt.Sprintf("dates %s within %d day(s)", strings.Join(dates, ", "), w))
	}
	if undated > 0 {
		parts = append(parts, fmt.Sprintf("%d undated report(s) placed by publication date or article", undated))
	}
	var places []string
	for _, it := range c {
		if it.ev.Location != nil {
			places = append(places, it.ev.Location.Key)
		}
	}
	if places = dedupe(places); len(places) > 0 {
		parts = append(parts, "place "+strings.Join(places, " / "))
	}
	return strings.Join(parts, "; ")
}

func dedupe(s []string) []string {
	var out []string
	for _, x := range s {
		if !contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// NameSides names the actor and recipient of each merged event by their canonical entity:
// name(key) gives its Latin and Arabic names, ok false where it knows none. One report's
// misspelling of a name is then not the event's name for the entity; the surface stays in
// EntityRef.Text.
func NameSides(ms []Merged, name func(key string) (en, ar string, ok bool)) {
	for i := range ms {
		for _, r := range []*EntityRef{&ms[i].Event.Actor, &ms[i].Event.Recipient} {
			en, ar, ok := name(r.Key)
			if !ok || en == "" {
				continue
			}
			r.Name = en
			if ar != "" {
				r.NameAr = ar
			}
		}
	}
}

// Canonicalise replaces the entity keys of events (actor, recipient, place) with global ids:
// canonical(articleID, key) returns the id of key in that article, "" when it has none (the key
// stays). Use it before Merge when ids are known per article, as analyse.Resolve gives them.
func Canonicalise(evs []Event, canonical func(articleID, key string) string) {
	if canonical == nil {
		return
	}
	set := func(article string, r *EntityRef) {
		if id := canonical(article, r.Key); id != "" {
			r.Key = id
		}
	}
	for i := range evs {
		e := &evs[i]
		set(e.ArticleID, &e.Actor)
		set(e.ArticleID, &e.Recipient)
		if e.Location != nil {
			l := *e.Location
			set(e.ArticleID, &l)
			e.Location = &l
		}
	}
}
