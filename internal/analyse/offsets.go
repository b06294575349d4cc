package analyse

import (
	"sort"
	"unicode/utf8"

	"storyline/internal/analyse/text"
)

// converter turns byte offsets of one text into character offsets in any order, in time
// proportional to a checkpoint interval: it records the character count at a character boundary
// about every 256 bytes. It follows text.ByteToRune's conventions (an invalid byte is one
// character; an offset inside a character has not reached it).
type converter struct {
	s     string
	bytes []int // byte offsets of checkpoints, increasing, at character boundaries
	runes []int // character counts at them
}

func newConverter(s string) *converter {
	c := &converter{s: s, bytes: []int{0}, runes: []int{0}}
	r := 0
	next := 256
	for i := 0; i < len(s); {
		if i >= next {
			c.bytes = append(c.bytes, i)
			c.runes = append(c.runes, r)
			next = i + 256
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		i += n
		r++
	}
	return c
}

// Rune returns the character offset of byte offset off.
func (c *converter) Rune(off int) int {
	if off <= 0 {
		return 0
	}
	if off > len(c.s) {
		off = len(c.s)
	}
	k := sort.SearchInts(c.bytes, off+1) - 1
	b := c.bytes[k]
	return c.runes[k] + text.ByteToRune(c.s[b:], off-b)
}

// Span converts a byte span.
func (c *converter) Span(sp text.Span) text.Span {
	return text.Span{Start: c.Rune(sp.Start), End: c.Rune(sp.End)}
}
