package analyse

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"storyline/internal/analyse/gazetteer"
	"storyline/internal/analyse/lang/ar"
	"storyline/internal/analyse/lang/en"
)

// pmention is a mention of a person found in a field.
type pmention struct {
	f      *field
	ti, tj int // the name's tokens
	s, e   int // the mention's bytes (a royal title included: King Abdullah II)
	toks   []string
	script uint8
	// role and country are what the text says next to this mention.
	role, country string
	// cue says what made it a person: role, title, counterpart, apposition, people, shape,
	// speech, surname.
	cue         string
	counterpart bool
	// byOrg is set when the role is an organisation's (a Houthi spokesman): the person's
	// country is the organisation's or none, never the article's.
	byOrg bool
	// described is set for a name after a title that describes the person (the boy, الطفل):
	// one word there is a given name that names no one the gazetteer knows.
	described bool
	people    []int // people-gazetteer rows whose full form it is
	kind      string
	ent       *pentity
}

// omention is a place or organisation found by pattern (not in the gazetteer).
type omention struct {
	f      *field
	ti, tj int
	s, e   int
	typ    string
	// key, when set, is the entity key: a country's society of an international movement is
	// named by the two (org:ifrc-are for the Emirates Red Crescent and هيئة الهلال الأحمر الإماراتي).
	key string
}

// royalRoles are the roles whose title is part of the name in a mention (King Abdullah II).
var royalRoles = map[string]bool{"king": true, "queen": true, "prince": true, "crown prince": true, "emir": true, "sultan": true, "pope": true}

// roleEndingAt returns the role span of f ending at token i, if any.
func (d *doc) roleEndingAt(f *field, i int) *roleSpan { return f.roleEnd[i] }

// roleStartingAt returns the role span of f starting at token i, if any.
func (d *doc) roleStartingAt(f *field, i int) *roleSpan { return f.roleStart[i] }

// gazAtToken returns the gazetteer match of f that covers token i, if any.
func (d *doc) gazAtToken(f *field, i int) *gazMatch {
	if i < 0 || i >= len(f.gazAt) {
		return nil
	}
	return f.gazAt[i]
}

// countryOf returns the country that a gazetteer match names as a country (a name, alias or
// demonym of one), or "".
func countryOf(m *gazMatch) string {
	if m == nil {
		return ""
	}
	for _, e := range m.entries {
		if e.Type == gazetteer.TypeCountry && e.Kind != gazetteer.KindContextual && e.Kind != gazetteer.KindMetonym {
			return e.Country
		}
	}
	return ""
}

// roleQualifier returns the country written just before a role span (Russian Foreign Minister,
// Russia's foreign minister) or, in Arabic, just after it (وزير الخارجية الروسي), and the token
// after the role and its qualifiers.
func (d *doc) roleQualifier(r *roleSpan) (country string, next int) {
	country, _, next = d.roleQualifierOrg(r)
	return country, next
}

// descriptive reports whether a title describes the person rather than addressing one: the
// boy, teenager, aid worker, الطفل, الشاب.
func (d *doc) descriptive(r *roleSpan) bool {
	if r.kind != "title" {
		return false
	}
	f := r.f
	lang := "en"
	if f.toks[r.ti].script == scriptArabic {
		lang = "ar"
	}
	words := make([]string, 0, r.tj-r.ti)
	for k := r.ti; k < r.tj; k++ {
		words = append(words, f.toks[k].text)
	}
	phrase := foldCue(lang, strings.Join(words, " "))
	if d.kb.cues[lang].has(cueDescriptive, phrase) {
		return true
	}
	// without a joined conjunction or preposition: وأصيب الطفل, للطفل
	for _, c := range f.toks[r.ti].candidates() {
		if r.tj == r.ti+1 && d.kb.cues[lang].has(cueDescriptive, c) {
			return true
		}
	}
	return false
}

// orgOf returns the organisation a gazetteer match names (Houthi, UN, Hamas), or nil.
func orgOf(m *gazMatch) *gazetteer.Entry {
	if m == nil {
		return nil
	}
	for i := range m.entries {
		if e := &m.entries[i]; e.Type == gazetteer.TypeOrganisation {
			return e
		}
	}
	return nil
}

// roleQualifierOrg is roleQualifier that also reports whether the role is qualified by an
// organisation rather than a country ("a Houthi spokesman", "a UN envoy", المتحدث باسم حماس):
// such a person's country is the organisation's, if it has one, and never a guess. Portfolio
// words between a country and its role are skipped ("Iraq's Oil Minister").
func (d *doc) roleQualifierOrg(r *roleSpan) (country string, byOrg bool, next int) {
	f := r.f
	next = r.tj
	if r.ti > 0 && f.toks[r.ti].gap == gapSpace {
		k := r.ti - 1
		if f.toks[r.ti].script != scriptArabic {
			// Deputy Electricity Minister, Oil Minister: capitalised words the lexicon knows, and
			// role words (Deputy)
			for steps := 0; steps < 3 && k > 0 && (f.toks[k].lab == labNone && d.common(&f.toks[k]) || f.toks[k].lab == labRole) &&
				d.gazAtToken(f, k) == nil && f.toks[k].upper && f.toks[k].poss == 0 && f.toks[k].gap == gapSpace; steps++ {
				k--
			}
		}
		m := d.gazAtToken(f, k)
		if c := countryOf(m); c != "" {
			country = c
		} else if o := orgOf(m); o != nil && m.tj == k+1 {
			country, byOrg = o.Country, true
		}
	}
	if f.toks[r.ti].script != scriptArabic {
		return country, byOrg, next
	}
	for steps := 0; steps < 3 && next < len(f.toks); steps++ {
		u := &f.toks[next]
		if u.gap != gapSpace {
			break
		}
		prevDef := definiteWord(&f.toks[next-1])
		if m := d.gazAtToken(f, next); m != nil && m.ti == next {
			if prevDef && !definiteWord(u) {
				// after a definite word a bare noun qualifies nothing (a genitive follows only an
				// indefinite one): الوزيرة هند الصبيحي is a name
				break
			}
			if c := countryOf(m); c != "" {
				country = c
				next = m.tj
				continue
			}
			if !prevDef && placeMatch(m) {
				next = m.tj // رئيس بلدية غزة: the place a role serves
				continue
			}
			break
		}
		if d.cues.has(cueModifier, u.fold) {
			next++
			continue
		}
		if (u.fold == "لدي" || u.fold == "في") && next+1 < len(f.toks) && f.toks[next+1].gap == gapSpace {
			// سفير فرنسا لدى لبنان, السفير الأمريكي في عمان ستيفن فاجن: where the role serves, when
			// a name follows it
			if m := d.gazAtToken(f, next+1); m != nil && m.ti == next+1 && placeMatch(m) && m.tj < len(f.toks) &&
				f.toks[m.tj].gap == gapSpace && f.toks[m.tj].lab == labNone && f.toks[m.tj].script == scriptArabic &&
				(u.fold == "لدي" || d.arabicGivenName(&f.toks[m.tj])) {
				if country == "" {
					country = countryOf(m)
				}
				next = m.tj
				continue
			}
		}
		break
	}
	return country, byOrg, next
}

// mentionStart returns where a person mention starts: at the name, or at the royal title just
// before it (King Abdullah II, الملك عبدالله الثاني, Sheikh Tamim, الشيخ محمد بن زايد), without
// honorifics (His Majesty, جلالة).
func (d *doc) mentionStart(f *field, r *roleSpan, nameTi int) int {
	if r == nil || r.tj != nameTi || !royalRoles[r.role] && !d.royalWords(f, r) {
		return f.toks[nameTi].s
	}
	k := r.tj - 1
	for k >= r.ti && d.cues.has(cueRoyal, f.toks[k].fold) {
		k--
	}
	if k == r.tj-1 {
		return f.toks[nameTi].s
	}
	return f.toks[k+1].s
}

// --- Latin script -------------------------------------------------------------------------

// nameWord reports whether token i can be part of a Latin person name.
func (d *doc) nameWord(f *field, i int) bool {
	t := &f.toks[i]
	if t.script != scriptLatin || t.lab != labNone || !t.upper {
		return false
	}
	if t.e < len(f.text) && f.text[t.e] == '.' && en.IsNameTitle(t.text) {
		return false // Gov. Sarah Palin: an abbreviated title is no part of the name
	}
	if isInitial(t.text) && i+1 < len(f.toks) && f.toks[i+1].gap == gapInitial {
		return true // A. J. Smith
	}
	if t.caps && !d.cues.has(cueRegnal, t.fold) {
		return false
	}
	low := strings.ToLower(t.bare())
	if d.cues.has(cueSkip, low) || en.IsStopWord(low) {
		return false
	}
	return true
}

// runEnd returns the end of the run of name words starting at token i.
func (d *doc) runEnd(f *field, i int) int {
	k := i + 1
	for k < len(f.toks) {
		if f.toks[k-1].poss > 0 {
			break
		}
		u := &f.toks[k]
		if u.gap != gapSpace && !(u.gap == gapInitial && isInitial(f.toks[k-1].text)) {
			break
		}
		if d.cues.has(cueRegnal, u.fold) && u.text != "I" && u.lab == labNone {
			k++
			// Abdullah II bin al-Hussein: a patronymic may follow a regnal number.
			if k+1 < len(f.toks) && patronymic(f.toks[k].fold) && f.toks[k].gap == gapSpace && d.nameWord(f, k+1) {
				k += 2
				continue
			}
			break
		}
		if d.nameWord(f, k) {
			k++
			continue
		}
		if d.placeAsSurname(f, k) {
			k++
			continue
		}
		if u.lab == labNone && u.script == scriptLatin && !u.upper && isParticle(u.fold) &&
			k+1 < len(f.toks) && f.toks[k+1].gap == gapSpace && d.nameWord(f, k+1) {
			k += 2
			continue
		}
		break
	}
	return k
}

// placeAsSurname reports whether token k, a one-word place of the gazetteer, is the surname of
// the given name before it (John Irish, Michael Jordan, George Washington).
func (d *doc) placeAsSurname(f *field, k int) bool {
	u := &f.toks[k]
	if k == 0 || u.lab != labGaz || u.script != scriptLatin || !u.upper || u.caps {
		return false
	}
	m := d.gazAtToken(f, k)
	if m == nil || m.ti != k || m.tj != k+1 || m.whole {
		return false
	}
	prev := &f.toks[k-1]
	if prev.lab != labNone || prev.script != scriptLatin || !prev.upper || prev.poss > 0 {
		return false
	}
	return d.a.gaz.GivenNameGroup(prev.bare()) != "" || d.kb.nameTokens[prev.fold] >= 100 && !en.IsStopWord(prev.fold)
}

// placeAsGivenName returns the end of a person's name that starts with a one-word place or
// organisation of the gazetteer that is also a given name (Petra Novak, Jordan Peterson), when a
// surname the gazetteer lacks follows it and the words around say it is a person: a role before
// it, a speech verb or an apposition with a role after it. It returns i otherwise; on success the
// gazetteer's reading is dropped.
func (d *doc) placeAsGivenName(f *field, i int) int {
	t := &f.toks[i]
	if t.lab != labGaz || t.script != scriptLatin || !t.upper || t.caps || i+1 >= len(f.toks) || t.poss > 0 {
		return i
	}
	m := d.gazAtToken(f, i)
	if m == nil || m.ti != i || m.tj != i+1 || m.whole || d.a.gaz.GivenNameGroup(t.bare()) == "" && d.kb.nameTokens[t.fold] < 10 {
		return i
	}
	if f.toks[i+1].gap != gapSpace || !d.nameWord(f, i+1) {
		return i
	}
	j := d.runEnd(f, i+1)
	if last := strings.ToLower(f.toks[j-1].bare()); j-i > 3 || d.cues.has(cueOrgHead, last) || d.cues.has(cuePlaceHead, last) ||
		d.cues.has(cueNotEntity, last) {
		return i // Amman Stock Exchange, Gaza Strip
	}
	cue := d.roleEndingAt(f, i) != nil
	if !cue && j < len(f.toks) && f.toks[j].gap == gapSpace && f.toks[j-1].poss == 0 && d.cues.has(cueSpeech, f.toks[j].fold) {
		cue = true
	}
	if !cue {
		_, _, cue = d.appositionAfter(f, j)
	}
	if !cue {
		return i
	}
	m.entries = nil
	t.lab = labNone
	return j
}

// common reports whether a Latin token is a common word rather than a name: the concept lexicon
// knows it, or it is a stop word, and it is not a frequent name token or a known given name.
func (d *doc) common(t *tok) bool {
	low := strings.ToLower(t.bare())
	if en.IsStopWord(low) || d.cues.has(cueSkip, low) {
		return true
	}
	if !t.known {
		return false
	}
	if d.a.gaz.GivenNameGroup(t.bare()) != "" {
		return false
	}
	return d.kb.nameTokens[t.fold] < 3
}

// peopleLatin finds people, and places and organisations the gazetteer lacks, in the capitalised
// runs of a field's Latin-script text.
func (d *doc) peopleLatin(f *field) {
	for i := 0; i < len(f.toks); {
		if !d.nameWord(f, i) {
			if j := d.placeAsGivenName(f, i); j > i {
				d.classifyRun(f, i, j)
				i = j
				continue
			}
			i++
			continue
		}
		j := d.runEnd(f, i)
		if k := d.ofExtension(f, j); k > j {
			// "Central Bank of Egypt", "Association of Retired Servicemen": an organisation
			// named by its head and what it is of.
			d.addOther(f, i, k, TypeOrganisation)
			i = k
			continue
		}
		if f.titleCase {
			// In a Title Case Headline capitals say little: a common word ends the name.
			for k := i + 1; k < j; k++ {
				if d.common(&f.toks[k]) && d.kb.nameTokens[f.toks[k].fold] < 3 {
					j = k
					break
				}
			}
		}
		if d.prefixedOrg(f, i, j) {
			i = j
			continue
		}
		a := i
		// After a place preposition the capitalised words are a name as they stand (near Wadi
		// Hamra); so are an organisation's or place's (Promises Treatment Center).
		lastLow := strings.ToLower(f.toks[j-1].bare())
		if i > 0 && f.toks[i].gap == gapSpace && d.cues.has(cuePlacePrep, strings.ToLower(f.toks[i-1].text)) {
			d.classifyRun(f, i, j)
			i = j
			continue
		}
		if j-i >= 2 && (d.cues.has(cueOrgHead, lastLow) || d.cues.has(cuePlaceHead, lastLow)) {
			for a < j-2 && f.toks[a].first && d.common(&f.toks[a]) {
				a++
			}
			d.classifyRun(f, a, j)
			i = j
			continue
		}
		// A lower-case head noun after the run names it as a whole ("the Wadi Dawasir oasis").
		if j < len(f.toks) && f.toks[j].gap == gapSpace && f.toks[j].script == scriptLatin && !f.toks[j].upper &&
			(d.cues.has(cuePlaceNoun, f.toks[j].fold) || d.cues.has(cueThingNoun, f.toks[j].fold)) {
			for a < j-1 && f.toks[a].first && d.leadingCommon(f, a) {
				a++
			}
			d.classifyRun(f, a, j)
			i = j
			continue
		}
		if j-i >= 2 && d.orgContext(f, i, j) {
			// "a firm called Kestrel Rotor Works": the noun before names the whole run
			d.addOther(f, i, j, TypeOrganisation)
			i = j
			continue
		}
		// Leading common words are no part of a name: a capitalised sentence start ("During"),
		// or a word no name has (the "Foreign" of "Russian Foreign Sergey Lavrov"); after a role
		// cue the name starts at once (Prime Minister Benjamin Netanyahu).
		if d.roleEndingAt(f, i) == nil {
			for a < j-1 && d.leadingCommon(f, a) {
				a++
			}
		}
		d.classifyRun(f, a, j)
		i = j
	}
}

// prefixedOrg reads a company or body whose name starts with a place or an acronym the run of
// name words [i, j) does not hold: "Qatar Airways", "Gulf Horizon Logistics" (a place and words
// ending in an organisation's head word), "ACWA Power" (an acronym and such words), "Saudi
// Aramco" (a nationality and one word no lexicon, name list or gazetteer knows). It records the
// organisation and reports whether it did.
func (d *doc) prefixedOrg(f *field, i, j int) bool {
	if i == 0 || j-i > 3 || f.toks[i].gap != gapSpace || f.toks[j-1].poss > 0 && j-i > 1 {
		return false
	}
	head := d.cues.has(cueOrgHead, strings.ToLower(f.toks[j-1].bare()))
	p := &f.toks[i-1]
	if p.poss > 0 || p.script != scriptLatin {
		return false
	}
	if head && p.lab == labNone && p.caps && utf8.RuneCountInString(p.bare()) >= 2 && !d.cues.has(cueRegnal, p.fold) &&
		!en.IsStopWord(strings.ToLower(p.bare())) && (i < 2 || f.toks[i-1].gap != gapInitial) {
		d.addOther(f, i-1, j, TypeOrganisation) // ACWA Power
		return true
	}
	m := d.gazAtToken(f, i-1)
	if m == nil || m.tj != i || m.whole || p.lab != labGaz {
		return false
	}
	country := countryOf(m)
	region := false
	for _, e := range m.entries {
		if e.Type == gazetteer.TypeRegion && e.Kind == gazetteer.KindName {
			region = true
		}
	}
	demonym := false
	for _, e := range m.entries {
		if e.Type == gazetteer.TypeCountry && e.Kind == gazetteer.KindDemonym {
			demonym = true
		}
	}
	switch {
	case head && country != "":
		d.addOther(f, i, j, TypeOrganisation) // Qatar Airways: the country stays a mention
		return true
	case head && region && country == "":
		// Gulf Horizon Logistics: the region's word is the company's
		for k := m.ti; k < m.tj; k++ {
			f.toks[k].lab = labNone
		}
		m.entries = nil
		d.addOther(f, m.ti, j, TypeOrganisation)
		return true
	case demonym && j-i == 1 && !d.common(&f.toks[i]) && !f.toks[i].known && d.kb.nameTokens[f.toks[i].fold] == 0 &&
		d.a.gaz.GivenNameGroup(f.toks[i].bare()) == "" && len(d.kb.peopleByFam[f.toks[i].fold]) == 0 &&
		(j >= len(f.toks) || f.toks[j].gap != gapSpace || !f.toks[j].upper):
		d.addOther(f, i, j, TypeOrganisation) // Saudi Aramco
		return true
	}
	return false
}

// listedPlace reports whether the run of name words starting at token a is a place by the list
// it is in: after a lower-case place noun and "of" ("the provinces of Tata", "the town of
// Kelaat"), or the next item of a list whose item before it is a place found by pattern ("the
// provinces of Tata and Errachidia", "near Wadi Hamra, Jabal Sheikh and Tal Afar"), joined by
// "and", "or" or a comma.
func (d *doc) listedPlace(f *field, a int) bool {
	if a < 2 || f.toks[a].gap != gapSpace && f.toks[a].gap != gapComma {
		return false
	}
	if p := &f.toks[a-2]; f.toks[a].gap == gapSpace && f.toks[a-1].fold == "of" && f.toks[a-1].gap == gapSpace &&
		p.script == scriptLatin && !p.upper && d.cues.has(cuePlaceNoun, p.fold) {
		return true // "the provinces of Tata", "the town of Kelaat"
	}
	end := a // where the item before ends
	if f.toks[a].gap == gapSpace {
		if w := f.toks[a-1].fold; (w != "and" && w != "or") || f.toks[a-1].upper {
			return false
		}
		end = a - 1
	}
	for k := len(d.others) - 1; k >= 0 && k >= len(d.others)-3; k-- {
		if o := d.others[k]; o.f == f && o.tj == end && o.typ == TypePlace && o.key == "" {
			return true
		}
	}
	return false
}

// servedOrgAr reads the organisation a role serves after the role (مدير المشتريات في شركة "بارس
// روتور"): within a few words, في or لدى and an organisation of the gazetteer or found by pattern.
// It reports the organisation's country (if the gazetteer gives one) and whether there is one: the
// person is that organisation's, and gets no guessed country.
func (d *doc) servedOrgAr(f *field, k int) (country string, ok bool) {
	for steps := 0; steps < 4 && k+1 < len(f.toks); steps, k = steps+1, k+1 {
		u := &f.toks[k]
		if u.gap != gapSpace && u.gap != gapOther || u.script != scriptArabic {
			return "", false
		}
		if u.fold != "في" && u.fold != "لدي" {
			continue
		}
		for j := k + 1; j < len(f.toks) && j <= k+2; j++ {
			if o := d.otherStartingAt(f, j); o != nil && o.typ == TypeOrganisation {
				return "", true
			}
			if m := d.gazAtToken(f, j); m != nil && m.ti == j {
				if o := orgOf(m); o != nil && countryOf(m) == "" {
					return o.Country, true
				}
			}
		}
		return "", false
	}
	return "", false
}

// compassWords are the directions of a place's position relative to another ("south of").
var compassWords = map[string]bool{"north": true, "south": true, "east": true, "west": true, "northeast": true,
	"northwest": true, "southeast": true, "southwest": true, "north-east": true, "north-west": true,
	"south-east": true, "south-west": true}

// compassAdjectives are the regions of a country ("in northern Saudi Arabia").
var compassAdjectives = map[string]bool{"northern": true, "southern": true, "eastern": true, "western": true,
	"central": true, "northeastern": true, "northwestern": true, "southeastern": true, "southwestern": true}

// geoApposition reports whether what follows a name ending at token b places it on the map: "in"
// and a compass adjective and a place of the gazetteer ("Arar in northern Saudi Arabia"), or a
// comma, a compass word, "of" and such a place ("Yusufiyah, south of Baghdad"). The name is then
// a place.
func (d *doc) geoApposition(f *field, b int) bool {
	if b+2 >= len(f.toks) || f.toks[b-1].poss > 0 {
		return false
	}
	placeAt := func(k int) bool {
		m := d.gazAtToken(f, k)
		return m != nil && m.ti == k && placeMatch(m)
	}
	t0, t1 := &f.toks[b], &f.toks[b+1]
	if t0.gap == gapSpace && t0.fold == "in" && t1.gap == gapSpace && compassAdjectives[t1.fold] && !t1.upper {
		return f.toks[b+2].gap == gapSpace && placeAt(b+2)
	}
	if t0.gap == gapComma && compassWords[t0.fold] && !t0.upper && t1.gap == gapSpace && t1.fold == "of" {
		return f.toks[b+2].gap == gapSpace && placeAt(b+2)
	}
	return false
}

// foldedTokens returns the folded name tokens of f.toks[a:b] (عبد joined to the word after it).
func foldedTokens(f *field, a, b int) []string {
	var out []string
	for k := a; k < b; {
		t := &f.toks[k]
		if t.script == scriptArabic {
			j := k
			for j < b && f.toks[j].script == scriptArabic {
				j++
			}
			out = append(out, arabicNameTokens(f.text[t.s:f.toks[j-1].e])...)
			k = j
			continue
		}
		out = append(out, latinNameTokens(t.bare())...)
		k++
	}
	return out
}

// classifyRun decides what the run of capitalised words f.toks[a:b] names.
func (d *doc) classifyRun(f *field, a, b int) {
	toks := foldedTokens(f, a, b)
	if len(toks) == 0 {
		return
	}
	if d.listedPlace(f, a) {
		d.addOther(f, a, b, TypePlace) // "the provinces of Tata and Errachidia"
		return
	}
	initials := true
	for k := a; k < b; k++ {
		if !isInitial(f.toks[k].text) {
			initials = false
		}
	}
	if initials {
		return // U. S., N. Y., P. M.
	}
	if r, _ := utf8.DecodeRuneInString(f.toks[a].text); !unicode.IsLetter(r) {
		return // 2-Time Heavyweight Champion
	}
	last := &f.toks[b-1]
	lastLow := strings.ToLower(last.bare())
	if d.cues.has(cueNotEntity, lastLow) || d.cues.has(cueOfficeOfState, foldCue("en", f.text[f.toks[a].s:last.e-last.poss])) {
		return // the Presidential Council acts for its country: no entity
	}
	// A lower-case head noun after the run says what it names: "the Ras El Hekma peninsula" is
	// a place, "the Development Road project" no entity.
	if b < len(f.toks) && f.toks[b].gap == gapSpace && last.poss == 0 {
		next := &f.toks[b]
		if next.script == scriptLatin && !next.upper {
			switch {
			case d.cues.has(cuePlaceNoun, next.fold) && len(d.kb.peopleMatching(strings.Join(toks, " "))) == 0:
				d.addOther(f, a, b, TypePlace)
				return
			case d.cues.has(cueThingNoun, next.fold):
				return
			}
		}
	}
	if b-a >= 2 && d.cues.has(cueOrgHead, lastLow) {
		// "General Labour Confederation", "National Union": a capitalised title word just before
		// belongs to the organisation's name.
		if a > 0 && f.toks[a].gap == gapSpace && f.toks[a-1].upper && f.toks[a-1].lab == labRole {
			if r := d.roleEndingAt(f, a); r != nil && (r.ti == a-1 || r.ti == a-2 && f.toks[a-2].fold == "the") {
				d.dropRole(r)
				for k := r.ti; k < r.tj; k++ {
					f.toks[k].lab = labNone
				}
				a--
			}
		}
		d.addOther(f, a, b, TypeOrganisation)
		return
	}
	if d.orgContext(f, a, b) {
		d.addOther(f, a, b, TypeOrganisation)
		return
	}
	if b-a >= 2 && d.cues.has(cuePlaceHead, lastLow) {
		d.addOther(f, a, b, TypePlace)
		return
	}
	p := &pmention{f: f, ti: a, tj: b, s: f.toks[a].s, e: last.e - last.poss, toks: toks, script: scriptLatin, kind: "name"}
	p.people = d.kb.peopleMatching(strings.Join(toks, " "))
	allCommon := true
	for k := a; k < b; k++ {
		t := &f.toks[k]
		if !d.common(t) && !isInitial(t.text) || d.kb.nameTokens[t.fold] >= 3 || len(d.kb.peopleByFam[t.fold]) > 0 {
			allCommon = false
		}
	}
	placePrep := a > 0 && f.toks[a].gap == gapSpace && d.cues.has(cuePlacePrep, strings.ToLower(f.toks[a-1].text))
	if r := d.roleEndingAt(f, a); allCommon && r != nil && b-a >= 2 && !f.titleCase && f.toks[a].gap == gapSpace && !d.cues.has(cueOrgHead, lastLow) &&
		!d.cues.has(cuePlaceHead, lastLow) {
		// after a role or title two capitalised words are a name though the lexicon knows them
		// (Ambassador Julian Whitfield, aid worker Hope Rivers)
		allCommon = false
	}
	if allCommon && len(p.people) == 0 && !(placePrep && b-a > 1) {
		return // "General Manager": a title before a common word names no one
	}
	// A role, title or honorific just before: "Foreign Minister Ayman Safadi", "Mr Smith".
	if r := d.roleEndingAt(f, a); r != nil && (f.toks[a].gap == gapSpace || f.toks[a].gap == gapComma && b-a >= 2) {
		p.cue = r.kind
		p.described = d.descriptive(r)
		// A chain of cues (Qatari Prime Minister Sheikh ...): the most specific role, the
		// country written before the first.
		for x := r; x != nil; {
			if x.kind == "role" && (p.role == "" || genericRoles[p.role] && !genericRoles[x.role]) {
				p.role = x.role
			}
			if c, byOrg, _ := d.roleQualifierOrg(x); (c != "" || byOrg) && p.country == "" && !p.byOrg {
				p.country, p.byOrg = c, byOrg
			}
			prev := d.roleEndingAt(f, x.ti)
			if prev == nil || f.toks[x.ti].gap != gapSpace {
				break
			}
			x = prev
		}
		if p.role != "" {
			p.cue = "role"
		}
		p.s = d.mentionStart(f, r, a)
	}
	// "his Egyptian counterpart Badr Abdelatty", "counterpart, X".
	if p.cue == "" && a > 0 && (f.toks[a].gap == gapSpace || f.toks[a].gap == gapComma) && d.cues.has(cueCounterpart, f.toks[a-1].fold) {
		p.cue = "counterpart"
		p.counterpart = true
		if a > 1 && f.toks[a-1].gap == gapSpace {
			p.country = countryOf(d.gazAtToken(f, a-2))
		}
	}
	// "X, Syria's foreign minister", "X, the Turkish foreign minister".
	if p.cue == "" || p.role == "" {
		if role, country, ok := d.appositionAfter(f, b); ok {
			if p.cue == "" {
				p.cue = "apposition"
			}
			p.role = role
			if p.country == "" {
				p.country = country
			}
		}
	}
	if p.cue == "" && len(p.people) > 0 {
		p.cue = "people"
	}
	speech := b < len(f.toks) && f.toks[b].gap == gapSpace && last.poss == 0 && d.cues.has(cueSpeech, f.toks[b].fold)
	if p.cue == "" && b-a >= 2 && speech {
		p.cue = "speech"
	}
	if p.cue == "" && placePrep {
		// "in Banda Aceh", "near Rukban": an unknown name after a place preposition is a place.
		if b-a > 1 || !d.common(&f.toks[a]) {
			d.addOther(f, a, b, TypePlace)
		}
		return
	}
	if p.cue == "" && b-a >= 2 && d.cues.has(cuePlaceStart, strings.ToLower(f.toks[a].bare())) {
		d.addOther(f, a, b, TypePlace) // North Sumatra, San Diego, Mount Cook
		return
	}
	if p.cue == "" && b-a >= 2 && d.nameLike(f, a, b) {
		p.cue = "shape"
	}
	if (p.cue == "shape" || p.cue == "speech") && a > 0 && f.toks[a].gap == gapSpace && d.cues.has(cueArticle, f.toks[a-1].fold) {
		return // "around the Grand Serail", "the Guardian said": no person's name takes "the"
	}
	if p.cue == "" && d.geoApposition(f, b) && d.kb.nameTokens[f.toks[a].fold] < 3 && d.a.gaz.GivenNameGroup(f.toks[a].bare()) == "" {
		d.addOther(f, a, b, TypePlace) // Arar in northern Saudi Arabia, Yusufiyah, south of Baghdad
		return
	}
	if p.cue == "" {
		if b-a == 1 {
			d.singles = append(d.singles, single{f: f, i: a})
		}
		return
	}
	for k := a; k < b; k++ {
		if f.toks[k].lab == labGaz {
			if m := d.gazAtToken(f, k); m != nil {
				m.entries = nil // John Irish: the place was a surname
			}
		}
		f.toks[k].lab = labPerson
	}
	d.persons = append(d.persons, p)
}

// leadingCommon reports whether the first word of a capitalised run is a common word rather than
// part of a name: a stop word or skip word, a word the article also writes in lower case, or a
// word the lexicon knows and no name has (the "Foreign" of "Russian Foreign Sergey Lavrov").
func (d *doc) leadingCommon(f *field, a int) bool {
	t := &f.toks[a]
	low := strings.ToLower(t.bare())
	if en.IsStopWord(low) || d.cues.has(cueSkip, low) {
		return true
	}
	if d.lowerWords()[t.fold] {
		return true
	}
	if !d.common(t) || d.kb.nameTokens[t.fold] > 0 {
		return false
	}
	// A known word at a sentence start may still be a given name when a name follows it (Nadia
	// Karam); inside a sentence a capitalised common word that no name has is no name (Foreign).
	if t.first && a+1 < len(f.toks) && !d.common(&f.toks[a+1]) {
		return false
	}
	return true
}

// lowerWords returns the folded Latin words the article writes in lower case.
func (d *doc) lowerWords() map[string]bool {
	if d.lower == nil {
		d.lower = map[string]bool{}
		for _, f := range d.fields {
			for i := range f.toks {
				if t := &f.toks[i]; t.script == scriptLatin && !t.upper {
					d.lower[t.fold] = true
				}
			}
		}
	}
	return d.lower
}

// single is a lone capitalised word that may be a surname, a place or nothing.
type single struct {
	f *field
	i int
}

// nameLike reports whether a run of two or more capitalised words looks like a person's name:
// no word of it is a common word that is not also a frequent name.
func (d *doc) nameLike(f *field, a, b int) bool {
	// The first word must be a name (Phil Ford, Terry White, Britney Spears); later ones may
	// also be common words.
	if d.common(&f.toks[a]) {
		return false
	}
	for k := a; k < b; k++ {
		t := &f.toks[k]
		if t.caps && !d.cues.has(cueRegnal, t.fold) {
			return false
		}
	}
	return true
}

// appositionAfter reads ", [the] [Country's|Demonym] role" after a name ending at token b.
func (d *doc) appositionAfter(f *field, b int) (role, country string, ok bool) {
	if b >= len(f.toks) || f.toks[b].gap != gapComma {
		return "", "", false
	}
	k := b
	if d.cues.has(cueArticle, f.toks[k].fold) || f.toks[k].fold == "a" || f.toks[k].fold == "an" {
		k++
	}
	if k < len(f.toks) {
		if m := d.gazAtToken(f, k); m != nil && m.ti == k {
			country = countryOf(m)
			k = m.tj
		}
	}
	if r := d.roleStartingAt(f, k); r != nil && r.kind == "role" {
		if country == "" {
			// "X, foreign minister of Syria"
			if r.tj+1 < len(f.toks) && f.toks[r.tj].fold == "of" {
				if m := d.gazAtToken(f, r.tj+1); m != nil {
					country = countryOf(m)
				}
			}
			if c, _ := d.roleQualifier(r); c != "" {
				country = c
			}
		}
		if country == "" {
			// "X, an adviser to the Iraqi water ministry", "X, a spokesman for the Syrian army":
			// the body served, named by its country
			k := r.tj
			if k < len(f.toks) && (f.toks[k].fold == "to" || f.toks[k].fold == "for" || f.toks[k].fold == "at") && f.toks[k].gap == gapSpace {
				k++
				if k < len(f.toks) && d.cues.has(cueArticle, f.toks[k].fold) && f.toks[k].gap == gapSpace {
					k++
				}
				if k < len(f.toks) && f.toks[k].gap == gapSpace {
					if m := d.gazAtToken(f, k); m != nil && m.ti == k {
						country = countryOf(m)
					}
				}
			}
		}
		return r.role, country, true
	}
	return "", "", false
}

// dropRole forgets a role span whose words turned out to belong to a name.
func (d *doc) dropRole(r *roleSpan) {
	kept := d.roles[:0]
	for _, x := range d.roles {
		if x != r {
			kept = append(kept, x)
		}
	}
	d.roles = kept
	if r.f.roleStart[r.ti] == r {
		delete(r.f.roleStart, r.ti)
	}
	if r.f.roleEnd[r.tj] == r {
		delete(r.f.roleEnd, r.tj)
	}
}

// addOther records a place or organisation found by pattern.
func (d *doc) addOther(f *field, a, b int, typ string) {
	s := f.toks[a].s
	// "Russian Aerospace Force": a demonym or country just before belongs to the name.
	if typ == TypeOrganisation && a > 0 && f.toks[a].gap == gapSpace {
		if m := d.gazAtToken(f, a-1); m != nil && m.tj == a && countryOf(m) != "" {
			s = f.toks[m.ti].s
		}
	}
	for k := a; k < b; k++ {
		f.toks[k].lab = labOrg
	}
	d.others = append(d.others, &omention{f: f, ti: a, tj: b, s: s, e: f.toks[b-1].e - f.toks[b-1].poss, typ: typ})
}

// --- Arabic script ------------------------------------------------------------------------

// arabicStop reports whether an Arabic token cannot be part of a name.
func (d *doc) arabicStop(t *tok) bool {
	if t.script != scriptArabic || t.lab != labNone {
		return true
	}
	ac := d.kb.cues["ar"]
	return ar.IsStopWord(t.text) || ac.has(cueBlocker, t.fold)
}

// nameTokensArabic returns the end of the Arabic name that starts at token j (j when none).
func (d *doc) nameTokensArabic(f *field, j int) int {
	ac := d.kb.cues["ar"]
	k := j
	count := 0
	lastGood := j
	prevParticle, sawParticle := false, false
	for k < len(f.toks) && count < 4 {
		u := &f.toks[k]
		if k > j && u.gap != gapSpace {
			break
		}
		if count == 0 && k == j && d.gazGivenName(f, k) {
			// هند الصبيحي: a place's name that is also a given name, before a family name
			prevParticle = false
			count++
			k++
			lastGood = k
			continue
		}
		if count >= 1 && !prevParticle && d.demonymSurname(f, k) && (count == 1 || d.arabicGivenName(&f.toks[j])) {
			// خالد المصري: a nationality adjective right after a given name is a family name
			k++
			lastGood = k
			break
		}
		if count > 0 && u.lab == labRole && d.roleWordInName(f, k) {
			// حسين أمير عبد اللهيان: an indefinite role word between names is a name.
			u.lab = labNone
		}
		if d.arabicStop(u) && !(prevParticle && u.lab == labNone && d.kb.nameTokens[u.fold] >= 3) ||
			count == 0 && d.conjWord(u) || count > 0 && d.cliticStop(u) {
			break // (after بن a frequent name is a name: علي, not على)
		}
		fold := u.fold
		if count > 0 && !prevParticle && d.conjunction(u) {
			break // a conjunction: the next item of a list
		}
		if count > 0 && !prevParticle && strings.HasPrefix(fold, "ب") && u.known && utf8.RuneCountInString(fold) >= 4 &&
			d.kb.nameTokens[fold] < 3 && !familyNisba(u) && d.a.gaz.GivenNameGroup(u.text) == "" {
			break // a preposition on a word the lexicon knows: أحمد بجروح
		}
		if count > 0 && ac.has(cueRegnal, fold) {
			k++
			lastGood = k
			break
		}
		if isParticle(fold) || fold == "عبد" {
			prevParticle = true
			sawParticle = sawParticle || fold != "عبد"
			k++
			continue
		}
		if count >= 2 && !prevParticle && d.kb.nameTokens[fold] < 3 && d.kb.nameTokens[stripArticle(fold)] < 3 &&
			!familyNisba(u) && !(sawParticle && nisbaShape(fold) && u.lab == labNone) &&
			!(count == 2 && !u.known && !definiteWord(u) && !d.conjWord(u) && utf8.RuneCountInString(fold) >= 4) {
			break // (a nisba after a chain with بن is the family name: ناصر بن علي الهاجري; a third word
			// the lexicon does not know goes on: جينين هينيس بلاسخارت)
		}
		prevParticle = false
		if !(count > 0 && fold == "الله") {
			count++ // عبيد الله is one name of two words
		}
		k++
		lastGood = k
	}
	return lastGood
}

// peopleArabic finds people in a field's Arabic-script text: after role cues, titles and
// honorifics, after "counterpart", before an apposition, and by the people gazetteer.
func (d *doc) peopleArabic(f *field) {
	ac := d.kb.cues["ar"]
	d.peopleGazetteerArabic(f)
	for _, r := range d.roles {
		if r.f != f || f.toks[r.ti].script != scriptArabic {
			continue
		}
		if f.toks[r.tj-1].lab == labOrg {
			continue // the cue's words are an organisation's name (نقابة الصحفيين)
		}
		if nr := d.roleStartingAt(f, r.tj); nr != nil && f.toks[r.tj].gap == gapSpace {
			continue // a chain of cues: the last one reads the name
		}
		role, country, byOrg := "", "", false
		start := r
		// The whole chain of cues ending here: سمو ولي العهد الأمير.
		for {
			if start.kind == "role" && (role == "" || role == "prince" || role == "minister") {
				role = start.role
			}
			prev := d.roleEndingAt(f, start.ti)
			if prev == nil || f.toks[start.ti].gap != gapSpace {
				break
			}
			start = prev
		}
		c, next := d.roleQualifier(r)
		if c == "" {
			c, _ = d.roleQualifier(start)
		}
		country = c
		if ac.has(cueRoleOf, f.toks[r.tj-1].fold) {
			// المتحدث باسم الخارجية الروسية ماريا زاخاروفا: the body spoken for comes first.
			if m := d.gazAtToken(f, next); m != nil && m.ti == next {
				if o := orgOf(m); o != nil && countryOf(m) == "" && country == "" {
					country, byOrg = o.Country, true // المتحدث باسم الحوثيين
				}
				next = m.tj
			} else if next < len(f.toks) && f.toks[next].gap == gapSpace {
				// the body: وزارة الخارجية, رئاسة الجمهورية, الوزارة
				next++
				for k := 0; k < 2 && next < len(f.toks) && f.toks[next].gap == gapSpace && f.toks[next].lab == labNone &&
					strings.HasPrefix(f.toks[next].fold, "ال") && !d.arabicGivenName(&f.toks[next]); k++ {
					if m := d.gazAtToken(f, next); m != nil {
						break
					}
					next++
				}
			}
			for next < len(f.toks) && f.toks[next].gap == gapSpace {
				m := d.gazAtToken(f, next)
				if m == nil || m.ti != next || countryOf(m) == "" {
					break
				}
				if country == "" {
					country = countryOf(m)
				}
				next = m.tj
			}
		} else {
			var cc string
			next, cc = d.skipRoleComplement(f, next)
			if country == "" {
				country = cc
			}
			nb := d.skipRoleBody(f, next)
			afterBody := nb != next
			next = nb
			if next < len(f.toks) && !afterBody && (!d.arabicNameLike(&f.toks[next]) && !d.unknownNameAfterCue(f, next) &&
				!(r.kind == "title" && d.nameAfterTitle(f, next)) || f.toks[next].gap != gapSpace) {
				continue // no name follows the cue
			}
		}
		if known := d.personAt(f, next); known != nil {
			if d.descriptive(r) && nameWords(known.toks) == 1 {
				known.people, known.described = nil, true // الطفل الصفدي is no known Safadi
				continue
			}
			// A name of the people gazetteer right after the cue: the cue qualifies it.
			if known.role == "" {
				known.role = role
			}
			if known.country == "" {
				known.country = country
			}
			if next == r.tj {
				known.s = d.mentionStart(f, r, next)
			}
			continue
		}
		end := d.nameTokensArabic(f, next)
		if end == next {
			continue
		}
		if end-next >= 2 && d.descriptive(r) {
			// الطفل أحمد أصيب, الشاب محمود قرب الحاجز: after a description the name goes on only
			// with no word the lexicon knows bare (a verb, a preposition) unless names have it
			u := &f.toks[next+1]
			if u.known && !definiteWord(u) && !isParticle(u.fold) && u.fold != "عبد" && d.kb.nameTokens[u.fold] < 3 && !familyNisba(u) {
				end = next + 1
			}
		}
		if r.kind != "role" && role == "" && !d.arabicNameLike(&f.toks[next]) && !(r.kind == "title" && d.nameAfterTitle(f, next)) {
			continue // دولة, سعادة, حضرة are also common words: an honorific needs a name after it
		}
		p := &pmention{f: f, ti: next, tj: end, s: f.toks[next].s, e: f.toks[end-1].e, script: scriptArabic, kind: "name",
			role: role, country: country, cue: r.kind, byOrg: byOrg, described: d.descriptive(r)}
		if next == r.tj {
			p.s = d.mentionStart(f, r, next)
		}
		d.addArabicPerson(p)
	}
	for i := range f.toks {
		t := &f.toks[i]
		if t.script != scriptArabic || t.lab != labNone {
			continue
		}
		if ac.has(cueCounterpart, t.fold) {
			j := i + 1
			country := ""
			if j < len(f.toks) && f.toks[j].gap == gapSpace {
				if m := d.gazAtToken(f, j); m != nil && m.ti == j {
					country = countryOf(m)
					j = m.tj
				}
			}
			if j < len(f.toks) && (f.toks[j].gap != gapSpace || !d.arabicNameLike(&f.toks[j])) {
				continue // "نظيره التركي ملفي المياه": no name after the counterpart
			}
			if end := d.nameTokensArabic(f, j); end > j {
				d.addArabicPerson(&pmention{f: f, ti: j, tj: end, s: f.toks[j].s, e: f.toks[end-1].e, script: scriptArabic,
					kind: "name", country: country, cue: "counterpart", counterpart: true})
			}
		}
	}
	// "وقال محمد العلي إن ...": a speech verb, a name of two or three words that starts with a
	// given name, and what opens the speech (إن, أن, a comma, a colon).
	for i := range f.toks {
		t := &f.toks[i]
		if t.script != scriptArabic || t.lab != labNone || !(ac.has(cueSpeech, t.fold) || anyCue(ac, cueSpeech, t.candidates())) {
			continue
		}
		j := i + 1
		if j >= len(f.toks) || f.toks[j].gap != gapSpace || f.toks[j].lab != labNone || !d.arabicGivenName(&f.toks[j]) {
			continue
		}
		end := d.nameTokensArabic(f, j)
		if end-j < 2 || end-j > 3 {
			continue
		}
		if end < len(f.toks) && !(f.toks[end].gap == gapComma || f.toks[end].gap == gapOther && strings.Contains(f.text[f.toks[end-1].e:f.toks[end].s], ":") ||
			ac.has(cueSpeechOpen, f.toks[end].fold)) {
			continue
		}
		d.addArabicPerson(&pmention{f: f, ti: j, tj: end, s: f.toks[j].s, e: f.toks[end-1].e, script: scriptArabic, kind: "name", cue: "speech"})
	}
	d.peopleArabicShape(f)
	// "أيمن الصفدي، وزير الخارجية": a name before a comma and a role.
	for _, r := range d.roles {
		if r.f != f || f.toks[r.ti].script != scriptArabic || f.toks[r.ti].gap != gapComma || r.kind != "role" {
			continue
		}
		b := r.ti
		a := b
		for a > 0 && b-a < 3 && !d.arabicStop(&f.toks[a-1]) && (a == b || f.toks[a].gap == gapSpace) {
			a--
		}
		// The name starts at a given name: "تشمل محسن فراهاني، مدير" is محسن فراهاني.
		for b-a > 2 && !d.arabicGivenName(&f.toks[a]) {
			a++
		}
		if b-a >= 2 && d.nameTokensArabic(f, a) == b {
			country, _ := d.roleQualifier(r)
			byOrg := false
			if country == "" {
				country, byOrg = d.servedOrgAr(f, r.tj)
			}
			d.addArabicPerson(&pmention{f: f, ti: a, tj: b, s: f.toks[a].s, e: f.toks[b-1].e, script: scriptArabic,
				kind: "name", role: r.role, country: country, cue: "apposition", byOrg: byOrg})
		}
	}
}

// peopleArabicShape finds people no cue introduces by the shape of their names: a given name of
// the gazetteer and a family name with the article that the lexicon does not know, a nisba
// (الحلواني) or another (بحث الوزير مع سامر الحوراني).
func (d *doc) peopleArabicShape(f *field) {
	for i := 0; i+1 < len(f.toks); i++ {
		t := &f.toks[i]
		if t.script != scriptArabic || t.lab != labNone || !d.familyAhead(f, i) || !d.arabicGivenName(t) || d.arabicStop(t) || d.conjWord(t) ||
			arabicPlaceStart(t.fold) && t.fold != "ابو" && t.fold != "ام" {
			continue // دير البلح, خان يونس: the first words of places' names
		}
		if i > 0 && f.toks[i].gap == gapSpace && (f.toks[i-1].fold == "في" || f.toks[i-1].fold == "الي") {
			continue // after في and إلى a name is rather a place's
		}
		end := d.nameTokensArabic(f, i)
		if end-i < 2 || end-i > 4 {
			continue
		}
		last := &f.toks[end-1]
		if !strings.HasPrefix(last.fold, "ال") || last.known || utf8.RuneCountInString(last.fold) < 5 {
			continue
		}
		d.addArabicPerson(&pmention{f: f, ti: i, tj: end, s: t.s, e: last.e, script: scriptArabic, kind: "name", cue: "shape"})
		i = end - 1
	}
}

// familyAhead reports whether one of the three words after token i, in the same phrase, may be a
// family name with the article that the lexicon does not know: a cheap test before reading a name.
func (d *doc) familyAhead(f *field, i int) bool {
	for k := i + 1; k < len(f.toks) && k <= i+3; k++ {
		u := &f.toks[k]
		if u.gap != gapSpace || u.script != scriptArabic {
			return false
		}
		if u.lab == labNone && !u.known && strings.HasPrefix(u.fold, "ال") {
			return true
		}
	}
	return false
}

// conjunction reports whether an Arabic word is و joined to a word that starts something new
// (ووزير, ولافروف, والتقى) rather than a name that starts with و (وانجيرو, وليد).
func (d *doc) conjunction(t *tok) bool {
	if !strings.HasPrefix(t.fold, "و") || utf8.RuneCountInString(t.fold) <= 3 {
		return false
	}
	rest := strings.TrimPrefix(t.fold, "و")
	if ar.IsStopWord(rest) || d.a.gaz.HasWord(rest) || d.kb.peopleFirst[rest] || len(d.kb.peopleByFam[stripArticle(rest)]) > 0 {
		return true
	}
	if _, ok := d.a.gaz.Role(rest); ok {
		return true
	}
	// A word the lexicon knows after the و, where the whole is no name.
	return t.known && d.kb.nameTokens[t.fold] < 3
}

// arabicNameLike reports whether an Arabic word looks like a name: a frequent name token, the
// first word of a known person's name, or a word the concept lexicon does not know.
func (d *doc) arabicNameLike(t *tok) bool {
	f := t.fold
	return d.kb.nameTokens[f] >= 3 || d.kb.nameTokens[stripArticle(f)] >= 3 || d.kb.peopleFirst[f] || !t.known
}

// arabicGivenName reports whether an Arabic word is a given name: one of the gazetteer's given
// names, the first word of a known person's name, or a frequent name token the lexicon does not
// take for a common word.
func (d *doc) arabicGivenName(t *tok) bool {
	if d.a.gaz.GivenNameGroup(t.text) != "" || d.kb.peopleFirst[t.fold] {
		return true
	}
	return d.kb.nameTokens[t.fold] >= 5 && !ar.IsStopWord(t.text)
}

// roleWordInName reports whether token k, a one-word role cue, is rather a name: a word without
// the article that names have (أمير, Amir), followed by a name-like word.
func (d *doc) roleWordInName(f *field, k int) bool {
	r := d.roleStartingAt(f, k)
	if r == nil || r.tj != k+1 || strings.HasPrefix(f.toks[k].fold, "ال") || d.kb.nameTokens[f.toks[k].fold] < 3 {
		return false
	}
	if k+1 >= len(f.toks) || f.toks[k+1].gap != gapSpace || f.toks[k+1].lab != labNone {
		return false
	}
	next := &f.toks[k+1]
	if d.arabicStop(next) || d.gazAtToken(f, k+1) != nil {
		return false
	}
	r.kind = "void"
	return true
}

// personAt returns the person mention of f that starts at token i, if any.
func (d *doc) personAt(f *field, i int) *pmention {
	if i >= len(f.toks) || f.toks[i].lab != labPerson {
		return nil
	}
	for k := len(d.persons) - 1; k >= 0; k-- {
		if p := d.persons[k]; p.f == f && p.ti == i {
			return p
		}
	}
	return nil
}

// addArabicPerson records an Arabic person mention and claims its tokens.
func (d *doc) addArabicPerson(p *pmention) {
	f := p.f
	for k := p.ti; k < p.tj; k++ {
		if f.toks[k].lab != labNone && !(k > p.ti && d.demonymSurname(f, k)) && !(k == p.ti && d.gazGivenName(f, k)) {
			return
		}
	}
	if p.toks == nil {
		p.toks = foldedTokens(f, p.ti, p.tj)
	}
	if len(p.toks) == 0 {
		return
	}
	p.people = d.kb.peopleMatching(strings.Join(p.toks, " "))
	for k := p.ti; k < p.tj; k++ {
		if f.toks[k].lab == labGaz {
			if m := d.gazAtToken(f, k); m != nil {
				m.entries = nil // the demonym was a family name
			}
		}
		f.toks[k].lab = labPerson
	}
	d.persons = append(d.persons, p)
}

// demonymSurname reports whether token k, a one-word masculine nationality adjective of the
// gazetteer (المصري, العراقي), is the family name of the given name just before it.
func (d *doc) demonymSurname(f *field, k int) bool {
	u := &f.toks[k]
	if k == 0 || u.lab != labGaz || u.gap != gapSpace || u.script != scriptArabic || !nisbaShape(u.fold) {
		return false
	}
	m := d.gazAtToken(f, k)
	if m == nil || m.ti != k || m.tj != k+1 || countryOf(m) == "" {
		return false
	}
	prev := &f.toks[k-1]
	return prev.lab == labNone && prev.script == scriptArabic && d.arabicNameLike(prev)
}

// gazGivenName reports whether token k, a one-word place of the gazetteer written without the
// article (هند, عمان), is rather a given name: the gazetteer knows it as a given name and a family
// name with the article follows it.
func (d *doc) gazGivenName(f *field, k int) bool {
	u := &f.toks[k]
	if u.lab != labGaz || u.script != scriptArabic || definiteWord(u) || d.a.gaz.GivenNameGroup(u.text) == "" && d.kb.nameTokens[u.fold] < 5 {
		return false
	}
	m := d.gazAtToken(f, k)
	if m == nil || m.ti != k || m.tj != k+1 || k+1 >= len(f.toks) {
		return false
	}
	next := &f.toks[k+1]
	if next.gap != gapSpace || next.lab != labNone || next.script != scriptArabic || d.arabicStop(next) {
		return false
	}
	if !strings.HasPrefix(next.fold, "ال") {
		// الأسير خليل عواودة: an indefinite family name the lexicon does not know
		return !next.known && !d.conjWord(next) && utf8.RuneCountInString(next.fold) >= 4 && !strings.HasPrefix(u.fold, "ال")
	}
	return familyNisba(next) || d.arabicNameLike(next)
}

// peopleGazetteerArabic finds the people gazetteer's Arabic names in unclaimed text.
func (d *doc) peopleGazetteerArabic(f *field) {
	maxTok := d.kb.maxPeopleTok
	for i := 0; i < len(f.toks); i++ {
		t := &f.toks[i]
		if t.script != scriptArabic || t.lab != labNone || !d.kb.peopleFirst[t.fold] && !anyIn(d.kb.peopleFirst, t.candidates()) {
			continue
		}
		for _, c := range t.candidates() {
			if !d.kb.peopleFirst[c] {
				continue
			}
			found := false
			for j := min(len(f.toks), i+maxTok); j > i+1; j-- {
				ok := true
				for k := i + 1; k < j; k++ {
					if f.toks[k].gap != gapSpace || f.toks[k].lab != labNone || f.toks[k].script != scriptArabic {
						ok = false
						break
					}
				}
				if !ok {
					continue
				}
				toks := append(arabicNameTokens(c), foldedTokens(f, i+1, j)...)
				if ps := d.kb.peopleMatching(strings.Join(toks, " ")); len(ps) > 0 {
					s := t.s
					if sb := t.strippedBytes(c); sb > 0 {
						s += sb
					}
					p := &pmention{f: f, ti: i, tj: j, s: s, e: f.toks[j-1].e, script: scriptArabic, kind: "name", cue: "people", toks: toks}
					d.addArabicPerson(p)
					found = true
					break
				}
			}
			if found {
				break
			}
		}
	}
}

func anyIn(set map[string]bool, xs []string) bool {
	for _, x := range xs {
		if set[x] {
			return true
		}
	}
	return false
}

// familyNisba reports whether an Arabic word has the shape of a family name: the article and a
// nisba ending (الشمري, الحارثي, النعيمي) on a word the concept lexicon does not know as a common
// word.
func familyNisba(t *tok) bool {
	return !t.known && nisbaShape(t.fold)
}

// nisbaShape reports whether a folded Arabic word has the article and a nisba ending.
func nisbaShape(f string) bool {
	return strings.HasPrefix(f, "ال") && strings.HasSuffix(f, "ي") && utf8.RuneCountInString(f) >= 5
}

// conjWord reports whether an Arabic word is the conjunction و on another word (ويتسلم, وأودت)
// rather than a name that starts with و (وليد, وائل): no frequent name token, no given name.
func (d *doc) conjWord(t *tok) bool {
	if !strings.HasPrefix(t.fold, "و") || d.kb.nameTokens[t.fold] >= 3 || d.kb.peopleFirst[t.fold] {
		return false
	}
	return d.a.gaz.GivenNameGroup(t.text) == ""
}

// skipRoleComplement skips the definite words that complete a role before the name (وزير التربية
// عباس الحلبي, رئيسة الرابطة منى طربيه, مفوض العون الإنساني عادل إدريس): up to three words with
// the article that are no family names, and the country after them (وزير النفط العراقي), when a
// given name follows them (any name-like word after such a country). It returns the token where
// the name starts and the country, if written.
func (d *doc) skipRoleComplement(f *field, next int) (int, string) {
	k := next
	country := ""
	for k < len(f.toks) && k-next < 3 {
		u := &f.toks[k]
		if k > next && u.gap == gapSpace && u.lab == labGaz {
			// وزير النفط العراقي حيان عبد الغني: the country after the portfolio
			if m := d.gazAtToken(f, k); m != nil && m.ti == k && countryOf(m) != "" {
				country, k = countryOf(m), m.tj
			}
			break
		}
		if u.gap != gapSpace || u.lab != labNone || u.script != scriptArabic || !strings.HasPrefix(u.fold, "ال") ||
			d.kb.nameTokens[u.fold] >= 3 || familyNisba(u) || d.arabicGivenName(u) {
			break
		}
		k++
	}
	if k == next || k >= len(f.toks) || f.toks[k].gap != gapSpace || f.toks[k].lab != labNone ||
		!d.arabicGivenName(&f.toks[k]) && !(country != "" && d.arabicNameLike(&f.toks[k])) {
		return next, "" // (after the country that closes the role any name-like word starts the name)
	}
	return k, country
}

// skipRoleBody skips the body a role serves when it stands between the role and the name (رئيس
// هيئة الاستثمار خلدون الوشاح, الأمين العام لحركة فتح جبريل الرجوب, مدير شركة الكهرباء الوطنية
// أمجد الرواشدة): organisations found by the gazetteer or by pattern, their type nouns and the
// country after them. It returns the token where the name starts, or next when no given name
// follows such a body.
func (d *doc) skipRoleBody(f *field, next int) int {
	ac := d.kb.cues["ar"]
	k := next
	body, construct := false, false
	for steps := 0; k < len(f.toks) && steps < 5; steps++ {
		u := &f.toks[k]
		if u.gap != gapSpace && !(u.gap == gapOther && quoteGap(f, k)) || u.script != scriptArabic {
			break
		}
		if o := d.otherStartingAt(f, k); o != nil && o.typ == TypeOrganisation {
			k, body = o.tj, true
			continue
		}
		if m := d.gazAtToken(f, k); m != nil && m.ti == k {
			if isOrgMatch(m) || body && countryOf(m) != "" {
				k, body = m.tj, true
				continue
			}
			break
		}
		if u.lab == labNone && u.fold == "في" && k+1 < len(f.toks) && f.toks[k+1].gap == gapSpace {
			// القيادي في الحركة سامي أبو زهري: the body after في
			if o := d.otherStartingAt(f, k+1); o != nil && o.typ == TypeOrganisation {
				k, body = o.tj, true
				continue
			}
			if m := d.gazAtToken(f, k+1); m != nil && m.ti == k+1 && isOrgMatch(m) {
				k, body = m.tj, true
				continue
			}
			if n := &f.toks[k+1]; n.lab == labNone && strings.HasPrefix(n.fold, "ال") && !familyNisba(n) && !d.arabicGivenName(n) {
				k, body = k+2, true
				continue
			}
			break
		}
		if u.lab == labNone && !body && (ac.has(cueOrgNoun, u.fold) || anyCue(ac, cueOrgNoun, u.candidates()) || ac.has(cueOrgHead, u.fold) ||
			u.known && !definiteWord(u) && !d.arabicGivenName(u) && !ar.IsStopWord(u.text) && !ac.has(cueBlocker, u.fold)) {
			k++ // شركة before the company's name; مجلس إدارة, وزارة before their complement
			construct = true
			continue
		}
		if u.lab == labNone && construct && definiteWord(u) && !familyNisba(u) && !d.arabicGivenName(u) && d.kb.nameTokens[u.fold] < 3 &&
			!ar.IsStopWord(u.text) && !ac.has(cueBlocker, u.fold) {
			k++ // وزارة المياه: the complement of a construct names the body
			body = true
			continue
		}
		break
	}
	if !body || k >= len(f.toks) || f.toks[k].gap != gapSpace && !(f.toks[k].gap == gapOther && quoteGap(f, k)) ||
		f.toks[k].lab != labNone || !d.nameAfterBody(f, k) {
		return next
	}
	return k
}

// nameAfterBody reports whether token k starts a name after the body a role serves: a given name,
// or a word that may be a name before a family name with the article (نائل الكباريتي).
func (d *doc) nameAfterBody(f *field, k int) bool {
	t := &f.toks[k]
	if d.arabicGivenName(t) {
		return true
	}
	if definiteWord(t) || d.arabicStop(t) || d.conjWord(t) || k+1 >= len(f.toks) {
		return false
	}
	n := &f.toks[k+1]
	if n.gap != gapSpace || n.lab != labNone || n.script != scriptArabic {
		return false
	}
	return familyNisba(n) || d.arabicNameLike(t) && d.kb.nameTokens[stripArticle(n.fold)] >= 3 && strings.HasPrefix(n.fold, "ال")
}

// unknownNameAfterCue reports whether the words at token k are a name of two words or more that
// the lexicon happens to know (foreign names: جينين هينيس): a word without the article, no stop
// word, blocker or verb-like word (يستقبل, تؤكد), followed by another such word.
func (d *doc) unknownNameAfterCue(f *field, k int) bool {
	ok := func(i int) bool {
		if i >= len(f.toks) || f.toks[i].gap != gapSpace {
			return false
		}
		t := &f.toks[i]
		if t.lab != labNone || t.script != scriptArabic || definiteWord(t) || d.arabicStop(t) || d.conjWord(t) || d.cliticStop(t) {
			return false
		}
		if r, _ := utf8.DecodeRuneInString(t.fold); (r == 'ي' || r == 'ت' || r == 'ن') && !d.arabicGivenName(t) {
			return false // the imperfect prefixes of verbs
		}
		return utf8.RuneCountInString(t.fold) >= 3
	}
	return ok(k) && (ok(k+1) || k+1 < len(f.toks) && f.toks[k+1].gap == gapSpace && familyNisba(&f.toks[k+1]))
}

// nameAfterTitle reports whether the word at token k, right after a title (السيدة, الدكتور), may
// start a name though the lexicon knows it: no article, stop word, blocker or verb-like word, and
// a family name with the article after it (السيدة سلمى النمس).
func (d *doc) nameAfterTitle(f *field, k int) bool {
	t := &f.toks[k]
	if t.lab != labNone || t.script != scriptArabic || definiteWord(t) || d.arabicStop(t) || d.conjWord(t) || d.cliticStop(t) ||
		utf8.RuneCountInString(t.fold) < 3 || k+1 >= len(f.toks) {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(t.fold); (r == 'ي' || r == 'ت' || r == 'ن') && !d.arabicGivenName(t) {
		return false
	}
	n := &f.toks[k+1]
	return n.gap == gapSpace && n.lab == labNone && n.script == scriptArabic && strings.HasPrefix(n.fold, "ال") && !d.arabicStop(n) &&
		utf8.RuneCountInString(n.fold) >= 4
}

// quoteGap reports whether the text before token k is white space and quotation marks only
// (شركة "نور الشرق" سامي الخطيب).
func quoteGap(f *field, k int) bool {
	g := strings.TrimSpace(f.text[f.toks[k-1].e:f.toks[k].s])
	return g != "" && strings.Trim(g, "\"«»“”' ") == ""
}

// otherStartingAt returns the place or organisation found by pattern that starts at token i of f.
func (d *doc) otherStartingAt(f *field, i int) *omention {
	if i >= len(f.toks) || f.toks[i].lab != labOrg {
		return nil
	}
	for _, o := range d.others {
		if o.f == f && o.ti == i {
			return o
		}
	}
	return nil
}

// placeMatch reports whether a gazetteer match names a place: a country, city, region or other place.
func placeMatch(m *gazMatch) bool {
	for _, e := range m.entries {
		switch e.Type {
		case gazetteer.TypeCountry, gazetteer.TypeCity, gazetteer.TypeRegion, gazetteer.TypePlace:
			return true
		}
	}
	return false
}

// isOrgMatch reports whether a gazetteer match names organisations only.
func isOrgMatch(m *gazMatch) bool {
	if len(m.entries) == 0 {
		return false
	}
	for _, e := range m.entries {
		if e.Type != TypeOrganisation {
			return false
		}
	}
	return true
}

// royalWords reports whether a title span is made of royal title words only (Sheikh, الشيخ,
// Prince): a title that is part of the name whatever role it was read as.
func (d *doc) royalWords(f *field, r *roleSpan) bool {
	for k := r.ti; k < r.tj; k++ {
		if !d.cues.has(cueRoyal, f.toks[k].fold) {
			return false
		}
	}
	return r.tj > r.ti
}

// ofExtension returns the end of "Head of|for [the] Name" when the capitalised run ending at token j
// ends with an organisation's head word (Bank, Association, University) and "of" and a
// capitalised name follow it; j otherwise.
func (d *doc) ofExtension(f *field, j int) int {
	if j+1 >= len(f.toks) || f.toks[j-1].poss > 0 || !d.cues.has(cueOrgHead, strings.ToLower(f.toks[j-1].bare())) {
		return j
	}
	of := &f.toks[j]
	if of.gap != gapSpace || of.fold != "of" && of.fold != "for" || of.lab != labNone {
		return j // (Arab Organization for Agricultural Development, National Centre for Epidemiology)
	}
	k := j + 1
	if k < len(f.toks) && d.cues.has(cueArticle, f.toks[k].fold) && !f.toks[k].upper {
		k++
	}
	if k >= len(f.toks) || f.toks[k].gap != gapSpace || f.toks[k].script != scriptLatin || !f.toks[k].upper {
		return j
	}
	end := k
	for end < len(f.toks) && (end == k || f.toks[end].gap == gapSpace) && f.toks[end].script == scriptLatin &&
		f.toks[end].upper && (f.toks[end].lab == labNone || f.toks[end].lab == labGaz) {
		lab := f.toks[end].lab
		if lab == labGaz {
			m := d.gazAtToken(f, end)
			if m == nil || m.ti != end {
				break
			}
			end = m.tj
		} else {
			end++
		}
		if f.toks[end-1].poss > 0 || lab == labNone && d.cues.has(cueSkip, strings.ToLower(f.toks[end-1].bare())) {
			break
		}
	}
	if end == k {
		return j
	}
	if end+1 < len(f.toks) && f.toks[end].gap == gapSpace && f.toks[end].fold == "and" && f.toks[end].lab == labNone &&
		f.toks[end+1].gap == gapSpace && d.nameWord(f, end+1) && (end+2 >= len(f.toks) || !f.toks[end+2].upper || f.toks[end+2].gap != gapSpace) {
		end += 2 // "Forces of Freedom and Change": one more word after "and" ends the name
	}
	// the places named inside the organisation's name are part of it
	for x := k; x < end; x++ {
		if m := d.gazAtToken(f, x); m != nil {
			m.entries = nil
		}
		f.toks[x].lab = labNone
	}
	f.toks[j].lab = labNone
	return end
}

// orgNamesLatin joins an organisation's name to the name before it that belongs to it: a
// country's Red Crescent society ("Lebanese Red Cross", "Emirates Red Crescent"), a body of an
// organisation ("Gulf Cooperation Council Interconnection Authority"), a joint body of two
// countries ("Saudi-Iraqi Coordination Council").
func (d *doc) orgNamesLatin(f *field) {
	before := func(ti int) *gazMatch {
		if ti == 0 || f.toks[ti].gap != gapSpace {
			return nil
		}
		m := d.gazAtToken(f, ti-1)
		if m == nil || m.tj != ti || m.f != f || f.toks[m.ti].script != scriptLatin || !f.toks[m.ti].upper ||
			f.toks[ti-1].poss > 0 {
			return nil
		}
		return m
	}
	isOrg := func(m *gazMatch, class string) bool {
		if len(m.entries) == 0 {
			return false
		}
		for _, e := range m.entries {
			if e.Type != TypeOrganisation || class != "" && e.Class != class {
				return false
			}
		}
		return true
	}
	for _, m := range d.gaz {
		if m.f != f || !isOrg(m, "ngo") {
			continue
		}
		if p := before(m.ti); p != nil && countryOf(p) != "" && !p.whole {
			d.others = append(d.others, &omention{f: f, ti: p.ti, tj: m.tj, s: p.s, e: m.e, typ: TypeOrganisation,
				key: nationalKey(m.entries[0].ID, countryOf(p))})
			for k := p.ti; k < m.tj; k++ {
				f.toks[k].lab = labOrg
			}
			p.entries, m.entries = nil, nil
		}
	}
	for _, o := range d.others {
		if o.f != f || o.typ != TypeOrganisation {
			continue
		}
		for {
			p := before(o.ti)
			if p == nil || !(isOrg(p, "") || len(p.entries) == 0 && p.tj == p.ti+1 && strings.Contains(f.toks[p.ti].text, "-")) {
				break
			}
			o.ti, o.s = p.ti, p.s
			for k := p.ti; k < p.tj; k++ {
				f.toks[k].lab = labOrg
			}
			p.entries = nil
		}
	}
}

// cliticStop reports whether an Arabic word is a stop word with a clitic on it (بأن, وإن, لما):
// inside a name it ends the name.
func (d *doc) cliticStop(t *tok) bool {
	cs := t.candidates()
	for _, c := range cs[1:] {
		if ar.IsStopWord(c) && strings.HasSuffix(t.fold, c) && !strings.HasSuffix(strings.TrimSuffix(t.fold, c), "ال") {
			return true
		}
	}
	return false
}

// nationalKey is the key of a country's society of an international organisation.
func nationalKey(orgID, country string) string {
	return orgID + "-" + strings.ToLower(country)
}
