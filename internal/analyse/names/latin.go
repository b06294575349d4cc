package names

import (
	"strings"

	"storyline/internal/analyse/names/internal/pairhmm"
)

// LatinSimilar returns the spelling similarity, in [0,1], of two Latin-script names: 1 minus a
// weighted edit distance over their folded letters (accents removed, the article al-/el- dropped,
// words joined), divided by the longer length. Edits that transliteration variants make are cheap:
// one vowel for another (Mekdad/Mikdad), y for i (Sergey/Sergei, Faisal/Faysal), a doubled or an
// added h (Muhammad/Mohamad, Ahmad/Ahmed), and letters of the same consonant class (k/q/c, f/v/ph,
// s/z); anything else costs 1.
func LatinSimilar(a, b string) float64 {
	x, y := latinLetters(a), latinLetters(b)
	if len(x) == 0 || len(y) == 0 {
		if len(x) == 0 && len(y) == 0 && strings.TrimSpace(a) != "" && strings.TrimSpace(a) == strings.TrimSpace(b) {
			return 1
		}
		return 0
	}
	if x == y {
		return 1
	}
	d := weightedDistance(x, y)
	n := max(len(x), len(y))
	s := 1 - d/float64(n)
	return min(1, max(0, s))
}

// latinLetters folds a name to a..z with articles removed and words joined.
func latinLetters(s string) string {
	var b strings.Builder
	for _, w := range splitWords(s) {
		if isArabicWord(w) || isLatinArticleWord(w) {
			continue
		}
		b.WriteString(pairhmm.FoldLatin(w[latinArticleLen(w):]))
		if b.Len() > maxWords*maxLetters {
			break
		}
	}
	return b.String()
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// latinClasses gives each letter a..z its sound class: vowels, labials, f/v, w, dentals,
// sibilants, velars, g/j, x, h, l, r, m, n.
const latinClasses = "VBKTVFGHVGKLMNVBKRSTVFWXVS"

func latinClass(c byte) byte { return latinClasses[c-'a'] }

func subCost(a, b byte) float64 {
	switch {
	case a == b:
		return 0
	case isVowel(a) && isVowel(b):
		if (a == 'y' || b == 'y') && (a == 'i' || b == 'i' || a == 'e' || b == 'e') {
			return 0.15
		}
		return 0.3
	case latinClass(a) == latinClass(b):
		return 0.4
	case (a == 'w' && (b == 'v' || b == 'u' || b == 'o')) || (b == 'w' && (a == 'v' || a == 'u' || a == 'o')):
		return 0.4
	case (a == 'g' || a == 'k' || a == 'q') && (b == 'g' || b == 'k' || b == 'q'):
		return 0.5
	}
	return 1
}

// indelCost is the cost of inserting or deleting c next to prev (0 at the start).
func indelCost(c, prev, next byte) float64 {
	switch {
	case c == prev || c == next:
		return 0.2 // doubled letter
	case c == 'h':
		return 0.3
	case isVowel(c):
		return 0.5
	case c == 'w':
		return 0.5
	}
	return 1
}

// weightedDistance is the edit distance of x and y with the costs above, in O(len(x)·len(y)) time
// and O(len(y)) space.
func weightedDistance(x, y string) float64 {
	prev := make([]float64, len(y)+1)
	cur := make([]float64, len(y)+1)
	at := func(s string, i int) byte {
		if i < 0 || i >= len(s) {
			return 0
		}
		return s[i]
	}
	for j := 1; j <= len(y); j++ {
		prev[j] = prev[j-1] + indelCost(y[j-1], at(y, j-2), at(y, j))
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = prev[0] + indelCost(x[i-1], at(x, i-2), at(x, i))
		for j := 1; j <= len(y); j++ {
			v := prev[j-1] + subCost(x[i-1], y[j-1])
			if d := prev[j] + indelCost(x[i-1], at(x, i-2), at(x, i)); d < v {
				v = d
			}
			if d := cur[j-1] + indelCost(y[j-1], at(y, j-2), at(y, j)); d < v {
				v = d
			}
			cur[j] = v
		}
		prev, cur = cur, prev
	}
	return prev[len(y)]
}
