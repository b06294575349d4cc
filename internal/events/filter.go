package events

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"storyline/internal/analyse/gazetteer"
)

// Filter selects merged events. Zero fields do not filter.
type Filter struct {
	// Actor is an entity that takes part in the event, on either side: a canonical id or key
	// ("person:sergei-lavrov", "country:JOR"), a name or part of one ("Lavrov", "لافروف"), or a
	// country ("Jordan", "JOR", "الأردن"), which also matches the people and bodies of that
	// country.
	Actor string
	// With is the other side, matched like Actor; it needs Actor.
	With string
	// Type is a PLOVER type (any case).
	Type string
	// Since and Until bound the event date (YYYY-MM-DD, inclusive); an undated event is placed by
	// its publication dates, and left out when it has none.
	Since, Until string
	// Lang keeps events reported in this language.
	Lang string
}

// Validate reports a malformed filter.
func (f Filter) Validate() error {
	for _, d := range []struct{ name, v string }{{"since", f.Since}, {"until", f.Until}} {
		if d.v == "" {
			continue
		}
		if _, err := time.Parse("2006-01-02", d.v); err != nil {
			return fmt.Errorf("%s %q: want a date as YYYY-MM-DD", d.name, d.v)
		}
	}
	if f.Type != "" && !IsType(strings.ToUpper(f.Type)) {
		return fmt.Errorf("type %q: want one of %s", f.Type, strings.Join(Types, ", "))
	}
	if f.With != "" && f.Actor == "" {
		return fmt.Errorf("with %q needs an actor", f.With)
	}
	return nil
}

// Matcher applies a Filter. Build it once with NewMatcher and reuse it.
type Matcher struct {
	f                 Filter
	actor, with       query
	hasActor, hasWith bool
}

// query is a parsed entity query.
type query struct {
	raw       string
	folded    string
	words     []string
	countries []string
}

func parseQuery(g *gazetteer.Gazetteer, q string) query {
	q = strings.TrimSpace(q)
	p := query{raw: q, folded: foldAny(q), words: strings.Fields(foldAny(strings.NewReplacer("-", " ", "_", " ").Replace(q)))}
	if len(q) == 3 && strings.ToUpper(q) == q {
		p.countries = append(p.countries, q)
	}
	if c, ok := strings.CutPrefix(q, "country:"); ok {
		p.countries = append(p.countries, c)
	}
	if g != nil {
		for _, e := range g.Lookup(q) {
			if e.Type == "country" && e.Country != "" && !contains(p.countries, e.Country) {
				p.countries = append(p.countries, e.Country)
			}
		}
	}
	return p
}

// NewMatcher returns a matcher for f, looking country names up in g (nil: gazetteer.Default()).
func NewMatcher(f Filter, g *gazetteer.Gazetteer) *Matcher {
	if g == nil {
		g = gazetteer.Default()
	}
	m := &Matcher{f: f}
	if f.Actor != "" {
		m.actor, m.hasActor = parseQuery(g, f.Actor), true
	}
	if f.With != "" {
		m.with, m.hasWith = parseQuery(g, f.With), true
	}
	return m
}

// keyWords turns an entity key into words (person:sergey-lavrov → person sergey lavrov). A
// Replacer is immutable and safe for concurrent use; building one per call cost a matcher more
// than matching.
var keyWords = strings.NewReplacer("-", " ", ":", " ")

// matchSide reports whether an event side answers a query.
func (q *query) matchSide(r EntityRef) bool {
	if q.raw == "" {
		return true
	}
	if strings.EqualFold(r.Key, q.raw) {
		return true
	}
	for _, c := range q.countries {
		if countryOf(r) == c {
			return true
		}
	}
	if len(q.words) == 0 {
		return false
	}
	for _, name := range []string{r.Name, r.NameAr, r.Text, keyWords.Replace(r.Key)} {
		if name == "" {
			continue
		}
		have := strings.Fields(foldAny(strings.ReplaceAll(name, "-", " ")))
		all := true
		for _, w := range q.words {
			found := false
			for _, h := range have {
				if h == w || len([]rune(w)) >= 4 && strings.HasSuffix(h, w) {
					found = true
					break
				}
			}
			if !found {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}

// Match reports whether a merged event passes the filter.
func (m *Matcher) Match(ev Merged) bool {
	e := &ev.Event
	if m.f.Type != "" && !strings.EqualFold(e.Type, m.f.Type) {
		return false
	}
	if m.f.Lang != "" {
		ok := false
		for _, s := range ev.Sources {
			if s.Lang == m.f.Lang {
				ok = true
			}
		}
		if !ok && e.Lang != m.f.Lang {
			return false
		}
	}
	if m.f.Since != "" || m.f.Until != "" {
		lo, hi := eventSpan(&ev)
		if lo == "" {
			return false
		}
		if m.f.Since != "" && hi < m.f.Since || m.f.Until != "" && lo > m.f.Until {
			return false
		}
	}
	if m.hasActor {
		a, r := m.actor.matchSide(e.Actor), m.actor.matchSide(e.Recipient)
		if !a && !r {
			return false
		}
		if m.hasWith {
			return a && m.with.matchSide(e.Recipient) || r && m.with.matchSide(e.Actor)
		}
	}
	return true
}

// eventSpan is the first and last day a merged event may date from: its dates, else its
// sources' publication dates; "" when unknown. Month and year dates span their whole period.
func eventSpan(m *Merged) (lo, hi string) {
	first, last := m.First, m.Last
	if first == "" {
		for _, s := range m.Sources {
			if s.Published == "" {
				continue
			}
			if first == "" || s.Published < first {
				first = s.Published
			}
			if s.Published > last {
				last = s.Published
			}
		}
	}
	if first == "" {
		return "", ""
	}
	lo = first
	switch len(last) {
	case 4:
		last += "-12-31"
	case 7:
		last += "-31"
	}
	return lo, last
}

// Timeline sorts merged events chronologically: by date (a month or year before the days in
// it), undated events last in the order of their publication dates and then ids.
func Timeline(ms []Merged) {
	sort.SliceStable(ms, func(i, j int) bool { return timelineLess(&ms[i], &ms[j]) })
}

func timelineLess(a, b *Merged) bool {
	da, db := a.Event.Date, b.Event.Date
	if (da == "") != (db == "") {
		return da != ""
	}
	if da != db {
		return da < db
	}
	if da == "" {
		pa, pb := firstPublished(a), firstPublished(b)
		if (pa == "") != (pb == "") {
			return pa != ""
		}
		if pa != pb {
			return pa < pb
		}
	}
	return a.ID < b.ID
}

func firstPublished(m *Merged) string {
	p := ""
	for _, s := range m.Sources {
		if s.Published != "" && (p == "" || s.Published < p) {
			p = s.Published
		}
	}
	return p
}
