package events

import (
	"sort"
	"strings"
	"unicode"

	"storyline/internal/analyse"
	"storyline/internal/analyse/lang/ar"
)

// Limits of the argument search, in tokens.
const (
	maxSubjectDistance     = 25 // from the subject's end to the trigger
	maxObjectSkip          = 8  // words skipped between a trigger and its object
	maxSubjectAfter        = 8  // words skipped between a verb-first trigger and its subject
	maxNounSubjectDistance = 4  // from a noun trigger's subject to the noun ("X held a phone call")
	negWindow              = 3
	futureWindow           = 4
)

// selectTriggers resolves overlapping trigger matches: the longest wins, then the one that
// needed fewer clitics stripped, then the stronger, then the earlier. Blocking phrases take part
// and are then dropped.
func selectTriggers(s *sentence) []match {
	ms := append([]match(nil), s.trigs...)
	sort.SliceStable(ms, func(a, b int) bool {
		la, lb := ms[a].end-ms[a].start, ms[b].end-ms[b].start
		if la != lb {
			return la > lb
		}
		if ms[a].cost != ms[b].cost {
			return ms[a].cost < ms[b].cost
		}
		wa, wb := s.dict.entries[ms[a].entry].weight, s.dict.entries[ms[b].entry].weight
		if wa != wb {
			return wa > wb
		}
		return ms[a].start < ms[b].start
	})
	used := make([]bool, len(s.toks))
	var out []match
	for _, m := range ms {
		free := true
		for t := m.start; t < m.end; t++ {
			if used[t] {
				free = false
				break
			}
		}
		if !free {
			continue
		}
		for t := m.start; t < m.end; t++ {
			used[t] = true
		}
		if s.dict.entries[m.entry].class != cueBlock {
			out = append(out, m)
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].start < out[b].start })
	return out
}

// scan reads the triggers of sentence i into candidates.
func (st *state) scan(i int) {
	s := &st.sents[i]
	if s.dict == nil || len(s.toks) == 0 {
		return
	}
	if s.caption && !st.x.keepBackground {
		return
	}
	lastBefore := st.last
	ms := selectTriggers(s)
	for mi, m := range ms {
		if threatContent(s, ms[:mi], m) {
			continue
		}
		st.trigger(i, m, requestedAct(s, ms[:mi], m))
	}
	// Remember the two sides and the person last acting, for anaphors in later sentences.
	if st.last == lastBefore {
		for ai := range s.args {
			a := &s.args[ai]
			if a.ref.Type == analyse.TypePerson && a.prep == "" && a.ent >= 0 && a.kind != kindPronoun {
				st.last = a.ref
				break
			}
		}
	}
	for ai := 0; ai+1 < len(s.args); ai++ {
		a, b := &s.args[ai], &s.args[ai+1]
		if a.coord && b.group == a.group && a.ent >= 0 && b.ent >= 0 && a.prep == "" && !st.hasPair &&
			a.ref.Type == analyse.TypePerson && b.ref.Type == analyse.TypePerson &&
			(a.ref.Country == "" || a.ref.Country != b.ref.Country) {
			// two people of one country named together ("the king and the crown prince") act
			// together; they are no two sides
			st.pair, st.hasPair = [2]EntityRef{a.ref, b.ref}, true
		}
	}
}

// windowHas reports whether a token in [from, to) of s carries cue class c.
func windowHas(s *sentence, from, to int, c string) bool {
	if from < 0 {
		from = 0
	}
	if to > len(s.toks) {
		to = len(s.toks)
	}
	for k := from; k < to; k++ {
		if s.toks[k].is(c) {
			return true
		}
	}
	return false
}

// side is a resolved participant.
type side struct {
	ref   EntityRef
	cert  float64
	synth bool
	place bool
	head  bool // the head of a delegation or mission ("led by X"): someone acting for a body
}

// trigger reads one trigger match into candidates; it reports whether it made one. requested
// marks the act a request in the sentence asks for: not done, a plan.
func (st *state) trigger(si int, m match, requested bool) bool {
	s := &st.sents[si]
	e := &s.dict.entries[m.entry]
	if windowHas(s, m.start-negWindow, m.start, cueNeg) {
		return false
	}
	after := 5
	if e.noun && relBetween(s, m.end, m.end+after) >= 0 {
		after = 9 // "a state visit to France, which had been tentatively planned"
	}
	planned := windowHas(s, m.start-futureWindow, m.start, cueFuture) || futureForm(&s.toks[m.start], m.cost) ||
		e.noun && windowHas(s, m.end, wordsAfter(s, m.end, after), cueFuture)
	// "If X meets Y, ...", "في حال التقى X": an interaction on a condition has not happened;
	// nor has one a request asks for ("urged the EU to send aid", طالبت الاتحاد بتخصيص مساعدات)
	planned = planned || inCondition(s, m.start) || requested
	if e.class == Threaten {
		planned = false // a threat speaks of the future: "Tehran will respond", سترد
	}

	passive := !e.noun && s.lang != "ar" && st.passiveBefore(s, m.start)

	// The subject: in Arabic the possessor of a noun trigger follows it (استعداد روسيا للتعاون),
	// as does the subject of a verb (بحث الصفدي ولافروف); otherwise it is the nearest argument
	// before the trigger that is no object of a preposition, in the same clause.
	subj := -1
	subjAfter := false
	// An Arabic headline or clause may put the subject first: "السيسي يستقبل X".
	svo := false
	if s.lang == "ar" && !e.noun && !e.part {
		for ai := range s.args {
			a := &s.args[ai]
			if a.prep != "" || a.place || a.mod || a.kind == kindPair {
				continue
			}
			// "وفدا تركيا كان قد زار بغداد": a subject before an auxiliary and the verb
			aux, seen := a.t1 < m.start, false
			for k := a.t1; k < m.start && aux; k++ {
				seen = seen || s.toks[k].is(cueAux)
				aux = s.toks[k].is(cueAux) || s.descWord(k)
			}
			aux = aux && seen
			if a.t1 == m.start && a.t0 <= 1 || aux {
				subj, svo = ai, true
			}
		}
	}
	if s.lang == "ar" && !e.part && !svo {
		if ai := st.argAfter(s, m.start+1, m, true); ai >= 0 && (!e.noun || s.args[ai].t0 < m.end || s.args[ai].t0 <= m.start+2) {
			subj, subjAfter = ai, true
		}
	}
	// An English infinitive ("Iraq summoned the US ambassador to protest against ...") shares the
	// subject of its clause: the first candidate of the sentence, not the nearest.
	infinitive := s.lang != "ar" && !e.noun && m.start > 0 && s.toks[m.start-1].forms[0] == "to"
	// "X, which seeks ... with Y's backing, rejected Z": the subject is before the relative clause
	if subj < 0 && !svo && !e.noun && s.lang != "ar" {
		subj = st.beforeRelative(s, m.start)
	}
	for ai := len(s.args) - 1; ai >= 0 && subj < 0 && !svo; ai-- {
		a := &s.args[ai]
		if a.t1 > m.start {
			continue
		}
		if m.start-a.t1 > maxSubjectDistance || e.noun && m.start-a.t1 > maxNounSubjectDistance {
			break
		}
		if rel := relBetween(s, a.t1, m.start); rel >= 0 {
			// "X, who met Y": the relative pronoun stands for X; "a solution that is accepted":
			// the subject is no argument.
			if rel == a.t1 && !a.place && (a.prep == "" || a.poss) {
				subj = ai
			}
			break
		}
		// "a day after President X backed Y": a clause after a conjunction, whose subject comes
		// right before its verb
		clause := a.t1 == m.start && !e.noun && s.lang != "ar" && a.prep == cuePrep && !passive &&
			a.ref.Type != analyse.TypeCity && !a.place && st.afterConj(s, a)
		if a.place || a.mod || a.prep != "" && !a.poss && !clause {
			continue
		}
		if e.noun && a.placeName && a.t1 == m.start {
			continue // "the Astana talks": a place naming the talks
		}
		if e.noun && !a.poss && !nounSubjectGap(s, a.t1, m.start, a.ref.Type == analyse.TypePerson) {
			break // "... southern Israel during a public meeting": not the meeting's subject
		}
		subj = ai
		if infinitive {
			for bi := ai - 1; bi >= 0; bi-- {
				b := &s.args[bi]
				if b.prep == "" && !b.place && !b.mod && b.group == bi && relBetween(s, b.t1, m.start) < 0 {
					subj = bi
				}
			}
		}
		break
	}
	var subjects []side
	if subj >= 0 {
		subjects = st.groupSides(s, s.args[subj].group)
	}
	// A verb coordinated with an earlier one shares its subject: "X met Y in Tel Aviv and urged
	// Z", "استقبل الرئيس X الوزير Y وبحث معه".
	// So does a participle of circumstance: "ندد X بالقرار، متهما Y".
	if len(s.lastSubj) > 0 && !e.noun && !subjAfter && (coordinatedVerb(s, m) || e.part) {
		subjects = s.lastSubj
	}
	// "ونفت X الاتهامات واتهمت Y بالتحريض": an Arabic verb joined by و to the verb that opens
	// the sentence shares its subject, and the name after it is its object
	if s.lang == "ar" && subjAfter && subj >= 0 && !e.noun && !e.part && len(s.lastSubj) == 0 && coordinatedVerb(s, m) {
		if oi := openingSubject(s, m); oi >= 0 && s.args[oi].group != s.args[subj].group {
			subjects = st.groupSides(s, s.args[oi].group)
			subj, subjAfter = oi, false
		}
	}
	if len(subjects) == 0 && subj < 0 && e.noun && e.class == Consult && len(s.lastSubj) > 0 && s.lang != "ar" {
		// "X flew to Damascus for talks with Y": the talks are the traveller's
		subjects = s.lastSubj
	}
	if subj < 0 && e.noun && (windowHas(s, m.start-2, m.start, cuePoss) || s.toks[m.start].is(cuePoss)) {
		if !st.last.IsZero() {
			subjects = []side{{ref: st.last, cert: 0.75, synth: true}}
		}
	}
	if len(subjects) == 0 && subj < 0 && s.lang == "ar" && !e.part {
		// Verb first: the subject follows (بحث الصفدي ولافروف), as does a possessor (زيارة لافروف).
		if ai := st.argAfter(s, m.start+1, m, true); ai >= 0 {
			subj = ai
			subjects = st.groupSides(s, s.args[ai].group)
			subjAfter = true
		}
	}

	// The object, after the trigger's first word (or after a subject that follows it).
	from := m.start + 1
	if subjAfter {
		g := s.args[subj].group
		end := s.args[subj].t1
		for k := subj; k < len(s.args) && s.args[k].group == g; k++ {
			end = s.args[k].t1
		}
		if end > from {
			from = end
		}
	}
	var objects []side
	var loc *EntityRef
	var between []side
	objMod := false
	if e.dir == dirSym {
		between = st.betweenGroup(s, m)
	}
	if passive {
		// "a solution accepted by the Syrian people": the agent acts on the subject
		if oi := st.agentAfter(s, m); oi >= 0 {
			objects = st.groupSides(s, s.args[oi].group)
		}
		loc = st.locationIn(s, m)
	} else if oi, l := st.objectAfter(s, from, m, e.dir == dirDest); oi >= 0 {
		objects = st.groupSides(s, s.args[oi].group)
		loc = l
		objMod = modifiesNoun(s, &s.args[oi])
		if !subjAfter && len(subjects) == 0 && e.noun && m.start <= 4 {
			// "During a meeting with X, Y said ...": the subject follows the fronted phrase.
			g := s.args[oi].group
			for k := oi; k < len(s.args); k++ {
				if s.args[k].group == g || s.args[k].prep != "" || s.args[k].place {
					continue
				}
				subjects = st.groupSides(s, s.args[k].group)
				break
			}
		}
	} else {
		loc = l
	}
	if len(subjects) == 0 && e.noun && e.dir == dirDest && s.lang != "ar" {
		// "a visit to Cairo by a mission led by X": the visitor follows "by"
		if ai := st.nounAgent(s, m); ai >= 0 {
			subjects = []side{{ref: s.args[ai].ref, cert: s.args[ai].cert, head: st.ledBy(s, ai)}}
		}
	}
	if len(objects) == 0 && e.class == Threaten {
		// "threatened to boycott the school year if the government does not respond",
		// "هددت ... إذا لم تستجب الحكومة": the threat is addressed to the condition's subject
		if ai := st.condSubject(s, m); ai >= 0 {
			objects = st.groupSides(s, s.args[ai].group)
		}
	}
	if e.class == Aid && e.dir == dirRev {
		// "the aid provided by X to the Sudanese people", المقدمة من X للشعب السوداني
		if o, ok := st.destAfter(s, m); ok {
			subjects = []side{o}
		} else {
			subjects = nil
		}
	}
	if len(objects) == 0 && !passive && e.class == Aid {
		// "sent two aircraft loaded with tents to Morocco", "سيرت ... طائرتين ... إلى المغرب":
		// aid goes to whom it is sent
		if o, ok := st.destAfter(s, m); ok {
			objects = []side{o}
		}
	}
	if len(subjects) == 0 && s.lang == "ar" && !e.noun && (m.start <= 1 || e.part) {
		// A verb with its subject dropped: the two sides for a dual or joint verb, else the
		// person last acting.
		if e.dir == dirSym && st.hasPair {
			subjects = st.pairSides()
		} else if !st.last.IsZero() {
			subjects = []side{{ref: st.last, cert: 0.7, synth: true}}
		}
	}
	if loc == nil {
		loc = st.locationIn(s, m)
	}

	trig := s.tokText(m.start, m.end)
	words, gap := 0, false
	for _, stp := range e.steps {
		switch {
		case stp.gap > 0:
			gap = true
		case !stp.start:
			words++
		}
	}
	if gap && m.end-m.start > words {
		trig = s.tokText(m.start, m.start+1) + " … " + s.tokText(m.end-1, m.end)
	}
	// An object pronoun ("Assad received him", استقبله) is the other person of the story: the
	// person last acting, or the partner of the subject in the article's pair.
	if objPron := len(objects) == 1 && objects[0].synth && objects[0].ref.Key == kindObjPronoun; objPron ||
		len(objects) == 0 && !e.noun && s.lang == "ar" && s.toks[m.start].is(cueObjPron) {
		objects = nil
		if len(subjects) == 1 {
			if !st.last.IsZero() && !sameEntity(st.last, subjects[0].ref) {
				objects = []side{{ref: st.last, cert: 0.7, synth: true}}
			} else if p, ok := st.partner(subjects[0].ref); ok {
				objects = []side{p}
			}
		}
	}
	if len(subjects) > 0 && !e.noun {
		s.lastSubj = subjects
	}
	c := cand{typ: e.class, mode: e.mode, sent: si, trigger: trig, tok: m.start,
		weight: e.weight, planned: planned, vnoun: e.noun || st.arVerbalNoun(s, m, subjAfter, subj)}
	if c.typ == Consult && c.mode == "" {
		c.mode = modeNear(s, m)
	}
	made := false
	emit := func(a, r side, sym, directed bool) {
		if a.ref.IsZero() && r.ref.IsZero() {
			return
		}
		if !a.ref.IsZero() && !r.ref.IsZero() && (sameEntity(a.ref, r.ref) || selfDirected(a.ref, r.ref)) {
			return
		}
		if a.place && !a.ref.IsZero() || r.place && !r.ref.IsZero() {
			return
		}
		x := c
		x.actor, x.rcpt, x.aCert, x.rCert = a.ref, r.ref, a.cert, r.cert
		x.aSynth, x.rSynth = a.synth, r.synth
		x.sym, x.directed = sym, directed
		x.rMod = objMod && e.dir == dirFwd && !passive && len(objects) > 0 && sameEntity(r.ref, objects[0].ref)
		x.partial = a.ref.IsZero() || r.ref.IsZero()
		if loc != nil {
			l := *loc
			x.location = &l
		}
		st.cands = append(st.cands, x)
		made = true
		if !x.partial && x.typ == Consult && !(a.synth && r.synth) {
			// the two sides of the latest consultation ("He was received by Assad. The two
			// sides discussed ...")
			st.pair, st.hasPair = [2]EntityRef{a.ref, r.ref}, true
			if a.ref.Type == analyse.TypePerson && r.ref.Type == analyse.TypePerson {
				st.ppair, st.hasPPair = st.pair, true
			}
		}
		if a.ref.Type == analyse.TypePerson && !x.partial {
			st.last = a.ref
		}
	}
	switch e.dir {
	case dirSym:
		switch {
		case len(between) >= 2:
			emit(between[0], between[1], true, false)
		case len(subjects) >= 2:
			emit(subjects[0], subjects[1], true, false)
		case len(subjects) == 1 && len(objects) > 0:
			for _, o := range objects {
				emit(subjects[0], o, true, false)
			}
		case len(subjects) == 1:
			if p, ok := st.partner(subjects[0].ref); ok && (c.typ == Consult || c.typ == Cooperate || c.typ == Agree) {
				emit(subjects[0], p, true, false)
			} else if o, ok := st.droppedSubject(s, m, subjects[0]); ok && subjAfter && c.typ == Consult {
				// "شارك الملك في القمة، حيث التقى على هامشها الرئيس عباس": the one named after
				// the verb is met by the subject of the sentence
				emit(o, subjects[0], true, false)
			} else {
				emit(subjects[0], side{}, true, false)
			}
		case len(objects) > 0:
			for _, o := range objects {
				emit(side{}, o, true, false)
			}
		}
	case dirFwd, dirRev:
		if len(subjects) == 0 {
			subjects = []side{{}}
		}
		if len(objects) == 0 {
			objects = []side{{}}
		}
		for _, a := range subjects {
			for _, o := range objects {
				// "Y received X" and "X was received by Y": the guest X acts
				if (e.dir == dirRev) != passive {
					emit(o, a, false, e.dir == dirRev)
				} else {
					emit(a, o, false, e.dir == dirRev)
				}
			}
		}
	case dirDest:
		if len(subjects) == 0 {
			subjects = []side{{}}
		}
		for _, a := range subjects {
			if a.ref.Type == analyse.TypePerson && a.ref.Role == "" && a.ref.Country == "" && !a.head {
				// a visit is a consultation when someone representing a country pays it, not a
				// traveller
				continue
			}
			if len(objects) > 0 && objects[0].ref.Type == analyse.TypeOrganisation {
				continue
			}
			if len(objects) == 0 {
				emit(a, side{}, false, true)
				continue
			}
			o := objects[0]
			if o.place {
				pl := o.ref
				loc = &pl
				if c := countryOf(o.ref); c != "" {
					o = side{ref: st.countryRef(c, o.ref.Text), cert: o.cert * 0.95}
				} else {
					o = side{}
				}
			}
			emit(a, o, false, true)
		}
	}
	return made
}

// modeWindow is how near a trigger a mode cue must be to set its mode, unless the dictionary
// gives it the whole sentence (phone cues: "discussed ..., over the phone"; "on the sidelines").
const modeWindow = 6

// modeNear returns the mode the cues of sentence s give the consultation at m.
func modeNear(s *sentence, m match) string {
	var modes []string
	for _, c := range s.modeAt {
		near := c.end > m.start-modeWindow && c.start < m.end+modeWindow
		if c.wide || near {
			modes = append(modes, c.mode)
		}
	}
	return bestMode(modes)
}

// bestMode is the strongest mode cue: a phone call beats a visit, a visit a summit.
func bestMode(modes []string) string {
	for _, m := range []string{ModePhone, ModeVisit, ModeMultilateral, ModeThirdParty} {
		if contains(modes, m) {
			return m
		}
	}
	return ""
}

// sameEntity reports whether two references name the same entity.
func sameEntity(a, b EntityRef) bool { return a.Key == b.Key }

// selfDirected reports whether an event would go from a person or body to its own country.
func selfDirected(a, b EntityRef) bool {
	ca, cb := countryOf(a), countryOf(b)
	if ca == "" || ca != cb {
		return false
	}
	// a person acting on their own country; a body of the country may well act on or against it
	// (a rebel force, a union)
	return a.Type == analyse.TypeCountry && b.Type == analyse.TypePerson ||
		b.Type == analyse.TypeCountry && a.Type == analyse.TypePerson ||
		a.Type == analyse.TypeCountry && b.Type == analyse.TypeCountry
}

// groupSides returns the members of the coordination group g as sides.
func (st *state) groupSides(s *sentence, g int) []side {
	var out []side
	for k := g; k >= 0 && k < len(s.args); k++ {
		a := &s.args[k]
		if a.group != g {
			break
		}
		switch a.kind {
		case kindPair:
			if st.hasPPair && windowHas(s, a.t0, a.t1, cueTitle) {
				// "the two ministers", الوزيران: the people, not their countries
				out = append(out, side{ref: st.ppair[0], cert: 0.8, synth: true}, side{ref: st.ppair[1], cert: 0.8, synth: true})
			} else if st.hasPair {
				out = append(out, st.pairSides()...)
			}
		case kindPronoun:
			if r, ok := st.antecedent(s, k); ok {
				out = append(out, side{ref: r, cert: 0.75, synth: true})
			}
		case kindObjPronoun:
			out = append(out, side{ref: EntityRef{Key: kindObjPronoun}, synth: true})
		case kindIt:
			// "received a delegation from the authority ... and urged it to": the body before it
			for j := k - 1; j >= 0; j-- {
				if b := &s.args[j]; b.ref.Type == analyse.TypeOrganisation && b.ent >= 0 {
					out = append(out, side{ref: b.ref, cert: 0.7, synth: true})
					break
				}
			}
		case kindGov:
			if c := st.govCountry(s, k); c != "" {
				out = append(out, side{ref: st.countryRef(c, a.mention), cert: 0.75, synth: true})
			}
		case kindRole:
			if r, ok := st.roleRef(a.mention); ok {
				out = append(out, side{ref: r, cert: 0.8, synth: true})
			}
		case kindOwn:
			if r, ok := st.antecedent(s, k); ok && r.Country != "" {
				out = append(out, side{ref: st.countryRef(r.Country, a.mention), cert: 0.75, synth: true})
			}
		default:
			out = append(out, side{ref: a.ref, cert: a.cert, place: a.place})
		}
		if !a.coord {
			break
		}
	}
	return out
}

// antecedent resolves the pronoun argument k of sentence s: the nearest person before it in the
// sentence that is no object of a preposition ("Howard said he had talked ..."), else the person
// last acting in the article.
func (st *state) antecedent(s *sentence, k int) (EntityRef, bool) {
	for j := k - 1; j >= 0; j-- {
		a := &s.args[j]
		if a.ref.Type == analyse.TypePerson && a.ent >= 0 && a.prep == "" && a.kind != kindPronoun {
			return a.ref, true
		}
	}
	return st.last, !st.last.IsZero()
}

// roleRef resolves a definite title ("the king", الوزير) to the person of that role: the person
// last acting when the role fits, else the most salient person of the article with it.
func (st *state) roleRef(text string) (EntityRef, bool) {
	role, ok := st.x.gaz.Role(text)
	if !ok || role == "" {
		return st.orgRef(text)
	}
	fits := func(r string) bool { return r == role || strings.HasSuffix(r, " "+role) }
	if !st.last.IsZero() && fits(st.last.Role) {
		return st.last, true
	}
	for _, pi := range st.persons {
		if fits(st.an.Entities[pi].Role) {
			return st.refOf(pi, text), true
		}
	}
	return EntityRef{}, false
}

// govCountry is the country an office of state (argument k) belongs to: that of the subject or
// possessor before it in the sentence ("Lebanon's union ... the government's plan"), else the
// article's home country.
func (st *state) govCountry(s *sentence, k int) string {
	for j := k - 1; j >= 0; j-- {
		a := &s.args[j]
		if a.mod || a.place || a.prep != "" && !a.poss || a.ent < 0 {
			continue
		}
		if c := countryOf(a.ref); c != "" {
			return c
		}
	}
	return st.homeCountry()
}

// homeCountry is the country an article's unqualified offices of state belong to: that of its
// dateline ("عمان (بترا) - دانت وزارة الخارجية"), "" when it has none.
func (st *state) homeCountry() string {
	// the place the analysis read at the start of the first sentence ("عمان" is Amman there,
	// not Oman), else the ingester's dateline
	for i := range st.sents {
		s := &st.sents[i]
		if s.field != analyse.FieldBody {
			continue
		}
		for _, a := range s.dateline {
			if c := countryOf(a); c != "" {
				return c
			}
		}
		break
	}
	if r := st.datelineRef(); r != nil {
		return countryOf(*r)
	}
	return ""
}

// genericOrg are head nouns that may stand for any organisation the article names: "the bloc".
var genericOrg = map[string]bool{"bloc": true, "alliance": true, "organisation": true, "organization": true,
	"group": true, "تكتل": true, "منظمه": true, "مجموعه": true}

// orgRef resolves a definite noun ("the association", الرابطة) to the most salient organisation of
// the article whose name has that word; a generic one ("the bloc") to the most salient
// organisation.
func (st *state) orgRef(text string) (EntityRef, bool) {
	f := strings.Fields(text)
	if len(f) == 0 {
		return EntityRef{}, false
	}
	head := foldWord(f[len(f)-1])
	best, generic := -1, -1
	for i := range st.an.Entities {
		e := &st.an.Entities[i]
		if e.Type != analyse.TypeOrganisation {
			continue
		}
		if generic < 0 || e.Salience > st.an.Entities[generic].Salience {
			generic = i
		}
		has := false
		for _, form := range append([]string{e.Name, e.NameAr}, e.Forms...) {
			for _, w := range strings.Fields(form) {
				if foldWord(w) == head {
					has = true
				}
			}
		}
		if has && (best < 0 || e.Salience > st.an.Entities[best].Salience) {
			best = i
		}
	}
	if best < 0 && genericOrg[head] {
		best = generic
	}
	if best < 0 {
		return EntityRef{}, false
	}
	return st.refOf(best, text), true
}

// foldWord folds a word for comparison: lower case; Arabic normalised, without the article.
func foldWord(w string) string {
	if isArabicText(w) {
		w = ar.Normalise(w)
		return strings.TrimPrefix(w, "ال")
	}
	return strings.ToLower(strings.Trim(w, "'’\"“”()"))
}

func (st *state) pairSides() []side {
	return []side{{ref: st.pair[0], cert: 0.8, synth: true}, {ref: st.pair[1], cert: 0.8, synth: true}}
}

// partner returns the other side of the article's pair when r is one of them.
func (st *state) partner(r EntityRef) (side, bool) {
	if !st.hasPair {
		return side{}, false
	}
	switch {
	case sameEntity(st.pair[0], r):
		return side{ref: st.pair[1], cert: 0.75, synth: true}, true
	case sameEntity(st.pair[1], r):
		return side{ref: st.pair[0], cert: 0.75, synth: true}, true
	}
	return side{}, false
}

// negative are the types whose target may be named by a nationality adjective: condemning "the
// Israeli attack" is accusing Israel.
var negative = map[string]bool{Accuse: true, Reject: true, Protest: true, Threaten: true, Sanction: true}

// modTarget are the types whose object may be named by a nationality adjective or a possessor
// in construct: condemning "the Israeli attack" accuses Israel. Support is not among them:
// praising "the Saudi support" is no support of Saudi Arabia.
var modTarget = map[string]bool{Accuse: true, Reject: true, Protest: true, Threaten: true, Sanction: true}

// skippable reports whether token k may stand between a trigger and its object or a verb and
// its subject.
func skippable(t *token) bool {
	return t.date || isNumber(t) || t.cls&(cueBit(cueGap)|cueBit(cueDet)|cueBit(cuePrep)|cueBit(cueLoc)|cueBit(cueDest)|
		cueBit(cueTitle)|cueBit(cueMod)) != 0
}

// isNumber reports whether a token is a number written in digits ("45", "١٢").
func isNumber(t *token) bool {
	for _, r := range t.forms[0] {
		if !unicode.IsDigit(r) && r != ',' && r != '.' {
			return false
		}
	}
	return t.forms[0] != ""
}

// hardBreak reports whether the text before token k ends a clause: a semicolon, colon, bracket
// or quotation mark.
func hardBreak(s *sentence, k int) bool {
	return strings.ContainsAny(s.gapPunct(k), ";:()[]\"“”«»")
}

// argAfter returns the first argument without a preposition that follows token from, skipping
// the trigger's own words and titles; -1 if none.
func (st *state) argAfter(s *sentence, from int, m match, subject bool) int {
	skipped, free, limit := 0, 0, maxSubjectAfter
	// a subject introduced by a chain of titles ("استقبل رئيس مجلس السيادة الانتقالي القائد العام
	// ... البرهان") may have words of offices between the title and the name
	k0 := max(from, m.end)
	titled := s.lang == "ar" && subject && k0 < len(s.toks) && s.toks[k0].is(cueTitle)
	if titled {
		limit = 2 * maxSubjectAfter
	}
	for k := from; k < len(s.toks) && skipped <= limit; k++ {
		if k > from && hardBreak(s, k) {
			return -1
		}
		if ai := s.toks[k].arg; ai >= 0 {
			a := &s.args[ai]
			if a.mod {
				k = a.t1 - 1
				skipped++
				continue
			}
			if a.prep == "" && !a.place {
				// "رئيسة المفوضية الأوروبية أورسولا فون دير لاين": a body in a title names
				// the person after it
				if pi := st.titledBody(s, ai); pi >= 0 {
					return pi
				}
				return ai
			}
			if subject {
				return -1
			}
		}
		if k < m.end || skippable(&s.toks[k]) || s.toks[k].is(cueGroup) {
			skipped++
			continue
		}
		if titled && free < 5 && s.toks[k].cls == 0 && !s.toks[k].conj {
			free++
			skipped++
			continue
		}
		return -1
	}
	return -1
}

// objectAfter returns the first argument after token from that the words between allow as the
// trigger's object, and a place it passed on the way ("met in Amman with ..."). dest accepts
// places as objects. Up to two other words may follow the trigger when a preposition that
// introduces objects comes next: Arabic adjectives ("عقوبات جديدة على") and the topic of a
// consultation.
func (st *state) objectAfter(s *sentence, from int, m match, dest bool) (int, *EntityRef) {
	sym := s.dict.entries[m.entry].dir == dirSym
	var loc *EntityRef
	skipped, free := 0, 0
	sawObj, afterObj := false, 0
	// English adjectives come before their noun, inside the trigger's pattern; only the topic of
	// a consultation stands between it and the other side ("discussed bilateral ties with").
	freeOpen := s.lang == "ar" || s.dict.entries[m.entry].class == Consult
	for k := from; k < len(s.toks) && (skipped <= maxObjectSkip || sym && sawObj && s.lang == "ar" && skipped <= 2*maxObjectSkip); k++ {
		if k > from && hardBreak(s, k) {
			return -1, loc
		}
		if ai := s.toks[k].arg; ai >= 0 {
			a := &s.args[ai]
			switch {
			case a.prep == cueSource && a.t0 >= m.end:
				return -1, loc // "according to X": a source, unless the trigger says so ("told X in a phone call")
			case a.place && !dest:
				if a.prep == cueLoc && loc == nil {
					r := a.ref
					loc = &r
				}
				k = a.t1 - 1
				skipped++
				freeOpen = false
				continue
			case a.kind == kindObjPronoun:
				return ai, loc // resolved by the trigger, which knows its subject
			case a.kind == kindPair || a.kind == kindPronoun:
				return -1, loc
			case a.prep == cueLoc && !dest:
				// "the treatment she received at the clinic": a place, not an object
				k = a.t1 - 1
				skipped++
				freeOpen = false
				continue
			case a.poss && (sym || s.dict.entries[m.entry].class == Consult):
				// "met with Horton's family": the possessor is not the other side
				return -1, loc
			case a.mod && !modTarget[s.dict.entries[m.entry].class]:
				// "discussed the Syrian crisis with": a topic, not a side
				k = a.t1 - 1
				if free++; !freeOpen || free > 2 {
					return -1, loc
				}
				skipped++
				continue
			case a.mod:
				// "condemned the Israeli attack", "أدان الانتهاكات الإسرائيلية": the nation behind it
				if free > 1 {
					return -1, loc
				}
				return ai, loc
			}
			// an Arabic act and its author in construct: "أدانت مصادقة الحكومة الإسرائيلية"
			construct := s.lang == "ar" && modTarget[s.dict.entries[m.entry].class]
			if free > 0 && !st.objPrep(s, a) && !construct && !sawObj {
				return -1, loc
			}
			if hi := st.headAfter(s, a.t1); hi >= 0 {
				return hi, loc // "a delegation of the association led by X": X
			}
			if pi := st.titledBody(s, ai); pi >= 0 {
				return pi, loc
			}
			return ai, loc
		}
		t := &s.toks[k]
		switch {
		case k < m.end:
			// the trigger's own words ("protested outside parliament ... against") are no gap
		case k+1 < len(s.toks) && s.toks[k+1].is(cueNotably) && free < 2:
			free++ // "donors" in "urged donors, especially the EU"
			skipped++
		case t.is(cueNotably) && (freeOpen || free > 0):
			// "urged donors, especially the EU, to ...", "طالبت الجهات المانحة، ولا سيما الاتحاد
			// الأوروبي": the one singled out is the object
			free, sawObj = 0, true
			skipped++
		case t.is(cueHead):
			// "received a delegation led by X", "وفدا برئاسة X": the head of the delegation
			if hi := st.headAfter(s, k); hi >= 0 {
				return hi, loc
			}
			return -1, loc
		case skippable(t):
			skipped++
			// "بحث هاتفيا مع الممثل الأعلى للسياسة الخارجية ... بوريل": the words after "with"
			// describe the other side
			sawObj = sawObj || t.is(cueObj) && k >= m.end
			// "التقى ... قائد القوات الدولية X": a title opens the description of the object
			if t.is(cueTitle) && k >= m.end && s.lang == "ar" {
				sawObj, free = true, 0
			}
			// "بحث X خلال اتصال هاتفي مع Y": a preposition of time or manner keeps the way open
			freeOpen = freeOpen && !t.is(cueObj) && (!t.is(cuePrep) || s.lang == "ar") && !t.is(cueLoc)
		case freeOpen && free < 2:
			free++
			skipped++
		case sawObj && s.lang == "ar" && afterObj < 3 && (sym || s.toks[k-1].is(cueTitle) || k >= 2 && s.toks[k-2].is(cueTitle)):
			// a long Arabic description of the other side after مع ("الممثل الأعلى للسياسة
			// الخارجية والأمنية في الاتحاد الأوروبي جوزيب بوريل")
			afterObj++
			skipped++
		default:
			return -1, loc
		}
	}
	return -1, loc
}

// destAfter returns the first side after trigger m, in its clause, that a preposition of
// destination introduces ("to Morocco", إلى المغرب, للشعب السوداني); a place stands for its
// country.
func (st *state) destAfter(s *sentence, m match) (side, bool) {
	for k := m.end; k < len(s.toks) && k-m.end <= 20; k++ {
		if k > m.end && hardBreak(s, k) {
			break
		}
		ai := s.toks[k].arg
		if ai < 0 {
			continue
		}
		a := &s.args[ai]
		k = a.t1 - 1
		dest := a.prep == cueDest
		if s.lang == "ar" && a.prep == cuePrep {
			dest = strings.HasPrefix(strings.TrimLeft(s.toks[a.t0].forms[0], "وف"), "ل")
		}
		if !dest || a.kind == kindPronoun || a.kind == kindPair || a.kind == kindObjPronoun || a.kind == kindOwn {
			continue
		}
		if a.place {
			if c := countryOf(a.ref); c != "" {
				return side{ref: st.countryRef(c, a.mention), cert: a.cert * 0.9}, true
			}
			continue
		}
		return side{ref: a.ref, cert: a.cert}, true
	}
	return side{}, false
}

// headAfter returns the person introduced by a HEAD cue ("led by", برئاسة) at token k, across
// titles and modifiers; -1 if none.
func (st *state) headAfter(s *sentence, k int) int {
	if k >= len(s.toks) || !s.toks[k].is(cueHead) {
		return -1
	}
	for j := k; j < len(s.toks) && j-k <= 6; j++ {
		if ai := s.toks[j].arg; ai >= 0 {
			if s.args[ai].ref.Type == analyse.TypePerson && !s.args[ai].place {
				return ai
			}
			return -1
		}
		t := &s.toks[j]
		if !t.is(cueHead) && !skippable(t) && !s.descWord(j) {
			return -1
		}
	}
	return -1
}

// objPrep reports whether argument a is introduced by a preposition that introduces objects.
func (st *state) objPrep(s *sentence, a *arg) bool {
	for k := a.t0 - 1; k >= 0 && a.t0-k <= 5 && a.prep != ""; k-- {
		t := &s.toks[k]
		if t.is(cueObj) {
			return true
		}
		if !(t.is(cueDet) || t.is(cueTitle) || t.is(cueMod)) {
			break
		}
	}
	if s.lang != "ar" {
		return false
	}
	// an Arabic preposition written on the word (بنظيره, لسوريا), or on the noun it follows in
	// construct ("لجهود الأردن": to Jordan's efforts)
	if a.prep == cuePrep {
		return true
	}
	if k := a.t0 - 1; k >= 0 && len(s.toks[k].forms) > 1 && s.toks[k].arg < 0 {
		f := strings.TrimLeft(s.toks[k].forms[0], "وف")
		return (strings.HasPrefix(f, "ل") || strings.HasPrefix(f, "ب")) && contains(s.toks[k].forms, f[len("ل"):])
	}
	return false
}

// coordinatedVerb reports whether the trigger at m follows "and" (with at most two adverbs
// between), or carries the Arabic conjunction و with no subject of its own after it.
func coordinatedVerb(s *sentence, m match) bool {
	if s.lang == "ar" {
		t := &s.toks[m.start]
		return m.cost > 0 && m.cost < len(t.forms) && t.forms[0] == "و"+t.forms[m.cost]
	}
	for k := m.start - 1; k >= 0 && m.start-k <= 3; k-- {
		t := &s.toks[k]
		if t.is(cueCoord) {
			return !strings.ContainsAny(s.gapPunct(k+1), ".;:")
		}
		if !t.is(cueGap) && !strings.HasSuffix(t.forms[0], "ly") {
			return false
		}
	}
	return false
}

// nounSubjectGap reports whether the words between a subject (ending at token from) and a noun
// trigger (at token to) leave it the noun's subject: nothing, determiners and modifiers, or a
// light verb ("X held a phone call", "X paid a visit").
func nounSubjectGap(s *sentence, from, to int, person bool) bool {
	for k := from; k < to; k++ {
		t := &s.toks[k]
		if t.is(cueLight) || t.is(cueDet) || t.is(cueMod) || t.date {
			continue
		}
		if t.is(cueDuring) && person {
			continue // "X, during a phone call with Y", "X خلال اتصال هاتفي مع Y"
		}
		if t.is(cuePrep) || t.is(cueLoc) || t.is(cueDest) || t.is(cueRel) {
			return false
		}
		if s.lang == "ar" || !strings.HasSuffix(t.forms[0], "ly") && !t.is(cueGap) {
			return false
		}
	}
	return true
}

// passiveBefore reports whether an auxiliary makes the verb at token k passive ("was received",
// "has been strongly condemned").
func (st *state) passiveBefore(s *sentence, k int) bool {
	f := s.toks[k].forms[0]
	if !strings.HasSuffix(f, "ed") && !strings.HasSuffix(f, "en") && f != "met" && f != "held" && f != "sent" {
		return false // not a participle: "is ready to"
	}
	for j := k - 1; j >= 0 && k-j <= 3; j-- {
		t := &s.toks[j]
		if t.is(cuePassive) {
			return true
		}
		if t.arg >= 0 || !t.is(cueGap) && !strings.HasSuffix(t.forms[0], "ly") {
			return false
		}
	}
	return false
}

// agentAfter returns the argument after "by" that follows a passive trigger, -1 if none.
func (st *state) agentAfter(s *sentence, m match) int {
	for k := m.end; k < len(s.toks) && k-m.end <= maxObjectSkip; k++ {
		if hardBreak(s, k) {
			return -1
		}
		if !s.toks[k].is(cueAgent) {
			continue
		}
		for j := k + 1; j < len(s.toks) && j-k <= 4; j++ {
			if ai := s.toks[j].arg; ai >= 0 {
				return ai
			}
			if !skippable(&s.toks[j]) && !s.descWord(j) {
				return -1
			}
		}
		return -1
	}
	return -1
}

// relBetween returns the first token in [from, to) that is a relative pronoun, -1 if none.
func relBetween(s *sentence, from, to int) int {
	for k := from; k < to && k < len(s.toks); k++ {
		if s.toks[k].is(cueRel) {
			return k
		}
	}
	return -1
}

// betweenGroup returns the two sides of "between X and Y" after a symmetric trigger.
func (st *state) betweenGroup(s *sentence, m match) []side {
	free := 0
	for k := m.end; k < len(s.toks) && k-m.end <= 6; k++ {
		if !s.toks[k].is(cueBetween) {
			// "brokered talks between X and Y" names the talks' sides; "the meeting covered the
			// joint mediation between X, Y and Z" those of another noun, not of the trigger
			if t := &s.toks[k]; !skippable(t) && !t.is(cuePassive) && !t.is(cueLight) {
				if free++; free > 1 {
					return nil
				}
			}
			continue
		}
		if k+1 < len(s.toks) {
			for ai := range s.args {
				a := &s.args[ai]
				if a.t0 > k && a.t0 <= k+4 && a.prep == cueBetween && a.coord {
					return st.groupSides(s, a.group)
				}
			}
		}
		return nil
	}
	return nil
}

// locationIn returns a place the sentence puts the event in ("in Amman", في موسكو), nearest to
// the trigger.
func (st *state) locationIn(s *sentence, m match) *EntityRef {
	best, bestD := -1, 1<<30
	for ai := range s.args {
		a := &s.args[ai]
		if a.prep != cueLoc || a.mod || !a.place && a.ref.Type != analyse.TypeCountry {
			continue
		}
		d := a.t0 - m.end
		if d < 0 {
			d = m.start - a.t1 + 2
		}
		if d < bestD {
			best, bestD = ai, d
		}
	}
	if best < 0 || bestD > 15 {
		return nil
	}
	r := s.args[best].ref
	return &r
}

// futureForm reports whether a trigger matched token t through the form that dropped a future
// prefix (سيلتقي read as يلتقي), not as written (سيرت, "dispatched", begins with س).
func futureForm(t *token, cost int) bool {
	if !t.fut {
		return false
	}
	return cost >= len(t.forms) || !strings.HasPrefix(t.forms[cost], "س")
}

// beforeRelative returns the argument a relative clause set off by commas describes, when the
// clause ends right before the verb at token k ("The Front, which ... backing, rejected"); -1 if
// none.
func (st *state) beforeRelative(s *sentence, k int) int {
	if k == 0 || !strings.Contains(s.gapPunct(k), ",") {
		return -1
	}
	for r := k - 1; r > 0 && k-r <= maxSubjectDistance; r-- {
		if hardBreak(s, r+1) {
			return -1
		}
		if !s.toks[r].is(cueRel) || !strings.Contains(s.gapPunct(r), ",") {
			continue
		}
		for ai := range s.args {
			a := &s.args[ai]
			if a.t1 == r && !a.place && !a.mod && (a.prep == "" || a.poss) {
				return ai
			}
		}
		return -1
	}
	return -1
}

// droppedSubject returns the side an Arabic verb with no subject of its own refers to: the
// first person before it in the sentence who is no object of a preposition, never the one named
// after the verb.
func (st *state) droppedSubject(s *sentence, m match, named side) (side, bool) {
	if s.lang != "ar" || named.ref.Type != analyse.TypePerson {
		return side{}, false
	}
	for ai := range s.args {
		a := &s.args[ai]
		if a.t1 > m.start {
			break
		}
		if a.ref.Type == analyse.TypePerson && a.prep == "" && a.ent >= 0 && !sameEntity(a.ref, named.ref) {
			return side{ref: a.ref, cert: 0.75, synth: true}, true
		}
	}
	return side{}, false
}

// nounAgent returns the agent of a noun trigger: the argument after "by" that follows it and its
// object ("a visit to Cairo by the minister", "... by a mission led by X": X); -1 if none.
func (st *state) nounAgent(s *sentence, m match) int {
	for k := m.end; k < len(s.toks) && k-m.end <= maxObjectSkip; k++ {
		if hardBreak(s, k) {
			return -1
		}
		if !s.toks[k].is(cueAgent) {
			continue
		}
		for j := k + 1; j < len(s.toks) && j-k <= 5; j++ {
			if s.toks[j].is(cueHead) {
				return st.headAfter(s, j)
			}
			if ai := s.toks[j].arg; ai >= 0 {
				if hi := st.headAfter(s, s.args[ai].t1); hi >= 0 {
					return hi
				}
				return ai
			}
			if !skippable(&s.toks[j]) && !s.descWord(j) {
				return -1
			}
		}
		return -1
	}
	return -1
}

// ledBy reports whether argument ai follows a HEAD cue ("led by X").
func (st *state) ledBy(s *sentence, ai int) bool {
	for k := s.args[ai].t0 - 1; k >= 0 && s.args[ai].t0-k <= 4; k-- {
		if s.toks[k].is(cueHead) {
			return true
		}
	}
	return false
}

// titledBody returns the person a body names in a title: "رئيسة المفوضية الأوروبية X" (a title
// before the body, the person right after it), "the Presidential Council head X" (a title
// between them); -1 if argument ai is no such body.
func (st *state) titledBody(s *sentence, ai int) int {
	a := &s.args[ai]
	if a.ref.Type != analyse.TypeOrganisation || ai+1 >= len(s.args) || s.args[ai+1].ref.Type != analyse.TypePerson {
		return -1
	}
	b := &s.args[ai+1]
	if b.t0 == a.t1 && a.t0 > 0 && s.toks[a.t0-1].is(cueTitle) {
		return ai + 1
	}
	if b.t0 > a.t1 && b.t0-a.t1 <= 2 {
		for k := a.t1; k < b.t0; k++ {
			if !s.toks[k].is(cueTitle) && !s.toks[k].is(cueMod) {
				return -1
			}
		}
		return ai + 1
	}
	return -1
}

// condSubject returns the subject of a condition after trigger m ("if the government does not
// ...", إذا لم تستجب الحكومة): the first argument within three words of the COND cue; -1 if
// none.
func (st *state) condSubject(s *sentence, m match) int {
	for k := m.end; k < len(s.toks) && k-m.end <= 15; k++ {
		if hardBreak(s, k) {
			return -1
		}
		if !s.toks[k].is(cueCond) {
			continue
		}
		for j := k + 1; j < len(s.toks) && j-k <= 4; j++ {
			if ai := s.toks[j].arg; ai >= 0 {
				a := &s.args[ai]
				if a.place || a.mod || a.prep != "" && !a.poss {
					return -1
				}
				return ai
			}
		}
		return -1
	}
	return -1
}

// afterConj reports whether argument a follows a subordinating conjunction ("after X backed"),
// across its titles and capitalised words, rather than a preposition ("King X of Jordan backed").
func (st *state) afterConj(s *sentence, a *arg) bool {
	for k := a.t0 - 1; k >= 0 && a.t0-k <= 5; k-- {
		t := &s.toks[k]
		if t.is(cueConj) || t.date {
			return true // "after X backed", "On Tuesday X received": the preposition is the date's
		}
		if !(t.is(cueDet) || t.is(cueTitle) || t.is(cueMod) || t.cap && t.arg < 0) {
			return false
		}
	}
	return false
}

// threatContent reports whether threat m is the content of an earlier threat in its sentence
// whose addressee is named before the clause: "X warned the United States that the group would
// respond" is one threat, X's to the United States. With no addressee ("X warned that Tehran
// would respond") the clause's subject threatens.
func threatContent(s *sentence, before []match, m match) bool {
	if s.dict.entries[m.entry].class != Threaten {
		return false
	}
	for _, p := range before {
		if s.dict.entries[p.entry].class != Threaten || p.end > m.start {
			continue
		}
		named := false
		for k := p.end; k < m.start; k++ {
			if hardBreak(s, k) {
				break
			}
			if ai := s.toks[k].arg; ai >= 0 && s.args[ai].prep == "" && !s.args[ai].place {
				named = true
			}
			if f := s.toks[k].forms[len(s.toks[k].forms)-1]; named && (f == "that" || s.lang == "ar" && f == "ان") {
				return true
			}
		}
	}
	return false
}

// modifiesNoun reports whether English argument a names only the affiliation of a noun after
// it ("Houthi money changers", "Iranian banks"): a lower-case word that is no cue, no
// description of a person or body and no verb follows it directly.
func modifiesNoun(s *sentence, a *arg) bool {
	if s.lang == "ar" || a.t1 >= len(s.toks) || s.gapPunct(a.t1) != "" {
		return false
	}
	if a.mod {
		return true
	}
	t := &s.toks[a.t1]
	return !t.cap && t.cls == 0 && !t.date && !isNumber(t) && !isVerbish(t) && !s.descWord(a.t1)
}

// arVerbalNoun reports whether Arabic match m, a verb form, is read as a verbal noun: its
// possessor follows it directly and it stands inside a clause, not at its start nor after a
// conjunction or a clitic و/ف ("وأكد الناطق رفض المملكة ..."; compare "رفض الأردن القرار").
func (st *state) arVerbalNoun(s *sentence, m match, subjAfter bool, subj int) bool {
	if s.lang != "ar" || !subjAfter || subj < 0 || m.start == 0 || s.args[subj].t0 != m.end {
		return false
	}
	t := &s.toks[m.start]
	if len(t.forms) > 1 && (strings.HasPrefix(t.forms[0], "و") || strings.HasPrefix(t.forms[0], "ف")) {
		return false
	}
	if s.gapPunct(m.start) != "" {
		return false
	}
	prev := &s.toks[m.start-1]
	return !prev.is(cueCoord) && !prev.is(cueConj) && !prev.is(cueRel) && !prev.date && !futureForm(t, m.cost)
}

// wordsAfter returns the token index n words after token from, a name counting as one word and
// an auxiliary as none: "a meeting between Gabriel Boric and Dina Boluarte was called off"
// reaches "called off".
func wordsAfter(s *sentence, from, n int) int {
	k := from
	for c := 0; k < len(s.toks) && c < n; c++ {
		if ai := s.toks[k].arg; ai >= 0 && s.args[ai].t0 == k && s.args[ai].t1 > k {
			k = s.args[ai].t1
			continue
		}
		if s.toks[k].is(cuePassive) {
			c--
		}
		k++
	}
	return k
}

// condWindow is how many tokens before a trigger a condition word opens its clause.
const condWindow = 8

// inCondition reports whether token k is inside a clause a condition word opens ("If X meets
// Y", "unless", إذا زار, في حال التقى): the condition word comes before it in the same clause,
// with no punctuation between.
func inCondition(s *sentence, k int) bool {
	for j := k - 1; j >= 0 && k-j <= condWindow; j-- {
		if s.gapPunct(j+1) != "" || hardBreak(s, j+1) {
			return false
		}
		if s.toks[j].is(cueCond) {
			return true
		}
	}
	return false
}

// openingSubject returns the subject of the verb that opens an Arabic sentence ("ونفت تشيلي
// ..."), when nothing between it and match m opens another clause or names another side; -1
// for none.
func openingSubject(s *sentence, m match) int {
	if len(s.toks) < 2 || s.toks[0].arg >= 0 || s.toks[0].cls != 0 || s.toks[0].date {
		return -1
	}
	ai := s.toks[1].arg
	if ai < 0 {
		return -1
	}
	a := &s.args[ai]
	if a.t0 != 1 || a.prep != "" || a.place || a.mod || a.kind == kindPair || a.t1 >= m.start {
		return -1
	}
	for k := a.t1; k < m.start; k++ {
		t := &s.toks[k]
		if hardBreak(s, k) || !okPunct(s.gapPunct(k)) || t.date || t.is(cueRel) || t.is(cueConj) || t.is(cueCond) {
			return -1
		}
		if t.arg >= 0 && s.args[t.arg].group != a.group {
			return -1
		}
		for _, f := range t.forms {
			if f == "ان" || f == "بان" {
				return -1 // a reported clause has its own subject
			}
		}
	}
	return ai
}

// requestedAct reports whether match m is the act an earlier request of its clause asks for:
// an English infinitive ("urged the EU to send aid") or an Arabic verbal noun after ب or ل, or a
// verb after أن ("طالبت الرابطة الاتحاد بتخصيص جزء من المساعدات", "دعا X إلى أن يزور").
func requestedAct(s *sentence, before []match, m match) bool {
	for _, p := range before {
		if s.dict.entries[p.entry].class != Request || p.end > m.start {
			continue
		}
		broken := false
		for k := p.end; k <= m.start && !broken; k++ {
			broken = hardBreak(s, k) || strings.ContainsAny(s.gapPunct(k), ".;")
		}
		if broken {
			continue
		}
		t := &s.toks[m.start]
		if s.lang != "ar" {
			if m.start > 0 && s.toks[m.start-1].forms[0] == "to" {
				return true
			}
			continue
		}
		if m.cost > 0 && (strings.HasPrefix(t.forms[0], "ب") || strings.HasPrefix(t.forms[0], "ل")) {
			return true
		}
		if m.start > 0 {
			if f := s.toks[m.start-1].forms; f[len(f)-1] == "ان" {
				return true
			}
		}
	}
	return false
}
