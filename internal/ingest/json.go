package ingest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"strings"
)

// The JSON keys Storyline reads (matched without regard to letter case), each list in order of
// preference. Every other key, and any of these not used, is kept verbatim in Article.Extra.
var (
	titleKeys  = []string{"title", "headline"}
	bodyKeys   = []string{"text", "body", "content", "maintext", "articlebody", "content_text", "content_html"}
	urlKeys    = []string{"url", "link"}
	dateKeys   = []string{"date", "published", "publish_date", "date_publish", "pubdate", "publishedat", "published_at", "datepublished", "date_published"}
	langKeys   = []string{"language", "lang", "meta_lang", "inlanguage"}
	outletKeys = []string{"source", "outlet", "site_name", "source_domain", "sitename", "publisher"}
)

// listKeys are the keys under which a JSON object may wrap a list of articles
// ({"articles": [...]}, as news APIs and JSON Feed do).
var listKeys = []string{"articles", "items", "data", "results", "documents", "entries", "stories", "posts"}

// DecodeJSON parses one JSON article object named source: keys title/headline,
// text/body/content/maintext, url/link, date/published/publish_date/date_publish/pubDate,
// language/lang/meta_lang, source/outlet/site_name/source_domain (and a few common synonyms);
// every other key is kept verbatim in Extra. A body holding HTML is reduced to its text. The error,
// when not nil, is an *InputError.
func DecodeJSON(source string, raw []byte, opts Options) (*Article, error) {
	opts = opts.withDefaults()
	if n := int64(len(raw)); n > opts.MaxItemBytes {
		return nil, tooLarge(source, n, opts.MaxItemBytes, true)
	}
	if off := invalidUTF8(raw); off >= 0 {
		return nil, utf8Err(source, off).Err
	}
	r := newDecoder(opts).jsonObject(source, FormatJSON, raw)
	return r.Article, r.Err
}

// jsonLine parses line no of a JSON Lines input.
func (d *decoder) jsonLine(source string, no int, line []byte) Result {
	src := lineSource(source, no)
	if off := invalidUTF8(line); off >= 0 {
		return utf8Err(src, off)
	}
	return d.jsonObject(src, FormatJSONL, line)
}

// jsonLines parses a JSON Lines input held in memory; blank lines are skipped.
func (d *decoder) jsonLines(ctx context.Context, source string, data []byte, emit func(Result)) {
	no := 0
	for len(data) > 0 {
		if ctx.Err() != nil {
			return
		}
		no++
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		line = trimEOL(line)
		if isBlank(line) {
			continue
		}
		emit(d.jsonLine(source, no, line))
	}
}

// jsonDoc parses a JSON document: one article object, an array of them, an object wrapping an
// array of them, or objects one after another. When tentative (the content only looked like JSON)
// and the document does not even start as valid JSON, it returns false and emits nothing.
func (d *decoder) jsonDoc(ctx context.Context, source string, data []byte, tentative bool, emit func(Result)) bool {
	if off := invalidUTF8(data); off >= 0 {
		if tentative {
			return false
		}
		emit(utf8Err(source, off))
		return true
	}
	h := trimHead(data)
	if len(h) > 0 && h[0] == '[' {
		return d.jsonArray(ctx, source, h, tentative, emit)
	}
	dec := json.NewDecoder(bytes.NewReader(h))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		if tentative {
			return false
		}
		emit(Result{Err: jsonErr(source, err, dec.InputOffset())})
		return true
	}
	if len(bytes.TrimSpace(h[dec.InputOffset():])) > 0 {
		// More values follow: objects one after another, as JSON Lines or concatenated.
		if bytes.Count(h, []byte("\n")) > 0 {
			d.jsonLines(ctx, source, data, emit)
		} else {
			d.jsonStream(ctx, source, h, emit)
		}
		return true
	}
	if raw[0] != '{' {
		if tentative {
			return false
		}
		emit(Result{Err: inputErr(source, "not a JSON object or array of objects", nil)})
		return true
	}
	if list, ok := wrappedList(raw); ok {
		return d.jsonArray(ctx, source, list, false, emit)
	}
	emit(d.jsonObject(source, FormatJSON, raw))
	return true
}

// jsonArray parses an array of article objects; item N fails alone when it is not an article, and
// the items before a syntax error land.
func (d *decoder) jsonArray(ctx context.Context, source string, data []byte, tentative bool, emit func(Result)) bool {
	dec := json.NewDecoder(bytes.NewReader(data))
	if _, err := dec.Token(); err != nil { // '['
		if tentative {
			return false
		}
		emit(Result{Err: jsonErr(source, err, dec.InputOffset())})
		return true
	}
	n := 0
	for dec.More() {
		if ctx.Err() != nil {
			return true
		}
		n++
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			if tentative && n == 1 {
				return false
			}
			emit(Result{Err: jsonErr(itemSource(source, n), err, dec.InputOffset())})
			return true
		}
		emit(d.jsonObject(itemSource(source, n), FormatJSON, raw))
	}
	if _, err := dec.Token(); err != nil { // ']'
		if tentative && n == 0 {
			return false
		}
		emit(Result{Err: jsonErr(source, err, dec.InputOffset())})
		return true
	}
	if n == 0 {
		emit(Result{Err: inputErr(source, "empty JSON array", nil)})
	}
	return true
}

// jsonStream parses JSON values one after another on one line; value N is "path#item N".
func (d *decoder) jsonStream(ctx context.Context, source string, data []byte, emit func(Result)) {
	dec := json.NewDecoder(bytes.NewReader(data))
	for n := 1; ctx.Err() == nil; n++ {
		var raw json.RawMessage
		err := dec.Decode(&raw)
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			emit(Result{Err: jsonErr(itemSource(source, n), err, dec.InputOffset())})
			return
		}
		emit(d.jsonObject(itemSource(source, n), FormatJSON, raw))
	}
}

// wrappedList returns the array of objects an object wraps under a list key, when the object has
// no article text of its own.
func wrappedList(raw []byte) ([]byte, bool) {
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return nil, false
	}
	f := foldKeys(m)
	if _, ok := f.find(bodyKeys); ok {
		return nil, false
	}
	for _, k := range listKeys {
		if v, ok := f.get(k); ok {
			if v = bytes.TrimSpace(v); len(v) > 1 && v[0] == '[' {
				if inner := trimHead(v[1:]); len(inner) > 0 && inner[0] == '{' {
					return v, true
				}
			}
		}
	}
	return nil, false
}

// folded gives case-insensitive access to an object's keys; the first spelling met wins.
type folded struct {
	m     map[string]json.RawMessage
	lower map[string]string // lower-cased key → key
}

func foldKeys(m map[string]json.RawMessage) folded {
	f := folded{m: m, lower: make(map[string]string, len(m))}
	for k := range m {
		l := strings.ToLower(k)
		if prev, ok := f.lower[l]; !ok || k < prev { // deterministic when spellings collide
			f.lower[l] = k
		}
	}
	return f
}

func (f folded) get(lower string) (json.RawMessage, bool) {
	k, ok := f.lower[lower]
	if !ok {
		return nil, false
	}
	return f.m[k], true
}

// find returns the key (as written) of the first of keys present with a non-null value.
func (f folded) find(keys []string) (string, bool) {
	for _, l := range keys {
		if k, ok := f.lower[l]; ok && string(bytes.TrimSpace(f.m[k])) != "null" {
			return k, true
		}
	}
	return "", false
}

// jsonObject turns one JSON object into an article.
func (d *decoder) jsonObject(source, format string, raw []byte) Result {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		var ute *json.UnmarshalTypeError
		if errors.As(err, &ute) {
			return Result{Err: inputErr(source, "not a JSON object", nil)}
		}
		return Result{Err: jsonErr(source, err, -1)}
	}
	if m == nil {
		return Result{Err: inputErr(source, "not a JSON object", nil)}
	}
	f := foldKeys(m)
	a := &Article{Format: format, Source: source}
	used := map[string]bool{}
	take := func(keys []string, conv func(json.RawMessage) (string, bool)) string {
		for _, l := range keys {
			k, ok := f.lower[l]
			if !ok {
				continue
			}
			if s, ok := conv(m[k]); ok && strings.TrimSpace(s) != "" {
				used[k] = true
				return s
			}
		}
		return ""
	}
	a.Title = take(titleKeys, jsonString)
	if looksLikeHTMLText(a.Title) {
		a.Title = htmlToText(a.Title)
	}
	a.Body = take(bodyKeys, jsonText)
	if looksLikeHTMLText(a.Body) {
		a.Body = htmlToText(a.Body)
	}
	a.URL = strings.TrimSpace(take(urlKeys, jsonString))
	a.Published = take(dateKeys, func(v json.RawMessage) (string, bool) {
		s := d.jsonDate(v)
		return s, s != ""
	})
	if a.Published != "" {
		a.PublishedFrom = DateFromMetadata
	}
	lang := take(langKeys, func(v json.RawMessage) (string, bool) {
		s, ok := jsonString(v)
		if !ok || normaliseLang(s) == "" {
			return "", false
		}
		return s, true
	})
	a.Outlet = collapseSpace(take(outletKeys, jsonName))
	for k, v := range m {
		if !used[k] {
			if a.Extra == nil {
				a.Extra = make(map[string]json.RawMessage, len(m)-len(used))
			}
			a.Extra[k] = v
		}
	}
	if a.Body == "" {
		if _, ok := f.find(bodyKeys); !ok {
			return Result{Err: inputErr(source, "no article text (no text, body, content or maintext key)", nil)}
		}
	}
	return d.finish(a, raw, lang)
}

func jsonString(v json.RawMessage) (string, bool) {
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		return "", false
	}
	return s, true
}

// jsonText reads a text: a string, or an array of strings (paragraphs).
func jsonText(v json.RawMessage) (string, bool) {
	if s, ok := jsonString(v); ok {
		return s, true
	}
	var paras []string
	if err := json.Unmarshal(v, &paras); err != nil {
		return "", false
	}
	return strings.Join(paras, "\n\n"), true
}

// jsonName reads a name: a string, or an object with a "name" (as in {"id": ..., "name": "BBC"}).
func jsonName(v json.RawMessage) (string, bool) {
	if s, ok := jsonString(v); ok {
		return s, true
	}
	var o struct{ Name string }
	if err := json.Unmarshal(v, &o); err != nil || o.Name == "" {
		return "", false
	}
	return o.Name, true
}

func jsonValid(b []byte) bool { return json.Valid(b) }

// jsonErr describes a JSON syntax error with its offset; off < 0 means take it from the error.
func jsonErr(source string, err error, off int64) *InputError {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		if strings.Contains(se.Error(), "unexpected end") {
			return inputErrf(source, nil, "truncated JSON (ends at byte %d)", se.Offset)
		}
		return inputErrf(source, nil, "invalid JSON at byte %d: %s", se.Offset, se.Error())
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		if off >= 0 {
			return inputErrf(source, nil, "truncated JSON (ends at byte %d)", off)
		}
		return inputErr(source, "truncated JSON", nil)
	}
	return inputErr(source, "invalid JSON", err)
}
