package events

import (
	"sort"
	"strings"

	"storyline/internal/analyse"
	"storyline/internal/analyse/lang/ar"
)

// prepare matches the dictionary in sentence i, marks cue classes on its tokens and turns its
// mentions into arguments: descriptions absorbed, nationality adjectives that only modify a
// noun dropped, prepositions and coordination read.
func (st *state) prepare(i int) {
	s := &st.sents[i]
	if s.dict == nil || len(s.toks) == 0 {
		return
	}
	all := s.dict.matchAll(s.toks, nil)
	for _, m := range all {
		e := &s.dict.entries[m.entry]
		if IsType(e.class) || e.class == cueBlock {
			s.trigs = append(s.trigs, m)
			continue
		}
		s.cues = append(s.cues, m)
		if t := &s.toks[m.start]; t.cue < 0 || m.cost < t.cue {
			t.cue = m.cost
		}
		bit := cueBit(e.class)
		for t := m.start; t < m.end; t++ {
			s.toks[t].cls |= bit
		}
		switch e.class {
		case cueMode:
			if !contains(s.modes, e.mode) {
				s.modes = append(s.modes, e.mode)
			}
			s.modeAt = append(s.modeAt, modeCue{e.mode, m.start, m.end, e.wide})
		case cueCaption:
			s.caption = true
		}
	}
	if s.lang == "ar" {
		st.readConj(s)
	}
	st.absorb(s)
	st.anaphors(s)
	sort.SliceStable(s.args, func(a, b int) bool { return s.args[a].t0 < s.args[b].t0 })
	kept := s.args[:0]
	for _, a := range s.args {
		if isDateline(s, &a) {
			s.dateline = append(s.dateline, a.ref)
			if i := strings.IndexAny(s.text[a.b1:s.b1], "-—–:"); i >= 0 && s.dlEnd == 0 {
				s.dlEnd = a.b1 + i
			}
			continue
		}
		if parenthetical(s, &a) {
			continue
		}
		if !a.drop {
			kept = append(kept, a)
		}
	}
	s.args = kept
	for k := range s.toks {
		s.toks[k].arg = -1
	}
	for ai := range s.args {
		a := &s.args[ai]
		a.group = ai
		if s.toks[a.t0].arg < 0 {
			s.toks[a.t0].arg = ai
		}
		st.readPrep(s, a)
		st.readPlace(s, a)
	}
	for ai := 0; ai+1 < len(s.args); ai++ {
		a, b := &s.args[ai], &s.args[ai+1]
		if st.coordinated(s, a, b) {
			a.coord = true
			b.group = a.group
			b.prep = s.args[a.group].prep // "between Jordan and Russia": both follow "between"
		}
	}
}

// readConj marks the Arabic tokens that carry the conjunction و: a cue word matched without it
// (ووزير), or a mention that starts after it (و[لافروف]).
func (st *state) readConj(s *sentence) {
	for k := range s.toks {
		t := &s.toks[k]
		if t.cue > 0 && t.cue < len(t.forms) && t.forms[0] == "و"+t.forms[t.cue] {
			t.conj = true
		}
	}
	for ai := range s.args {
		a := &s.args[ai]
		t := &s.toks[a.t0]
		if a.b0 > t.start && a.b0 <= t.end && strings.HasPrefix(ar.Normalise(s.text[t.start:a.b0]), "و") {
			t.conj = true
		}
	}
}

// owners returns, for each token, the index of the argument covering it, -1 for none.
func owners(s *sentence) []int {
	own := make([]int, len(s.toks))
	for k := range own {
		own[k] = -1
	}
	for ai := range s.args {
		a := &s.args[ai]
		if a.drop {
			continue
		}
		for t := a.t0; t < a.t1 && t < len(own); t++ {
			own[t] = ai
		}
	}
	return own
}

// absorb folds the words around country mentions into the argument they describe: "Russian
// Foreign Minister Sergey Lavrov" is Lavrov, "the Jordanian capital Amman" is Amman, "his
// Jordanian counterpart" is the Jordanian person the article talks about, "Jordanian officials"
// is Jordan, and "the Syrian crisis" is no participant at all.
func (st *state) absorb(s *sentence) {
	for ai := range s.args {
		a := &s.args[ai]
		if a.drop || a.ref.Type != analyse.TypeCountry {
			continue
		}
		own := owners(s)
		adj := a.kind == kindDemonym || a.kind == kindMetonym
		if s.lang == "ar" {
			st.absorbAr(s, ai, own, adj)
		} else {
			st.absorbEn(s, ai, own, adj)
		}
	}
}

func (st *state) absorbEn(s *sentence, ai int, own []int, adj bool) {
	a := &s.args[ai]
	j := a.t1
	target := -1
	for ; j < len(s.toks) && j-a.t1 < 6; j++ {
		if !okPunct(s.gapPunct(j)) {
			break
		}
		if own[j] >= 0 {
			target = own[j]
			break
		}
		if !s.descWord(j) {
			break
		}
	}
	words := j - a.t1
	if target >= 0 {
		b := &s.args[target]
		same := b.ref.Type == analyse.TypePerson && countryOf(b.ref) == a.ref.Country // "Saudi Crown Prince X"
		if (words > 0 || a.poss || adj || same) && s.toks[b.t0].start >= s.toks[a.t1-1].end &&
			(b.ref.Type == analyse.TypePerson || b.place) &&
			(countryOf(b.ref) == "" || countryOf(b.ref) == a.ref.Country) {
			b.t0 = a.t0
			if b.ref.Country == "" {
				b.ref.Country = a.ref.Country
			}
			a.drop = true
			return
		}
		if adj && words == 0 {
			a.drop = true // "Syrian Arab Army": the adjective belongs to the next name
			return
		}
	}
	if words > 0 {
		if !adj {
			// a country's name before a title: "the US ambassador", "Iran's foreign minister"
			// is that country's person if the article names one, else the country
			st.describeName(s, a, a.t1, j)
			return
		}
		st.describe(s, a, a.t1, j, j-1, -1)
		return
	}
	if !adj {
		return
	}
	if j < len(s.toks) && j == a.t1 && s.gapPunct(j) == "" {
		t := &s.toks[j]
		if !t.cap && t.cls&(cueBit(cueCoord)|cueBit(cuePrep)|cueBit(cueLoc)|cueBit(cueDest)|cueBit(cueGap)) == 0 &&
			!isVerbish(t) {
			a.mod = true // "the Syrian crisis": a target only of condemnation and the like
		}
	}
}

// isVerbish reports whether an English token looks like a verb form that may follow a subject
// ("Russians protested", "Syrians voted").
func isVerbish(t *token) bool {
	f := t.forms[0]
	switch f {
	case "said", "say", "says", "are", "were", "is", "was", "has", "have", "had", "will", "would", "could", "can",
		"may", "might", "must", "should", "shall", "did", "does", "vowed", "vows", "wants", "plans":
		return true
	}
	return strings.HasSuffix(f, "ed")
}

func (st *state) absorbAr(s *sentence, ai int, own []int, adj bool) {
	a := &s.args[ai]
	// Left: the head of the construct ("وزير الخارجية الروسي", "العاصمة الأردنية").
	head := a.t0
	for k := a.t0 - 1; k >= 0 && a.t0-k <= 6; k-- {
		if own[k] >= 0 || !s.descWord(k) {
			break
		}
		head = k
	}
	// Right: a name after the title ("وزير الخارجية الروسي سيرغي لافروف").
	target := -1
	names := 0 // words of a name the analyser left out of the mention (سيرغي before لافروف)
	for j := a.t1; j < len(s.toks) && j-a.t1 <= 5; j++ {
		if own[j] >= 0 {
			target = own[j]
			break
		}
		if !s.descWord(j) {
			if names++; names > 2 || s.toks[j].cls != 0 || s.toks[j].date {
				break
			}
		}
	}
	if target >= 0 && names > 0 && s.args[target].ref.Type != analyse.TypePerson {
		target = -1
	}
	if target >= 0 {
		b := &s.args[target]
		if (head < a.t0 || adj) && (b.ref.Type == analyse.TypePerson || b.place) &&
			(countryOf(b.ref) == "" || countryOf(b.ref) == a.ref.Country) {
			b.t0 = head
			if b.ref.Country == "" {
				b.ref.Country = a.ref.Country
			}
			a.drop = true
			return
		}
	}
	// A name before the title ("سيرغي لافروف وزير الخارجية الروسي").
	if head < a.t0 && head > 0 && own[head-1] >= 0 {
		b := &s.args[own[head-1]]
		if b.ref.Type == analyse.TypePerson && (b.ref.Country == "" || b.ref.Country == a.ref.Country) {
			b.t1 = a.t1
			if b.ref.Country == "" {
				b.ref.Country = a.ref.Country
			}
			a.drop = true
			return
		}
	}
	if head < a.t0 {
		st.describe(s, a, head, a.t0, head, head)
		return
	}
	if adj && a.t0 > 0 {
		t := &s.toks[a.t0-1]
		if own[a.t0-1] < 0 && t.cls&(cueBit(cuePrep)|cueBit(cueLoc)|cueBit(cueDest)|cueBit(cueGap)|cueBit(cueCoord)) == 0 &&
			s.gapPunct(a.t0) == "" {
			a.mod = true // "الأزمة السورية": a target only of condemnation and the like
		}
	}
}

// describe reads the description words [w0, w1) of country argument a whose head word is token
// head: a person title makes a a person of that country, a collective noun keeps the country,
// a place noun without a name drops it. newT0 >= 0 moves the argument's start (Arabic heads come
// first).
func (st *state) describe(s *sentence, a *arg, w0, w1, head, newT0 int) {
	extend := func() {
		if newT0 >= 0 {
			a.t0 = newT0
		} else if w1 > a.t1 {
			a.t1 = w1
		}
	}
	// The head is the last (English) or first (Arabic) word that is a title, group or place noun.
	h := -1
	if s.lang == "ar" {
		for k := w0; k < w1; k++ {
			if s.toks[k].cls&(cueBit(cueTitle)|cueBit(cueGroup)|cueBit(cuePlace)) != 0 {
				h = k
				break
			}
		}
	} else {
		for k := w1 - 1; k >= w0; k-- {
			if s.toks[k].cls&(cueBit(cueTitle)|cueBit(cueGroup)|cueBit(cuePlace)) != 0 {
				h = k
				break
			}
		}
	}
	_ = head
	if h < 0 {
		extend() // capitalised words: a body of that country
		return
	}
	t := &s.toks[h]
	switch {
	case t.is(cueTitle) && !isPlural(s.lang, t):
		role, _ := st.x.gaz.Role(s.tokText(w0, w1))
		if strings.Contains(s.tokText(w0, w1), "counterpart") || s.lang == "ar" && hasForm(t, "نظير") {
			role = st.counterpartRole(a.ref.Country)
		}
		if pi, ok := st.personOf(a.ref.Country, role); ok {
			a.ref = st.refOf(pi, s.text[s.toks[min(w0, a.t0)].start:s.toks[max(w1, a.t1)-1].end])
			a.kind = kindDescription
			a.cert = 0.85
			a.ent = pi
		} else {
			a.cert = 0.7
		}
		extend()
	case t.is(cueGroup) || t.is(cueTitle):
		extend()
	default: // a place noun with no name
		a.drop = true
	}
}

// describeName reads the words [w0, w1) after a country's name: a singular person title makes it
// that country's person when the article has one; a collective noun keeps the country with its
// words. Nothing is dropped: a name is never a mere modifier.
func (st *state) describeName(s *sentence, a *arg, w0, w1 int) {
	h := -1
	for k := w1 - 1; k >= w0; k-- {
		if s.toks[k].cls&(cueBit(cueTitle)|cueBit(cueGroup)) != 0 {
			h = k
			break
		}
	}
	if h < 0 || h != w1-1 {
		return
	}
	t := &s.toks[h]
	if t.is(cueTitle) && !isPlural(s.lang, t) {
		role, _ := st.x.gaz.Role(s.tokText(w0, w1))
		if pi, ok := st.personOf(a.ref.Country, role); ok && role != "" && st.an.Entities[pi].Role == role {
			a.ref = st.refOf(pi, s.text[s.toks[a.t0].start:s.toks[w1-1].end])
			a.kind, a.cert, a.ent = kindDescription, 0.85, pi
		}
	}
	a.t1 = w1
}

func hasForm(t *token, prefix string) bool {
	for _, f := range t.forms {
		if strings.HasPrefix(f, ar.Normalise(prefix)) {
			return true
		}
	}
	return false
}

// isPlural reports whether a title word is plural ("officials", "المسؤولين").
func isPlural(lang string, t *token) bool {
	f := t.forms[0]
	if lang == "ar" {
		return strings.HasSuffix(f, "ين") || strings.HasSuffix(f, "ون") || strings.HasSuffix(f, "ات")
	}
	return strings.HasSuffix(f, "s") && !strings.HasSuffix(f, "ss")
}

// counterpartRole is the role of the most salient person not of country c: "his Jordanian
// counterpart" of a foreign minister is a foreign minister.
func (st *state) counterpartRole(c string) string {
	for _, pi := range st.persons {
		e := &st.an.Entities[pi]
		if e.Country != c && e.Role != "" {
			return e.Role
		}
	}
	return ""
}

// anaphors adds the pair anaphors ("the two ministers", الجانبان) and pronouns of sentence s as
// arguments.
func (st *state) anaphors(s *sentence) {
	own := owners(s)
	end := -1
	for _, m := range s.cues {
		e := &s.dict.entries[m.entry]
		if e.class != cuePair && e.class != cuePronoun && e.class != cueOwn && e.class != cueObjPron && e.class != cueRole &&
			e.class != cueGov && e.class != cueIt || m.start < end {
			continue
		}
		free := true
		for t := m.start; t < m.end; t++ {
			if own[t] >= 0 {
				free = false
			}
		}
		if !free {
			continue
		}
		// the longest pair match at this position
		mEnd := m.end
		for _, m2 := range s.cues {
			if m2.start == m.start && s.dict.entries[m2.entry].class == e.class && m2.end > mEnd {
				mEnd = m2.end
			}
		}
		kind := kindPronoun
		switch e.class {
		case cuePair:
			kind = kindPair
		case cueOwn:
			kind = kindOwn
		case cueObjPron:
			kind = kindObjPronoun
			if s.lang == "ar" {
				continue // the suffix is on the trigger itself: read by the trigger
			}
		case cueIt:
			kind = kindIt
		case cueGov:
			kind = kindGov
			if nameFollows(s, own, mEnd) || m.start > 0 && s.toks[m.start-1].is(cueTitle) {
				continue // "وزير الخارجية أيمن الصفدي": part of a title
			}
			if mEnd < len(s.toks) && s.toks[mEnd].is(cuePlace) || m.start > 0 && s.toks[m.start-1].is(cuePlace) {
				continue // "the government headquarters", مقر الحكومة: a place
			}
		case cueRole:
			kind = kindRole
			if nameFollows(s, own, mEnd) {
				continue // "the president, Joe Biden", ولي العهد الشيخ مشعل: the name follows
			}
		}
		s.args = append(s.args, arg{t0: m.start, t1: mEnd, ent: -1, kind: kind, cert: 0.75, group: -1,
			b0: s.toks[m.start].start, b1: s.toks[mEnd-1].end, mention: s.tokText(m.start, mEnd)})
		end = mEnd
	}
}

// readPrep reads the preposition in front of argument a's noun phrase, and whether it is a
// possessor.
func (st *state) readPrep(s *sentence, a *arg) {
	last := &s.toks[a.t1-1]
	if last.poss && s.lang != "ar" {
		a.poss = true
	}
	// a possessive split by the tokenizer: "Gray ’ s"
	if s.lang != "ar" && a.t1 < len(s.toks) && s.toks[a.t1].forms[0] == "s" && strings.ContainsAny(s.gapPunct(a.t1), "'’") {
		a.poss = true
	}
	if s.lang == "ar" {
		// a preposition written on the word: بنظيره, للمملكة, ولافروف
		t := &s.toks[a.t0]
		var clitic string
		if a.b0 > t.start && a.b0 <= t.end && a.t0 == tokenAt(s.toks, a.b0) {
			clitic = ar.Normalise(s.text[t.start:a.b0])
		} else {
			clitic = arClitic(t)
		}
		clitic = strings.TrimLeft(clitic, "وف")
		// ب before a place is "in", ل "to"; before anyone else both introduce an object
		for _, c := range []struct{ letter, place string }{{"ب", cueLoc}, {"ل", cueDest}} {
			if strings.HasPrefix(clitic, c.letter) {
				a.prep = cuePrep
				if a.place {
					a.prep = c.place
				}
				return
			}
		}
	}
	k := a.t0 - 1
	for ; k >= 0 && a.t0-k <= 5; k-- {
		t := &s.toks[k]
		if !okPunct(s.gapPunct(k+1)) || strings.ContainsAny(s.gapPunct(k+1), ",،") {
			return
		}
		if k > 0 && t.is(cuePrep) && t.forms[0] == "of" && (s.toks[k-1].is(cueTitle) || s.toks[k-1].is(cueMod)) {
			continue // "Secretary of State", "Minister of Foreign Affairs"
		}
		if t.is(cueDet) || t.is(cueTitle) || t.is(cueMod) || s.lang != "ar" && t.cap && t.arg < 0 &&
			t.cls&(cueBit(cuePrep)|cueBit(cueLoc)|cueBit(cueDest)|cueBit(cueSource)|cueBit(cueBetween)) == 0 {
			continue
		}
		break
	}
	if k < 0 || a.t0-k > 5 {
		return
	}
	t := &s.toks[k]
	for _, c := range []string{cueSource, cueBetween, cueLoc, cueDest, cuePrep} {
		if t.is(c) {
			a.prep = c
			return
		}
	}
}

// isDateline reports whether a is the place of a dateline at the start of the sentence
// ("MOSCOW —", "AMMAN:"): no participant.
func isDateline(s *sentence, a *arg) bool {
	if a.t0 != 0 || a.ent < 0 || a.b1 > s.b1 {
		return false
	}
	rest := strings.TrimSpace(s.text[a.b1:s.b1])
	for _, p := range []string{"-", "—", "–", ":", "("} {
		if strings.HasPrefix(rest, p) {
			return a.place || a.ref.Type == analyse.TypeCountry
		}
	}
	// "RIYADH, Feb 15 —", "عمان 12 آب (بترا) -": a date and an agency between the place and
	// the dash
	head := []rune(rest)
	if len(head) > 40 {
		head = head[:40]
	}
	if i := strings.IndexAny(string(head), "-—–"); i > 0 && (a.place || a.ref.Type == analyse.TypeCountry || a.kind == kindMetonym) {
		between := string(head)[:i]
		digits := strings.IndexFunc(between, func(r rune) bool { return r >= '0' && r <= '9' || r >= '٠' && r <= '٩' })
		return digits >= 0 || strings.Contains(between, "(")
	}
	return false
}

// parenthetical reports whether a stands alone in brackets ("(AP)", "(SAA)"), or between dashes
// in the first words of a sentence ("الكويت - كونا -"): a credit or a repeated acronym, no
// participant.
func parenthetical(s *sentence, a *arg) bool {
	if a.ent < 0 || a.b0 <= s.b0 || a.b1 >= s.b1 {
		return false
	}
	before := strings.TrimRight(s.text[s.b0:a.b0], " \t")
	after := strings.TrimLeft(s.text[a.b1:s.b1], " \t")
	if (strings.HasSuffix(before, "(") || strings.HasSuffix(before, "[")) &&
		(strings.HasPrefix(after, ")") || strings.HasPrefix(after, "]")) {
		return true
	}
	dash := func(p string, end bool) bool {
		for _, d := range []string{"-", "–", "—"} {
			if end && strings.HasSuffix(p, d) || !end && strings.HasPrefix(p, d) {
				return true
			}
		}
		return false
	}
	return a.t0 <= 2 && dash(before, true) && dash(after, false)
}

// readPlace settles whether a place argument is a place or stands for its country: a capital
// that is not the object of a preposition of place acts for its government ("Moscow is ready",
// "cooperate with Washington").
func (st *state) readPlace(s *sentence, a *arg) {
	if !a.place || a.ref.Type != analyse.TypeCity || a.prep == cueLoc || a.prep == cueDest || a.ref.Country == "" {
		return
	}
	if st.isCapital(a.ref.Key) {
		a.ref = st.countryRef(a.ref.Country, a.mention)
		a.kind, a.place = kindMetonym, false
	}
}

// arClitic returns the normalised prefix letters of an Arabic token that the form a cue matched
// does not have ("بنظيره" → "ب", "للمملكة" → "ل"); "" when no cue matched it or it matched the
// word as written (بلاده is a word, not ب + لاده).
func arClitic(t *token) string {
	if t.cue <= 0 || t.cue >= len(t.forms) {
		return ""
	}
	full, f := t.forms[0], t.forms[t.cue]
	if strings.HasSuffix(full, f) {
		return full[:len(full)-len(f)]
	}
	if strings.HasPrefix(full, "لل") && f == "ال"+strings.TrimPrefix(full, "لل") {
		return "ل"
	}
	return ""
}

// coordinated reports whether b is coordinated with a: "Safadi and Lavrov", "King Abdullah and
// President Assad", "الصفدي ولافروف", "الصفدي ووزير الخارجية الروسي لافروف".
func (st *state) coordinated(s *sentence, a, b *arg) bool {
	if a.mod || b.mod || b.prep != "" || a.kind == kindOwn || b.kind == kindOwn || a.kind == kindPronoun || b.kind == kindPronoun || a.kind == kindObjPronoun || b.kind == kindObjPronoun || a.kind == kindPair || b.kind == kindPair {
		return false
	}
	if a.t1 > b.t0 {
		return false
	}
	coord := s.lang == "ar" && s.toks[b.t0].conj
	for k := a.t1; k < b.t0; k++ {
		t := &s.toks[k]
		p := s.gapPunct(k)
		if k == a.t1 && p != "" && p != "," || k > a.t1 && p != "" {
			return false
		}
		switch {
		case k == a.t1 && (t.is(cueCoord) || s.lang == "ar" && t.conj && s.descWord(k)):
			coord = true
		case coord && (t.is(cueTitle) || t.is(cueMod) || t.is(cueDet) || s.lang != "ar" && t.cap):
		default:
			return false
		}
	}
	if b.t0 < len(s.toks) && b.t0 > a.t1 && s.gapPunct(b.t0) != "" {
		return false
	}
	return coord && (b.t0 > a.t1 || s.gapPunct(b.t0) == "" || s.lang == "ar")
}

// nameFollows reports whether a mention starts at token k, after at most three title words.
func nameFollows(s *sentence, own []int, k int) bool {
	for j := k; j < len(s.toks) && j-k <= 3; j++ {
		if own[j] >= 0 {
			return true
		}
		if !s.descWord(j) {
			return false
		}
	}
	return false
}
