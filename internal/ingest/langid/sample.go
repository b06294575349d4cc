package langid

import (
	"strings"
	"unicode/utf8"
)

const (
	// maxSample is the most of a text Detect reads, in bytes.
	maxSample = 4096
	// windows is how many stretches of maxSample/windows bytes a longer text is sampled at.
	windows = 4
)

// forEachWindow calls fn with text itself when it is at most maxSample bytes long, and otherwise
// with windows stretches spread evenly from its start to its end, each starting and ending on a
// word boundary where one is near.
func forEachWindow(text string, fn func(string)) {
	if len(text) <= maxSample {
		fn(text)
		return
	}
	size := maxSample / windows
	for k := 0; k < windows; k++ {
		start := k * (len(text) - size) / (windows - 1)
		fn(window(text, start, start+size))
	}
}

// window returns text[start:end] moved to rune boundaries and trimmed to whole words when a word
// boundary lies within the first and last 64 bytes.
func window(text string, start, end int) string {
	for start < end && !utf8.RuneStart(text[start]) {
		start++
	}
	for end < len(text) && end > start && !utf8.RuneStart(text[end]) {
		end--
	}
	w := text[start:end]
	if start > 0 {
		if i := strings.IndexAny(w[:min(64, len(w))], " \n\t"); i >= 0 {
			w = w[i+1:]
		}
	}
	if end < len(text) {
		if i := strings.LastIndexAny(w[max(0, len(w)-64):], " \n\t"); i >= 0 {
			w = w[:max(0, len(w)-64)+i]
		}
	}
	return w
}

// sampleText returns the text Detect reads, as one string: text itself when short, else its
// windows joined by newlines.
func sampleText(text string) string {
	if len(text) <= maxSample {
		return text
	}
	var b strings.Builder
	b.Grow(maxSample + windows)
	forEachWindow(text, func(w string) {
		b.WriteString(w)
		b.WriteByte('\n')
	})
	return b.String()
}
