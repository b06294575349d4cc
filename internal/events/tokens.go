package events

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"storyline/internal/analyse/lang/ar"
	"storyline/internal/analyse/lang/en"
	"storyline/internal/analyse/text"
)

// token is one word of a sentence with its lookup forms and cue classes.
type token struct {
	start, end int // byte offsets into the field text
	forms      []string
	// art has bit k set when forms[k] is an Arabic form whose article ال was stripped: a verb
	// never matches it.
	art  uint32
	cls  uint64 // cue class bits (cueBit)
	cap  bool   // starts with an upper-case letter
	poss bool   // English possessive ('s)
	fut  bool   // Arabic future prefix س
	conj bool   // Arabic conjunction و written on the word (set when a cue or mention shows it)
	cue  int    // index of the form a cue class matched with, -1 for none
	date bool   // inside a date expression of the analysis
	arg  int    // index of the argument starting at this token, -1
}

func (t *token) is(class string) bool { return t.cls&cueBit(class) != 0 }

// isArabicText reports whether most letters of s are Arabic.
func isArabicText(s string) bool {
	var a, l int
	for _, r := range s {
		if unicode.IsLetter(r) {
			l++
			if unicode.Is(unicode.Arabic, r) {
				a++
			}
			if l >= 40 {
				break
			}
		}
	}
	return l > 0 && 2*a >= l
}

// tokenize cuts s[from:to] into tokens with offsets into s.
func tokenize(lang, s string, from, to int) []token {
	var raw []text.Token
	if lang == "ar" {
		raw = ar.Tokenize(s[from:to])
	} else {
		raw = en.Tokenize(s[from:to])
	}
	out := make([]token, 0, len(raw))
	for _, r := range raw {
		t := token{start: from + r.Start, end: from + r.End, arg: -1, cue: -1}
		w := r.Term
		if lang == "ar" {
			arForms(w, &t)
		} else {
			f := en.Fold(w)
			t.forms = append(t.forms, f)
			if p := en.StripPossessive(w); p != w {
				t.poss = true
				t.forms = append(t.forms, en.Fold(p))
			}
		}
		if c, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(c) {
			t.cap = true
		}
		out = append(out, t)
	}
	return out
}

// arForms fills the lookup forms of an Arabic word: its clitic-stripped candidates, each marked
// when it lost the article, plus the verb without a future prefix س (marking the token future).
func arForms(w string, t *token) {
	cands := ar.Candidates(w)
	for k, c := range cands {
		if k < 32 {
			for _, prev := range cands[:k] {
				if prev == "ال"+c || strings.HasSuffix(prev, "ال"+c) && len(prev) <= len(c)+6 {
					t.art |= 1 << uint(k)
					break
				}
			}
		}
		t.forms = append(t.forms, c)
	}
	for _, c := range cands {
		rs := []rune(c)
		if len(rs) >= 4 && rs[0] == 'س' && strings.ContainsRune("يتنا", rs[1]) {
			base := string(rs[1:])
			if !contains(t.forms, base) {
				t.forms = append(t.forms, base)
			}
			t.fut = true
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// runeIndex converts the character offsets of one text to byte offsets.
type runeIndex struct {
	s     string
	b, r  int
	nrune int
}

func newRuneIndex(s string) *runeIndex { return &runeIndex{s: s, nrune: -1} }

// byteAt returns the byte offset of character offset r, clamped to the text; ok is false when r
// is outside it.
func (x *runeIndex) byteAt(r int) (int, bool) {
	if r < 0 {
		return 0, false
	}
	if r < x.r {
		x.b, x.r = 0, 0
	}
	for x.r < r && x.b < len(x.s) {
		_, w := utf8.DecodeRuneInString(x.s[x.b:])
		x.b += w
		x.r++
	}
	if x.r < r {
		return len(x.s), false
	}
	return x.b, true
}

// tokenAt returns the index of the token holding byte b (or the first after it), len(toks) when
// none.
func tokenAt(toks []token, b int) int {
	lo, hi := 0, len(toks)
	for lo < hi {
		m := (lo + hi) / 2
		if toks[m].end <= b {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}
