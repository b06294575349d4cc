package text

import (
	"unicode"
	"unicode/utf8"
)

// Splitter is a rule-based sentence splitter that the language packages configure. A sentence
// ends after a terminator (Terminators) followed by closing quotes or brackets and then white
// space or the end of the text, unless the next word starts with a lower-case letter or NoBreak
// says otherwise; at a blank line (always); and at a
// single line break when NewlineBreaks is set, or when the next line does not start with a
// lower-case letter. It runs in one pass, looking at most a few dozen bytes around each
// terminator, so its time is linear in the text.
type Splitter struct {
	// Terminators are the characters that can end a sentence, such as ".!?…".
	Terminators string
	// NewlineBreaks makes every line break a sentence end.
	NewlineBreaks bool
	// NoBreak, when set, is asked about each terminator that would end a sentence: term is the
	// terminator, before the word that precedes it (without it; dots inside the word kept, as in
	// "U.S"), after the word that follows the white space (its first few characters). It reports
	// that the terminator does not end a sentence there.
	NoBreak func(term rune, before, after string) bool
}

// lookaround bounds how far the splitter looks back and ahead of a terminator.
const lookaround = 40

// closers may follow a terminator and belong to its sentence.
func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', '›', ')', ']', '}', '」', '』':
		return true
	}
	return false
}

func (sp Splitter) isTerminator(r rune) bool {
	for _, t := range sp.Terminators {
		if r == t {
			return true
		}
	}
	return false
}

// SplitSentences implements SentenceSplitter.
func (sp Splitter) SplitSentences(s string) []Span {
	var out []Span
	start := 0
	add := func(end int) {
		if sp := trim(s, start, end); sp.End > sp.Start {
			out = append(out, sp)
		}
		start = end
	}
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\n' || r == '\r' || r == 0x2029:
			// a blank line always ends a sentence; a single line break by configuration, or
			// when the next line does not continue the sentence in lower case
			j := i + w
			blank := r == 0x2029
			for j < len(s) {
				r2, w2 := utf8.DecodeRuneInString(s[j:])
				if r2 == '\n' || r2 == 0x2029 {
					blank = true
				} else if !unicode.IsSpace(r2) && !IsFormat(r2) {
					break
				}
				j += w2
			}
			next, _ := utf8.DecodeRuneInString(s[j:])
			if blank || sp.NewlineBreaks || j >= len(s) || !unicode.IsLower(next) {
				add(i)
			}
			i = j
			continue
		case sp.isTerminator(r):
			// the run of terminators and closers
			j := i + w
			for j < len(s) {
				r2, w2 := utf8.DecodeRuneInString(s[j:])
				if !sp.isTerminator(r2) && !isCloser(r2) {
					break
				}
				j += w2
			}
			if j < len(s) {
				r2, _ := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsSpace(r2) {
					i = j
					continue // 3.5, U.S.-led, example.com, "?!" inside a word
				}
			}
			after := wordAfter(s, j)
			if first, _ := utf8.DecodeRuneInString(after); unicode.IsLower(first) {
				i = j
				continue // a lower-case continuation: "approx. five", "?\" he asked"
			}
			if sp.NoBreak != nil && sp.NoBreak(r, wordBefore(s, start, i), after) {
				i = j
				continue
			}
			add(j)
			i = j
			continue
		}
		i += w
	}
	add(len(s))
	return out
}

// trim returns the span [start, end) of s without surrounding white space and format characters.
func trim(s string, start, end int) Span {
	for start < end {
		r, w := utf8.DecodeRuneInString(s[start:])
		if !unicode.IsSpace(r) && !IsFormat(r) {
			break
		}
		start += w
	}
	for end > start {
		r, w := utf8.DecodeLastRuneInString(s[start:end])
		if !unicode.IsSpace(r) && !IsFormat(r) {
			break
		}
		end -= w
	}
	return Span{start, end}
}

// wordBefore returns the word ending at byte i (not before min), at most lookaround bytes long.
func wordBefore(s string, min, i int) string {
	j := i
	for j > min && i-j < lookaround {
		r, w := utf8.DecodeLastRuneInString(s[min:j])
		if unicode.IsSpace(r) || r == '(' || r == '"' || r == '“' || r == '«' {
			break
		}
		j -= w
	}
	return s[j:i]
}

// wordAfter returns the start of the text after the white space at byte j, at most lookaround
// bytes of it.
func wordAfter(s string, j int) string {
	for j < len(s) {
		r, w := utf8.DecodeRuneInString(s[j:])
		if !unicode.IsSpace(r) && !IsFormat(r) {
			break
		}
		j += w
	}
	end := j + lookaround
	if end > len(s) {
		end = len(s)
	}
	// do not cut a character in two
	for end > j && end < len(s) && !utf8.RuneStart(s[end]) {
		end--
	}
	return s[j:end]
}
