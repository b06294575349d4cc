package link

import (
	"math"
	"slices"
	"strings"
	"time"
	"unicode"

	"storyline/internal/analyse"
	"storyline/internal/analyse/dates"
	"storyline/internal/analyse/gazetteer"
)

// Happening is one interaction an article reports, as the events stage read it: what kind, who
// with whom, when and where. It is plain data, so that linking needs no import of the events
// stage (which comes after it in the pipeline); the pipeline fills it from the events records.
type Happening struct {
	// Type is the PLOVER type ("CONSULT", "AGREE", ...) and Mode its refinement ("phone",
	// "visit", "meeting", "multilateral", ...).
	Type string `json:"type"`
	Mode string `json:"mode,omitempty"`
	// Symmetric is set when actor and recipient may be swapped (a consultation has no direction).
	Symmetric bool `json:"symmetric,omitempty"`
	// Actor and Recipient are entity keys; NewDoc replaces them with their canonical ids.
	// ActorCountry and RecipientCountry are their countries (ISO 3166-1 alpha-3), when known.
	Actor            string `json:"actor"`
	Recipient        string `json:"recipient"`
	ActorCountry     string `json:"actor_country,omitempty"`
	RecipientCountry string `json:"recipient_country,omitempty"`
	// Date is YYYY-MM-DD, YYYY-MM or YYYY; "" when the text does not fix it.
	Date string `json:"date,omitempty"`
	// Location is the place key ("city:amman") and LocationCountry its country, when known.
	Location        string `json:"location,omitempty"`
	LocationCountry string `json:"location_country,omitempty"`
	// Sentence is the first supporting sentence (an index into the analysis's sentences).
	Sentence int `json:"sentence"`
	// Confidence is the events stage's confidence, 0..1.
	Confidence float32 `json:"confidence"`
}

// Caps on the new features of a Doc.
const (
	maxLead       = 6
	maxNumbers    = 16
	maxHappenings = 6
	// leadSentences is the number of body sentences after the title that make an article's lead:
	// the dates written there are those of the happening it reports.
	leadSentences = 3
)

// leadEnd returns the index of the last sentence of the article's lead: every title sentence and
// the first leadSentences of the body; -1 when the analysis has no sentences.
func leadEnd(an analyse.Analysis) int {
	last := -1
	body := 0
	for i, s := range an.Sentences {
		if s.Field == "title" {
			last = i
			continue
		}
		body++
		if body > leadSentences {
			break
		}
		last = i
	}
	return last
}

// leadFeatures keeps the resolved dates (day, month or year) of the article's lead: its title
// and first body sentences, weighted by how surely they were resolved.
func leadFeatures(an analyse.Analysis) []Weighted {
	last := leadEnd(an)
	if last < 0 {
		return nil
	}
	m := map[string]float32{}
	for _, d := range an.Dates {
		if d.Sentence < 0 || d.Sentence > last || d.Value == "" {
			continue
		}
		if !validDate(d.Value) && !validMonth(d.Value) && !validYear(d.Value) {
			continue
		}
		c := float32(d.Confidence)
		if !(c > 0) || c > 1 {
			continue
		}
		m[d.Value] = max(m[d.Value], c)
	}
	return topWeighted(m, maxLead)
}

// weekdayRefs are two publication dates on different weekdays: an expression that resolves to
// the same weekday against both names that weekday ("on Monday", الاثنين الماضي), whereas a
// relative day ("yesterday") follows the reference.
var weekdayRefs = [2]dates.Ref{{Published: "2024-01-07"}, {Published: "2024-01-10"}}

// leadWeekdays returns the ISO weekdays (1 Monday … 7 Sunday) named in the article's lead by
// expressions the analysis could not fix to a date (a weekday in an article with no publication
// date), sorted.
func leadWeekdays(an analyse.Analysis, lang string) []int {
	last := leadEnd(an)
	var mask uint8
	for _, d := range an.Dates {
		if d.Sentence < 0 || d.Sentence > last || d.Value != "" || d.Text == "" {
			continue
		}
		wd := 0
		for k, ref := range weekdayRefs {
			es := dates.Find(d.Text, lang, ref)
			if len(es) != 1 || es[0].Granularity != "day" {
				wd = 0
				break
			}
			n, ok := dayNumber(es[0].Value)
			if !ok || k == 1 && isoWeekday(n) != wd {
				wd = 0
				break
			}
			wd = isoWeekday(n)
		}
		if wd > 0 {
			mask |= 1 << uint(wd)
		}
	}
	return weekdayList(mask)
}

// isoWeekday is the ISO weekday (1 Monday … 7 Sunday) of a day number (days since 1970-01-01,
// a Thursday).
func isoWeekday(n int32) int {
	return int(((n%7)+7+3)%7) + 1
}

// weekdayList lists the weekdays of a mask (bit k for weekday k).
func weekdayList(mask uint8) []int {
	var out []int
	for k := 1; k <= 7; k++ {
		if mask&(1<<uint(k)) != 0 {
			out = append(out, k)
		}
	}
	return out
}

// numberFeatures returns the specific numbers an article writes — scores, tolls, sums,
// magnitudes — in any script (Eastern Arabic digits are folded), not years, nor one-digit numbers:
// reports of one happening repeat its numbers in every language.
func numberFeatures(title, body string) []Weighted {
	m := map[string]float32{}
	for _, s := range []string{title, dropURLLines(body)} {
		rs := []rune(s)
		for i := 0; i < len(rs); {
			if digit(rs[i]) < 0 || (i > 0 && unicode.IsLetter(rs[i-1]) && !isArabicLetter(rs[i-1])) ||
				(i > 1 && rs[i-1] == '-' && unicode.IsLetter(rs[i-2]) && !isArabicLetter(rs[i-2])) {
				i++
				continue
			}
			// A number: digits with single separators between them.
			var b strings.Builder
			j := i
			digits := 0
			for j < len(rs) {
				if d := digit(rs[j]); d >= 0 {
					b.WriteRune('0' + rune(d))
					digits++
					j++
					continue
				}
				if j+1 < len(rs) && digit(rs[j+1]) >= 0 && strings.ContainsRune(".,:-/\u066b\u066c", rs[j]) {
					switch rs[j] {
					case ',', '\u066c': // thousands separator
					case '\u066b':
						b.WriteByte('.')
					default:
						b.WriteRune(rs[j])
					}
					j++
					continue
				}
				break
			}
			end := j
			i = j
			// Glued to letters (a model name, "IE8") it is part of a word, not a number.
			if end < len(rs) && unicode.IsLetter(rs[end]) && !isArabicLetter(rs[end]) {
				continue
			}
			n := b.String()
			if digits < 2 || yearLike(n) || strings.Count(n, "0") == len(n) {
				continue
			}
			m["num:"+n]++
		}
	}
	for k, n := range m {
		m[k] = 1 + float32(math.Log(float64(n)))
	}
	return scaleTop(topWeighted(m, maxNumbers))
}

// digit returns the value of a decimal digit in any script, or -1.
func digit(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= 0x0660 && r <= 0x0669:
		return int(r - 0x0660)
	case r >= 0x06F0 && r <= 0x06F9:
		return int(r - 0x06F0)
	}
	return -1
}

func isArabicLetter(r rune) bool { return r >= 0x0600 && r <= 0x06FF && unicode.IsLetter(r) }

// yearLike reports whether a number is, or holds, a year (1900–2099): dates are compared as
// dates, not as numbers.
func yearLike(n string) bool {
	for _, part := range strings.FieldsFunc(n, func(r rune) bool { return r < '0' || r > '9' }) {
		if len(part) == 4 && (strings.HasPrefix(part, "19") || strings.HasPrefix(part, "20")) {
			return true
		}
	}
	return false
}

// validYear reports whether s is a YYYY year.
func validYear(s string) bool {
	if len(s) != 4 {
		return false
	}
	_, err := time.Parse("2006", s)
	return err == nil
}

// datelinePlace returns the gazetteer key and country of an article's dateline place ("AMMAN"
// → city:amman, JOR), or "" when there is none or it is no known place.
func datelinePlace(dateline string) (key, country string) {
	if strings.TrimSpace(dateline) == "" {
		return "", ""
	}
	for _, e := range gazetteer.Default().Lookup(dateline) {
		if isPlace(e.Type) {
			return e.ID, e.Country
		}
	}
	return "", ""
}

// happeningFeatures puts canonical ids on the happenings and keeps the most prominent (earliest
// supporting sentence, then the surest). An in-person interaction of the lead that names no place
// takes the dateline's: a report of a visit is dated from where it took place.
func happeningFeatures(hs []Happening, canonical map[string]string, an analyse.Analysis, dateline string) []Happening {
	var out []Happening
	dl, dlCountry := datelinePlace(dateline)
	lead := leadEnd(an)
	for _, h := range hs {
		if h.Type == "" || h.Actor == "" || h.Recipient == "" {
			continue
		}
		if c, ok := canonical[h.Actor]; ok && c != "" {
			h.Actor = c
		}
		if c, ok := canonical[h.Recipient]; ok && c != "" {
			h.Recipient = c
		}
		if h.Date != "" && !validDate(h.Date) && !validMonth(h.Date) && !validYear(h.Date) {
			h.Date = ""
		}
		if !(h.Confidence > 0) || h.Confidence > 1 {
			h.Confidence = 0.5
		}
		if h.Location == "" && dl != "" && h.Sentence <= lead && modeClass(h.Mode) == modeInPerson {
			h.Location, h.LocationCountry = dl, dlCountry
		}
		out = append(out, h)
	}
	slices.SortStableFunc(out, func(a, b Happening) int {
		if a.Sentence != b.Sentence {
			return a.Sentence - b.Sentence
		}
		switch {
		case a.Confidence > b.Confidence:
			return -1
		case a.Confidence < b.Confidence:
			return 1
		}
		return strings.Compare(a.Type+a.Actor+a.Recipient, b.Type+b.Actor+b.Recipient)
	})
	if len(out) > maxHappenings {
		out = out[:maxHappenings]
	}
	return out
}

// span is a stretch of days, [lo, hi], with a weight: a day, a month or a year.
type span struct {
	lo, hi int32
	w      float32
	day    bool // a single day
}

// spanOf returns the days of a YYYY-MM-DD, YYYY-MM or YYYY value.
func spanOf(v string, w float32) (span, bool) {
	switch len(v) {
	case 10:
		t, err := time.Parse("2006-01-02", v)
		if err != nil {
			return span{}, false
		}
		d := int32(t.Unix() / 86400)
		return span{d, d, w, true}, true
	case 7:
		t, err := time.Parse("2006-01", v)
		if err != nil {
			return span{}, false
		}
		lo := int32(t.Unix() / 86400)
		hi := int32(t.AddDate(0, 1, 0).Unix()/86400) - 1
		return span{lo, hi, w, false}, true
	case 4:
		t, err := time.Parse("2006", v)
		if err != nil {
			return span{}, false
		}
		lo := int32(t.Unix() / 86400)
		hi := int32(t.AddDate(1, 0, 0).Unix()/86400) - 1
		return span{lo, hi, w, false}, true
	}
	return span{}, false
}

// gap is the number of days between two spans (0 when they overlap).
func gap(a, b span) int32 {
	switch {
	case a.hi < b.lo:
		return b.lo - a.hi
	case b.hi < a.lo:
		return a.lo - b.hi
	}
	return 0
}

// Modes of interactions, as classes that exclude each other.
const (
	modeUnknown  uint8 = iota
	modeRemote         // a phone or video call, a letter
	modeInPerson       // a visit, a meeting, a summit
)

func modeClass(m string) uint8 {
	switch m {
	case "phone", "call", "video", "letter", "message":
		return modeRemote
	case "visit", "meeting", "multilateral", "summit":
		return modeInPerson
	}
	return modeUnknown
}

// chap is the compact form of a Happening.
type chap struct {
	typ        uint64
	a, r       uint64 // hashed canonical ids
	ac, rc     uint64 // hashed countries (0 unknown)
	aPerson    bool
	rPerson    bool
	sym        bool
	mode       uint8
	when       span
	hasWhen    bool
	loc, locC  uint64
	confidence float32
	sentence   int
}

func compactHappening(h Happening) chap {
	c := chap{typ: hash64(h.Type), a: hash64(h.Actor), r: hash64(h.Recipient), sym: h.Symmetric,
		mode: modeClass(h.Mode), confidence: h.Confidence, sentence: h.Sentence}
	c.aPerson = strings.HasPrefix(h.Actor, "person:")
	c.rPerson = strings.HasPrefix(h.Recipient, "person:")
	c.ac, c.rc = countryHash(h.Actor, h.ActorCountry), countryHash(h.Recipient, h.RecipientCountry)
	if h.Date != "" {
		c.when, c.hasWhen = spanOf(h.Date, 1)
	}
	if h.Location != "" {
		c.loc = hash64(h.Location)
		c.locC = countryHash(h.Location, h.LocationCountry)
	}
	return c
}

// countryHash is the hashed country of an entity: its own code for a country key, else the
// country given.
func countryHash(key, country string) uint64 {
	if c, ok := strings.CutPrefix(key, "country:"); ok {
		country = c
	}
	if country == "" {
		return 0
	}
	return hash64("country:" + country)
}

// sideMatch tells how two sides of interactions compare: 2 the same entity, 1 compatible (a
// person and their country, or the same country), 0 unknown, -1 different.
func sideMatch(x, xc uint64, xPerson bool, y, yc uint64, yPerson bool) int {
	switch {
	case x == y:
		return 2
	case xPerson && yPerson:
		// Two people: different when they are of different countries; of one country, they may
		// be one person under two spellings that resolution kept apart.
		if xc != 0 && yc != 0 && xc != yc {
			return -1
		}
		return 0
	case xc != 0 && xc == yc:
		return 1
	case xc != 0 && yc != 0:
		return -1
	}
	return 0
}

// happeningAgreement compares the main interactions two articles report — of each type, the one
// reported first and any reported in the sentence after it (a country-level "Egypt and Turkey
// discussed" and the ministers' call it goes on to tell); the others are mostly background: an
// earlier visit, the call before. Two interactions compare when they share a side (the same
// entity on one side, or compatible entities — a person and their country — on both): support
// (0..1) when they are the same kind between the same sides with nothing against them (place is
// 1 when they also name the same place); conflict (0..1) when they differ in mode (a call against
// a visit), place or the other side. Of one type, the pair that agrees best counts; across types,
// the strongest conflict, with its differences (how many of mode, place and counterpart differ,
// the place counting 0.8). Dates are left to timeAgreement, which weighs every time the articles
// give.
func happeningAgreement(a, b []chap) hapAgreement {
	var out hapAgreement
	// best holds, per type of a's main interactions (by its first index in a), the pair of that
	// type that agrees best.
	var best [maxHappenings]hapAgreement
	for k := range best {
		best[k].conflict = -1
	}
	for i := range a {
		if !isMain(a, i) {
			continue
		}
		t := firstIndex(a, i)
		for j := range b {
			h, g := &a[i], &b[j]
			if h.typ != g.typ || !isMain(b, j) {
				continue
			}
			m1 := sideMatch(h.a, h.ac, h.aPerson, g.a, g.ac, g.aPerson)
			m2 := sideMatch(h.r, h.rc, h.rPerson, g.r, g.rc, g.rPerson)
			if h.sym || g.sym {
				s1 := sideMatch(h.a, h.ac, h.aPerson, g.r, g.rc, g.rPerson)
				s2 := sideMatch(h.r, h.rc, h.rPerson, g.a, g.ac, g.aPerson)
				if min(s1, s2) > min(m1, m2) || (min(s1, s2) == min(m1, m2) && s1+s2 > m1+m2) {
					m1, m2 = s1, s2
				}
			}
			if max(m1, m2) < 2 && min(m1, m2) < 1 {
				continue // no side in common: two unrelated interactions
			}
			// Reasons against one interaction.
			var r hapAgreement
			if min(m1, m2) < 0 {
				r.side = true // another counterpart
				r.differences++
			}
			if h.mode != modeUnknown && g.mode != modeUnknown && h.mode != g.mode {
				r.mode = true
				r.differences++
			}
			if h.loc != 0 && g.loc != 0 && h.loc != g.loc && h.loc != g.locC && g.loc != h.locC {
				r.place = true
				r.differences += 0.8
			}
			switch {
			case r.side || r.mode:
				r.conflict = 1
			case r.place:
				r.conflict = 0.8
			}
			// As sure as the two readings: a planned visit read as made, a country for its
			// minister, are mistakes of the events stage a conflict should not hang on fully.
			r.conflict *= math.Sqrt(float64(h.confidence) * float64(g.confidence))
			if m1 < 2 && m2 < 2 {
				r.conflict /= 2 // only compatible sides (a person and their country)
			}
			if b := &best[t]; b.conflict < 0 || r.conflict < b.conflict ||
				r.conflict == b.conflict && r.differences < b.differences {
				*b = r
			}
			if r.conflict == 0 {
				s := 0.5
				if m1 == 2 && m2 == 2 {
					s = 0.7
				}
				if h.hasWhen && g.hasWhen && gap(h.when, g.when) <= 3 {
					s = 1 // the same interaction on the same days
				}
				out.support = max(out.support, s)
				if h.loc != 0 && g.loc != 0 && (h.loc == g.loc || h.loc == g.locC || g.loc == h.locC) {
					out.samePlace = 1
				}
			}
		}
	}
	for _, b := range best {
		if b.conflict > out.conflict || b.conflict == out.conflict && b.differences > out.differences {
			out.conflict, out.differences, out.side, out.mode, out.place = b.conflict, b.differences, b.side, b.mode, b.place
		}
	}
	return out
}

// firstIndex returns the index in hs of the first interaction of the type of hs[i].
func firstIndex(hs []chap, i int) int {
	for k := range i {
		if hs[k].typ == hs[i].typ {
			return k
		}
	}
	return i
}

// hapAgreement is how the main interactions of two articles compare (happeningAgreement).
type hapAgreement struct {
	support     float64 // the same kind between the same sides, nothing against it
	samePlace   float64 // such a pair names the same place
	conflict    float64 // they differ in mode, place or counterpart, as sure as the readings
	differences float64 // how many of mode, place (0.8) and counterpart differ
	// What differs, for the evidence.
	mode, place, side bool
}

// isMain reports whether hs[i] is a main interaction of its type: reported in the sentence of the
// first of that type or the one after (NewDoc sorts interactions by sentence).
func isMain(hs []chap, i int) bool {
	for k := range i {
		if hs[k].typ == hs[i].typ {
			return hs[i].sentence <= hs[k].sentence+1
		}
	}
	return true
}
