package names

import (
	"strings"
	"unicode"

	"storyline/internal/analyse/lang/ar"
	"storyline/internal/analyse/names/internal/pairhmm"
)

// Consonant classes of the skeleton. Vowels, w, y, h and the Arabic letters that usually stand for
// them or are dropped in Latin (ا و ي ه ح ع ء) have no class.
const (
	clsB = 'B' // b p f v / ب ف
	clsT = 'T' // t d th dh / ت ط د ض ث ذ ظ
	clsS = 'S' // s z sh ch ts / س ص ز ش
	clsK = 'K' // k q c g j kh gh / ك ق خ غ ج
	clsL = 'L'
	clsR = 'R'
	clsM = 'M'
	clsN = 'N'
)

var arabicClass = map[rune]byte{
	'ب': clsB, 'ف': clsB,
	'ت': clsT, 'ط': clsT, 'د': clsT, 'ض': clsT, 'ث': clsT, 'ذ': clsT, 'ظ': clsT,
	'س': clsS, 'ص': clsS, 'ز': clsS, 'ش': clsS,
	'ك': clsK, 'ق': clsK, 'خ': clsK, 'غ': clsK, 'ج': clsK,
	'ل': clsL, 'ر': clsR, 'م': clsM, 'ن': clsN,
}

// Key returns a script-independent phonetic skeleton of a name for blocking: consonant classes in
// order (B T S K L R M N), vowels and weak letters dropped, repeated classes collapsed, the article
// (al-, el-, ad-, ال …) removed from each word, and the l of a word-initial al/el/أل dropped
// (Alberto, ألبرتو; Alsaboury, الصابوري) unless nothing else is left (Ali). Lavrov and لافروف share
// "LBRB"; Safadi, Al-Safadi and الصفدي share "SBT"; Mekdad, Mikdad and المقداد share "MKT". The key
// is coarse on purpose: the two sides of nine in ten training pairs share it (the rest are mostly
// European spellings such as Slavic j, German w and French silent letters), and many unrelated
// names do too, so use it to pick candidates and Score to decide.
func Key(name string) string {
	var b []byte
	for _, w := range splitWords(name) {
		if isArabicWord(w) {
			b = appendArabicKey(b, w)
		} else {
			b = appendLatinKey(b, w)
		}
	}
	return string(b)
}

func isArabicWord(w string) bool {
	for _, r := range w {
		if r >= 0x0600 && r <= 0x06FF || r >= 0x0750 && r <= 0x077F || r >= 0xFB50 && r <= 0xFEFF {
			return true
		}
		if unicode.IsLetter(r) {
			return false
		}
	}
	return false
}

// splitWords splits a name on white space, hyphens, dots and other punctuation except
// apostrophes, which stay inside Latin words.
func splitWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		if r == '\'' || r == '’' || r == 'ʼ' || r == '‘' || r == '`' || r == 'ʻ' || r == 'ʿ' || r == 'ʾ' {
			return false
		}
		return !unicode.IsLetter(r) && !unicode.IsMark(r) && !unicode.IsDigit(r) && r != 0x200C && r != 0x200D && r != 0x0640
	})
}

func appendClass(b []byte, c byte) []byte {
	if len(b) > 0 && b[len(b)-1] == c {
		return b
	}
	// t followed by s is one affricate (ts, tz, ch, تش)
	if c == clsS && len(b) > 0 && b[len(b)-1] == clsT {
		b[len(b)-1] = clsS
		if len(b) > 1 && b[len(b)-2] == clsS {
			return b[:len(b)-1]
		}
		return b
	}
	return append(b, c)
}

// arabicArticleLen returns the number of letters to skip for an article at the start of the
// normalised letters (2 for ال when at least two letters remain), 0 otherwise.
func arabicArticleLen(letters []rune) int {
	if len(letters) >= 4 && letters[0] == 'ا' && letters[1] == 'ل' {
		return 2
	}
	return 0
}

func appendArabicKey(b []byte, w string) []byte {
	bare := startsWithBareAlefLam(w)
	var letters []rune
	for _, r := range ar.Normalise(w) {
		if _, ok := pairhmm.ArabicIndex(r); ok {
			letters = append(letters, r)
		}
	}
	skip := 0
	if bare {
		skip = arabicArticleLen(letters)
	}
	letters = letters[skip:]
	if skip == 0 && len(letters) > 2 && letters[0] == 'ا' && letters[1] == 'ل' {
		// an initial al- that is not the article (ألبرتو, آلان, إلياس): drop its l, as Latin
		// drops the l of Alberto, Alan, Elias, unless nothing would be left
		j := 1
		for j < len(letters) && letters[j] == 'ل' {
			j++
		}
		if k := appendArabicClasses(nil, letters[j:]); len(k) > 0 {
			return appendArabicClasses(b, letters[j:])
		}
	}
	return appendArabicClasses(b, letters)
}

func appendArabicClasses(b []byte, letters []rune) []byte {
	for _, r := range letters {
		if c, ok := arabicClass[r]; ok {
			b = appendClass(b, c)
		}
	}
	return b
}

// startsWithBareAlefLam reports whether the Arabic word w begins with a bare alef (no hamza or
// madda) and lam, as the article does; ألكسندر and إلياس do not.
func startsWithBareAlefLam(w string) bool {
	var first []rune
	for _, r := range w {
		if ar.NormaliseRune(r) == 0 {
			continue // diacritics, tatweel, format characters
		}
		first = append(first, r)
		if len(first) == 2 {
			break
		}
	}
	return len(first) == 2 && (first[0] == 'ا' || first[0] == 'ٱ') && first[1] == 'ل'
}

// latinArticles are the forms of the Arabic article in Latin spelling, written before a hyphen or
// an apostrophe ("al-Assad", "ad-Din", "el-Sisi").
var latinArticles = []string{"al", "el", "ul", "il", "ad", "ed", "an", "ar", "as", "ash", "at", "ath", "az", "adh", "ud", "un", "ur", "us", "ut", "uz"}

// latinArticleLen returns the byte length of an article and its separator at the start of the
// Latin word w ("al-", "el’"), 0 when there is none.
func latinArticleLen(w string) int {
	for _, a := range latinArticles {
		if len(w) > len(a)+1 && strings.EqualFold(w[:len(a)], a) {
			rest := w[len(a):]
			for _, sep := range []string{"-", "'", "’", "‘", "`", "ʼ"} {
				if strings.HasPrefix(rest, sep) && len(rest) > len(sep) {
					return len(a) + len(sep)
				}
			}
		}
	}
	return 0
}

func appendLatinKey(b []byte, w string) []byte {
	w = w[latinArticleLen(w):]
	if isLatinArticleWord(w) {
		return b
	}
	l := pairhmm.FoldLatin(latinDigraphs.Replace(w))
	if len(l) > 2 && (l[0] == 'a' || l[0] == 'e') && l[1] == 'l' {
		// an initial al or el: Arabic writes it ال (the article, dropped) or أل (Alberto); drop the
		// l unless nothing would be left (Ali, Allah)
		j := 1
		for j < len(l) && l[j] == 'l' {
			j++
		}
		if k := appendLatinClasses(nil, l[j:]); len(k) > 0 {
			return appendLatinClasses(b, l[j:])
		}
	}
	return appendLatinClasses(b, l)
}

func appendLatinClasses(b []byte, l string) []byte {
	for i := 0; i < len(l); i++ {
		c := l[i]
		next := byte(0)
		if i+1 < len(l) {
			next = l[i+1]
		}
		switch c {
		case 'b', 'p', 'f', 'v':
			b = appendClass(b, clsB)
		case 't':
			b = appendClass(b, clsT)
		case 'd':
			if next == 'j' { // dj: ج
				b = appendClass(b, clsK)
				i++
				continue
			}
			b = appendClass(b, clsT)
		case 's', 'z':
			b = appendClass(b, clsS)
		case 'c':
			switch {
			case next == 'h':
				nn := byte(0)
				if i+2 < len(l) {
					nn = l[i+2]
				}
				if nn == 'r' || nn == 'l' {
					b = appendClass(b, clsK)
				} else {
					b = appendClass(b, clsS)
				}
				i++
			case next == 'e' || next == 'i' || next == 'y':
				b = appendClass(b, clsS)
			default:
				b = appendClass(b, clsK)
			}
		case 'k', 'q', 'g', 'j':
			b = appendClass(b, clsK)
		case 'x':
			b = appendClass(b, clsK)
			b = appendClass(b, clsS)
		case 'l':
			b = appendClass(b, clsL)
		case 'r':
			b = appendClass(b, clsR)
		case 'm':
			b = appendClass(b, clsM)
		case 'n':
			b = appendClass(b, clsN)
		}
	}
	return b
}

// latinDigraphs spells out the letters whose folded form would mislead the skeleton.
var latinDigraphs = strings.NewReplacer("č", "ch", "ć", "ch", "Č", "ch", "Ć", "ch", "ç", "s", "Ç", "s",
	"š", "sh", "Š", "sh", "ž", "zh", "Ž", "zh", "ș", "sh", "Ș", "sh", "ş", "sh", "Ş", "sh")

// isLatinArticleWord reports whether w is a free-standing article ("Al Assad").
func isLatinArticleWord(w string) bool {
	return strings.EqualFold(w, "al") || strings.EqualFold(w, "el")
}
