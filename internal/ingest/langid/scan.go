package langid

import (
	"unicode"
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"
)

// state gathers the evidence of one Detect call. It lives on the caller's stack: Detect shares
// nothing between calls but the read-only model.
type state struct {
	m *model

	script    [nScripts]int // letters seen per script
	kana      int           // of which Japanese kana
	yiddish   int           // Hebrew-script marks and ligatures only Yiddish uses
	tokens    [nScripts]int // words seen per script
	score     [32]float64   // evidence per language (index into languages)
	foreign   [nScripts]float64
	trLetters int // ı ş ğ: Turkish text rarely goes 40 letters without one
	ukLetters int // і ї є ґ: nor Ukrainian text without one of these

	// The word being read.
	buf       [64]byte // its letters, lower-cased, as UTF-8
	n         int      // bytes used in buf
	overlong  bool     // longer than buf: no word lookup
	tokScript script
	cue       mask // languages that use every telling letter of the word
	hasCue    bool
	afterApos bool // the word follows an apostrophe inside a longer word (Ankara'da, l'Assemblée)
}

// scan reads one stretch of text and adds its evidence to st.
func (st *state) scan(s string) {
	if st.m == nil {
		st.m = getModel()
	}
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		switch {
		case r < utf8.RuneSelf:
			switch {
			case 'a' <= r && r <= 'z':
				st.letter(r, scriptLatin, false)
			case 'A' <= r && r <= 'Z':
				st.letter(r+('a'-'A'), scriptLatin, false)
			case r == '\'' && st.n > 0:
				st.flush()
				st.afterApos = true
			default:
				st.flush()
			}
		case r == utf8.RuneError:
			st.flush()
		case unicode.IsLetter(r):
			sc, kana := scriptOf(r)
			st.letter(r, sc, kana)
		case unicode.In(r, unicode.Mn, unicode.Mc, unicode.Me):
			// Diacritics and vowel points belong to the word they sit in and change nothing else,
			// except the Hebrew rafe, which only Yiddish writes.
			if r == 0x05BF {
				st.yiddish++
			}
		case r == 0x2019 || r == 0x02BC: // typographic apostrophes
			if st.n > 0 {
				st.flush()
				st.afterApos = true
			} else {
				st.flush()
			}
		case r == 0x200C: // zero-width non-joiner: Persian writes it between a prefix and a stem
			st.flush()
		case unicode.Is(unicode.Cf, r):
			// Bidi controls, zero-width joiner, soft hyphen, BOM: invisible, ignored.
		default:
			st.flush()
		}
	}
	st.flush()
}

// letter adds one letter to the counts and to the word being read.
func (st *state) letter(r rune, sc script, kana bool) {
	st.script[sc]++
	switch sc {
	case scriptLatin, scriptArabic, scriptCyrillic:
	case scriptCJK:
		if kana {
			st.kana++
		}
		st.flush()
		return
	case scriptHebrew:
		if (r >= 0x05F0 && r <= 0x05F2) || r == 0xFB1F || r == 0xFB2E || r == 0xFB2F || r == 0xFB4C || r == 0xFB4E {
			st.yiddish++
		}
		st.flush()
		return
	default:
		st.flush()
		return
	}
	if st.n > 0 && sc != st.tokScript {
		st.flush()
	}
	if st.n == 0 {
		st.tokScript = sc
		st.cue = ^mask(0)
		st.hasCue = false
		st.overlong = false
	}
	if r >= utf8.RuneSelf {
		if sc != scriptArabic {
			r = unicode.ToLower(r)
		}
		switch r {
		case 'ı', 'ş', 'ğ':
			st.trLetters++
		case 'і', 'ї', 'є', 'ґ':
			st.ukLetters++
		}
		if lm := st.m.letterMask(r); lm != 0 {
			st.cue &= lm
			st.hasCue = true
		} else if sc == scriptLatin {
			st.cue &= foreign // a Latin letter no listed language uses
			st.hasCue = true
		}
	}
	if st.overlong || st.n+utf8.UTFMax > len(st.buf) {
		st.overlong = true
		st.n = len(st.buf) // keep the word open; it is too long to look up
		return
	}
	st.n += utf8.EncodeRune(st.buf[st.n:], r)
}

// flush ends the word being read and adds its evidence.
func (st *state) flush() {
	if st.n == 0 {
		st.afterApos = false
		return
	}
	grp := st.tokScript
	st.tokens[grp]++
	if !st.overlong {
		w := st.buf[:st.n]
		var wm mask
		if st.afterApos {
			wm = st.m.apostropheSuffix[string(w)]
		}
		if wm == 0 {
			wm = st.m.words[string(w)]
		}
		if wm != 0 {
			spread(wm, 1, &st.score, &st.foreign[grp])
		} else if sm := st.m.suffixOf(w); sm != 0 {
			spread(sm, suffixWeight, &st.score, &st.foreign[grp])
		}
	}
	if st.hasCue {
		spread(st.cue, 1, &st.score, &st.foreign[grp])
	}
	st.n = 0
	st.afterApos = false
}

// dominantScript returns the script most letters belong to, its share of all letters and its
// count of letters.
func (st *state) dominantScript() (script, float64, int) {
	best, total := scriptNone, 0
	for sc := scriptLatin; sc < nScripts; sc++ {
		total += st.script[sc]
		if st.script[sc] > st.script[best] {
			best = sc
		}
	}
	if total == 0 {
		return scriptNone, 0, 0
	}
	return best, float64(st.script[best]) / float64(total), st.script[best]
}

// scriptOf returns the script of a letter and whether it is Japanese kana.
func scriptOf(r rune) (script, bool) {
	switch {
	case r <= 0x024F:
		return scriptLatin, false
	case r >= 0x0400 && r <= 0x052F:
		return scriptCyrillic, false
	case r >= 0x0590 && r <= 0x05FF, r >= 0xFB1D && r <= 0xFB4F:
		return scriptHebrew, false
	case r >= 0x0600 && r <= 0x06FF, r >= 0x0750 && r <= 0x077F, r >= 0x08A0 && r <= 0x08FF,
		r >= 0xFB50 && r <= 0xFDFF, r >= 0xFE70 && r <= 0xFEFF:
		return scriptArabic, false
	case r >= 0x1E00 && r <= 0x1EFF:
		return scriptLatin, false
	case r >= 0x3040 && r <= 0x30FF, r >= 0x31F0 && r <= 0x31FF, r >= 0xFF66 && r <= 0xFF9D:
		return scriptCJK, true
	case unicode.Is(unicode.Han, r):
		return scriptCJK, false
	case unicode.Is(unicode.Latin, r):
		return scriptLatin, false
	case unicode.Is(unicode.Cyrillic, r):
		return scriptCyrillic, false
	}
	return scriptOther, false
}

// trigramVote asks whatlanggo's trigram model about a sample of text and adds its answer to the
// evidence: a supported language gets a vote, anything else counts for "foreign".
func (st *state) trigramVote(grp script, text string) {
	info := whatlanggo.DetectWithOptions(sampleText(text), st.m.trigramOptions[grp])
	want := map[script]*unicode.RangeTable{
		scriptLatin: unicode.Latin, scriptArabic: unicode.Arabic, scriptCyrillic: unicode.Cyrillic,
	}[grp]
	if info.Script != want || info.Lang < 0 {
		return
	}
	if i, ok := st.m.trigramLang[info.Lang]; ok && languages[i].supported {
		st.score[i] += trigramWeight + info.Confidence
		return
	}
	// On short text the trigram model often names a neighbour of the right language, so a vote
	// for a language outside the supported set counts only as far as the model is sure of it.
	st.foreign[grp] += 2 * info.Confidence
}
