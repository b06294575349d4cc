package analyse

import (
	"strings"
	"unicode/utf8"

	"storyline/internal/analyse/lang/ar"
)

// Arabic names the gazetteer lacks, found by the noun that introduces them: organisations after
// their head noun (مركز الملك سلمان للإغاثة, رابطة أساتذة التعليم الثانوي, شركة "بارس روتور"), places
// after a place noun (مدينة الفاشر, إقليمي طاطا والرشيدية, مطار ورزازات). Both run before people are
// looked for, so the words they claim name no one.

// maxArabicNameWords bounds the words of a name found by pattern.
const maxArabicNameWords = 5

// arabicPatterns finds organisations and places by pattern in an Arabic field.
func (d *doc) arabicPatterns(f *field) {
	ac := d.kb.cues["ar"]
	for i := 0; i < len(f.toks); i++ {
		t := &f.toks[i]
		if t.script != scriptArabic || t.lab != labNone {
			continue
		}
		head := ""
		list := false
		for _, c := range t.candidates() {
			switch {
			case ac.has(cueOrgNoun, c):
				head = cueOrgNoun
			case ac.has(cueCityNoun, c):
				head = cueCityNoun
			case ac.has(cueCityNouns, c):
				head, list = cueCityNoun, true
			case ac.has(cuePlaceNounAr, c):
				head = cuePlaceNounAr
			case ac.has(cuePlaceNounsAr, c):
				head, list = cuePlaceNounAr, true
			}
			if head != "" {
				break
			}
		}
		if head == "" {
			continue
		}
		if head == cueOrgNoun {
			if end := d.arabicOrg(f, i); end > i {
				i = end - 1
			}
			continue
		}
		typ := TypePlace
		if head == cueCityNoun {
			typ = TypeCity
		}
		i = d.arabicPlaces(f, i, typ, list) - 1
	}
}

// quotedAfter returns the tokens [a, b) of a name written in quotation marks right after token i
// (شركة "بارس روتور"), or b == a when there is none.
func quotedAfter(f *field, i int) (a, b int) {
	a = i + 1
	if a >= len(f.toks) || !strings.ContainsAny(f.text[f.toks[i].e:f.toks[a].s], "\"«“") {
		return a, a
	}
	for b = a + 1; b < len(f.toks) && b-a <= maxArabicNameWords; b++ {
		gap := f.text[f.toks[b-1].e:f.toks[b].s]
		if strings.ContainsAny(gap, "\"»”") {
			return a, b
		}
		if strings.TrimSpace(gap) != "" {
			return a, a
		}
	}
	if b == len(f.toks) && strings.ContainsAny(f.text[f.toks[b-1].e:], "\"»”") {
		return a, b
	}
	return a, a
}

// arabicOrg reads an organisation's name after the head noun at token i and records it; it
// returns the token after the name, or i when no name follows.
func (d *doc) arabicOrg(f *field, i int) int {
	ac := d.kb.cues["ar"]
	if a, b := quotedAfter(f, i); b > a {
		// a quoted name: the name is what the quotes hold, and a complement written on ل may
		// follow it (شركة "بارس روتور" للهندسة)
		d.addOtherAr(f, a, b, f.toks[a].s, f.toks[b-1].e, TypeOrganisation)
		return b
	}
	head := &f.toks[i]
	if strings.HasPrefix(head.fold, "ال") && !strings.HasPrefix(head.text, "لل") || i+1 >= len(f.toks) {
		if i+1 < len(f.toks) && strings.HasPrefix(head.fold, "ال") {
			return d.definiteOrg(f, i)
		}
		return i // الرابطة, المركز: a reference to an organisation named before
	}
	first := &f.toks[i+1]
	if first.gap != gapSpace || first.script != scriptArabic || first.lab == labDate {
		return i
	}
	// The first word: a definite noun or a name (مركز الملك سلمان, هيئة الهلال الأحمر, شركة سيمنز), or
	// an indefinite noun in a construct with a definite one (رابطة أساتذة التعليم).
	definite := func(t *tok) bool { return strings.HasPrefix(t.fold, "ال") }
	switch {
	case first.lab == labGaz && countryOf(d.gazAtToken(f, i+1)) != "" && (demonymWord(first) || d.gazAtToken(f, i+1).ti != i+1):
		return i // منظمة التعاون … is looked up; شركة سعودية is no name (بنك فلسطين is)
	case definite(first) || first.lab == labRole || !first.known:
	case i+2 < len(f.toks) && f.toks[i+2].gap == gapSpace && definite(&f.toks[i+2]) && !ar.IsStopWord(first.text):
	default:
		return i
	}
	end := i + 1
	lastGenitive := false
	ngo := ""
	key := ""
	demonym := false
	afterRole := i > 0 && f.roleEnd[i] != nil
	for k := i + 1; k < len(f.toks) && k-i <= maxArabicNameWords; k++ {
		u := &f.toks[k]
		if k > i+1 && u.gap != gapSpace || u.script != scriptArabic || u.lab == labDate || ar.IsStopWord(u.text) ||
			u.lab == labNone && ac.has(cueBlocker, u.fold) || k > i+1 && d.cliticStop(u) {
			break
		}
		if u.lab == labGaz {
			m := d.gazAtToken(f, k)
			if m == nil || m.ti != k {
				break
			}
			isOrg := len(m.entries) > 0 && m.entries[0].Type == TypeOrganisation
			if !isOrg && ngo == "" && k > i+1 && m.tj == k+1 && countryOf(m) != "" && demonymShape(u.fold) &&
				m.tj < len(f.toks) && f.toks[m.tj].gap == gapSpace && strings.HasPrefix(f.toks[m.tj].fold, "لل") {
				// a nationality adjective inside the name, a complement on ل after it, is part of
				// it (الاتحاد العام التونسي للشغل); at the end it is the country's mention
				end = k + 1
				lastGenitive = false
				demonym = true
				continue
			}
			if !isOrg && ngo == "" && !demonymWord(u) && placeMatch(m) && (k == i+1 || !definiteWord(&f.toks[k-1])) {
				// a place in the genitive of an indefinite noun ends the name (بنك فلسطين, شركة
				// مياه الأردن, شركة طيران الخليج)
				end = m.tj
				break
			}
			if !isOrg && !(ngo != "" && countryOf(m) != "" && m.tj == k+1) {
				break // a country or place after the name says where it is: not part of it
			}
			if isOrg && m.entries[0].Class == "ngo" {
				ngo = m.entries[0].ID
			}
			end = m.tj
			if !isOrg {
				// the country of a national society ends its name (هيئة الهلال الأحمر الإماراتي)
				key = nationalKey(ngo, countryOf(m))
				break
			}
			k = m.tj - 1
			continue
		}
		if u.lab != labNone && u.lab != labRole {
			break
		}
		if afterRole && k > i+1 && u.lab == labNone && f.toks[k-1].lab != labRole && d.a.gaz.GivenNameGroup(u.text) != "" {
			break // المدير التنفيذي لمنظمة هيومن رايتس ووتش كينيث روث: the name of the role's holder
		}
		if demonym && !strings.HasPrefix(strings.TrimPrefix(u.fold, "و"), "لل") {
			break // after the nationality only a complement on ل goes on (التونسي للشغل)
		}
		if k > i+1 && u.lab == labNone && !definiteWord(u) && definiteWord(&f.toks[k-1]) && !(f.toks[k-1].lab == labRole && ac.has(cueRoyal, f.toks[k-1].fold)) {
			// A definite word closes the construct: an indefinite word after it starts something
			// else (اتحاد العمال العام إضرابا, شركة الكهرباء الوطنية أمجد الرواشدة); after a title the
			// name goes on (مركز الملك سلمان).
			break
		}
		if k > i+1 && strings.HasPrefix(u.fold, "و") && !ac.has(cueOrgNoun, u.fold) {
			// "للإغاثة والأعمال الإنسانية": a second complement joined to a genitive; otherwise
			// و starts the next item of a list
			pairedAfterRole := afterRole && strings.HasPrefix(u.fold, "وال") && strings.HasPrefix(f.toks[k-1].fold, "ال") &&
				k+1 < len(f.toks) && f.toks[k+1].gap == gapSpace && f.toks[k+1].lab == labNone && d.arabicGivenName(&f.toks[k+1])
			if !pairedAfterRole && (!lastGenitive || !strings.HasPrefix(u.fold, "وال")) {
				// (after a role a pair of nouns before the holder's name is one name:
				// مدير عام مؤسسة الغذاء والدواء نزار مهيدات)
				break
			}
		}
		lastGenitive = strings.HasPrefix(u.fold, "لل")
		end = k + 1
	}
	if end <= i+1 && !(end == i+2) {
		return i
	}
	start := i
	if ac.has(cueOrgType, head.fold) {
		start = i + 1 // شركة سيمنز: "company" is no part of the name
	}
	if start >= end {
		return i
	}
	form := bareCandidate(&f.toks[start])
	if start == i {
		form = headCandidate(ac, head) // وكالة keeps its و, ومركز loses it
	}
	d.addOtherAr(f, start, end, f.toks[start].s+max(0, f.toks[start].strippedBytes(form)), f.toks[end-1].e, TypeOrganisation)
	d.others[len(d.others)-1].key = key
	return end
}

// definiteWord reports whether an Arabic word carries the article, alone or after a clitic
// (الوطنية, للشغل, والتعليم).
func definiteWord(t *tok) bool {
	f := strings.TrimPrefix(strings.TrimPrefix(t.fold, "و"), "ف")
	return strings.HasPrefix(f, "ال") || strings.HasPrefix(f, "لل") || strings.HasPrefix(f, "بال")
}

// demonymWord reports whether an Arabic word has the shape of a nationality adjective, with the
// article or without it (سعودية, المصري, الأردنيين).
func demonymWord(t *tok) bool {
	f := strings.TrimPrefix(t.fold, "و")
	if !strings.HasPrefix(f, "ال") {
		f = "ال" + f
	}
	return demonymShape(f)
}

// demonymShape reports whether a folded Arabic word has the shape of a nationality adjective
// with the article: a nisba ending in any gender and number (الأردني, الأردنية, الأردنيين).
func demonymShape(f string) bool {
	if !strings.HasPrefix(f, "ال") || utf8.RuneCountInString(f) < 5 {
		return false
	}
	for _, suf := range []string{"ي", "يه", "يين", "يون", "يات"} {
		if strings.HasSuffix(f, suf) {
			return true
		}
	}
	return false
}

// definiteOrg reads an organisation named by a definite head noun, which alone refers to one named
// before (الرابطة): a name only when a nationality (البنك المركزي المصري, الجامعة الأردنية) or a
// complement on ل (الجمعية الملكية لحماية الطبيعة) follows the head and at most one adjective.
// The nationality stays a mention of its country too. It returns the token after the name, or i.
func (d *doc) definiteOrg(f *field, i int) int {
	ac := d.kb.cues["ar"]
	if ac.has(cueOrgType, f.toks[i].fold) {
		return i // الشركة: "the company"
	}
	k := i + 1
	if k < len(f.toks) && f.toks[k].gap == gapSpace && f.toks[k].lab == labNone && f.toks[k].script == scriptArabic &&
		strings.HasPrefix(f.toks[k].fold, "ال") && !ar.IsStopWord(f.toks[k].text) && !ac.has(cueBlocker, f.toks[k].fold) {
		k++ // one adjective: المركزي, الملكية
	}
	if k >= len(f.toks) || f.toks[k].gap != gapSpace || f.toks[k].script != scriptArabic {
		return i
	}
	u := &f.toks[k]
	end := k
	switch {
	case u.lab == labGaz:
		m := d.gazAtToken(f, k)
		if m == nil || m.ti != k || m.tj != k+1 || countryOf(m) == "" || !demonymShape(u.fold) {
			return i
		}
		end = k + 1
		// a complement on ل may follow the nationality (الوكالة الأمريكية للتنمية الدولية)
		for end < len(f.toks) && end-i <= maxArabicNameWords && f.toks[end].gap == gapSpace && f.toks[end].lab == labNone &&
			f.toks[end].script == scriptArabic && (strings.HasPrefix(f.toks[end].fold, "لل") || end > k+1 && strings.HasPrefix(f.toks[end].fold, "ال") &&
			strings.HasPrefix(f.toks[end-1].fold, "لل")) && !ar.IsStopWord(f.toks[end].text) {
			end++
		}
	case u.lab == labNone && k > i+1 && strings.HasPrefix(u.fold, "لل") && !ar.IsStopWord(u.text):
		end = k + 1
		if end < len(f.toks) && f.toks[end].gap == gapSpace && f.toks[end].lab == labNone && f.toks[end].script == scriptArabic &&
			strings.HasPrefix(f.toks[end].fold, "ال") && !ar.IsStopWord(f.toks[end].text) && !ac.has(cueBlocker, f.toks[end].fold) {
			end++ // لحماية الطبيعة
		}
	default:
		return i
	}
	for x := i; x < end; x++ {
		if f.toks[x].lab != labNone && f.toks[x].lab != labGaz {
			return i
		}
	}
	s := f.toks[i].s + max(0, f.toks[i].strippedBytes(bareCandidate(&f.toks[i])))
	for x := i; x < end; x++ {
		f.toks[x].lab = labOrg // the nationality's gazetteer match stays: it is also the country's mention
	}
	d.others = append(d.others, &omention{f: f, ti: i, tj: end, s: s, e: f.toks[end-1].e, typ: TypeOrganisation})
	return end
}

// headCandidate returns the form of an organisation's head noun in the mention: the whole word
// when the cues know it as written (وكالة is the noun, not و on كالة), else bareCandidate's.
func headCandidate(ac cueSet, t *tok) string {
	if ac.has(cueOrgNoun, t.fold) {
		return t.fold
	}
	return bareCandidate(t)
}

// bareCandidate returns the form of an Arabic token without conjunctions and prepositions but with
// its article (ومركز → مركز, للإغاثة → الاغاثه).
func bareCandidate(t *tok) string {
	cs := t.candidates()
	for _, c := range cs {
		if !strings.HasPrefix(c, "و") && !strings.HasPrefix(c, "ف") && !strings.HasPrefix(c, "ب") && !strings.HasPrefix(c, "ل") {
			return c
		}
	}
	return cs[len(cs)-1]
}

// arabicPlaces reads the places named after the place noun at token i (مدينة الفاشر, إقليمي طاطا
// والرشيدية, ولايات كسلا والقضارف; list says the noun is plural or dual) and records them; it
// returns the token after the last one.
func (d *doc) arabicPlaces(f *field, i int, typ string, list bool) int {
	k := i + 1
	found := false
	for k < len(f.toks) {
		u := &f.toks[k]
		if u.gap != gapSpace || u.script != scriptArabic {
			break
		}
		start := k
		sb := u.s
		if found {
			// a list after a plural or dual noun: و before the next name
			if !list || !strings.HasPrefix(u.fold, "و") {
				break
			}
			sb = u.s + max(0, u.strippedBytes(strings.TrimPrefix(u.fold, "و")))
		}
		if u.lab == labGaz {
			if m := d.gazAtToken(f, k); m != nil {
				k = m.tj
				found = true
				continue
			}
		}
		if u.lab != labNone || !d.placeNameWord(u, found) {
			break
		}
		end := k + 1
		// a second word of the same name (نهر النيل is looked up; أم درمان, عين العرب)
		if end < len(f.toks) && f.toks[end].gap == gapSpace && f.toks[end].lab == labNone &&
			f.toks[end].script == scriptArabic && !ar.IsStopWord(f.toks[end].text) &&
			!strings.HasPrefix(f.toks[end].fold, "و") && !d.kb.cues["ar"].has(cueBlocker, f.toks[end].fold) &&
			arabicPlaceStart(u.fold) {
			end++
		}
		d.addOtherAr(f, start, end, sb, f.toks[end-1].e, typ)
		found = true
		k = end
	}
	if !found {
		return i + 1
	}
	return k
}

// arabicPlaceStart reports whether a folded Arabic word is the first word of many places' names
// (أم درمان, عين العرب, دير البلح, بيت حانون, خان يونس, تل أبيب).
func arabicPlaceStart(w string) bool {
	switch w {
	case "ام", "عين", "ابو", "راس", "بني", "دير", "تل", "بيت", "كفر", "خان", "بير", "بئر", "جبل", "وادي", "قصر", "جسر", "مرج", "باب":
		return true
	}
	return false
}

// placeNameWord reports whether an Arabic word can be (the first word of) a place's name after a
// place noun: not a common word the lexicon knows, a stop word or a blocker; in a list, after its و.
func (d *doc) placeNameWord(t *tok, inList bool) bool {
	w := t.fold
	if inList {
		w = strings.TrimPrefix(w, "و")
	}
	if ar.IsStopWord(w) || d.kb.cues["ar"].has(cueBlocker, w) || len([]rune(w)) < 2 {
		return false
	}
	if t.known && d.kb.nameTokens[w] < 3 && d.kb.nameTokens[stripArticle(w)] < 3 {
		// a common word: مدينة كبيرة, منطقة عسكرية; but names also have meanings
		return false
	}
	return true
}

// addOtherAr records an Arabic organisation or place found by pattern and claims its tokens.
func (d *doc) addOtherAr(f *field, a, b, s, e int, typ string) {
	if typ == TypeOrganisation && d.officeOfStateAr(f, a, b) {
		for k := a; k < b; k++ {
			if f.toks[k].lab == labNone {
				f.toks[k].lab = labOrg // read, and no entity: it acts for its country
			}
		}
		return
	}
	for k := a; k < b; k++ {
		if f.toks[k].lab == labGaz {
			if m := d.gazAtToken(f, k); m != nil {
				m.entries = nil
			}
		}
		f.toks[k].lab = labOrg
	}
	d.others = append(d.others, &omention{f: f, ti: a, tj: b, s: s, e: e, typ: typ})
}

// officeOfStateAr reports whether the Arabic name f.toks[a:b] starts with the name of an office
// of state (المجلس الرئاسي الليبي, مجلس السيادة الانتقالي): it acts for its country and is no
// organisation of its own (nor the Security Council).
func (d *doc) officeOfStateAr(f *field, a, b int) bool {
	ac := d.kb.cues["ar"]
	for _, first := range append([]string{f.toks[a].fold}, f.toks[a].candidates()...) {
		phrase := first
		for k := a; k < b && k < a+4; k++ {
			if k > a {
				phrase += " " + f.toks[k].fold
			}
			if ac.has(cueOfficeOfState, phrase) {
				return true
			}
		}
	}
	return false
}
