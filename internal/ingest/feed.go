package ingest

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html/charset"
)

// feed parses an RSS or Atom feed into one article per item ("path#item N"): the title, the
// content or else the description (reduced from HTML to text), the link, the published (or else
// updated) date and the language of the item or the feed; the feed's title is the outlet. Illegal
// XML characters and invalid UTF-8 are cleaned out first, and a feed in a legacy encoding is
// converted to UTF-8.
func (d *decoder) feed(ctx context.Context, source string, raw []byte, emit func(Result)) {
	data := cleanXML(toUTF8XML(raw))
	fp := gofeed.NewParser()
	feed, err := fp.Parse(bytes.NewReader(data))
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			emit(Result{Err: inputErr(source, "not an RSS or Atom feed", nil)})
		} else {
			emit(Result{Err: inputErr(source, "invalid feed", err)})
		}
		return
	}
	format := FormatRSS
	if feed.FeedType == "atom" {
		format = FormatAtom
	}
	if len(feed.Items) == 0 {
		emit(Result{Err: inputErr(source, "feed has no items", nil)})
		return
	}
	spans := itemSpans(data)
	if len(spans) != len(feed.Items) {
		spans = nil
	}
	outlet := collapseSpace(htmlToText(feed.Title))
	for i, it := range feed.Items {
		if ctx.Err() != nil {
			return
		}
		src := itemSource(source, i+1)
		a := &Article{Format: format, Source: src, Outlet: outlet}
		a.Title = htmlToText(it.Title)
		a.Body = htmlToText(it.Content)
		if strings.TrimSpace(a.Body) == "" {
			a.Body = htmlToText(it.Description)
		}
		a.URL = strings.TrimSpace(it.Link)
		a.Published = d.parseDate(it.Published)
		if a.Published == "" && it.PublishedParsed != nil {
			a.Published = checkYear(*it.PublishedParsed)
		}
		if a.Published == "" {
			a.Published = d.parseDate(it.Updated)
		}
		if a.Published == "" && it.DublinCoreExt != nil && len(it.DublinCoreExt.Date) > 0 {
			a.Published = d.parseDate(it.DublinCoreExt.Date[0])
		}
		if a.Published != "" {
			a.PublishedFrom = DateFromMetadata
		}
		lang := feed.Language
		if it.DublinCoreExt != nil && len(it.DublinCoreExt.Language) > 0 && normaliseLang(it.DublinCoreExt.Language[0]) != "" {
			lang = it.DublinCoreExt.Language[0]
		}
		extra := map[string]any{}
		if it.GUID != "" {
			extra["guid"] = it.GUID
		}
		if len(it.Categories) > 0 {
			extra["categories"] = it.Categories
		}
		var authors []string
		for _, p := range it.Authors {
			if p != nil && p.Name != "" {
				authors = append(authors, p.Name)
			}
		}
		if len(authors) > 0 {
			extra["authors"] = authors
		}
		a.Extra = rawExtra(extra)
		var itemRaw []byte
		if spans != nil {
			itemRaw = data[spans[i][0]:spans[i][1]]
		} else {
			itemRaw, _ = json.Marshal(it) // the item's bytes could not be located: hash what was read
		}
		emit(d.finish(a, itemRaw, lang))
	}
}

// cleanXML removes what XML forbids: control characters other than tab, CR and LF, U+FFFE and
// U+FFFF, and invalid UTF-8 (replaced by U+FFFD).
func cleanXML(b []byte) []byte {
	clean := true
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if !xmlChar(r, n) {
			clean = false
			break
		}
		i += n
	}
	if clean {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			out = utf8.AppendRune(out, utf8.RuneError)
		case xmlChar(r, n):
			out = append(out, b[i:i+n]...)
		}
		i += n
	}
	return out
}

func xmlChar(r rune, n int) bool {
	switch {
	case r == utf8.RuneError && n <= 1:
		return false
	case r < 0x20:
		return r == '\t' || r == '\n' || r == '\r'
	case r == 0xfffe || r == 0xffff:
		return false
	}
	return true
}

var xmlEncodingRe = regexp.MustCompile(`^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']`)

// toUTF8XML converts a feed whose XML declaration names a legacy encoding to UTF-8 and rewrites the
// declaration to match.
func toUTF8XML(b []byte) []byte {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	m := xmlEncodingRe.FindSubmatchIndex(b)
	if m == nil {
		return b
	}
	name := strings.ToLower(string(b[m[2]:m[3]]))
	if name == "utf-8" || name == "utf8" {
		return b
	}
	enc, _ := charset.Lookup(name)
	if enc == nil {
		return b
	}
	conv, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return b
	}
	if m2 := xmlEncodingRe.FindSubmatchIndex(conv); m2 != nil {
		out := append([]byte{}, conv[:m2[2]]...)
		out = append(out, "UTF-8"...)
		return append(out, conv[m2[3]:]...)
	}
	return conv
}

// itemSpans returns the byte ranges of the <item> and <entry> elements of a feed, in order, so that
// each article's ContentHash covers its own bytes.
func itemSpans(data []byte) [][2]int64 {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	dec.CharsetReader = func(string, io.Reader) (io.Reader, error) { return nil, errors.New("not UTF-8") }
	var spans [][2]int64
	depth, start := 0, int64(-1)
	for {
		off := dec.InputOffset()
		tok, err := dec.RawToken()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return spans
			}
			return nil
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if start < 0 && (t.Name.Local == "item" || t.Name.Local == "entry") {
				start, depth = off, 0
			}
			if start >= 0 {
				depth++
			}
		case xml.EndElement:
			if start >= 0 {
				if depth--; depth == 0 {
					spans = append(spans, [2]int64{start, dec.InputOffset()})
					start = -1
				}
			}
		}
	}
}
