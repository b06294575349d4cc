package ar

import "unicode"

// minRemain is the fewest letters clitic or suffix stripping may leave.
const (
	minRemain       = 2
	minSuffixRemain = 3
)

// Candidates returns the lookup forms of one Arabic word, normalised, from the word as written to
// the most stripped: the conjunctions و and ف, then the prepositions ب ك ل (and the future
// prefix س after a conjunction, before a verb prefix ي ت ن ا), then the article ال. ل before the
// article is written لل, and gives back the article form: للرباعية → للرباعيه, الرباعيه, رباعيه.
// A preposition is split from a following bare alef that does not start the article only last,
// and only before four letters or more (a hamza left unwritten: لاسرائيل → ..., اسرائيل), so
// ولافروف gives ولافروف, لافروف and last افروف. Nothing is stripped that would leave fewer than
// two letters. Look the forms up in order and take the first that is known: stripping is blind
// to meaning (وزير gives زير too).
//
// Examples: والصفدي → [والصفدي الصفدي صفدي]; بالأمم → [بالامم الامم امم].
func Candidates(word string) (out []string) {
	// the letters as written (hamza forms kept, to tell a bare alef), without marks and joiners
	raw := make([]rune, 0, len(word)/2)
	for _, r := range word {
		if NormaliseRune(r) == 0 {
			continue
		}
		raw = append(raw, r)
	}
	full := Normalise(word)
	out = []string{full}
	if len(raw) < 3 || !allArabicLetters(raw) {
		return out
	}
	add := func(rs []rune) {
		s := Normalise(string(rs))
		for _, o := range out {
			if o == s {
				return
			}
		}
		out = append(out, s)
	}
	pos := 0
	conj := false
	if (raw[0] == 'و' || raw[0] == 'ف') && len(raw)-1 >= minRemain {
		pos, conj = 1, true
		add(raw[pos:])
	}
	article := func(p int) bool {
		return p+1 < len(raw) && isBareAlef(raw[p]) && raw[p+1] == 'ل' && len(raw)-p-2 >= minRemain
	}
	if pos < len(raw) {
		switch r := raw[pos]; {
		case r == 'ل' && pos+1 < len(raw) && raw[pos+1] == 'ل' && len(raw)-pos-2 >= minRemain:
			// ل + ال written لل: give back the article form, then the bare word; and ل before a
			// word that starts with ل (للبنان is ل + لبنان, لليبيا ل + ليبيا)
			add(append([]rune{'ا', 'ل'}, raw[pos+2:]...))
			add(raw[pos+2:])
			if len(raw)-pos-1 >= minRemain+1 {
				add(raw[pos+1:])
			}
			return out
		case r == 'ب' || r == 'ك' || r == 'ل':
			next := pos + 1
			if next < len(raw) && len(raw)-next >= minRemain && (!isBareAlef(raw[next]) || article(next)) {
				pos = next
				add(raw[pos:])
			} else if next < len(raw) && isBareAlef(raw[next]) && len(raw)-next >= 4 {
				// a hamza left unwritten (لاسرائيل, باربد): the split comes last
				defer add(raw[next:])
			}
		case r == 'س' && conj:
			next := pos + 1
			if next < len(raw) && len(raw)-next >= minRemain {
				switch raw[next] {
				case 'ي', 'ت', 'ن', 'أ':
					add(raw[next:])
					return out
				}
			}
		}
	}
	if article(pos) {
		add(raw[pos+2:])
	}
	return out
}

func isBareAlef(r rune) bool { return r == 'ا' || r == 'ٱ' }

func allArabicLetters(rs []rune) bool {
	for _, r := range rs {
		if !unicode.Is(unicode.Arabic, r) || !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// Suffixes returns the lookup forms of a word with light suffix handling, normalised, the word
// itself first: nisba plurals -يين -يون -يات to the nisba -ي and to the bare stem (السوريين →
// السوري, السور); the feminine nisba -ية to -ي and the stem (الأردنية → الاردني, الاردن); the
// feminine -ة; the plural and dual endings -ين -ون -ات -ان; the nisba -ي (الأردني → الاردن).
// At least three letters always remain. It does not strip prefixes: combine it with Candidates.
func Suffixes(word string) []string {
	w := []rune(Normalise(word))
	out := []string{string(w)}
	if !allArabicLetters(w) {
		return out
	}
	add := func(n int, suffix string) {
		if len(w)-n < minSuffixRemain {
			return
		}
		s := string(w[:len(w)-n]) + suffix
		for _, o := range out {
			if o == s {
				return
			}
		}
		out = append(out, s)
	}
	ends := func(suf string) bool {
		s := []rune(suf)
		if len(w) < len(s) {
			return false
		}
		for i := range s {
			if w[len(w)-len(s)+i] != s[i] {
				return false
			}
		}
		return true
	}
	switch {
	case ends("يين") || ends("يون") || ends("يات"):
		add(3, "ي")
		add(3, "")
	case ends("يه"):
		add(1, "")
		add(2, "")
	case ends("ه"):
		add(1, "")
	case ends("ين") || ends("ون") || ends("ات") || ends("ان"):
		add(2, "")
	case ends("ي"):
		add(1, "")
	}
	return out
}
