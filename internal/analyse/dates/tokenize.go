package dates

import (
	"unicode"
	"unicode/utf8"

	"storyline/internal/analyse/lang/ar"
)

// tokKind is the class of a token.
type tokKind uint8

const (
	tWord tokKind = iota + 1
	tNum
	tPunct
)

// token is one word, digit run or punctuation mark of the text, with its offsets into the
// original text and its normalised form (lower case, Arabic folded by ar.NormaliseRune,
// Eastern Arabic digits as ASCII digits, format characters and diacritics dropped).
type token struct {
	start, end int32 // byte offsets into the original text (Find caps texts below 2 GB)
	ns, ne     int32 // byte offsets of norm in the normalised text
	sent       int32 // sentence number
	m0, m1     int32
	norm       string
	kind       tokKind
	upper      bool // the first letter is upper case
	space      bool // whitespace (or the start of the text) comes before the token
}

// tokens is a tokenised text.
type tokens struct {
	toks    []token
	matches []match // vocabulary matches, toks[i].m0..m1 index into it
}

// tokenize splits s into tokens in one pass. Runes that normalisation drops (bidi controls,
// zero-width joiners, tashkeel, tatweel) are transparent: they neither end a token nor start
// one. v, when not nil, supplies the abbreviations that do not end a sentence.
func tokenize(s string, v *vocab) *tokens {
	n := estimateTokens(s)
	ts := &tokens{toks: make([]token, 0, n), matches: make([]match, 0, n/2+1)}
	norm := make([]byte, 0, len(s))
	var (
		cur      token
		inTok    bool
		space    = true
		sent     int32
		newSent  bool // a sentence ends before the next token
		pendStop bool // a full stop was seen; it ends the sentence if whitespace follows
	)
	flush := func() {
		if !inTok {
			return
		}
		cur.ne = int32(len(norm))
		ts.toks = append(ts.toks, cur)
		inTok = false
	}
	start := func(i int, k tokKind) {
		if newSent {
			sent++
			newSent = false
		}
		cur = token{start: int32(i), end: int32(i), ns: int32(len(norm)), kind: k, space: space, sent: sent}
		inTok = true
		space = false
	}
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			// ASCII fast path.
			switch {
			case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
				pendStop = false
				if !inTok || cur.kind != tWord {
					flush()
					start(i, tWord)
					cur.upper = c <= 'Z'
				}
				norm = append(norm, c|0x20)
				cur.end = int32(i + 1)
				i++
				continue
			case c >= '0' && c <= '9':
				pendStop = false
				if !inTok || cur.kind != tNum {
					flush()
					start(i, tNum)
				}
				norm = append(norm, c)
				cur.end = int32(i + 1)
				i++
				continue
			case c == ' ':
				flush()
				space = true
				if pendStop {
					newSent = true
					pendStop = false
				}
				i++
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			// Invalid UTF-8 separates tokens like a space.
			flush()
			space = true
			pendStop = false
			i += size
			if size == 0 {
				i++
			}
			continue
		}
		n := ar.NormaliseRune(r)
		switch {
		case n == 0:
			// Dropped: transparent. Marks and tatweel belong to the word they are written in;
			// format characters (bidi controls, zero-width joiners) after a word do not.
			if inTok && (unicode.IsMark(r) || r == 0x0640) {
				cur.end = int32(i + size)
			}
		case unicode.IsSpace(r):
			flush()
			space = true
			if pendStop {
				newSent = true
				pendStop = false
			}
			if r == '\n' && len(ts.toks) > 0 {
				newSent = true
			}
		case n >= '0' && n <= '9':
			pendStop = false
			if !inTok || cur.kind != tNum {
				flush()
				start(i, tNum)
			}
			norm = append(norm, byte(n))
			cur.end = int32(i + size)
		case unicode.IsLetter(n) || unicode.IsMark(n):
			pendStop = false
			if !inTok || cur.kind != tWord {
				flush()
				start(i, tWord)
				cur.upper = unicode.IsUpper(n)
			}
			norm = utf8.AppendRune(norm, unicode.ToLower(n))
			cur.end = int32(i + size)
		case (r == '\'' || r == '’') && inTok && cur.kind == tWord && nextIsLetter(s, i+size):
			norm = append(norm, '\'')
			cur.end = int32(i + size)
		default:
			flush()
			start(i, tPunct)
			norm = utf8.AppendRune(norm, n)
			cur.end = int32(i + size)
			flush()
			switch n {
			case '!', '?', '؟', '…':
				pendStop = true
			case '.':
				pendStop = !abbrevBefore(ts.toks, norm, v)
			case '"', '\'', '’', '”', '»', ')', ']':
				// closing quotes and brackets after a full stop keep it pending
			default:
				pendStop = false
			}
		}
		i += size
	}
	flush()
	all := string(norm) // one allocation for every token's normalised form
	for i := range ts.toks {
		t := &ts.toks[i]
		t.norm = all[t.ns:t.ne]
	}
	if v != nil {
		ts.lookup(s, v)
	}
	return ts
}

// nextIsLetter reports whether the rune at s[i:] is a letter.
func nextIsLetter(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

// abbrevBefore reports whether the full stop just appended to toks follows an abbreviation or
// an initial ("Mr.", "Dec.", "J."), so that it does not end the sentence.
func abbrevBefore(toks []token, norm []byte, v *vocab) bool {
	n := len(toks)
	if n < 2 {
		return false
	}
	w := toks[n-2]
	if w.kind != tWord || w.end != toks[n-1].start {
		return false
	}
	wn := norm[w.ns:w.ne]
	if utf8.RuneCount(wn) == 1 {
		return true
	}
	if v == nil {
		return false
	}
	for _, e := range v.first[string(wn)] {
		if len(e.rest) == 0 && (e.kind == kAbbrev || (e.kind == kMonth && e.ambiguous)) {
			return true
		}
	}
	return false
}

// estimateTokens counts the tokens of s closely (ASCII exactly, other scripts by their lead
// bytes), so that the token slice is allocated once even on hostile input such as "1.2.3.4".
func estimateTokens(s string) int {
	const (
		space = iota
		letter
		digit
		punct
	)
	n, prev := 1, space
	for i := 0; i < len(s); i++ {
		c := s[i]
		var cl int
		switch {
		case c >= 0x80 && c < 0xC0:
			continue // a continuation byte
		case c >= 0xC0:
			cl = letter
		case c == ' ' || c == '\n' || c == '\t' || c == '\r':
			cl = space
		case c >= '0' && c <= '9':
			cl = digit
		case (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'):
			cl = letter
		default:
			cl = punct
		}
		if cl == punct || (cl != space && cl != prev) {
			n++
		}
		prev = cl
	}
	return n
}
