package ingest

import (
	"bytes"
	"encoding/json"
	"strings"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// minHTMLWords is the fewest words a page's main text must have to be an article.
const minHTMLWords = 20

// html parses an HTML page: go-trafilatura finds the main text, title, date, site name and
// canonical URL; the language is the one the page declares (<html lang>, Content-Language) or else
// the identified one. A page declaring a legacy charset (windows-1256, ISO-8859-1, ...) is
// converted to UTF-8. Markup nested deeper than the HTML parser's limit is refused.
func (d *decoder) html(source string, raw []byte) Result {
	data := raw
	if off := invalidUTF8(raw); off >= 0 {
		// Not UTF-8: convert from the charset the page declares, if it declares one.
		enc, name, _ := charset.DetermineEncoding(raw, "")
		head := raw[:min(len(raw), 1024)] // the part the HTML charset pre-scan reads
		if name == "utf-8" || !bytes.Contains(bytes.ToLower(head), []byte("charset")) {
			return utf8Err(source, off)
		}
		conv, err := enc.NewDecoder().Bytes(raw)
		if err != nil {
			return Result{Err: inputErr(source, "cannot convert from "+name, err)}
		}
		data = conv
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return Result{Err: inputErr(source, "unparsable HTML", err)}
	}
	declared := htmlLang(doc)
	res, err := trafilatura.ExtractDocument(doc, trafilatura.Options{
		ExcludeComments: true,
		Deduplicate:     true,
		HtmlDateMode:    trafilatura.Fast,
	})
	if err != nil || res == nil || res.ContentNode == nil {
		return Result{Err: inputErr(source, "no article text found", nil)}
	}
	a := &Article{Format: FormatHTML, Source: source}
	a.Title = collapseSpace(res.Metadata.Title)
	a.Body = dropTitle(nodeText(res.ContentNode), a.Title)
	if len(strings.Fields(a.Body)) < minHTMLWords {
		// What is left is navigation or boilerplate the extractor fell back on.
		return Result{Err: inputErr(source, "no article text found", nil)}
	}
	if !res.Metadata.Date.IsZero() {
		if date := checkYear(res.Metadata.Date); date != "" {
			a.Published, a.PublishedFrom = date, DateFromMetadata
		}
	}
	a.Outlet = collapseSpace(res.Metadata.Sitename)
	a.URL = strings.TrimSpace(res.Metadata.URL)
	extra := map[string]any{}
	if res.Metadata.Author != "" {
		extra["author"] = res.Metadata.Author
	}
	if res.Metadata.Description != "" {
		extra["description"] = res.Metadata.Description
	}
	if len(res.Metadata.Categories) > 0 {
		extra["categories"] = res.Metadata.Categories
	}
	if len(res.Metadata.Tags) > 0 {
		extra["tags"] = res.Metadata.Tags
	}
	a.Extra = rawExtra(extra)
	return d.finish(a, raw, declared)
}

// dropTitle removes a first paragraph that repeats the title.
func dropTitle(body, title string) string {
	if title == "" {
		return body
	}
	first, rest, _ := strings.Cut(body, "\n\n")
	if collapseSpace(first) == title {
		return rest
	}
	return body
}

// htmlLang returns the language a page declares: <html lang> or <html xml:lang>, else
// <meta http-equiv="content-language">, else <meta name="language"> or og:locale.
func htmlLang(doc *html.Node) string {
	var lang, meta string
	var walk func(*html.Node, int)
	walk = func(n *html.Node, depth int) {
		if lang != "" || depth > 4 { // <html> and <head><meta> are near the root
			return
		}
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				for _, at := range n.Attr {
					if (at.Key == "lang" || at.Key == "xml:lang") && normaliseLang(at.Val) != "" {
						lang = at.Val
						return
					}
				}
			case atom.Meta:
				var key, content string
				for _, at := range n.Attr {
					switch strings.ToLower(at.Key) {
					case "http-equiv", "name", "property":
						key = strings.ToLower(at.Val)
					case "content":
						content = at.Val
					}
				}
				switch key {
				case "content-language", "language", "og:locale", "dc.language":
					if meta == "" && normaliseLang(content) != "" {
						meta = content
					}
				}
			case atom.Body:
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(doc, 0)
	if lang != "" {
		return lang
	}
	return meta
}

// rawExtra encodes extra metadata for Article.Extra; nil when there is none.
func rawExtra(m map[string]any) map[string]json.RawMessage {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]json.RawMessage, len(m))
	for k, v := range m {
		if b, err := json.Marshal(v); err == nil {
			out[k] = b
		}
	}
	return out
}
