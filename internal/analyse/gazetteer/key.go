package gazetteer

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"storyline/internal/analyse/lang/ar"
)

// Key folds a phrase to the form the gazetteer indexes: Latin letters lower-cased and stripped of
// accents (Élysée → elysee), Arabic through ar.Normalise, full stops and apostrophes removed
// (U.S. → us, Sana'a → sanaa), hyphens and other punctuation turned into spaces, and runs of
// spaces collapsed. It is exported so that callers can see how two phrases compare.
func Key(s string) string {
	if isASCII(s) {
		return asciiKey(s)
	}
	s = ar.Normalise(s)
	if k, ok := arabicKey(s); ok {
		return k
	}
	return generalKey(s)
}

// generalKey is Key's path for normalised text other than bare Arabic letters and ASCII.
func generalKey(s string) string {
	s = norm.NFD.String(s)
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == '.' || r == '\'' || r == '’' || r == '‘' || r == '`' || r == 'ʼ' || r == 'ʻ' || r == '´':
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '+' || r == '&' || r == 'ء':
			b.WriteRune(unicode.ToLower(r))
			space = false
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	return norm.NFC.String(strings.TrimRight(b.String(), " "))
}

// arabicKey is Key's fast path for normalised text of bare Arabic letters (which neither NFD nor
// NFC changes once ar.Normalise has folded the hamza seats and madda) and ASCII: it gives what the
// general path gives, without the two normalisation passes. ok is false for any other text.
func arabicKey(s string) (string, bool) {
	for _, r := range s {
		if r >= utf8.RuneSelf && (r < 0x0621 || r > 0x064A) {
			return "", false
		}
	}
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == '.' || r == '\'' || r == '`':
			continue
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + 'a' - 'A')
			space = false
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '+', r == '&', r >= 0x0621:
			b.WriteRune(r)
			space = false
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	return strings.TrimRight(b.String(), " "), true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func asciiKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
			space = false
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '+', c == '&':
			b.WriteByte(c)
			space = false
		case c == '.' || c == '\'' || c == '`':
			continue
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	return strings.TrimRight(b.String(), " ")
}

// acronymKey returns the case-sensitive key of a short all-capital form (US, U.S., UN, WHO, IS),
// which must match only when written in capitals, and "" for any other form.
func acronymKey(s string) string {
	letters := 0
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '.' || r == ' ':
			continue
		case r >= 'A' && r <= 'Z':
			letters++
			b.WriteRune(r)
		case r >= '0' && r <= '9', r == '+', r == '-':
			b.WriteRune(r)
		default:
			return ""
		}
	}
	if letters < 2 || letters > 3 {
		return ""
	}
	return "=" + b.String()
}

// startsUpper reports whether the first letter of s is a capital, or s starts with a letter of a
// script without case; phrases that start with a lower-case Latin letter do not match forms that
// start with a capital ("turkey" is not Turkey, "china" is not China).
func startsUpper(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return !unicode.IsLower(r)
		}
	}
	return true
}

// isArabicKey reports whether a key holds Arabic letters.
func isArabicKey(k string) bool {
	for _, r := range k {
		if r >= 0x0600 && r <= 0x06FF {
			return true
		}
	}
	return false
}

// nisbaEndings are folded to a bare ي, longest first: السوريين, السوريون, سوريات, سوريتين, سورية
// (after ar.Normalise ة is ه) all fold to سوري.
var nisbaEndings = []string{"يتين", "يتان", "يين", "يون", "يات", "يان", "يه"}

// foldAr folds each Arabic word of a key: a leading ال is dropped when at least two letters remain,
// and a nisba ending in the feminine, dual or plural is folded to the masculine singular ي. Latin
// words pass through unchanged.
func foldAr(k string) string {
	if !isArabicKey(k) {
		return k
	}
	words := strings.Split(k, " ")
	for i, w := range words {
		words[i] = foldArWord(w)
	}
	return strings.Join(words, " ")
}

func foldArWord(w string) string {
	if strings.HasPrefix(w, "ال") && utf8.RuneCountInString(w) >= 4 {
		w = w[len("ال"):]
	}
	for _, e := range nisbaEndings {
		if strings.HasSuffix(w, e) && utf8.RuneCountInString(w)-utf8.RuneCountInString(e) >= 2 {
			return w[:len(w)-len(e)] + "ي"
		}
	}
	return w
}

// tokenCount is an upper bound on the tokens a tokenizer may cut a form into: its words plus every
// punctuation mark inside it (Nur-Sultan may be one token or three).
func tokenCount(form string) int {
	n := 0
	inWord := false
	for _, r := range form {
		switch {
		case unicode.IsSpace(r):
			inWord = false
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			if !inWord {
				n++
				inWord = true
			}
		default:
			n++
			inWord = false
		}
	}
	return n
}
