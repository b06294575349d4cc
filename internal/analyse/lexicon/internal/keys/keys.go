// Package keys holds the word folding shared by the lexicon and its generator, so that the data
// the generator writes and the lookups the lexicon makes fold words the same way.
package keys

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"

	"storyline/internal/analyse/lang/ar"
)

// Stemmer stems English words with the Snowball English stemmer. It reuses one buffer, so it is
// not safe for concurrent use; make one per goroutine (the zero value is ready).
type Stemmer struct {
	env *snowballstem.Env
}

// Stem returns the Snowball stem of a lower-case English word.
func (s *Stemmer) Stem(word string) string {
	if s.env == nil {
		s.env = snowballstem.NewEnv(word)
	} else {
		s.env.SetCurrent(word)
	}
	english.Stem(s.env)
	return s.env.Current()
}

// EnglishWord lower-cases w and strips a possessive 's and surrounding punctuation; it returns ""
// when w holds no letters or any character other than ASCII letters, an inner hyphen or an
// apostrophe.
func EnglishWord(w string) string {
	w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
	if w == "" {
		return ""
	}
	var b strings.Builder
	b.Grow(len(w))
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= 'a' && c <= 'z', c == '-':
			b.WriteByte(c)
		case c >= 'A' && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		case c == '\'':
		default:
			return ""
		}
	}
	return b.String()
}

// IsArabicLetter reports whether r is a letter of the Arabic block.
func IsArabicLetter(r rune) bool {
	return r >= 0x0621 && r <= 0x064A || r >= 0x0671 && r <= 0x06D3
}

// ArabicWord normalises one Arabic word (ar.Normalise) and strips surrounding punctuation; it
// returns "" when the word holds anything but Arabic letters afterwards (digits, Latin letters).
func ArabicWord(w string) string {
	w = ar.Normalise(w)
	w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if w == "" {
		return ""
	}
	for _, r := range w {
		if !IsArabicLetter(r) {
			return ""
		}
	}
	return w
}

// ArabicPhrase normalises an Arabic phrase word by word; it returns "" when any word is not
// Arabic.
func ArabicPhrase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		if words[i] = ArabicWord(w); words[i] == "" {
			return ""
		}
	}
	return strings.Join(words, " ")
}

// WithoutAl returns a normalised Arabic word without its leading ال, or "" when it has none or too
// little would remain.
func WithoutAl(w string) string {
	if strings.HasPrefix(w, "ال") && utf8.RuneCountInString(w) >= 4 {
		return w[len("ال"):]
	}
	return ""
}

// Variants returns the clitic variants of a normalised Arabic word in dst, least stripped first:
// the word itself; without a conjunction و or ف; then without the article ال or a preposition
// ب ل ك joined to it (بالتعاون, للاجئين, والمفاوضات). Stripping keeps at least three letters.
func Variants(w string, dst []string) []string {
	dst = append(dst[:0], w)
	bases := []string{w}
	if n := utf8.RuneCountInString(w); n > 3 && (strings.HasPrefix(w, "و") || strings.HasPrefix(w, "ف")) {
		bases = append(bases, w[2:])
		dst = appendNew(dst, w[2:])
	}
	for _, b := range bases {
		n := utf8.RuneCountInString(b)
		switch {
		case strings.HasPrefix(b, "ال") && n > 4:
			dst = appendNew(dst, b[4:])
		case strings.HasPrefix(b, "لل") && n > 4:
			// ل + ال: للدولة is ل + الدولة; before a word that starts with ل the article's lam
			// merges with it, so للاجئين is ل + اللاجئين. The longer reading goes first.
			dst = appendNew(dst, "ال"+b[2:])
			dst = appendNew(dst, "ال"+b[4:])
			dst = appendNew(dst, b[2:])
			dst = appendNew(dst, b[4:])
		case (strings.HasPrefix(b, "بال") || strings.HasPrefix(b, "كال")) && n > 5:
			dst = appendNew(dst, b[2:])
			dst = appendNew(dst, b[6:])
		case (strings.HasPrefix(b, "ب") || strings.HasPrefix(b, "ل") || strings.HasPrefix(b, "ك")) && n > 3:
			dst = appendNew(dst, b[2:])
		}
	}
	return dst
}

func appendNew(dst []string, s string) []string {
	for _, x := range dst {
		if x == s {
			return dst
		}
	}
	return append(dst, s)
}

var lightPrefixes = []string{"وال", "بال", "كال", "فال", "لل", "ال"}
var lightSuffixes = []string{"ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"}

// LightStem strips the article and conjunction prefixes and the common suffixes of a normalised
// Arabic word in the manner of Larkey's light10 stemmer, drops hamza on the line, and reads a
// ta left before a dual or plural ending as the ta marbuta (الدولتين → دول, الدولة → دول,
// اللاجئين → لاج, اللاجئ → لاج). It is for fallback lookups, never for names.
func LightStem(w string) string {
	w = strings.ReplaceAll(w, "ء", "")
	if utf8.RuneCountInString(w) > 3 && strings.HasPrefix(w, "و") {
		w = w[2:]
	}
	for _, p := range lightPrefixes {
		if strings.HasPrefix(w, p) && utf8.RuneCountInString(w)-utf8.RuneCountInString(p) >= 2 {
			w = w[len(p):]
			break
		}
	}
	for _, s := range lightSuffixes {
		if strings.HasSuffix(w, s) && utf8.RuneCountInString(w)-utf8.RuneCountInString(s) >= 2 {
			w = w[:len(w)-len(s)]
			if (s == "ان" || s == "ين" || s == "ات") && strings.HasSuffix(w, "ت") && utf8.RuneCountInString(w) >= 4 {
				w = w[:len(w)-len("ت")]
			}
		}
	}
	return w
}
