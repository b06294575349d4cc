package link

import (
	"math"
	"sort"
	"time"
)

// Scores are the similarity of two articles on the SemEval-2022 Task 8 scale: 1 very similar, 2
// somewhat similar, 3 somewhat dissimilar, 4 very dissimilar; for geography, entities, time,
// narrative and overall. SameEvent is how likely the two report the same happening, 0..1.
type Scores struct {
	Geography float64  `json:"geography"`
	Entities  float64  `json:"entities"`
	Time      float64  `json:"time"`
	Narrative float64  `json:"narrative"`
	Overall   float64  `json:"overall"`
	SameEvent float64  `json:"same_event"`
	Evidence  Evidence `json:"evidence"`
}

// Evidence says why two articles scored as they did: what they share and what differs.
type Evidence struct {
	// SharedEntities and SharedPlaces are entities and places both mention, strongest first.
	SharedEntities []Shared `json:"shared_entities,omitempty"`
	SharedPlaces   []Shared `json:"shared_places,omitempty"`
	// SharedDates are dates (YYYY-MM-DD or YYYY-MM) that both mention or publish on, or that lie
	// within two days of each other ("2020-05-03~2020-05-04").
	SharedDates []string `json:"shared_dates,omitempty"`
	// SharedConcepts and SharedTopics are language-independent keys both carry, strongest first.
	SharedConcepts []string `json:"shared_concepts,omitempty"`
	SharedTopics   []string `json:"shared_topics,omitempty"`
	// SharedTerms are words both use (same language only), strongest first.
	SharedTerms []string `json:"shared_terms,omitempty"`
	// OnlyA and OnlyB are the strongest entities, places and dates that one has and the other lacks.
	OnlyA Distinct `json:"only_a"`
	OnlyB Distinct `json:"only_b"`
	// DaysApart is the distance between the publication dates, -1 when either is unknown.
	DaysApart int `json:"days_apart"`
	// SameLanguage tells whether lexical evidence (terms, shingles) was comparable.
	SameLanguage bool `json:"same_language"`
	// ShingleJaccard is the estimated Jaccard similarity of the word shingles (same language).
	ShingleJaccard float64 `json:"shingle_jaccard"`
	// Components are the raw similarities (0..1) that the scores are made of, by name.
	Components map[string]float64 `json:"components"`
	// Missing names the dimensions that one of the articles gives no evidence for (they do not
	// enter the overall score).
	Missing []string `json:"missing,omitempty"`
}

// Shared is one entity or place two articles share, with its weight in each.
type Shared struct {
	ID      string  `json:"id"`
	Name    string  `json:"name,omitempty"`
	WeightA float32 `json:"weight_a"`
	WeightB float32 `json:"weight_b"`
}

// Distinct lists what one article has and the other lacks.
type Distinct struct {
	Entities []string `json:"entities,omitempty"`
	Places   []string `json:"places,omitempty"`
	Dates    []string `json:"dates,omitempty"`
}

// maxEvidence bounds every evidence list.
const maxEvidence = 8

// parts are the raw similarities of two compact docs.
type parts struct {
	ent, place, conc, topic, term, shingle float64
	hasEnt, hasPlace, hasConc, hasTopic    bool
	name                                   float64
	hasTerm, hasName                       bool
	time                                   float64
	hasTime                                bool
	sameLang, identical                    bool
	actors                                 int
	apart                                  int32
	hasApart                               bool
}

func measure(a, b *cdoc) parts {
	var p parts
	p.sameLang = langBase(a.lang) == langBase(b.lang)
	p.identical = a.fp != 0 && a.fp == b.fp
	p.ent, p.hasEnt = cosine(a, b, famEnt)
	p.place, p.hasPlace = cosine(a, b, famPlace)
	p.conc, p.hasConc = cosine(a, b, famConc)
	p.topic, p.hasTopic = cosine(a, b, famTopic)
	if p.sameLang {
		p.term, p.hasTerm = cosine(a, b, famTerm)
		p.name, p.hasName = cosine(a, b, famName)
		p.shingle = MinHashJaccard(a.mh, b.mh)
	}
	p.time, p.hasTime = timeSim(a, b)
	p.apart, p.hasApart = daysApart(a, b)
	if p.hasEnt {
		p.actors = sharedActors(a, b)
	}
	return p
}

// narrative combines the lexical and conceptual similarities: concepts and topics in any
// language, words and shingles within one.
func (p parts) narrative() (float64, bool) {
	var sum, wsum float64
	add := func(s, w float64, ok bool) {
		if ok {
			sum += s * w
			wsum += w
		}
	}
	conc := p.conc
	if !p.sameLang {
		// Concept keys reached through a bilingual dictionary overlap less than the words of one
		// language do for the same content; scale them so that both read alike.
		conc = min(1, conc*crossLingualConcepts)
	}
	add(conc, 0.45, p.hasConc)
	add(p.topic, 0.2, p.hasTopic)
	add(p.term, 0.45, p.hasTerm)
	if wsum == 0 {
		return 0, false
	}
	s := sum / wsum
	// A near-copy tells the same story whatever its concepts say.
	s = max(s, p.shingle)
	return s, true
}

// crossLingualConcepts scales the concept similarity of two articles in different languages.
const crossLingualConcepts = 1.6

// actorsSim combines the canonical entities with the names written in the text (same language).
func (p parts) actorsSim() (float64, bool) {
	switch {
	case p.hasEnt && p.hasName:
		// Within a language the names as written are the better evidence: they include the
		// people and places the analysis missed.
		return 0.1*p.ent + 0.9*p.name, true
	case p.hasName:
		return p.name, true
	}
	return p.ent, p.hasEnt
}

// weights of the dimensions in the overall similarity.
const (
	wEnt = 0.35
	wNar = 0.45
	wGeo = 0.20
	// wTime is the share of the overall similarity that time can take away.
	wTime = 0.25
	// unknownTime stands for the time similarity when either article has no date.
	unknownTime = 0.6
)

// overall combines the dimensions the two articles both give evidence for: the content
// (entities, narrative, geography), tempered by time, which alone makes no two articles similar.
func (p parts) overall() float64 {
	if p.identical {
		return 1
	}
	var sum, wsum float64
	add := func(s, w float64, ok bool) {
		if ok {
			sum += s * w
			wsum += w
		}
	}
	nar, okNar := p.narrative()
	add(p.ent, wEnt, p.hasEnt)
	add(nar, wNar, okNar)
	add(p.place, wGeo, p.hasPlace)
	if wsum == 0 {
		return 0
	}
	content := sum / wsum
	t := unknownTime
	if p.hasTime {
		t = p.time
	}
	return content * (1 - wTime + wTime*t)
}

// sameEvent is how likely the two articles report the same happening, 0..1: who is involved
// (names within a language, canonical entities across), what is told (narrative) and, across
// languages, where; held back when their dates are too far apart for one event. The weights were
// chosen on the development half of ECB+ (see docs/linking.md).
func (p parts) sameEvent() float64 {
	if p.identical {
		return 1
	}
	var sum, wsum float64
	add := func(s, w float64, ok bool) {
		if ok {
			sum += s * w
			wsum += w
		}
	}
	nar, okNar := p.narrative()
	act, okAct := p.actorsSim()
	add(act, 0.5, okAct)
	if !p.sameLang {
		add(p.place, 0.15, p.hasPlace)
	}
	add(nar, 0.5, okNar)
	if wsum == 0 {
		return 0
	}
	s := sum / wsum
	switch {
	case p.hasApart:
		s *= eventTimeFactor(p.apart)
	case p.hasTime:
		// No two publication dates: the dates the articles mention say whether they tell of the
		// same days. A mentioned date weighs mentionedDateWeight, so 0.6 is already a match.
		s *= 0.5 + 0.5*min(1, p.time/0.6)
	}
	return min(max(s, 0), 1)
}

// eventTimeFactor discounts a same-event score by the days between publications: reports of one
// happening come within days of each other.
func eventTimeFactor(apart int32) float64 {
	switch {
	case apart <= 3:
		return 1
	case apart <= 14:
		return 1 - 0.4*float64(apart-3)/11
	default:
		return 0.6 / (1 + float64(apart-14)/14)
	}
}

// toScale maps a similarity 0..1 to the 1..4 scale (1 very similar).
func toScale(s float64) float64 {
	s = min(max(s, 0), 1)
	v := 4 - 3*math.Sqrt(s)
	return math.Round(v*1000) / 1000
}

// Similarity scores two articles on the SemEval-2022 Task 8 dimensions, with the evidence. It is
// symmetric; an article against itself scores 1 overall and two articles with nothing in common
// score 4. Across languages it compares canonical entities, places, concepts, topics and dates;
// within a language it adds words and shingles.
func Similarity(a, b Doc) Scores {
	ca, cb := compact(&a), compact(&b)
	return scores(&a, &b, &ca, &cb)
}

func scores(a, b *Doc, ca, cb *cdoc) Scores {
	p := measure(ca, cb)
	if a.ID != "" && a.ID == b.ID {
		p.identical = true
	}
	nar, okNar := p.narrative()
	s := Scores{
		Geography: toScale(p.place),
		Entities:  toScale(p.ent),
		Time:      toScale(p.time),
		Narrative: toScale(nar),
		Overall:   toScale(p.overall()),
		SameEvent: math.Round(p.sameEvent()*1000) / 1000,
	}
	if p.identical {
		s.Geography, s.Entities, s.Time, s.Narrative, s.Overall = 1, 1, 1, 1, 1
	}
	ev := evidence(a, b, p)
	if !p.identical {
		if !p.hasPlace {
			ev.Missing = append(ev.Missing, "geography")
		}
		if !p.hasEnt {
			ev.Missing = append(ev.Missing, "entities")
		}
		if !p.hasTime {
			ev.Missing = append(ev.Missing, "time")
		}
		if !okNar {
			ev.Missing = append(ev.Missing, "narrative")
		}
	}
	s.Evidence = ev
	return s
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

func evidence(a, b *Doc, p parts) Evidence {
	ev := Evidence{DaysApart: -1, SameLanguage: p.sameLang, ShingleJaccard: round3(p.shingle)}
	if p.hasApart {
		ev.DaysApart = int(p.apart)
	}
	nar, _ := p.narrative()
	ev.Components = map[string]float64{
		"entities": round3(p.ent), "places": round3(p.place), "concepts": round3(p.conc),
		"topics": round3(p.topic), "terms": round3(p.term), "names": round3(p.name), "shingles": round3(p.shingle),
		"time": round3(p.time), "narrative": round3(nar), "overall": round3(p.overall()),
		"same_event": round3(p.sameEvent()),
	}
	// Entities: shared ones (places apart), and the strongest each has alone.
	ai, bi := 0, 0
	var onlyA, onlyB []Entity
	for ai < len(a.Entities) || bi < len(b.Entities) {
		switch {
		case bi == len(b.Entities) || ai < len(a.Entities) && a.Entities[ai].ID < b.Entities[bi].ID:
			onlyA = append(onlyA, a.Entities[ai])
			ai++
		case ai == len(a.Entities) || b.Entities[bi].ID < a.Entities[ai].ID:
			onlyB = append(onlyB, b.Entities[bi])
			bi++
		default:
			ea, eb := a.Entities[ai], b.Entities[bi]
			name := ea.Name
			if name == "" {
				name = eb.Name
			}
			sh := Shared{ID: ea.ID, Name: name, WeightA: ea.Weight, WeightB: eb.Weight}
			if isPlace(ea.Type) {
				ev.SharedPlaces = append(ev.SharedPlaces, sh)
			} else {
				ev.SharedEntities = append(ev.SharedEntities, sh)
			}
			ai++
			bi++
		}
	}
	byShared := func(s []Shared) []Shared {
		sort.SliceStable(s, func(i, j int) bool { return s[i].WeightA*s[i].WeightB > s[j].WeightA*s[j].WeightB })
		return capList(s)
	}
	ev.SharedEntities = byShared(ev.SharedEntities)
	// Places: the countries of shared cities count too.
	seen := map[string]bool{}
	for _, sp := range ev.SharedPlaces {
		seen[sp.ID] = true
	}
	for _, k := range sharedWeighted(a.Places, b.Places) {
		if !seen[k.ID] {
			ev.SharedPlaces = append(ev.SharedPlaces, k)
		}
	}
	ev.SharedPlaces = byShared(ev.SharedPlaces)
	ev.OnlyA.Entities, ev.OnlyA.Places = distinctEntities(onlyA)
	ev.OnlyB.Entities, ev.OnlyB.Places = distinctEntities(onlyB)

	ev.SharedConcepts = keysOf(sharedWeighted(a.Concepts, b.Concepts))
	ev.SharedTopics = keysOf(sharedWeighted(a.Topics, b.Topics))
	if p.sameLang {
		ev.SharedTerms = keysOf(sharedWeighted(a.Terms, b.Terms))
		for i, t := range ev.SharedTerms {
			ev.SharedTerms[i] = trimLang(t)
		}
	}
	ev.SharedDates, ev.OnlyA.Dates, ev.OnlyB.Dates = compareDates(a, b)
	return ev
}

func capList[T any](s []T) []T {
	if len(s) > maxEvidence {
		return s[:maxEvidence]
	}
	return s
}

// sharedWeighted returns the keys in both sorted lists, strongest (product of weights) first.
func sharedWeighted(a, b []Weighted) []Shared {
	var out []Shared
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].Key < b[j].Key:
			i++
		case a[i].Key > b[j].Key:
			j++
		default:
			out = append(out, Shared{ID: a[i].Key, WeightA: a[i].Weight, WeightB: b[j].Weight})
			i++
			j++
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].WeightA*out[i].WeightB > out[j].WeightA*out[j].WeightB })
	return out
}

func keysOf(s []Shared) []string {
	s = capList(s)
	if len(s) == 0 {
		return nil
	}
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = x.ID
	}
	return out
}

func trimLang(t string) string {
	for i := 0; i < len(t); i++ {
		if t[i] == ':' {
			return t[i+1:]
		}
	}
	return t
}

// distinctEntities splits entities one article has alone into non-places and places, strongest
// first, each list capped.
func distinctEntities(es []Entity) (ents, places []string) {
	sort.SliceStable(es, func(i, j int) bool { return es[i].Weight > es[j].Weight })
	for _, e := range es {
		label := e.ID
		if e.Name != "" {
			label = e.Name + " (" + e.ID + ")"
		}
		if isPlace(e.Type) {
			if len(places) < maxEvidence {
				places = append(places, label)
			}
		} else if len(ents) < maxEvidence {
			ents = append(ents, label)
		}
	}
	return ents, places
}

// compareDates lists the dates two articles share (equal, or within two days) and those each has
// alone; publication dates count.
func compareDates(a, b *Doc) (shared, onlyA, onlyB []string) {
	list := func(d *Doc) []string {
		var out []string
		if d.Published != "" {
			out = append(out, d.Published)
		}
		for _, x := range d.Dates {
			if x.Key != d.Published {
				out = append(out, x.Key)
			}
		}
		return out
	}
	la, lb := list(a), list(b)
	usedB := map[string]bool{}
	for _, x := range la {
		dx, okx := dayNumber(x)
		match := ""
		for _, y := range lb {
			if x == y {
				match = y
				break
			}
			if dy, oky := dayNumber(y); okx && oky && len(x) == 10 && len(y) == 10 && absDiff(dx, dy) <= 2 {
				match = y
			}
		}
		switch {
		case match == x:
			shared = append(shared, x)
			usedB[match] = true
		case match != "":
			lo, hi := x, match
			if hi < lo {
				lo, hi = hi, lo
			}
			shared = append(shared, lo+"~"+hi)
			usedB[match] = true
		default:
			onlyA = append(onlyA, x)
		}
	}
	for _, y := range lb {
		if !usedB[y] {
			onlyB = append(onlyB, y)
		}
	}
	sort.Strings(shared)
	shared = dedupe(shared)
	return capList(shared), capList(onlyA), capList(onlyB)
}

func dedupe(s []string) []string {
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

func absDiff(a, b int32) int32 {
	if a > b {
		return a - b
	}
	return b - a
}

// dayString formats a day number as YYYY-MM-DD.
func dayString(n int32) string {
	return time.Unix(int64(n)*86400, 0).UTC().Format("2006-01-02")
}
