package analyse

import (
	"math"
	"sort"
	"strings"
	"unicode/utf8"

	"storyline/internal/analyse/gazetteer"
	"storyline/internal/analyse/lang/ar"
	"storyline/internal/analyse/names"
)

// lastBefore returns the position of the person's last full mention before pos, or -1.
func (e *pentity) lastBefore(d *doc, pos int) int {
	if e.positions == nil {
		for _, m := range e.mentions {
			e.positions = append(e.positions, mentionOrder(d, m.f, m.s))
		}
		sort.Ints(e.positions)
	}
	k := sort.SearchInts(e.positions, pos+1)
	if k == 0 {
		return -1
	}
	return e.positions[k-1]
}

// pentity is a person of the article: its mentions after coreference.
type pentity struct {
	positions []int // sorted positions of the mentions before the surname scan (lastBefore)
	mentions  []*pmention
	// best is the fullest mention (most name words); bestLatin and bestArabic the fullest in each
	// script.
	best, bestLatin, bestArabic *pmention
	given                       []string // folded
	family                      string   // folded, no article
	royal                       bool     // named by given name and regnal number or royal title
	person                      int      // people-gazetteer row, -1 when unknown
	role, country               string
	countryFrom                 string // CountryText, CountryPeople, CountryContext, CountryArticle
	byOrg                       bool   // an organisation's official (pmention.byOrg)
	first                       int    // order of the first mention
}

// generic roles say little: they yield to a specific one and conflict with none.
var genericRoles = map[string]bool{"minister": true, "leader": true, "chairman": true, "official": true, "commander": true, "director": true, "cleric": true}

func rolesCompatible(a, b string) bool {
	if a == "" || b == "" || a == b || genericRoles[a] || genericRoles[b] {
		return true
	}
	return false
}

// nameWords counts the words of a folded name that are not particles.
func nameWords(toks []string) int {
	n := 0
	for _, t := range toks {
		if !isParticle(t) {
			n++
		}
	}
	return n
}

// parse fills a mention's given and family names.
func (d *doc) parse(p *pmention) (given []string, family string, royal bool) {
	given, family = d.kb.splitName(p.toks)
	for _, t := range p.toks {
		if d.kb.isRegnal(t) {
			royal = true
		}
	}
	if royalRoles[p.role] && family == "" {
		royal = true
	}
	if family == "" && !royal && len(given) == 1 {
		// A lone word that is no royal's name is a surname: "Lavrov", "Minister Mikdad".
		family, given = stripArticle(given[0]), nil
	}
	return given, family, royal
}

// sameName reports whether two folded words are one name (see nameComparer.sameWord).
func (d *doc) sameName(a, b string) bool { return d.a.names().sameWord(a, b, 0.9) }

// givenCompatible reports whether two lists of folded given names may name the same person.
func (d *doc) givenCompatible(a, b []string) bool { return d.a.names().givenAgree(a, b) }

// corefPeople groups the person mentions into people: fuller mentions first, each later one
// joining the person whose name it repeats or shortens (Lavrov, Minister Mikdad, King Abdullah).
func (d *doc) corefPeople() {
	order := make([]int, len(d.persons))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		return nameWords(d.persons[order[i]].toks) > nameWords(d.persons[order[j]].toks)
	})
	for _, i := range order {
		p := d.persons[i]
		d.attach(p, i)
	}
}

// attach adds a person mention to the person it names, or to a new one.
func (d *doc) attach(p *pmention, pos int) {
	given, family, royal := d.parse(p)
	var best *pentity
	bestScore := 0
	var cands []*pentity
	if p.described && nameWords(p.toks) == 1 {
		// "the boy Ahmed": one word after a descriptive title is someone of its own, not the
		// known person who has that word in his name
		p.people = nil
	} else {
		cands = d.pentCandidates(p, given, family)
	}
	for _, e := range cands {
		if !rolesCompatible(p.role, e.role) {
			continue
		}
		if p.country != "" && e.country != "" && p.country != e.country {
			continue
		}
		score := 0
		switch {
		case len(p.people) > 0 && e.person >= 0 && containsInt(p.people, e.person):
			score = 4
		case royal || e.royal:
			if royal && e.royal && len(given) > 0 && len(e.given) > 0 && d.sameName(given[0], e.given[0]) {
				score = 3
			}
		case family != "" && e.family != "" && d.sameName(family, e.family):
			if len(given) == 0 {
				score = 2 // a surname alone
			} else if d.givenCompatible(given, e.given) {
				score = 3
			}
		}
		if score > bestScore {
			best, bestScore = e, score
		}
	}
	if best == nil {
		best = &pentity{person: -1, first: pos}
		if len(p.people) == 1 {
			best.person = p.people[0]
		}
		best.given, best.family, best.royal = given, family, royal
		d.pents = append(d.pents, best)
	}
	d.addToEntity(best, p)
	d.indexPent(best)
}

// pentCandidates returns the people a mention may name: those sharing a people-gazetteer row,
// the phonetic key of the family name, or of the first given name.
func (d *doc) pentCandidates(p *pmention, given []string, family string) []*pentity {
	var keys []string
	for _, id := range p.people {
		keys = append(keys, "p:"+d.kb.people[id].id)
	}
	if family != "" {
		keys = append(keys, "f:"+names.Key(family))
	}
	if len(given) > 0 {
		keys = append(keys, "g:"+names.Key(given[0]))
	}
	var out []*pentity
	seen := map[*pentity]bool{}
	for _, k := range keys {
		for _, e := range d.pentIndex[k] {
			if !seen[e] {
				seen[e] = true
				out = append(out, e)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].first < out[j].first })
	return out
}

// indexPent records a person under its keys for pentCandidates.
func (d *doc) indexPent(e *pentity) {
	if d.pentIndex == nil {
		d.pentIndex = map[string][]*pentity{}
	}
	add := func(k string) {
		for _, x := range d.pentIndex[k] {
			if x == e {
				return
			}
		}
		d.pentIndex[k] = append(d.pentIndex[k], e)
	}
	if e.person >= 0 {
		add("p:" + d.kb.people[e.person].id)
	}
	if e.family != "" {
		add("f:" + names.Key(e.family))
	}
	if len(e.given) > 0 {
		add("g:" + names.Key(e.given[0]))
	}
}

// addToEntity adds a mention to a person and updates its fullest names.
func (d *doc) addToEntity(e *pentity, p *pmention) {
	p.ent = e
	e.mentions = append(e.mentions, p)
	if e.role == "" || genericRoles[e.role] && p.role != "" {
		e.role = p.role
	}
	if e.country == "" && p.country != "" {
		e.country, e.countryFrom = p.country, CountryText
	}
	e.byOrg = e.byOrg || p.byOrg
	if e.person < 0 && len(p.people) == 1 {
		e.person = p.people[0]
	}
	w := nameWords(p.toks)
	if e.best == nil || w > nameWords(e.best.toks) {
		e.best = p
		given, family, royal := d.parse(p)
		if e.person >= 0 && d.kb.people[e.person].familyOverride != "" && !isArabicText(family) {
			fo := d.kb.people[e.person].familyOverride
			given, family = nil, fo
			for _, t := range p.toks {
				if t != fo {
					given = append(given, t)
				}
			}
		}
		if len(given) > 0 || family != "" {
			e.given, e.family = given, family
		}
		e.royal = e.royal || royal
	}
	if p.script == scriptArabic {
		if e.bestArabic == nil || w > nameWords(e.bestArabic.toks) {
			e.bestArabic = p
		}
	} else if e.bestLatin == nil || w > nameWords(e.bestLatin.toks) {
		e.bestLatin = p
	}
}

func containsInt(s []int, x int) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}

// identify links people to the people gazetteer by their family name when their full name is
// not one of its forms: given names that agree, or (a misnamed first name) the same role and
// country; across scripts by the name matcher.
func (d *doc) identify() {
	for _, e := range d.pents {
		if e.person >= 0 || e.family == "" && len(e.given) == 0 || e.best != nil && e.best.described && nameWords(e.best.toks) == 1 {
			continue
		}
		cands := d.peopleCandidates(e)
		best, bestScore := -1, 0.0
		ambiguous := false
		for _, i := range cands {
			pp := d.kb.people[i]
			if e.country != "" && pp.country != "" && e.country != pp.country {
				continue
			}
			if e.role != "" && !anyRoleCompatible(e.role, pp.roles) {
				continue
			}
			score := d.personScore(e, pp)
			if score <= 0 {
				continue
			}
			switch {
			case score > bestScore:
				best, bestScore, ambiguous = i, score, false
			case score == bestScore:
				ambiguous = true
			}
		}
		if best >= 0 && !ambiguous {
			e.person = best
		}
	}
}

func anyRoleCompatible(role string, roles []string) bool {
	for _, r := range roles {
		if rolesCompatible(role, r) {
			return true
		}
	}
	return len(roles) == 0
}

// peopleCandidates returns the gazetteer people whose family name may be e's, or for a royal
// named by given name, the royals of that name.
func (d *doc) peopleCandidates(e *pentity) []int {
	if e.royal && len(e.given) > 0 {
		return d.kb.royalsByGiven[e.given[0]]
	}
	if e.family != "" {
		if c := d.kb.peopleByFam[e.family]; len(c) > 0 {
			return c
		}
		return d.kb.peopleByKey[names.Key(e.family)]
	}
	return nil
}

// personScore scores how well a gazetteer person fits a person of the article, 0 for no fit.
func (d *doc) personScore(e *pentity, pp *person) float64 {
	if e.royal {
		// King Abdullah, الملك عبدالله الثاني: the given name (the candidates share it) and a royal
		// role; a regnal number, when written, must agree.
		if !anyRoyal(pp.roles) || e.role != "" && !containsString(pp.roles, e.role) {
			return 0
		}
		if r := d.regnalOf(e); r != "" && pp.regnal != "" && r != pp.regnal {
			return 0
		}
		return 2
	}
	fam := pp.familyEn
	if isArabicText(e.family) {
		if pp.familyAr != "" {
			fam = pp.familyAr
		}
	}
	if fam == "" || !d.sameName(e.family, fam) {
		return 0
	}
	sameContext := e.country != "" && e.country == pp.country && e.role != "" && containsString(pp.roles, e.role)
	if len(e.given) == 0 {
		// A surname alone: take it when the surname is distinctive or the context agrees.
		if sameContext {
			return 2
		}
		if e.best != nil && e.best.cue != "" && e.best.cue != "surname" && e.best.cue != "speech" {
			return 1
		}
		return 0.5
	}
	givenEn := pp.givenEn
	if isArabicText(e.given[0]) && len(pp.ar) > 0 {
		g, _ := d.kb.splitName(stripTitles(arabicNameTokens(pp.ar[0])))
		givenEn = g
	}
	if d.givenCompatible(e.given, givenEn) {
		return 3
	}
	if sameContext {
		return 2 // "the same role and country make two spellings one person"
	}
	return 0
}

func anyRoyal(roles []string) bool {
	for _, r := range roles {
		if royalRoles[r] {
			return true
		}
	}
	return false
}

// regnalOf returns the regnal number written in a royal's fullest mention, in Latin form ("ii").
func (d *doc) regnalOf(e *pentity) string {
	if e.best == nil {
		return ""
	}
	for _, t := range e.best.toks {
		if d.kb.isRegnal(t) {
			return d.kb.regnalLatin(t)
		}
	}
	return ""
}

func containsString(s []string, x string) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}

// surnames finds later mentions of a person by the family name alone (Safadi, Al-Safadi,
// الصفدي, ولافروف), and lone surnames of the people gazetteer.
func (d *doc) surnames() {
	fam := map[string][]*pentity{}
	for _, e := range d.pents {
		if e.family != "" {
			fam[e.family] = append(fam[e.family], e)
			if isArabicText(e.family) {
				continue
			}
			// The Arabic spelling of a known person's family name finds his Arabic surname too.
			if e.person >= 0 && d.kb.people[e.person].familyAr != "" {
				k := d.kb.people[e.person].familyAr
				fam[k] = append(fam[k], e)
			}
		}
	}
	for _, f := range d.fields {
		for i := range f.toks {
			t := &f.toks[i]
			if t.lab != labNone {
				continue
			}
			switch t.script {
			case scriptLatin:
				if !t.upper || t.caps || isInitial(t.text) {
					continue
				}
				words := latinNameTokens(t.bare())
				for len(words) > 1 && isParticle(words[0]) {
					words = words[1:]
				}
				if len(words) != 1 {
					continue
				}
				w := words[0]
				if es := fam[w]; len(es) > 0 {
					d.addSurname(f, i, t.s, t.e-t.poss, w, es)
					continue
				}
				if !d.common(t) && !d.cues.has(cueSkip, strings.ToLower(t.bare())) {
					d.gazetteerSurname(f, i, t.s, t.e-t.poss, w)
				}
			case scriptArabic:
				if i+1 < len(f.toks) && f.toks[i+1].gap == gapSpace && f.toks[i+1].lab == labNone &&
					(t.fold == "عبد" || f.toks[i+1].fold == "الله") {
					// عبد الرحيم, فتح الله: a family name of two words.
					for _, c := range t.candidates() {
						sb := t.strippedBytes(c)
						w := c + f.toks[i+1].fold
						if es := fam[w]; len(es) > 0 && sb >= 0 {
							d.addSurname(f, i, t.s+sb, f.toks[i+1].e, w, es)
							f.toks[i+1].lab = labPerson
							break
						}
					}
					if t.lab != labNone {
						continue
					}
				}
				for _, c := range t.candidates() {
					w := stripArticle(c)
					sb := t.strippedBytes(c)
					if sb < 0 {
						continue
					}
					if es := fam[w]; len(es) > 0 {
						d.addSurname(f, i, t.s+sb, t.e, w, es)
						break
					}
					if !t.known && !ar.IsStopWord(c) && utf8.RuneCountInString(w) >= 4 && d.gazetteerSurname(f, i, t.s+sb, t.e, w) {
						break
					}
				}
			}
		}
	}
}

// addSurname adds a surname mention to the nearest person of es mentioned before it (or the
// first one).
func (d *doc) addSurname(f *field, i, s, e int, w string, es []*pentity) {
	target := es[0]
	if len(es) > 1 {
		pos := mentionOrder(d, f, s)
		bestPos := -1
		for _, x := range es {
			if p := x.lastBefore(d, pos); p > bestPos {
				target, bestPos = x, p
			}
		}
	}
	p := &pmention{f: f, ti: i, tj: i + 1, s: s, e: e, toks: []string{w}, script: f.toks[i].script, kind: "surname", cue: "surname"}
	f.toks[i].lab = labPerson
	p.ent = target
	target.mentions = append(target.mentions, p)
}

// gazetteerSurname takes a lone surname of the people gazetteer as a mention of that person when
// exactly one person has it.
func (d *doc) gazetteerSurname(f *field, i, s, e int, w string) bool {
	cands := d.kb.peopleByFam[w]
	if len(cands) != 1 || d.kb.nameTokens[w] >= 20 {
		return false // none, several, or a surname too common to tell (Miller, White)
	}
	if i > 0 && f.toks[i].gap == gapSpace && f.toks[i-1].upper && !f.toks[i-1].first && f.toks[i-1].lab == labNone && !d.common(&f.toks[i-1]) {
		return false // the end of a longer name the text gives (Dar Miller)
	}
	for _, x := range d.pents {
		if x.person == cands[0] {
			d.addSurname(f, i, s, e, w, []*pentity{x})
			return true
		}
	}
	p := &pmention{f: f, ti: i, tj: i + 1, s: s, e: e, toks: []string{w}, script: f.toks[i].script, kind: "surname", cue: "surname", people: cands}
	f.toks[i].lab = labPerson
	ent := &pentity{person: cands[0], family: w, first: len(d.persons) + i}
	d.pents = append(d.pents, ent)
	d.addToEntity(ent, p)
	return true
}

// mentionOrder orders mentions across fields.
func mentionOrder(d *doc, f *field, s int) int {
	base := 0
	for _, g := range d.fields {
		if g == f {
			return base + s
		}
		base += len(g.text) + 1
	}
	return base + s
}

// resolveSingles decides the lone capitalised words no surname claimed: a person before a
// speech verb ("Abbas said"), a place after a locative ("in Rukban").
func (d *doc) resolveSingles() {
	for _, sg := range d.singles {
		f, i := sg.f, sg.i
		t := &f.toks[i]
		if t.lab != labNone || d.common(t) || isInitial(t.text) {
			continue
		}
		if i+1 < len(f.toks) && f.toks[i+1].gap == gapSpace && d.cues.has(cueSpeech, f.toks[i+1].fold) && t.poss == 0 &&
			d.kb.nameTokens[t.fold] > 0 {
			// "Abbas said": a lone word before a speech verb is a person when names have it
			// (not Oxfam).
			p := &pmention{f: f, ti: i, tj: i + 1, s: t.s, e: t.e, toks: latinNameTokens(t.bare()), script: scriptLatin, kind: "surname", cue: "speech"}
			t.lab = labPerson
			d.persons = append(d.persons, p)
			d.attach(p, len(d.persons)-1)
			continue
		}
		if i > 0 && t.gap == gapSpace && t.poss == 0 && d.cues.has(cuePlacePrep, strings.ToLower(f.toks[i-1].text)) ||
			t.poss == 0 && d.listedPlace(f, i) {
			d.addOther(f, i, i+1, TypePlace)
		}
	}
}

// personAttributes fills each person's role and country: what the text says next to its
// mentions, else the people gazetteer, else (for officials) the article's context.
func (d *doc) personAttributes() {
	d.gazetteerAttributes()
	d.counterpartRoles()
	d.identify()
	d.gazetteerAttributes()
	counts := d.countryCounts()
	for _, e := range d.pents {
		if e.country != "" || e.role == "" || e.person >= 0 && d.kb.people[e.person].country == "" || e.byOrg {
			continue // known officials of international bodies have no country, nor do those of organisations without one
		}
		e.country, e.countryFrom = d.officialCountry(e, counts)
	}
}

// consistentOthers makes the article read a name one way: a person found by shape or a speech
// verb alone whose words the article elsewhere calls a place or an organisation (in Banda Aceh)
// is that place or organisation.
func (d *doc) consistentOthers() {
	if len(d.others) == 0 {
		return
	}
	named := map[string]string{}
	for _, o := range d.others {
		named[gazetteer.Key(o.f.text[o.f.toks[o.ti].s:o.e])] = o.typ
	}
	kept := d.persons[:0]
	for _, p := range d.persons {
		if p.cue == "shape" || p.cue == "speech" {
			if typ, ok := named[gazetteer.Key(p.f.text[p.f.toks[p.ti].s:p.e])]; ok {
				d.addOther(p.f, p.ti, p.tj, typ)
				continue
			}
		}
		kept = append(kept, p)
	}
	d.persons = kept
}

// checkCommonNames drops a people-gazetteer identity taken from a common full name (Matthew
// Miller, Eli Cohen) when nothing in the article supports it: neither the person's country is
// mentioned nor does the text give a compatible role.
func (d *doc) checkCommonNames() {
	var counts map[string]int
	for _, e := range d.pents {
		if e.person < 0 {
			continue
		}
		pp := d.kb.people[e.person]
		common := d.kb.nameTokens[pp.familyEn] >= 100 && len(pp.givenEn) > 0 && d.kb.nameTokens[pp.givenEn[0]] >= 100
		if !common {
			continue
		}
		if counts == nil {
			counts = d.countryCounts()
		}
		if pp.country != "" && counts[pp.country] > 0 || e.role != "" && anyRoleCompatible(e.role, pp.roles) && !genericRoles[e.role] {
			continue
		}
		e.person = -1
		for _, m := range e.mentions {
			m.people = nil
		}
	}
}

// gazetteerAttributes fills the role and country of people the people gazetteer knows, where
// the text does not say them.
func (d *doc) gazetteerAttributes() {
	for _, e := range d.pents {
		if e.person >= 0 {
			pp := d.kb.people[e.person]
			if e.country == "" && pp.country != "" {
				e.country, e.countryFrom = pp.country, CountryPeople
			}
			if (e.role == "" || genericRoles[e.role]) && len(pp.roles) > 0 {
				e.role = pp.roles[0]
			}
		}
	}
}

// counterpartRoles gives counterparts the role of the person they are the counterpart of.
func (d *doc) counterpartRoles() {
	// Counterparts take the role of the person they are the counterpart of: the nearest person
	// with a role mentioned before them.
	for _, e := range d.pents {
		if e.role != "" {
			continue
		}
		for _, m := range e.mentions {
			if !m.counterpart {
				continue
			}
			if r := d.roleBefore(m, e); r != "" {
				e.role = r
				break
			}
		}
	}
}

// roleBefore returns the role of the nearest other person mentioned before m.
func (d *doc) roleBefore(m *pmention, self *pentity) string {
	if d.rolePositions == nil {
		for _, e := range d.pents {
			if e.role == "" {
				continue
			}
			for _, x := range e.mentions {
				d.rolePositions = append(d.rolePositions, rolePos{mentionOrder(d, x.f, x.s), e})
			}
		}
		sort.Slice(d.rolePositions, func(i, j int) bool { return d.rolePositions[i].pos < d.rolePositions[j].pos })
	}
	pos := mentionOrder(d, m.f, m.s)
	k := sort.Search(len(d.rolePositions), func(i int) bool { return d.rolePositions[i].pos >= pos })
	for k--; k >= 0; k-- {
		if rp := d.rolePositions[k]; rp.e != self {
			return rp.e.role
		}
	}
	return ""
}

// rolePos is a mention position of a person with a role.
type rolePos struct {
	pos int
	e   *pentity
}

// countryCounts counts the mentions of each country (names, aliases, demonyms) in the article.
func (d *doc) countryCounts() map[string]int {
	c := map[string]int{}
	for _, m := range d.gaz {
		if m.chosen != nil && m.chosen.Type == gazetteer.TypeCountry && m.kind != gazetteer.KindContextual {
			c[m.chosen.Country]++
		}
	}
	return c
}

// officialCountry picks the country of an official whom the text does not qualify, and says
// where it came from: the context country (dateline, outlet), else the most mentioned country
// that no other person with the same role holds (a guess). A king or queen needs a kingdom, a
// president a country that is none.
func (d *doc) officialCountry(e *pentity, counts map[string]int) (country, from string) {
	kingdoms := map[string]bool{}
	for _, k := range d.a.gaz.Kingdoms() {
		kingdoms[k] = true
	}
	allowed := func(c string) bool { return true }
	switch e.role {
	case "king", "queen":
		allowed = func(c string) bool { return kingdoms[c] }
	case "president", "vice president":
		allowed = func(c string) bool { return !kingdoms[c] }
	}
	if d.context != "" && allowed(d.context) {
		return d.context, CountryContext
	}
	taken := map[string]bool{}
	for _, x := range d.pents {
		if x != e && x.country != "" && rolesCompatible(x.role, e.role) && x.role != "" && !genericRoles[x.role] {
			taken[x.country] = true
		}
	}
	best, bestN := "", 0
	for c, n := range counts {
		if taken[c] || !allowed(c) {
			continue
		}
		if n > bestN || n == bestN && c < best {
			best, bestN = c, n
		}
	}
	if bestN >= 2 {
		return best, CountryArticle
	}
	return "", ""
}

// --- gazetteer readings ----------------------------------------------------------------------

// resolveGaz picks the reading of every gazetteer match: among same-kind candidates the one the
// context supports, a capital or seat of government as the country it stands for when it acts
// ("Moscow said", "the Kremlin official") and as the place otherwise, and a homograph only with
// support. Contextual forms (the Kingdom) wait for resolveContextual.
func (d *doc) resolveGaz() {
	support := map[string]int{}
	for _, m := range d.gaz {
		if len(m.entries) == 1 && !m.entries[0].Common && m.entries[0].Kind != gazetteer.KindContextual {
			support[m.entries[0].ID]++
			support["country:"+m.entries[0].Country]++
		}
	}
	// The countries of the people the text names support their places too (الصفدي in Moscow
	// makes عمان Amman).
	for _, p := range d.persons {
		if p.country != "" {
			support["country:"+p.country]++
		}
		if len(p.people) == 1 && d.kb.people[p.people[0]].country != "" {
			support["country:"+d.kb.people[p.people[0]].country]++
		}
	}
	for _, m := range d.gaz {
		d.pickReading(m, support)
	}
}

func (d *doc) pickReading(m *gazMatch, support map[string]int) {
	var primary []gazetteer.Entry
	var metonym *gazetteer.Entry
	contextual := false
	for i := range m.entries {
		e := &m.entries[i]
		switch e.Kind {
		case gazetteer.KindMetonym:
			if metonym == nil {
				metonym = e
			}
		case gazetteer.KindContextual:
			contextual = true
		default:
			primary = append(primary, *e)
		}
	}
	if len(primary) == 0 {
		if metonym != nil {
			m.chosen, m.kind = metonym, gazetteer.KindMetonym
			return
		}
		if contextual {
			m.kind = gazetteer.KindContextual
		}
		return
	}
	// Same-kind ambiguity (عمان: Oman or Amman): the context country, then support.
	best := primary[0]
	if len(primary) > 1 {
		bestScore := -1
		hint := d.typeHint(m)
		for _, e := range primary {
			if e.Kind != primary[0].Kind {
				break
			}
			score := support[e.ID]*2 + support["country:"+e.Country]
			if d.context != "" && e.Country == d.context {
				score += 3
			}
			if hint != "" && e.Type == hint {
				score += 10
			}
			if score > bestScore {
				best, bestScore = e, score
			}
		}
	}
	if best.Common && !d.commonSupported(m, best, support) {
		return
	}
	if metonym != nil && metonym.Via == best.ID && d.actsAsGovernment(m, best) {
		m.chosen, m.kind = metonym, gazetteer.KindMetonym
		return
	}
	m.chosen, m.kind = &best, best.Kind
}

// typeHint says which type of place an ambiguous name (عمان: Oman or Amman) has from what
// surrounds it: a dateline names a city, and so does a name after a word for a city or capital
// (مدينة, العاصمة, العاصمة الأردنية, "the capital"); a name after a word for a state (سلطنة,
// دولة, "the Sultanate of") is a country. "" when nothing tells.
func (d *doc) typeHint(m *gazMatch) string {
	if m == d.dateline {
		return gazetteer.TypeCity
	}
	f := m.f
	k := m.ti - 1
	if k < 0 || f.toks[m.ti].gap != gapSpace {
		return ""
	}
	if countryOf(d.gazAtToken(f, k)) != "" && k > 0 && f.toks[k].gap == gapSpace {
		k-- // العاصمة الأردنية عمان, the Jordanian capital Amman
	}
	w := stripArticle(f.toks[k].fold)
	for _, c := range append([]string{w}, f.toks[k].candidates()...) {
		switch stripArticle(c) {
		case "مدينه", "عاصمه", "capital", "city":
			return gazetteer.TypeCity
		case "سلطنه", "دوله", "بلد", "sultanate", "state", "country":
			return gazetteer.TypeCountry
		}
	}
	if w == "of" && k > 0 {
		switch f.toks[k-1].fold {
		case "sultanate", "state":
			return gazetteer.TypeCountry
		case "city", "capital":
			return gazetteer.TypeCity
		}
	}
	return ""
}

// commonSupported reports whether a homograph (Chad, مالي) is a name here: the entity is named
// unambiguously elsewhere, a type word precedes it (دولة مالي), or in English it is capitalised
// inside a sentence and not part of a person's name.
func (d *doc) commonSupported(m *gazMatch, e gazetteer.Entry, support map[string]int) bool {
	if support[e.ID] > 0 {
		return true
	}
	f := m.f
	if m.ti > 0 && f.toks[m.ti].gap == gapSpace {
		prev := &f.toks[m.ti-1]
		if d.kb.cues["ar"].has(cueTypeCue, prev.fold) || anyCue(d.kb.cues["ar"], cueTypeCue, prev.candidates()) {
			return true
		}
	}
	t := &f.toks[m.ti]
	if t.script == scriptLatin {
		if m.tj < len(f.toks) && f.toks[m.tj].gap == gapSpace && f.toks[m.tj].upper {
			return false // Chad Smith
		}
		if m.tj < len(f.toks) && d.cues.has(cueSpeech, f.toks[m.tj].fold) {
			return false
		}
		return !t.first
	}
	return false
}

func anyCue(c cueSet, kind string, xs []string) bool {
	for _, x := range xs {
		if c.has(kind, x) {
			return true
		}
	}
	return false
}

// actsAsGovernment reports whether a capital or seat of government stands for its country here.
func (d *doc) actsAsGovernment(m *gazMatch, place gazetteer.Entry) bool {
	if m == d.dateline {
		return false
	}
	f := m.f
	building := place.Class != "capital" && place.Class != "city"
	prevIdx := m.ti - 1
	if prevIdx >= 0 && f.toks[m.ti].gap == gapSpace && d.cues.has(cueArticle, f.toks[prevIdx].fold) {
		if !building {
			return false // "the Moscow talks"
		}
		prevIdx--
	}
	var prev *tok
	if prevIdx >= 0 && f.toks[prevIdx+1].gap != gapBreak && f.toks[prevIdx+1].gap != gapStart {
		prev = &f.toks[prevIdx]
	}
	if f.toks[m.ti].script == scriptArabic {
		ac := d.kb.cues["ar"]
		if prev != nil && (ac.has(cueLocative, prev.fold) || anyCue(ac, cueLocative, prev.candidates())) {
			return false
		}
		if prev != nil && (ac.has(cueActor, prev.fold) || anyCue(ac, cueActor, prev.candidates())) {
			return true
		}
		if m.tj < len(f.toks) && f.toks[m.tj].gap == gapSpace && ac.has(cueActor, f.toks[m.tj].fold) {
			return true // إن موسكو ترفض
		}
		// A clitic on the place itself: بموسكو, في موسكو are places.
		if m.s > f.toks[m.ti].s {
			return false
		}
		return building
	}
	if prev != nil && d.cues.has(cueLocative, strings.ToLower(prev.text)) {
		return false
	}
	last := &f.toks[m.tj-1]
	if last.poss > 0 {
		return true // "Moscow's position"
	}
	if building {
		return true
	}
	if m.tj < len(f.toks) && f.toks[m.tj].gap == gapSpace && d.cues.has(cueActor, f.toks[m.tj].fold) {
		return true
	}
	if prev != nil && d.cues.has(cueActorBefore, strings.ToLower(prev.text)) {
		return true
	}
	return false
}

// resolveContextual resolves "the Kingdom" and المملكة to a kingdom: the context country, else
// the kingdom of a king mentioned in the article, else the kingdom mentioned most.
func (d *doc) resolveContextual() {
	var pending []*gazMatch
	for _, m := range d.gaz {
		if m.chosen == nil && m.kind == gazetteer.KindContextual {
			pending = append(pending, m)
		}
	}
	if len(pending) == 0 {
		return
	}
	choose := func(m *gazMatch) *gazetteer.Entry {
		cands := map[string]*gazetteer.Entry{}
		for i := range m.entries {
			if m.entries[i].Kind == gazetteer.KindContextual {
				cands[m.entries[i].Country] = &m.entries[i]
			}
		}
		if e := cands[d.context]; e != nil {
			return e
		}
		for _, p := range d.pents {
			if royalRoles[p.role] && cands[p.country] != nil {
				return cands[p.country]
			}
		}
		counts := d.countryCounts()
		var best *gazetteer.Entry
		bestN := 0
		for c, e := range cands {
			if n := counts[c]; n > bestN || n == bestN && n > 0 && best != nil && c < best.Country {
				best, bestN = e, n
			}
		}
		return best
	}
	for _, m := range pending {
		if e := choose(m); e != nil {
			m.chosen = e
		}
	}
}

// --- building the entities -----------------------------------------------------------------------

// entities assembles the article's entities.
func (d *doc) entities() []Entity {
	d.resolveGaz()
	d.consistentOthers()
	d.corefPeople()
	d.checkCommonNames()
	d.gazetteerAttributes()
	d.identify()
	d.surnames()
	d.resolveSingles()
	d.personAttributes()
	d.resolveContextual()

	type acc struct {
		e        Entity
		mentions []Mention
		order    int
	}
	byKey := map[string]*acc{}
	var keys []string
	add := func(key string, fill func(*Entity), m Mention, order int) {
		a := byKey[key]
		if a == nil {
			a = &acc{order: order}
			a.e.Key = key
			fill(&a.e)
			byKey[key] = a
			keys = append(keys, key)
		}
		a.mentions = append(a.mentions, m)
	}
	// A country's society of an international movement named in the article (the Lebanese Red
	// Cross) is what the movement's short name means there ("the Red Cross said").
	national := map[string]*omention{}
	for _, o := range d.others {
		if i := strings.LastIndexByte(o.key, '-'); o.key != "" && i > 0 && national[o.key[:i]] == nil {
			national[o.key[:i]] = o
		}
	}
	for _, m := range d.gaz {
		if m.chosen == nil {
			continue
		}
		e := *m.chosen
		if o := national[e.ID]; o != nil {
			text := m.f.text[m.s:m.e]
			if !strings.EqualFold(text, e.Name) && ar.Normalise(text) != ar.Normalise(e.NameAr) {
				name := strings.Join(strings.Fields(o.f.text[o.s:o.e]), " ")
				add(o.key, func(x *Entity) { x.Type, x.Name = TypeOrganisation, name }, d.mention(m.f, m.ti, m.s, m.e, "name"), mentionOrder(d, m.f, m.s))
				continue
			}
		}
		add(e.ID, func(x *Entity) {
			x.Type, x.Name, x.NameAr, x.Country = e.Type, e.Name, e.NameAr, e.Country
		}, d.mention(m.f, m.ti, m.s, m.e, m.kind), mentionOrder(d, m.f, m.s))
	}
	for _, o := range d.others {
		name := o.f.text[o.s:o.e]
		prefix := "org:"
		if o.typ != TypeOrganisation {
			prefix = "place:"
		}
		key := prefix + slug(name)
		if o.key != "" {
			key = o.key
		}
		if key == prefix {
			continue
		}
		add(key, func(x *Entity) {
			x.Type = o.typ
			x.Name = strings.Join(strings.Fields(name), " ")
		}, d.mention(o.f, o.ti, o.s, o.e, "name"), mentionOrder(d, o.f, o.s))
	}
	for _, pe := range d.pents {
		if len(pe.mentions) == 0 {
			continue
		}
		ent := d.personEntity(pe)
		for _, pm := range pe.mentions {
			add(ent.Key, func(x *Entity) { *x = ent }, d.mention(pm.f, pm.ti, pm.s, pm.e, pm.kind), mentionOrder(d, pm.f, pm.s))
		}
	}
	// Salience: mentions (log-scaled against the most mentioned entity), the title, the lead.
	maxN := 1
	for _, a := range byKey {
		if len(a.mentions) > maxN {
			maxN = len(a.mentions)
		}
	}
	lead := -1
	for _, f := range d.fields {
		if f.name == FieldBody && len(f.sents) > 0 {
			lead = f.sentBase
		}
	}
	out := make([]Entity, 0, len(keys))
	for _, k := range keys {
		a := byKey[k]
		sort.SliceStable(a.mentions, func(i, j int) bool {
			mi, mj := a.mentions[i], a.mentions[j]
			if mi.Field != mj.Field {
				return mi.Field == FieldTitle
			}
			return mi.Start < mj.Start
		})
		a.mentions = dedupMentions(a.mentions)
		e := a.e
		e.Mentions = a.mentions
		seen := map[string]bool{}
		title, inLead := 0.0, 0.0
		for _, m := range a.mentions {
			if !seen[m.Text] {
				seen[m.Text] = true
				e.Forms = append(e.Forms, m.Text)
			}
			if m.Field == FieldTitle {
				title = 1
			}
			if m.Sentence == lead {
				inLead = 1
			}
		}
		freq := math.Log(1+float64(len(a.mentions))) / math.Log(1+float64(maxN))
		e.Salience = math.Round((0.6*freq+0.25*title+0.15*inLead)*1000) / 1000
		out = append(out, e)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Salience != out[j].Salience {
			return out[i].Salience > out[j].Salience
		}
		return out[i].Key < out[j].Key
	})
	return out
}

// dedupMentions drops a mention that repeats the span of the one before it.
func dedupMentions(ms []Mention) []Mention {
	out := ms[:0]
	for i, m := range ms {
		if i > 0 && m.Field == ms[i-1].Field && m.Start == ms[i-1].Start && m.End == ms[i-1].End {
			continue
		}
		out = append(out, m)
	}
	return out
}

// mention builds a Mention with character offsets.
func (d *doc) mention(f *field, ti, s, e int, kind string) Mention {
	return Mention{
		Text:     f.text[s:e],
		Field:    f.name,
		Start:    f.conv.Rune(s),
		End:      f.conv.Rune(e),
		Sentence: f.toks[ti].sent,
		Kind:     kind,
	}
}

// personEntity fills the Entity fields of a person.
func (d *doc) personEntity(pe *pentity) Entity {
	e := Entity{Type: TypePerson, Role: pe.role, Country: pe.country, CountryFrom: pe.countryFrom}
	if pe.bestLatin != nil {
		e.Name = d.displayName(pe.bestLatin)
	}
	if pe.bestArabic != nil {
		e.NameAr = d.displayName(pe.bestArabic)
	}
	if pe.person >= 0 {
		pp := d.kb.people[pe.person]
		e.Key = "person:" + pp.id
		if e.Name == "" || d.sameFullName(pe, pp) || pe.bestLatin == nil || nameWords(pe.bestLatin.toks) < 2 || pe.royal {
			e.Name = pp.en[0]
		}
		if len(pp.ar) > 0 && (e.NameAr == "" || d.sameFullName(pe, pp)) {
			e.NameAr = pp.ar[0]
		}
	}
	best := pe.best
	if best != nil {
		given, family := d.surfaceNameParts(best)
		e.Given, e.Family = given, family
	}
	if e.Key == "" {
		latin := e.Name
		if latin == "" && e.NameAr != "" {
			latin = d.romanise(e.NameAr)
		}
		e.Key = "person:" + slug(latin)
		if e.Key == "person:" {
			e.Key = "person:" + slug(strings.Join(pe.best.toks, " "))
		}
	}
	if e.Name == "" && e.NameAr != "" {
		e.Name = titleCase(d.romanise(e.NameAr))
	}
	return e
}

// sameFullName reports whether the fullest mention of a person is one of the gazetteer person's
// forms (rather than a surname or a misnamed variant).
func (d *doc) sameFullName(pe *pentity, pp *person) bool {
	for _, m := range pe.mentions {
		if nameWords(m.toks) >= 2 && containsInt(d.kb.peopleMatching(strings.Join(m.toks, " ")), indexOf(d.kb.people, pp)) {
			return true
		}
	}
	return false
}

func indexOf(ps []*person, p *person) int {
	for i, x := range ps {
		if x == p {
			return i
		}
	}
	return -1
}

// displayName is a mention's name as written, without a royal title.
func (d *doc) displayName(p *pmention) string {
	return strings.Join(strings.Fields(p.f.text[p.f.toks[p.ti].s:p.f.toks[p.tj-1].e-p.f.toks[p.tj-1].poss]), " ")
}

// surfaceNameParts splits a mention's surface into given names and a family name without
// particles, as written.
func (d *doc) surfaceNameParts(p *pmention) (given, family string) {
	var words, folded []string
	if p.script == scriptArabic {
		folded, words = arabicNameWords(p.f.text[p.f.toks[p.ti].s:p.f.toks[p.tj-1].e])
	} else {
		for k := p.ti; k < p.tj; k++ {
			words = append(words, strings.Fields(p.f.toks[k].bare())...)
		}
		folded = make([]string, len(words))
		for i, w := range words {
			folded[i] = foldName(w)
		}
	}
	g, fam := d.kb.splitName(flattenFolded(folded))
	if fam == "" {
		if len(words) == 1 && p.ent != nil && !p.ent.royal && p.ent.family != "" {
			return "", stripArticleSurface(strings.TrimPrefix(strings.TrimPrefix(words[0], "Al-"), "al-"))
		}
		return strings.Join(words, " "), ""
	}
	// The family is the last word; strip a joined particle (al-Safadi → Safadi, الصفدي → صفدي).
	last := words[len(words)-1]
	if i := strings.IndexByte(last, '-'); i > 0 && isParticleWord(strings.ToLower(last[:i])) {
		last = last[i+1:]
	}
	if isArabicText(last) {
		last = stripArticleSurface(last)
	}
	var gw []string
	for i, w := range words[:len(words)-1] {
		if patronymic(folded[i]) && i > 0 {
			break
		}
		if isParticle(folded[i]) && !compoundStart(folded[i]) {
			continue
		}
		gw = append(gw, w)
	}
	_ = g
	return strings.Join(gw, " "), last
}

// flattenFolded splits folded words that hold spaces (al safadi) into words.
func flattenFolded(ws []string) []string {
	var out []string
	for _, w := range ws {
		out = append(out, strings.Fields(w)...)
	}
	return out
}

// stripArticleSurface removes a leading ال from an Arabic word as written.
func stripArticleSurface(w string) string {
	if strings.HasPrefix(w, "ال") && len([]rune(w)) >= 4 {
		return w[len("ال"):]
	}
	return w
}

// romanise returns the Latin form of an Arabic name, word by word: a given name of the
// gazetteer's variant groups as its group (محمد → muhammad), any other word by
// Matcher.Romanise, memoised (it is pure and slow).
func (d *doc) romanise(s string) string {
	var out []string
	for _, w := range strings.Fields(s) {
		if g := d.a.gaz.GivenNameGroup(w); g != "" {
			out = append(out, g)
			continue
		}
		if v, ok := d.a.roman.Load(w); ok {
			out = append(out, v.(string))
			continue
		}
		r := d.a.nm.Romanise(w)
		if d.a.romanN.Add(1) <= maxRomanMemo {
			d.a.roman.Store(w, r)
		}
		out = append(out, r)
	}
	return strings.Join(out, " ")
}

// maxRomanMemo bounds the memo of romanised words.
const maxRomanMemo = 100000

// titleCase capitalises each word of a romanised name (al- stays lower case).
func titleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		if strings.HasPrefix(w, "al-") && len(w) > 3 {
			words[i] = "al-" + strings.ToUpper(w[3:4]) + w[4:]
			continue
		}
		if w != "" {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}
