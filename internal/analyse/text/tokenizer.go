package text

import (
	"unicode"
	"unicode/utf8"
)

// WordTokenizer is a Unicode word tokenizer: a token is a run of letters, digits and combining
// marks, with invisible format characters (joiners, bidirectional controls, tatweel) allowed
// inside it. It keeps together what names and news need:
//   - an apostrophe between letters: Russia's, O'Brien, d'Estaing (possessives are a filter's job);
//   - a hyphen between letters or a letter and a digit: al-Nusra, US-led, COVID-19 (but 2017-2022 is
//     two tokens);
//   - dots between single letters: U.S., U.N., H.M (the final dot is kept after such an acronym,
//     not after a single initial: "J. Smith" gives J);
//   - a dot or comma between digits: 3.5, 1,000;
//   - a trailing +: OPEC+, and an ampersand between capitals: AT&T.
//
// It runs in one pass, in time linear in the input.
type WordTokenizer struct{}

func isWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isApostrophe(r rune) bool {
	return r == '\'' || r == '’' || r == 'ʼ'
}

func isHyphen(r rune) bool {
	return r == '-' || r == '‐' || r == '‑'
}

// Tokenize implements Tokenizer.
func (WordTokenizer) Tokenize(s string) []Token {
	var out []Token
	start := -1 // start of the current token, -1 outside one
	end := 0    // end of the current token's last accepted rune
	var last rune
	// acronym tracking: the token so far is single letters separated by dots
	acronym, dots, segLen := true, 0, 0
	emit := func() {
		if start >= 0 {
			out = append(out, Token{Term: s[start:end], Start: start, End: end, Position: len(out)})
		}
		start = -1
	}
	peek := func(i int) (rune, int) {
		if i >= len(s) {
			return -1, 0
		}
		return utf8.DecodeRuneInString(s[i:])
	}
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case isWord(r):
			if start < 0 {
				start = i
				acronym, dots, segLen = true, 0, 0
			}
			if unicode.IsLetter(r) {
				segLen++
				if segLen > 1 {
					acronym = false
				}
			} else if !unicode.IsMark(r) {
				acronym = false
			}
			end, last = i+w, r
			i += w
			continue
		case start >= 0 && IsFormat(r):
			i += w
			continue
		case start >= 0 && end == i || start >= 0 && IsFormatRun(s[end:i]):
			// a joiner directly after the token's last character
			next, nw := peek(i + w)
			ok := false
			switch {
			case isApostrophe(r):
				ok = unicode.IsLetter(last) && unicode.IsLetter(next)
			case isHyphen(r):
				ok = (unicode.IsLetter(last) || unicode.IsDigit(last)) && isWord(next) &&
					!(unicode.IsDigit(last) && unicode.IsDigit(next))
			case r == '.':
				switch {
				case unicode.IsDigit(last) && unicode.IsDigit(next):
					ok = true
					acronym = false
				case acronym && unicode.IsLetter(last) && unicode.IsLetter(next):
					after, _ := peek(i + w + nw)
					ok = !unicode.IsLetter(after) && !unicode.IsMark(after)
				case acronym && dots > 0 && unicode.IsLetter(last) && !isWord(next):
					// the final dot of an acronym: U.S.
					end = i + w
					i += w
					emit()
					continue
				}
				if ok && acronym {
					dots++
					segLen = 0
				}
			case r == ',':
				ok = unicode.IsDigit(last) && unicode.IsDigit(next)
			case r == '&':
				ok = unicode.IsUpper(last) && unicode.IsUpper(next)
			case r == '+':
				if (unicode.IsLetter(last) || unicode.IsDigit(last) || last == '+') && !isWord(next) {
					end, last = i+w, r
					i += w
					continue
				}
			}
			if ok {
				if r != '.' {
					acronym = false
				}
				end, last = i+w, r
				i += w
				continue
			}
		}
		emit()
		i += w
	}
	emit()
	return out
}

// IsFormatRun reports whether s is non-empty and made only of format characters (see IsFormat).
func IsFormatRun(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !IsFormat(r) {
			return false
		}
	}
	return true
}
