package ingest

import (
	"encoding/json"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Limits of the plain-text conventions.
const (
	maxSignatureRunes = 40 // a trailing one-word outlet signature
	maxTitleWords     = 20 // a first-line title
)

// text parses a plain-text article.
//
// Conventions, applied to any text input:
//   - a leading "date YYYY-MM-DD" token (after optional white space; "date:" also works) is the
//     publication date and is removed; text after it on the same line starts the body;
//   - a trailing line that is one word (no white space, at most 40 characters, with a letter) is
//     the outlet's signature: it goes to Outlet and is removed;
//   - a header block of metadata lines at the start (see parseHeader) — the page's URL, a title,
//     a byline, publication and update date lines — gives URL, Title, Published (PublishedFrom
//     DateFromMetadata, or DateFromURL for a date from the URL's path; a "date YYYY-MM-DD" line
//     wins), Outlet (an agency named in the byline; the signature wins) and Extra["byline"];
//     its lines are removed from the body;
//   - otherwise, a first paragraph that is one short line (at most 20 words) without sentence-final
//     punctuation, followed by a blank line, is the title;
//   - line endings are normalised and paragraph breaks (blank lines) kept.
//
// A dateline at the start of the body is recognised later, for every format, by finish.
func (d *decoder) text(source string, raw []byte) Result {
	if off := invalidUTF8(raw); off >= 0 {
		return utf8Err(source, off)
	}
	s := normaliseNewlines(strings.TrimPrefix(string(raw), "\ufeff"))
	a := &Article{Format: FormatText, Source: source}

	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	dateLineAlone := false
	if date, rest, alone, ok := leadingDate(s); ok {
		a.Published, a.PublishedFrom = date, DateFromMetadata
		s, dateLineAlone = rest, alone
	}
	if sig, rest, ok := trailingSignature(s); ok {
		a.Outlet = sig
		s = rest
	}
	if h, ok := parseHeader(s, dateLineAlone); ok {
		s = h.body
		a.URL, a.Title = h.url, h.title
		if a.Published == "" && h.published != "" {
			a.Published, a.PublishedFrom = h.published, h.from
		}
		if a.Outlet == "" {
			a.Outlet = h.outlet
		}
		if h.byline != "" {
			b, _ := json.Marshal(h.byline) // a string always encodes
			a.Extra = map[string]json.RawMessage{"byline": b}
		}
	}
	if a.Title == "" {
		if title, rest, ok := leadingTitle(s); ok {
			a.Title = title
			s = rest
		}
	}
	a.Body = s
	return d.finish(a, raw, "")
}

// leadingDate recognises "date YYYY-MM-DD" (or "date: ...", any letter case, ASCII or Eastern
// Arabic digits, "-" or "/" between the parts) at the start of s, which has no leading white space.
// rest is what follows: the next line, or the rest of the same line when text follows the date
// (then alone is false).
func leadingDate(s string) (date, rest string, alone, ok bool) {
	if len(s) < 5 || !strings.EqualFold(s[:4], "date") {
		return "", "", false, false
	}
	r := s[4:]
	r = strings.TrimPrefix(r, ":")
	trimmed := strings.TrimLeft(r, " \t")
	if len(trimmed) == len(r) && !strings.HasPrefix(s[4:], ":") {
		return "", "", false, false // "dated", "dates": not the token
	}
	r = trimmed
	// The date token runs to the next white space.
	end := strings.IndexFunc(r, unicode.IsSpace)
	if end < 0 {
		end = len(r)
	}
	tok := normaliseDigits(r[:end])
	tok = strings.ReplaceAll(tok, "/", "-")
	if len(tok) != 10 || tok[4] != '-' || tok[7] != '-' {
		return "", "", false, false
	}
	t, err := time.Parse("2006-01-02", tok)
	if err != nil {
		return "", "", false, false
	}
	if date = checkYear(t); date == "" {
		return "", "", false, false
	}
	rest = r[end:]
	// The rest of the line, when there is text on it, starts the body; otherwise the next line.
	line := rest
	if i := strings.IndexByte(rest, '\n'); i >= 0 {
		line = rest[:i]
	}
	alone = strings.TrimSpace(line) == ""
	if alone && len(line) < len(rest) {
		rest = rest[len(line)+1:]
	}
	return date, strings.TrimLeft(rest, " \t"), alone, true
}

// trailingSignature recognises a last line made of one word: an outlet's name or a writer's
// initials ("Petra", "X.Y", "المملكة"). Some text must remain before it.
func trailingSignature(s string) (sig, rest string, ok bool) {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	i := strings.LastIndexByte(s, '\n')
	if i < 0 {
		return "", "", false
	}
	last := strings.TrimSpace(s[i+1:])
	rest = s[:i]
	if strings.TrimSpace(rest) == "" || last == "" || strings.IndexFunc(last, unicode.IsSpace) >= 0 {
		return "", "", false
	}
	word := strings.Trim(last, "()[]{}<>—–-_*\"'«»“”")
	if word == "" || utf8.RuneCountInString(word) > maxSignatureRunes || strings.Contains(word, "://") ||
		strings.IndexFunc(word, unicode.IsLetter) < 0 {
		return "", "", false
	}
	// Right under a line that stops mid-sentence, the word is the end of that sentence in
	// hard-wrapped text, not a signature.
	prev := rest[strings.LastIndexByte(rest, '\n')+1:]
	if strings.TrimSpace(prev) != "" && !endsSentence(prev) {
		return "", "", false
	}
	return word, rest, true
}

// endsSentence reports whether a line ends with sentence-final punctuation, possibly followed by
// closing quotes or brackets.
func endsSentence(line string) bool {
	end := strings.TrimRight(strings.TrimSpace(line), "\"'”’»)]")
	last, _ := utf8.DecodeLastRuneInString(end)
	return strings.ContainsRune(".!?…؟。", last)
}

// leadingTitle recognises a title: a first paragraph that is a single short line with no
// sentence-final punctuation, followed by a blank line and more text.
func leadingTitle(s string) (title, rest string, ok bool) {
	nl := strings.IndexByte(s, '\n')
	if nl < 0 {
		return "", "", false
	}
	line := strings.TrimSpace(s[:nl])
	after := s[nl+1:]
	// The next line must be blank.
	j := strings.IndexByte(after, '\n')
	if j < 0 || strings.TrimSpace(after[:j]) != "" {
		return "", "", false
	}
	rest = after[j+1:]
	if line == "" || strings.TrimSpace(rest) == "" {
		return "", "", false
	}
	if n := len(strings.Fields(line)); n > maxTitleWords {
		return "", "", false
	}
	end := strings.TrimRight(line, "\"'”’»)]")
	if end == "" {
		return "", "", false
	}
	last, _ := utf8.DecodeLastRuneInString(end)
	if strings.ContainsRune(".!?…؟:;,،؛。", last) {
		return "", "", false
	}
	return line, rest, true
}
