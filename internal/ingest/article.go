// Package ingest reads news in the forms it really arrives in — plain text, JSON, JSON Lines, HTML
// pages, RSS and Atom feeds, gzip files of any of these, whole directories and standard input — and
// turns every item into an Article with a stable id.
//
// ingest is the first stage of the Storyline pipeline; it imports no later stage.
package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// How a publication date was obtained.
const (
	DateFromMetadata = "metadata" // a date field, a leading "date YYYY-MM-DD" line or a header date line
	DateFromDateline = "dateline" // a dateline carrying a date
	DateFromText     = "text"     // found in the text by the reader
	DateFromURL      = "url"      // the path of the article's URL (/2013/03/14/, /20130314/, 2013-03-14)
)

// Article is one news article as read from its input.
type Article struct {
	// ID is the stable id: see ContentID.
	ID    string `json:"id"`
	Title string `json:"title"`
	Body  string `json:"body"`
	// Lang is the ISO 639-1 language code, "und" when unknown.
	Lang string `json:"lang"`
	// LangConfidence is the identifier's confidence in Lang, 0..1 (1 when the input declared it).
	LangConfidence float64 `json:"lang_confidence"`
	// Published is the publication date as YYYY-MM-DD, empty when unknown.
	Published string `json:"published,omitempty"`
	// PublishedFrom says how Published was obtained (DateFromMetadata, ...).
	PublishedFrom string `json:"published_from,omitempty"`
	// Dateline is the place of the dateline as written ("AMMAN"), empty when there is none.
	Dateline string `json:"dateline,omitempty"`
	// Outlet is the outlet or signature ("Reuters", "المملكة"), empty when unknown.
	Outlet string `json:"outlet,omitempty"`
	// Source is where the article was read: a path, "path#line N", "path#item N", or "-".
	Source string `json:"source"`
	// URL is the article's own address when the input gives one.
	URL string `json:"url,omitempty"`
	// Format is the reader that produced it: text, json, jsonl, html, rss, atom.
	Format string `json:"format"`
	// IngestedAt is when the article was read.
	IngestedAt time.Time `json:"ingested_at"`
	// ContentHash is the hex SHA-256 of the original bytes of the input item.
	ContentHash string `json:"content_hash"`
	// Extra keeps metadata fields of JSON inputs that Storyline does not model, verbatim, and the
	// byline of a plain-text header block ("byline", a JSON string).
	Extra map[string]json.RawMessage `json:"extra,omitempty"`
}

// ContentID returns the stable id of an article with this title and body: the first 16 hex digits
// of the SHA-256 of the normalised content (Unicode NFC, runs of white space collapsed to one space,
// trimmed; title and body joined by a newline). Metadata does not enter the id, so the same story
// read from different containers has the same id.
func ContentID(title, body string) string {
	h := sha256.New()
	h.Write([]byte(NormaliseContent(title)))
	h.Write([]byte{'\n'})
	h.Write([]byte(NormaliseContent(body)))
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// NormaliseContent returns s in Unicode NFC with runs of white space collapsed to one space and
// leading and trailing white space removed.
func NormaliseContent(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// HashBytes returns the hex SHA-256 of b.
func HashBytes(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
