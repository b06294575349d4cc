// Package ar holds the Arabic parts of the analysis stage: normalisation, tokenisation, clitic
// stripping and sentence splitting, in the manner of Bleve's analysis/lang/ar.
package ar

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalise folds Arabic text to the form used for matching and lookup: diacritics (tashkeel,
// superscript alef, Quranic marks) and tatweel removed; alef with hamza or madda and alef wasla
// folded to bare alef; alef maqsura to ya; ta marbuta to ha; hamza on waw and on ya to the bare
// letters; Persian and dialect letters to the Arabic ones they stand for (ک گ → ك, ی → ي, ڤ → ف,
// پ → ب, چ → ج, ڨ → ق, ھ ہ → ه); single-letter presentation forms to their letters; Eastern
// Arabic and Persian digits to ASCII digits; bidirectional controls, zero-width joiners and other
// format characters removed. Other text, including Latin letters, passes through unchanged. The
// result is never longer than s in runes.
func Normalise(s string) string {
	if !needsWork(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if m, ok := fold(r); ok {
			if m != 0 {
				b.WriteRune(m)
			}
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// NormaliseRune folds one rune as Normalise does; it returns 0 when the rune is dropped.
func NormaliseRune(r rune) rune {
	if m, ok := fold(r); ok {
		return m
	}
	return r
}

func needsWork(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// fold reports the replacement for r (0 to drop it) and whether r is changed at all.
func fold(r rune) (rune, bool) {
	switch {
	case r >= 0x064B && r <= 0x065F, r == 0x0670, r >= 0x06D6 && r <= 0x06ED, r == 0x0640:
		return 0, true // tashkeel, superscript alef, Quranic annotation marks, tatweel
	case r >= 0x0660 && r <= 0x0669:
		return '0' + (r - 0x0660), true // Eastern Arabic digits
	case r >= 0x06F0 && r <= 0x06F9:
		return '0' + (r - 0x06F0), true // Persian digits
	case r == 0x200B, r == 0x200C, r == 0x200D, r == 0x200E, r == 0x200F, r == 0x2060, r == 0xFEFF,
		r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0x061C, r == 0x00AD:
		return 0, true // zero-width and bidirectional format characters, soft hyphen
	}
	switch r {
	case 'أ', 'إ', 'آ', 'ٱ', 'ٲ', 'ٳ':
		return 'ا', true
	case 'ى', 'ی', 'ې':
		return 'ي', true
	case 'ة':
		return 'ه', true
	case 'ؤ':
		return 'و', true
	case 'ئ':
		return 'ي', true
	case 'ک', 'ڪ', 'گ':
		return 'ك', true
	case 'ڤ', 'ڥ':
		return 'ف', true
	case 'پ':
		return 'ب', true
	case 'چ':
		return 'ج', true
	case 'ڨ', 'ڧ':
		return 'ق', true
	case 'ھ', 'ہ', 'ۀ', 'ە':
		return 'ه', true
	case 'ۃ':
		return 'ه', true
	}
	if r >= 0xFB50 && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFC {
		return presentation(r)
	}
	return r, false
}

// presentation folds an Arabic presentation form (the contextual glyph forms of the Unicode
// compatibility blocks, found in text extracted from PDFs) to its letter, folded in turn. Ligatures
// of several letters are left alone, so that the result never grows.
func presentation(r rune) (rune, bool) {
	d := []rune(norm.NFKC.String(string(r)))
	if len(d) != 1 || d[0] == r {
		if len(d) == 2 && d[0] == ' ' && d[1] >= 0x064B && d[1] <= 0x065F {
			return 0, true // isolated tashkeel forms
		}
		return r, false
	}
	if m, ok := fold(d[0]); ok {
		return m, true
	}
	return d[0], true
}
