package events

import (
	"math"
	"sort"
	"strings"
	"time"

	"storyline/internal/analyse"
	"storyline/internal/analyse/lang/ar"
	"storyline/internal/analyse/lang/en"
)

// outcomeTypes are folded into a consultation between the same two sides.
var outcomeTypes = map[string]bool{Agree: true, Support: true, Cooperate: true, Aid: true}

// maxTopics bounds the topics of an event.
const maxTopics = 8

// group is one interaction of an article: the candidates that report it.
type group struct {
	typ      string
	cands    []int
	date     *analyse.Date
	dateIn   bool
	folded   []int // candidates of outcomes folded into this consultation
	dropped  bool
	actor    EntityRef
	rcpt     EntityRef
	mode     string
	location *EntityRef
	directed bool
}

// sidesKey is the collapse key of a candidate: its type and sides, unordered when the sides
// have no order.
func sidesKey(c *cand) string {
	a, r := c.actor.Key, c.rcpt.Key
	if (c.sym || Symmetric(c.typ)) && r < a {
		a, r = r, a
	}
	return c.typ + "\x00" + a + "\x00" + r
}

// datesCompatible reports whether a candidate dated d (read in its own sentence when in) may
// join a group dated g.
func datesCompatible(g *analyse.Date, gIn bool, d *analyse.Date, in bool) bool {
	if g == nil || d == nil || !gIn || !in {
		return true
	}
	return g.Value == "" || d.Value == "" || g.Value == d.Value ||
		strings.HasPrefix(g.Value, d.Value) || strings.HasPrefix(d.Value, g.Value)
}

// finish turns the candidates into events.
func (st *state) finish() []Event {
	// A mention without a date of its own happens when the interaction reported before it did
	// ("He was received by Assad" after "arrived in Damascus on Tuesday"), else at the nearest
	// date expression before it.
	var context *analyse.Date
	for i := range st.cands {
		c := &st.cands[i]
		st.dateOf(c, context)
		if c.date != nil && !c.planned {
			context = c.date
		}
	}
	st.completeFromContext()
	st.namedTargets()
	var groups []*group
	byKey := map[string][]*group{}
	var partials []int
	for ci := range st.cands {
		c := &st.cands[ci]
		if c.partial {
			partials = append(partials, ci)
			continue
		}
		k := sidesKey(c)
		var g *group
		for _, cand := range byKey[k] {
			if datesCompatible(cand.date, cand.dateIn, c.date, c.dateInSentence) {
				g = cand
				break
			}
		}
		if g == nil {
			g = &group{typ: c.typ}
			groups = append(groups, g)
			byKey[k] = append(byKey[k], g)
		}
		// The date: the first candidate's, read in its sentence or inherited from before it;
		// a later candidate's only when read in its own sentence.
		if len(g.cands) == 0 {
			g.date, g.dateIn = c.date, c.dateInSentence
		} else if c.date != nil && c.dateInSentence && (g.date == nil || !g.dateIn) {
			g.date, g.dateIn = c.date, true
		}
		g.cands = append(g.cands, ci)
	}
	// A trigger with one side known adds evidence to the interaction of that side.
	for _, ci := range partials {
		c := &st.cands[ci]
		known := c.actor
		if known.IsZero() {
			known = c.rcpt
		}
		for gi := len(groups) - 1; gi >= 0; gi-- {
			g := groups[gi]
			if g.typ != c.typ {
				continue
			}
			f := &st.cands[g.cands[0]]
			if sameEntity(f.actor, known) || sameEntity(f.rcpt, known) {
				g.cands = append(g.cands, ci)
				break
			}
		}
	}
	for _, g := range groups {
		sort.Ints(g.cands)
		st.settle(g)
	}
	st.foldOutcomes(groups)
	st.inferVisits(groups)
	anchor, hasAnchor := st.anchor()
	var out []Event
	for _, g := range groups {
		if g.dropped {
			continue
		}
		ev, ok := st.event(g)
		if !ok {
			continue
		}
		if hasAnchor && !st.x.keepBackground && ev.Date != "" {
			if _, hi, ok := dateRange(ev.Date); ok && hi < anchor-st.x.backgroundDays {
				continue
			}
		}
		out = append(out, ev)
	}
	sort.SliceStable(out, func(a, b int) bool {
		sa, sb := out[a].Sentences[0], out[b].Sentences[0]
		if sa.Field != sb.Field {
			return sa.Field == analyse.FieldTitle
		}
		return sa.Start < sb.Start
	})
	return out
}

// settle decides the group's sides, mode and place from its candidates; a group that only
// reports plans is dropped.
func (st *state) settle(g *group) {
	realised := false
	for _, ci := range g.cands {
		c := &st.cands[ci]
		if !c.planned && !c.partial {
			realised = true
		}
	}
	if !realised {
		g.dropped = true
		return
	}
	var first *cand
	for _, ci := range g.cands {
		c := &st.cands[ci]
		if c.partial || c.planned {
			continue
		}
		if first == nil || c.directed && !first.directed {
			first = c
		}
		if first.directed {
			break
		}
	}
	g.actor, g.rcpt, g.directed = first.actor, first.rcpt, first.directed
	// prefer explicit mentions to anaphors for the references' texts
	for _, ci := range g.cands {
		c := &st.cands[ci]
		if c.partial {
			continue
		}
		if !c.aSynth && sameEntity(c.actor, g.actor) && g.actor.Text == "" {
			g.actor = c.actor
		}
		if !c.rSynth && sameEntity(c.rcpt, g.rcpt) && g.rcpt.Text == "" {
			g.rcpt = c.rcpt
		}
	}
	var modes []string
	for _, ci := range g.cands {
		c := &st.cands[ci]
		if c.mode != "" && !contains(modes, c.mode) {
			modes = append(modes, c.mode)
		}
		if g.location == nil && c.location != nil {
			g.location = c.location
		}
	}
	if g.typ == Consult {
		g.mode = bestMode(modes)
	} else if len(modes) > 0 {
		g.mode = modes[0]
	}
}

// sideMatch reports whether a side of an outcome is a side of a consultation: the same entity,
// or a country and someone or something of that country.
func sideMatch(x, y EntityRef) bool {
	if sameEntity(x, y) {
		return true
	}
	cx, cy := countryOf(x), countryOf(y)
	return cx != "" && cx == cy && (x.Type == analyse.TypeCountry || y.Type == analyse.TypeCountry)
}

// foldOutcomes moves agreements, support, cooperation and aid between the two sides of a
// consultation into it.
func (st *state) foldOutcomes(groups []*group) {
	for _, c := range groups {
		if c.dropped || c.typ != Consult {
			continue
		}
		for _, o := range groups {
			if o.dropped || !outcomeTypes[o.typ] {
				continue
			}
			same := sideMatch(o.actor, c.actor) && sideMatch(o.rcpt, c.rcpt) ||
				sideMatch(o.actor, c.rcpt) && sideMatch(o.rcpt, c.actor)
			if !same || !datesCompatible(c.date, c.dateIn, o.date, o.dateIn) {
				continue
			}
			o.dropped = true
			c.folded = append(c.folded, o.cands...)
		}
	}
}

// inferVisits settles the mode of consultations: a meeting held in one side's country is a
// visit by the other side, who is the actor; a meeting during a visit reported in the article
// is part of it.
func (st *state) inferVisits(groups []*group) {
	dateline := st.datelineRef()
	var visits []visitOf
	for _, g := range groups {
		if g.dropped || g.typ != Consult || !g.directed {
			continue
		}
		if g.mode == "" {
			g.mode = ModeVisit
		}
		if g.mode == ModeVisit {
			visits = append(visits, visitOf{g.actor, countryOf(g.rcpt), g.location})
		}
	}
	for _, g := range groups {
		if g.dropped || g.typ != Consult || g.directed {
			continue
		}
		switch g.mode {
		case ModePhone:
			g.location = nil
			continue
		case ModeMultilateral, ModeThirdParty:
			continue
		}
		loc := g.location
		if loc == nil {
			// a visit the article reports says more than where it was filed from: "توجه
			// الصفدي إلى دمشق حيث التقى الرئيس السوري" in a report datelined Amman
			if st.duringVisit(g, visits) {
				continue
			}
			loc = dateline
		}
		a, r := countryOf(g.actor), countryOf(g.rcpt)
		if loc != nil {
			if l := countryOf(*loc); l != "" {
				switch {
				case a == l && r != l && r != "":
					g.actor, g.rcpt = g.rcpt, g.actor
					g.mode, g.location = ModeVisit, loc
					continue
				case r == l && a != l && a != "":
					g.mode, g.location = ModeVisit, loc
					continue
				}
			}
		}
		st.duringVisit(g, visits)
		if g.mode == "" {
			g.mode = ModeMeeting
		}
		if g.location == nil && g.mode != ModePhone {
			g.location = dateline
		}
	}
}

// datelineRef returns the place of the article's dateline, if it names one.
func (st *state) datelineRef() *EntityRef {
	dl := strings.TrimSpace(st.art.Dateline)
	if dl == "" {
		return nil
	}
	// the analysis's reading first: it knows from the article that عمان is Amman, not Oman. A
	// dateline names where the report was filed, so a city or place written like it comes before
	// a country the same word stands for elsewhere in the text ("MOSCOW —" and "Moscow is ready").
	rank := map[string]int{analyse.TypeCity: 1, analyse.TypePlace: 2, analyse.TypeRegion: 3, analyse.TypeCountry: 4}
	best, bestRank := -1, 0
	for i := range st.an.Entities {
		e := &st.an.Entities[i]
		r := rank[e.Type]
		if r == 0 || best >= 0 && r >= bestRank {
			continue
		}
		for _, f := range e.Forms {
			if strings.EqualFold(f, dl) || ar.Normalise(f) == ar.Normalise(dl) {
				best, bestRank = i, r
				break
			}
		}
	}
	if best >= 0 {
		r := st.refOf(best, dl)
		return &r
	}
	for _, e := range st.x.gaz.Lookup(dl) {
		switch e.Type {
		case analyse.TypeCity, analyse.TypePlace, analyse.TypeCountry:
			r := EntityRef{Key: e.ID, Name: e.Name, NameAr: e.NameAr, Type: e.Type, Country: e.Country, Text: dl}
			return &r
		}
	}
	return nil
}

// dateOf picks a candidate's date: the expression of its sentence nearest the trigger, else the
// date of the interaction reported before it (context), else the nearest expression before the
// sentence if it is a day in the sentence just before.
func (st *state) dateOf(c *cand, context *analyse.Date) {
	s := &st.sents[c.sent]
	trig := s.toks[c.tok].start
	// A date after publication is no date of something that happened ("agreed to meet next
	// month").
	pub, hasPub := st.publication()
	future := func(d *analyse.Date) bool {
		lo, _, ok := dateRange(d.Value)
		return hasPub && ok && lo > pub && !c.planned
	}
	best, bestD := (*analyse.Date)(nil), 1<<30
	var filed *analyse.Date
	for k, d := range s.dates {
		if d.Value == "" || deadline(s, s.dateB[k]) {
			continue // "urged it to finish the link before June": a deadline, not the day
		}
		if s.dateB[k] < s.dlEnd {
			// "RIYADH, Feb 15 — ... signed on Wednesday": the dateline's date is the day the
			// report was filed, the event's only when the sentence gives no other
			if !future(d) {
				filed = d
			}
			continue
		}
		if future(d) {
			// a meeting, call or visit dated after publication is one that has not happened
			// yet ("يستقبل الرئيس ... غدا", "meets X on Friday" in a Wednesday article)
			if c.typ == Consult && len(d.Value) == 10 && nearTrigger(s, s.dateB[k], trig) {
				c.planned = true
			}
			continue
		}
		dist := s.dateB[k] - trig
		if dist < 0 {
			dist = -dist
		}
		if dist < bestD {
			best, bestD = d, dist
		}
	}
	if best == nil {
		best = filed
	}
	if best != nil {
		c.date, c.dateInSentence = best, true
		return
	}
	if context != nil && !future(context) {
		c.date = context
		return
	}
	// The nearest expression before the sentence, in the sentence just before it: a day ("on
	// Tuesday"); a bare year or month there is background more often than this event's date.
	if k := c.sent - 1; k >= 0 && st.sents[k].field == s.field {
		p := &st.sents[k]
		for j := len(p.dates) - 1; j >= 0; j-- {
			if future(p.dates[j]) {
				continue
			}
			if len(p.dates[j].Value) == 10 {
				c.date = p.dates[j]
			}
			return
		}
	}
}

// publication returns the article's publication day, if known to the day.
func (st *state) publication() (int, bool) {
	for _, p := range []string{st.art.Published, st.an.Published} {
		if len(p) == 10 {
			if lo, _, ok := dateRange(p); ok {
				return lo, true
			}
		}
	}
	return 0, false
}

// anchor returns the article's own time as a day number: its publication date, else the latest
// full date it mentions.
func (st *state) anchor() (int, bool) {
	for _, p := range []string{st.an.Published, st.art.Published} {
		if lo, _, ok := dateRange(p); ok {
			return lo, true
		}
	}
	best, ok := 0, false
	for _, d := range st.an.Dates {
		if d.Granularity != "" && d.Granularity != "day" {
			continue
		}
		if lo, hi, k := dateRange(d.Value); k && lo == hi && (!ok || lo > best) {
			best, ok = lo, true
		}
	}
	return best, ok
}

// dateRange returns the first and last day (days since 1970-01-01) of YYYY-MM-DD, YYYY-MM or
// YYYY.
func dateRange(v string) (lo, hi int, ok bool) {
	day := func(t time.Time) int { return int(t.Unix() / 86400) }
	switch len(v) {
	case 10:
		t, err := time.Parse("2006-01-02", v)
		if err != nil {
			return 0, 0, false
		}
		return day(t), day(t), true
	case 7:
		t, err := time.Parse("2006-01", v)
		if err != nil {
			return 0, 0, false
		}
		return day(t), day(t.AddDate(0, 1, -1)), true
	case 4:
		t, err := time.Parse("2006", v)
		if err != nil {
			return 0, 0, false
		}
		return day(t), day(t.AddDate(1, 0, -1)), true
	}
	return 0, 0, false
}

// evidence returns the supporting sentence of candidate c.
func (st *state) evidence(c *cand) Evidence {
	s := &st.sents[c.sent]
	return Evidence{Sentence: s.idx, Field: s.field, Start: s.c0, End: s.c1, Text: s.text[s.b0:s.b1], Trigger: c.trigger}
}

// confidence of one candidate: the cue's strength times how sure each side is.
func candConfidence(c *cand) float64 {
	p := c.weight
	if c.aCert > 0 {
		p *= c.aCert
	}
	if c.rCert > 0 {
		p *= c.rCert
	}
	if c.planned || c.partial {
		p *= 0.5
	}
	return p
}

// event builds the event of a group.
func (st *state) event(g *group) (Event, bool) {
	if g.actor.IsZero() || g.rcpt.IsZero() {
		return Event{}, false
	}
	first := &st.cands[g.cands[0]]
	for _, ci := range g.cands {
		if c := &st.cands[ci]; !c.planned && !c.partial {
			first = c
			break
		}
	}
	ev := Event{
		ArticleID: st.art.ID,
		Type:      g.typ,
		Mode:      g.mode,
		Actor:     g.actor,
		Recipient: g.rcpt,
		Location:  g.location,
		Trigger:   first.trigger,
		Lang:      st.sents[first.sent].lang,
		Published: st.art.Published,
	}
	if ev.Published == "" && len(st.an.Published) == 10 {
		ev.Published = st.an.Published
	}
	if g.date != nil {
		ev.Date, ev.DateInferred, ev.DateText = g.date.Value, g.date.Inferred, g.date.Text
		ev.DateHow = g.date.How
		if !g.dateIn {
			ev.DateHow = "from an earlier sentence (" + g.date.Text + ")"
			if g.date.How != "" {
				ev.DateHow += ": " + g.date.How
			}
		}
	}
	seen := map[int]bool{}
	miss := 1.0
	firstSent := -2
	for _, ci := range g.cands {
		c := &st.cands[ci]
		miss *= 1 - candConfidence(c)
		if seen[c.sent] {
			continue
		}
		seen[c.sent] = true
		ev.Sentences = append(ev.Sentences, st.evidence(c))
		if firstSent == -2 {
			firstSent = st.sents[c.sent].idx
		}
	}
	ev.Confidence = math.Round(math.Min(0.99, 1-miss)*1000) / 1000
	for _, ci := range g.folded {
		c := &st.cands[ci]
		ev.Outcomes = append(ev.Outcomes, Outcome{Type: c.typ, Mode: c.mode, Actor: c.actor.Key,
			Recipient: c.rcpt.Key, Trigger: c.trigger, Evidence: st.evidence(c)})
	}
	sort.SliceStable(ev.Outcomes, func(a, b int) bool { return ev.Outcomes[a].Evidence.Start < ev.Outcomes[b].Evidence.Start })
	ev.Topics = st.topics(ev.Sentences)
	ev.ID = eventID(ev.ArticleID, ev.Type, ev.Actor.Key, ev.Recipient.Key, firstSent)
	return ev, true
}

// topics returns the article's topic ids, those with a cue in the supporting sentences first.
func (st *state) topics(ev []Evidence) []string {
	if len(st.an.Topics) == 0 {
		return nil
	}
	var texts []string
	for _, e := range ev {
		texts = append(texts, foldAny(e.Text))
	}
	type scored struct {
		id    string
		cue   bool
		score float64
	}
	var ts []scored
	for _, t := range st.an.Topics {
		if t.ID == "" {
			continue
		}
		sc := scored{id: t.ID, score: t.Score}
		for _, cue := range t.Cues {
			f := foldAny(cue)
			if f == "" {
				continue
			}
			for _, tx := range texts {
				if strings.Contains(tx, f) {
					sc.cue = true
				}
			}
		}
		ts = append(ts, sc)
	}
	sort.SliceStable(ts, func(a, b int) bool {
		if ts[a].cue != ts[b].cue {
			return ts[a].cue
		}
		return ts[a].score > ts[b].score
	})
	var out []string
	for _, t := range ts {
		if !contains(out, t.id) {
			out = append(out, t.id)
		}
		if len(out) == maxTopics {
			break
		}
	}
	return out
}

// foldAny folds English case and normalises Arabic letters.
func foldAny(s string) string { return ar.Normalise(en.Fold(s)) }

// reactive are the types whose unnamed recipient is the other side of the actor's latest
// interaction: "Tehran will respond" after "the EU imposed sanctions on Iran".
var reactive = map[string]bool{Threaten: true, Accuse: true, Reject: true}

// completeFromContext gives a candidate with an actor and no recipient the recipient the
// article has established: an offer or aid with none named goes where the aid reported before
// it went ("Spain offered to send rescuers" after "the UAE sent aid to Morocco"); a threat,
// accusation or rejection with none named answers the other side of the actor's latest
// hostile interaction (a sanction, accusation, threat, rejection or protest).
func (st *state) completeFromContext() {
	for ci := range st.cands {
		c := &st.cands[ci]
		if !c.partial || c.actor.IsZero() || !c.rcpt.IsZero() {
			continue
		}
		if c.typ == Protest {
			// "Hundreds protested against X. The protest was called by Y": Y's protest against X
			for pi := ci - 1; pi >= 0 && c.sent-st.cands[pi].sent <= 2; pi-- {
				if p := &st.cands[pi]; p.typ == Protest && p.actor.IsZero() && !p.rcpt.IsZero() && !involves(p.rcpt, c.actor) {
					c.rcpt, c.rCert, c.rSynth, c.partial, c.fromContext = p.rcpt, p.rCert*0.9, true, false, true
					break
				}
			}
			continue
		}
		offer := c.typ == Aid || c.typ == Agree && c.mode == "offer"
		if !offer && !reactive[c.typ] || st.reportedBy(ci) || st.reportedFully(ci) {
			continue
		}
		if c.typ == Reject && c.vnoun {
			// "أكد X رفض المملكة ... لاستمرار السياسات": a rejection named as a noun is one only
			// with an object of its own
			continue
		}
		for pi := ci - 1; pi >= 0; pi-- {
			p := &st.cands[pi]
			if p.partial || p.planned {
				continue
			}
			var other EntityRef
			switch {
			case offer && (p.typ == Aid || p.typ == Agree && p.mode == "offer"):
				other = p.rcpt
			case reactive[c.typ] && negative[p.typ] && involves(p.rcpt, c.actor):
				other = p.actor
			case reactive[c.typ] && negative[p.typ] && involves(p.actor, c.actor):
				other = p.rcpt
			}
			if other.IsZero() || involves(other, c.actor) {
				continue
			}
			c.rcpt, c.rCert, c.rSynth, c.partial, c.fromContext = other, 0.6, true, false, true
			break
		}
	}
}

// involves reports whether reference a is b or of b's country ("Iran" and Iran's spokesman).
func involves(a, b EntityRef) bool {
	if a.IsZero() || b.IsZero() {
		return false
	}
	if sameEntity(a, b) {
		return true
	}
	ca, cb := countryOf(a), countryOf(b)
	return ca != "" && ca == cb && (a.Type == analyse.TypeCountry || b.Type == analyse.TypeCountry)
}

// reportedBy reports whether candidate ci, a person's, only reports a statement whose own
// subject acts: in "Tehran would respond, he warned" the threat is Tehran's, not the speaker's.
func (st *state) reportedBy(ci int) bool {
	c := &st.cands[ci]
	if c.actor.Type != analyse.TypePerson {
		return false
	}
	for oi := range st.cands {
		o := &st.cands[oi]
		if oi != ci && o.sent == c.sent && o.typ == c.typ && !o.actor.IsZero() && o.actor.Type != analyse.TypePerson &&
			!sameEntity(o.actor, c.actor) {
			return true
		}
	}
	return false
}

// reportedFully reports whether the sentence of candidate ci has a complete candidate of the same
// type: "X warned the US that the group would respond" is one threat, X's to the US.
func (st *state) reportedFully(ci int) bool {
	c := &st.cands[ci]
	for oi := range st.cands {
		o := &st.cands[oi]
		if oi != ci && o.sent == c.sent && o.typ == c.typ && !o.partial && !o.fromContext {
			return true
		}
	}
	return false
}

// nearTrigger reports whether a date expression at byte b lies within the trigger's clause:
// close to it (60 bytes) with no sentence-internal stop between.
func nearTrigger(s *sentence, b, trig int) bool {
	lo, hi := b, trig
	if lo > hi {
		lo, hi = hi, lo
	}
	return hi-lo <= 60 && !strings.ContainsAny(s.text[lo:hi], ";:")
}

// visitOf is a visit an article reports: who went, the host country, and where.
type visitOf struct {
	visitor EntityRef
	host    string
	loc     *EntityRef
}

// duringVisit makes consultation g part of a reported visit between the same sides (the visitor
// acts); it reports whether one was found.
func (st *state) duringVisit(g *group, visits []visitOf) bool {
	for _, v := range visits {
		if v.host == "" {
			continue
		}
		switch {
		case sameEntity(g.actor, v.visitor) && countryOf(g.rcpt) == v.host:
		case sameEntity(g.rcpt, v.visitor) && countryOf(g.actor) == v.host:
			g.actor, g.rcpt = g.rcpt, g.actor
		default:
			continue
		}
		g.mode = ModeVisit
		if g.location == nil {
			g.location = v.loc
		}
		return true
	}
	return false
}

// deadline reports whether the date expression at byte b of sentence s follows a word that makes
// it a deadline ("before June", "by the end of the year", قبل نهاية الشهر).
func deadline(s *sentence, b int) bool {
	k := tokenAt(s.toks, b)
	return k > 0 && k <= len(s.toks) && s.toks[k-1].is(cueDue)
}

// namedTargets gives a sanction whose recipient is named only as the affiliation of its targets
// ("U.S. sanctions Houthi money changers") the targets the article names in a sanction by the
// same actor ("imposed sanctions on Al-Rawda Exchange Company"): one act, reported twice.
func (st *state) namedTargets() {
	for ci := range st.cands {
		c := &st.cands[ci]
		if c.typ != Sanction || !c.rMod || c.partial || c.planned {
			continue
		}
		for oi := range st.cands {
			o := &st.cands[oi]
			if oi == ci || o.typ != Sanction || o.rMod || o.partial || o.planned || o.fromContext ||
				!involves(o.actor, c.actor) || involves(o.rcpt, c.rcpt) ||
				!datesCompatible(c.date, c.dateInSentence, o.date, o.dateInSentence) {
				continue
			}
			c.actor, c.aCert, c.rcpt, c.rCert, c.rSynth = o.actor, o.aCert*0.9, o.rcpt, o.rCert*0.8, true
			break
		}
	}
}
