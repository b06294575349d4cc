// Package pairhmm is a stochastic edit model (a pair hidden Markov model in the manner of Ristad and
// Yianilos) between Arabic letters and Latin letter sequences: every Arabic letter, marked by its
// position in its word, is written as a Latin sequence of up to MaxSeg letters or as nothing, and
// Latin letters may be inserted where Arabic writes nothing (mostly short vowels). The operation
// probabilities are learned by expectation maximisation over all alignments of the training pairs.
//
// The package is internal to names: names owns the public API, gen trains and writes the model.
package pairhmm

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"storyline/internal/analyse/lang/ar"
)

// MaxSeg is the longest Latin sequence one Arabic letter is written as.
const MaxSeg = 3

// ArabicLetters are the letters the model knows, in symbol order, after ar.Normalise.
const ArabicLetters = "ابتثجحخدذرزسشصضطظعغفقكلمنهويء"

// Letter counts and symbol layout: symbol = letter*3 + position for the substitution and deletion
// symbols (position 0 word-initial, 1 medial, 2 word-final), then three insertion contexts (before
// the first Arabic letter, after each letter inside the word, after each letter at the end).
const (
	NumLetters = 29
	NumSub     = NumLetters * 3
	// InsStart is the insertion context before the first Arabic letter; then come the contexts after
	// each letter, inside a word (InsAfter + letter) and after the last letter (InsAfterEnd + letter).
	InsStart    = NumSub
	InsAfter    = NumSub + 1
	InsAfterEnd = InsAfter + NumLetters
	NumSym      = InsAfterEnd + NumLetters
	// NumCodes is the size of the Latin segment code space (base 27, up to MaxSeg letters).
	NumCodes = 27 * 27 * 27
)

var arIndex = func() map[rune]uint8 {
	m := make(map[rune]uint8, NumLetters)
	for i, r := range []rune(ArabicLetters) {
		m[r] = uint8(i)
	}
	return m
}()

// ArabicRune returns the letter of index i (0 ≤ i < NumLetters).
func ArabicRune(i int) rune { return []rune(ArabicLetters)[i] }

// ArabicIndex reports the letter index of a normalised Arabic rune.
func ArabicIndex(r rune) (int, bool) {
	i, ok := arIndex[r]
	return int(i), ok
}

// ArabicWord returns the letter indexes of one Arabic word after ar.Normalise; other characters
// are dropped. At most max letters are kept (0 for no limit).
func ArabicWord(w string, max int) []uint8 {
	w = ar.Normalise(w)
	out := make([]uint8, 0, len(w)/2)
	for _, r := range w {
		if i, ok := arIndex[r]; ok {
			out = append(out, i)
			if max > 0 && len(out) >= max {
				break
			}
		}
	}
	return out
}

// Symbols turns words of letter indexes into the symbol sequence of the model: each letter marked
// with its position in its own word. Words are concatenated.
func Symbols(words ...[]uint8) []uint8 {
	n := 0
	for _, w := range words {
		n += len(w)
	}
	out := make([]uint8, 0, n)
	for _, w := range words {
		for i, l := range w {
			pos := uint8(1)
			switch {
			case i == 0:
				pos = 0
			case i == len(w)-1:
				pos = 2
			}
			out = append(out, l*3+pos)
		}
	}
	return out
}

// LatinWord folds a Latin word to the model's letters 1..26 (a..z): lower case, accents removed,
// ß, æ, œ, ø, ł, đ, ð, þ, ı spelt out; other characters dropped. At most max letters are kept (0
// for no limit).
func LatinWord(w string, max int) []uint8 {
	out := make([]uint8, 0, len(w))
	add := func(s string) bool {
		for i := 0; i < len(s); i++ {
			out = append(out, s[i]-'a'+1)
			if max > 0 && len(out) >= max {
				return false
			}
		}
		return true
	}
	for _, r := range w {
		if r < 0x80 {
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
			if r >= 'a' && r <= 'z' {
				if !add(string(r)) {
					break
				}
			}
			continue
		}
		s, ok := latinFold(r)
		if ok && !add(s) {
			break
		}
	}
	return out
}

// FoldLatin returns the folded letters of w as a string of a..z.
func FoldLatin(w string) string {
	l := LatinWord(w, 0)
	b := make([]byte, len(l))
	for i, c := range l {
		b[i] = c - 1 + 'a'
	}
	return string(b)
}

var special = map[rune]string{
	'ß': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l",
	'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d", 'þ': "th", 'Þ': "th", 'ı': "i", 'ħ': "h", 'Ħ': "h",
}

func latinFold(r rune) (string, bool) {
	if s, ok := special[r]; ok {
		return s, true
	}
	if !unicode.IsLetter(r) {
		return "", false
	}
	var b strings.Builder
	for _, d := range norm.NFD.String(string(r)) {
		d = unicode.ToLower(d)
		if d >= 'a' && d <= 'z' {
			b.WriteRune(d)
		}
	}
	return b.String(), b.Len() > 0
}

// Code returns the base-27 code of the Latin segment l (1 to MaxSeg letters).
func Code(l []uint8) int {
	c, mul := 0, 1
	for _, x := range l {
		c += int(x) * mul
		mul *= 27
	}
	return c
}

// CodeString spells a segment code out in Latin letters.
func CodeString(c int) string {
	var b []byte
	for c > 0 {
		b = append(b, byte(c%27)-1+'a')
		c /= 27
	}
	return string(b)
}

// ParseCode is the inverse of CodeString; ok is false for anything but 1..MaxSeg letters a..z.
func ParseCode(s string) (int, bool) {
	if len(s) < 1 || len(s) > MaxSeg {
		return 0, false
	}
	l := make([]uint8, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return 0, false
		}
		l[i] = s[i] - 'a' + 1
	}
	return Code(l), true
}
