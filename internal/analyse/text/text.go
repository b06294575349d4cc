// Package text is the language-independent part of the analysis chain, in the manner of Bleve's
// analysis package: a Tokenizer cuts text into Tokens (with byte offsets into the input), a chain
// of TokenFilters rewrites them (case folding, normalisation, stop words, stemming), and a
// SentenceSplitter cuts text into sentence Spans. The per-language packages (lang/en, lang/ar)
// configure these parts. Offsets are byte offsets; OffsetConverter and ByteToRune turn them into
// the character (code point) offsets that the JSON models expose.
package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is one token of an input.
type Token struct {
	// Term is the token's text, as rewritten by the filters so far.
	Term string
	// Start and End are the byte offsets of the token in the input: input[Start:End] is the
	// surface form, whatever the filters made of Term.
	Start, End int
	// Position is the token's index in the tokenizer's output (0 for the first token); filters
	// that drop tokens leave the positions of the others unchanged.
	Position int
}

// Tokenizer cuts an input into tokens, in order, with increasing, non-overlapping offsets.
type Tokenizer interface {
	Tokenize(input string) []Token
}

// TokenFilter rewrites a token stream: it may change terms, drop tokens or add tokens. It may
// reuse the slice it is given.
type TokenFilter interface {
	Filter(tokens []Token) []Token
}

// FilterFunc adapts a function that rewrites one term to a TokenFilter; an empty result drops the
// token.
type FilterFunc func(term string) string

// Filter implements TokenFilter.
func (f FilterFunc) Filter(tokens []Token) []Token {
	out := tokens[:0]
	for _, t := range tokens {
		t.Term = f(t.Term)
		if t.Term != "" {
			out = append(out, t)
		}
	}
	return out
}

// Chain is a tokenizer followed by filters, applied in order.
type Chain struct {
	Tokenizer Tokenizer
	Filters   []TokenFilter
}

// Analyze tokenizes input and runs the filters over the tokens.
func (c Chain) Analyze(input string) []Token {
	tokens := c.Tokenizer.Tokenize(input)
	for _, f := range c.Filters {
		tokens = f.Filter(tokens)
	}
	return tokens
}

// Terms returns the terms of tokens.
func Terms(tokens []Token) []string {
	out := make([]string, len(tokens))
	for i, t := range tokens {
		out[i] = t.Term
	}
	return out
}

// LowerCase is a filter that lower-cases terms (Unicode simple case mapping).
var LowerCase TokenFilter = FilterFunc(strings.ToLower)

// StopFilter drops tokens whose term is in the set.
type StopFilter map[string]bool

// Filter implements TokenFilter.
func (s StopFilter) Filter(tokens []Token) []Token {
	out := tokens[:0]
	for _, t := range tokens {
		if !s[t.Term] {
			out = append(out, t)
		}
	}
	return out
}

// ParseWordList reads a word list: one word a line, blank lines and lines starting with # skipped,
// surrounding white space trimmed. Each word is passed through norm (nil to keep it as is).
func ParseWordList(data string, norm func(string) string) map[string]bool {
	set := map[string]bool{}
	for _, line := range strings.Split(data, "\n") {
		w := strings.TrimSpace(line)
		if w == "" || strings.HasPrefix(w, "#") {
			continue
		}
		if norm != nil {
			w = norm(w)
		}
		if w != "" {
			set[w] = true
		}
	}
	return set
}

// Span is a stretch of an input in byte offsets: input[Start:End].
type Span struct {
	Start, End int
}

// SentenceSplitter cuts a text into sentences: spans in order, not overlapping, trimmed of
// surrounding white space, never empty.
type SentenceSplitter interface {
	SplitSentences(text string) []Span
}

// ByteToRune returns the character (code point) offset of the byte offset off in s, counting an
// invalid byte as one character as Go's []rune conversion does. off is clamped to [0, len(s)]; an
// offset inside a character counts that character as not yet reached. It takes O(off) time; use
// an OffsetConverter for many offsets into one text.
func ByteToRune(s string, off int) int {
	if off <= 0 {
		return 0
	}
	if off > len(s) {
		off = len(s)
	}
	n := 0
	for i := 0; i < off; {
		_, w := utf8.DecodeRuneInString(s[i:])
		if i+w > off {
			break
		}
		i += w
		n++
	}
	return n
}

// RuneToByte is the inverse of ByteToRune: the byte offset of the character offset r in s,
// clamped to [0, len(s)].
func RuneToByte(s string, r int) int {
	if r <= 0 {
		return 0
	}
	i := 0
	for n := 0; n < r && i < len(s); n++ {
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
	}
	return i
}

// OffsetConverter converts byte offsets of one text to character offsets, in amortised constant
// time per offset when the offsets come in increasing order (it rescans from the start when one
// goes back). It is not safe for concurrent use.
type OffsetConverter struct {
	s    string
	b, r int // the last position: byte b is character r
}

// NewOffsetConverter returns a converter for s.
func NewOffsetConverter(s string) *OffsetConverter { return &OffsetConverter{s: s} }

// Rune returns the character offset of byte offset off, with ByteToRune's conventions.
func (c *OffsetConverter) Rune(off int) int {
	if off <= 0 {
		return 0
	}
	if off > len(c.s) {
		off = len(c.s)
	}
	if off < c.b {
		c.b, c.r = 0, 0
	}
	for c.b < off {
		_, w := utf8.DecodeRuneInString(c.s[c.b:])
		if c.b+w > off {
			break
		}
		c.b += w
		c.r++
	}
	return c.r
}

// Span converts a byte span to a character span.
func (c *OffsetConverter) Span(s Span) Span {
	return Span{c.Rune(s.Start), c.Rune(s.End)}
}

// IsFormat reports whether r is an invisible format character that may sit inside a word: zero-width
// joiners and non-joiners, bidirectional controls, the soft hyphen, tatweel and the like.
func IsFormat(r rune) bool {
	return r == 0x0640 || r == 0x00AD || unicode.Is(unicode.Cf, r)
}
