package analyse

import (
	"io/fs"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"storyline/internal/analyse/gazetteer"
	"storyline/internal/analyse/lang/ar"
	"storyline/internal/analyse/names"
)

// Person names are compared as folded tokens: Latin through gazetteer.Key (lower case, accents,
// apostrophes and full stops removed, hyphens turned into spaces, so al-Safadi gives "al safadi"),
// Arabic through ar.Normalise with عبد joined to the word after it (عبد الله = عبدالله). Family
// names are kept without the article (al, el, ال), so that Safadi, al-Safadi and الصفدي compare
// by their letters alone.

// foldName folds one name or token for comparison.
func foldName(s string) string {
	if isArabicText(s) {
		return strings.Join(arabicNameTokens(s), " ")
	}
	return gazetteer.Key(s)
}

// latinNameTokens folds a Latin name into its words, particles kept as words of their own.
func latinNameTokens(s string) []string {
	return strings.Fields(gazetteer.Key(s))
}

// arabicNameTokens folds an Arabic name into its words: normalised, عبد joined to the next word,
// and a leading article written apart (آل ثاني) kept as the particle "ال".
func arabicNameTokens(s string) []string {
	folded, _ := arabicNameWords(s)
	return folded
}

// arabicNameWords returns the folded name tokens of an Arabic name and, in parallel, the words
// as written that make each of them.
func arabicNameWords(s string) (folded, surface []string) {
	words := strings.Fields(s)
	for i := 0; i < len(words); i++ {
		w := strings.Trim(ar.Normalise(words[i]), ".,،؛:")
		sw := words[i]
		if w == "" {
			continue
		}
		if w == "عبد" && i+1 < len(words) {
			w += strings.Trim(ar.Normalise(words[i+1]), ".,،؛:")
			sw += " " + words[i+1]
			i++
		}
		if w == "الله" && len(folded) > 0 && !strings.HasSuffix(folded[len(folded)-1], "الله") {
			// فتح الله, نصر الله, عطا الله: one name of two words (Fathallah, Nasrallah).
			folded[len(folded)-1] += w
			surface[len(surface)-1] += " " + sw
			continue
		}
		folded = append(folded, w)
		surface = append(surface, sw)
	}
	return folded, surface
}

// isArabicText reports whether s has an Arabic letter.
func isArabicText(s string) bool {
	for _, r := range s {
		if r >= 0x0600 && r <= 0x06FF || r >= 0x0750 && r <= 0x077F || r >= 0xFB50 && r <= 0xFEFF {
			return true
		}
	}
	return false
}

// patronymic reports whether a folded token links a name to a father's (bin, ibn, بن).
func patronymic(t string) bool {
	switch t {
	case "bin", "ibn", "ben", "bint", "بن", "ابن", "بنت":
		return true
	}
	return false
}

// articleParticle reports whether a folded token is the Arabic article written apart.
func articleParticle(t string) bool {
	switch t {
	case "al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ال":
		return true
	}
	return false
}

// isParticle reports whether a folded token is a name particle (al, bin, abu, van, ال, بن).
func isParticle(t string) bool {
	if articleParticle(t) || patronymic(t) {
		return true
	}
	return particles()[t] && t != "abd" && t != "عبد"
}

// particles is the set of one-word particles of the gazetteer's name_parts.tsv, folded.
var particles = sync.OnceValue(func() map[string]bool {
	set := map[string]bool{}
	data, err := fs.ReadFile(gazetteer.Data(), "name_parts.tsv")
	if err != nil {
		return set
	}
	for _, line := range strings.Split(string(data), "\n") {
		cols := strings.Split(line, "\t")
		if len(cols) < 2 || cols[0] != "particle" {
			continue
		}
		for _, col := range cols[1:] {
			for _, form := range strings.Split(col, "|") {
				if k := gazetteer.Key(form); k != "" && !strings.Contains(k, " ") {
					set[k] = true
				}
			}
		}
	}
	return set
})

// isRegnal reports whether a folded token is a regnal number or ordinal (ii, الثاني).
func (k *knowledge) isRegnal(t string) bool {
	if isArabicText(t) {
		return k.cues["ar"].has(cueRegnal, t)
	}
	return k.cues["en"].has(cueRegnal, t)
}

// splitName splits folded name tokens into given names and a family name without particles.
// A name with a regnal number (Abdullah II) or of one word has no family name. With a patronymic
// (Mohammed bin Salman) the given names are those before it and the family is the last word.
func (k *knowledge) splitName(toks []string) (given []string, family string) {
	for _, t := range toks {
		if k.isRegnal(t) {
			for _, g := range toks {
				if k.isRegnal(g) || patronymic(g) {
					break
				}
				if !isParticle(g) {
					given = append(given, g)
				}
			}
			return given, ""
		}
	}
	last := -1
	for i := len(toks) - 1; i >= 0; i-- {
		if !isParticle(toks[i]) {
			last = i
			break
		}
	}
	if last < 0 {
		return nil, ""
	}
	nonParticles := 0
	for i, t := range toks {
		if !isParticle(t) || i == 0 && patronymic(t) {
			nonParticles++ // Ben Affleck: a name does not start with a patronymic
		}
	}
	if nonParticles < 2 {
		return []string{stripArticle(toks[last])}, ""
	}
	for i, t := range toks[:last] {
		if i == 0 && patronymic(t) {
			given = append(given, t)
			continue
		}
		if patronymic(t) {
			break
		}
		if !isParticle(t) {
			given = append(given, t)
		}
	}
	return given, stripArticle(toks[last])
}

// compoundStart reports whether a folded particle starts a compound given name (Abdel Fattah,
// Abu Bakr) rather than standing before a family name (al-, bin).
func compoundStart(t string) bool {
	switch t {
	case "abd", "abdel", "abdul", "abdal", "abu", "abou", "umm", "عبد", "ابو", "ام":
		return true
	}
	return false
}

// stripArticle removes a joined article from a folded name token: الصفدي → صفدي.
func stripArticle(t string) string {
	if strings.HasPrefix(t, "ال") && utf8.RuneCountInString(t) >= 5 {
		return t[len("ال"):]
	}
	return t
}

// slug turns a name into a key slug: lower-case Latin letters and digits, words joined by "-".
func slug(s string) string {
	k := gazetteer.Key(s)
	var b strings.Builder
	dash := false
	for _, r := range k {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
			dash = false
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	return strings.TrimRight(b.String(), "-")
}

// nameComparer compares folded name words within and across scripts.
type nameComparer struct {
	m *names.Matcher
	g *gazetteer.Gazetteer
}

// sameWord reports whether two folded name words are one name: Arabic against Arabic by their
// letters without the article, Arabic against Latin by the matcher (score 0.6 or more), Latin
// against Latin by spelling (LatinSimilar at least latin).
func (c nameComparer) sameWord(x, y string, latin float64) bool {
	if x == "" || y == "" {
		return false
	}
	if x == y {
		return true
	}
	xa, ya := isArabicText(x), isArabicText(y)
	switch {
	case xa && ya:
		return stripArticle(x) == stripArticle(y)
	case xa:
		return c.m.Score(x, y) >= 0.6
	case ya:
		return c.m.Score(y, x) >= 0.6
	}
	return names.LatinSimilar(x, y) >= latin
}

// givenAgree reports whether two lists of folded given names may name the same person: either is
// empty, or their first names are one name (Sergey/Sergei by the gazetteer's variant groups or by
// spelling, across scripts by the matcher).
func (c nameComparer) givenAgree(a, b []string) bool {
	if len(a) == 0 || len(b) == 0 {
		return true
	}
	x, y := a[0], b[0]
	if x == y {
		return true
	}
	if gx, gy := c.g.GivenNameGroup(capitalise(x)), c.g.GivenNameGroup(capitalise(y)); gx != "" && gx == gy {
		return true
	}
	return c.sameWord(x, y, 0.85)
}

// capitalise upper-cases the first letter of a folded Latin word, for GivenNameGroup.
func capitalise(s string) string {
	if s == "" || isArabicText(s) {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
