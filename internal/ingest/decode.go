package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/markusmobius/go-dateparser"
	"github.com/mmcdole/gofeed"
	"golang.org/x/text/encoding/unicode"
)

// Article formats, the values of Article.Format.
const (
	FormatText  = "text"
	FormatJSON  = "json"
	FormatJSONL = "jsonl"
	FormatHTML  = "html"
	FormatRSS   = "rss"
	FormatAtom  = "atom"
)

// identifySample is the most text given to Options.Identify: plenty to tell a language, and it
// keeps the cost per article flat for long articles.
const identifySample = 4 << 10

// format is the reader an input is given to.
type format int

const (
	fmtText format = iota + 1
	fmtJSON
	fmtJSONL
	fmtHTML
	fmtFeed
)

// decoder parses inputs; one is shared by all workers of a Read and is safe for concurrent use.
type decoder struct {
	opts  Options
	dates *dateparser.Parser
}

// newDecoder returns a decoder for opts, which must have their defaults set.
func newDecoder(opts Options) *decoder {
	// Only absolute dates: relative ones ("two days ago") would be filled from today's date.
	dates := &dateparser.Parser{ParserTypes: []dateparser.ParserType{dateparser.AbsoluteTime, dateparser.NoSpacesTime}}
	return &decoder{opts: opts, dates: dates}
}

// Decode parses one input's bytes, already read, named source (its extension helps choose the
// format; the content decides first). A gzip input is decompressed first. It returns the input's
// articles and per-item failures in input order; every Err is an *InputError.
func Decode(ctx context.Context, source string, data []byte, opts Options) []Result {
	opts = opts.withDefaults()
	var out []Result
	newDecoder(opts).decode(ctx, source, source, data, func(r Result) { out = append(out, r) })
	return out
}

// decode parses one whole input and calls emit for each article or failure. name (a path, or
// empty) gives the extension.
func (d *decoder) decode(ctx context.Context, source, name string, data []byte, emit func(Result)) {
	defer func() {
		if r := recover(); r != nil {
			emit(Result{Err: inputErr(source, "internal error while parsing", fmt.Errorf("panic: %v", r))})
		}
	}()
	if len(data) == 0 {
		emit(Result{Err: inputErr(source, "empty", nil)})
		return
	}
	limit := d.opts.MaxItemBytes
	if isGzip(data) {
		var err error
		data, err = gunzip(data, limit)
		if err != nil {
			if ie, ok := err.(*InputError); ok {
				ie.Source = source
				emit(Result{Err: ie})
			} else {
				emit(Result{Err: inputErr(source, "invalid or truncated gzip data", err)})
			}
			return
		}
		name = trimGz(name)
		if len(data) == 0 {
			emit(Result{Err: inputErr(source, "empty", nil)})
			return
		}
	}
	if n := int64(len(data)); n > limit {
		emit(Result{Err: tooLarge(source, n, limit, true)})
		return
	}
	data, err := fromUTF16(data)
	if err != nil {
		emit(Result{Err: inputErr(source, "invalid UTF-16", err)})
		return
	}
	if isBlank(data) {
		emit(Result{Err: inputErr(source, "empty (only white space)", nil)})
		return
	}
	f, byContent := sniff(name, data, true)
	// NUL bytes mark binary content, except in a feed recognised by its root element: feeds are
	// cleaned of the characters XML forbids.
	if kind := binaryKind(data); kind != "" && !(f == fmtFeed && byContent && kind == "NUL bytes") {
		emit(Result{Err: inputErr(source, "binary content ("+kind+")", nil)})
		return
	}
	switch f {
	case fmtJSON:
		if !d.jsonDoc(ctx, source, data, byContent, emit) {
			emit(d.text(source, data)) // looked like JSON but is not: read it as text
		}
	case fmtJSONL:
		d.jsonLines(ctx, source, data, emit)
	case fmtHTML:
		emit(d.html(source, data))
	case fmtFeed:
		d.feed(ctx, source, data, emit)
	default:
		emit(d.text(source, data))
	}
}

// finish fills what every article gets whatever its format — clean title and body, dateline,
// hashes, id, ingest time and language — or returns why the article is rejected.
func (d *decoder) finish(a *Article, raw []byte, declaredLang string) Result {
	a.Title = collapseSpace(a.Title)
	a.Body = cleanBody(a.Body)
	if a.Body == "" {
		return Result{Err: inputErr(a.Source, "empty body", nil)}
	}
	if a.Dateline == "" {
		if dl, ok := parseDateline(a.Body); ok {
			a.Dateline = dl.place
			if a.Outlet == "" {
				a.Outlet = dl.agency
			}
			if a.Published == "" && dl.dateText != "" {
				if date := d.parseDate(dl.dateText); date != "" {
					a.Published, a.PublishedFrom = date, DateFromDateline
				}
			}
		}
	}
	a.ContentHash = HashBytes(raw)
	a.ID = ContentID(a.Title, a.Body)
	a.IngestedAt = d.opts.Now().UTC()
	switch lang := normaliseLang(declaredLang); {
	case lang != "":
		a.Lang, a.LangConfidence = lang, 1
	case d.opts.Identify != nil:
		a.Lang, a.LangConfidence = d.opts.Identify(identifyText(a.Title, a.Body))
		if a.Lang == "" {
			a.Lang, a.LangConfidence = "und", 0
		}
	default:
		a.Lang, a.LangConfidence = "und", 0
	}
	return Result{Article: a}
}

// identifyText returns the title and the start of the body, at most identifySample bytes, cut at
// a character boundary.
func identifyText(title, body string) string {
	s := body
	if title != "" {
		s = title + "\n" + body
	}
	if len(s) <= identifySample {
		return s
	}
	cut := identifySample
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}

func isGzip(b []byte) bool { return len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b }

func trimGz(name string) string {
	if ext := filepath.Ext(name); strings.EqualFold(ext, ".gz") {
		return name[:len(name)-len(ext)]
	}
	return name
}

// gunzip decompresses b, refusing more than limit bytes of output.
func gunzip(b []byte, limit int64) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	out, err := io.ReadAll(io.LimitReader(zr, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(out)) > limit {
		return nil, tooLarge("", 0, limit, false)
	}
	return out, nil
}

// fromUTF16 converts input that starts with a UTF-16 byte order mark to UTF-8.
func fromUTF16(b []byte) ([]byte, error) {
	if len(b) < 2 || !(b[0] == 0xff && b[1] == 0xfe || b[0] == 0xfe && b[1] == 0xff) {
		return b, nil
	}
	dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
	return dec.Bytes(b)
}

// binarySignatures are the magic numbers of common non-text files, named in the error.
var binarySignatures = []struct{ magic, kind string }{
	{"%PDF-", "PDF document"},
	{"\x89PNG", "PNG image"},
	{"\xff\xd8\xff", "JPEG image"},
	{"GIF8", "GIF image"},
	{"PK\x03\x04", "ZIP archive"},
	{"\x7fELF", "executable"},
	{"7z\xbc\xaf", "7-Zip archive"},
	{"BZh", "bzip2 data"},
	{"\xfd7zXZ\x00", "xz data"},
	{"\x28\xb5\x2f\xfd", "zstd data"},
}

// binaryKind names the kind of binary content b holds, or returns "" for text.
func binaryKind(b []byte) string {
	for _, s := range binarySignatures {
		if bytes.HasPrefix(b, []byte(s.magic)) {
			return s.kind
		}
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return "NUL bytes"
	}
	return ""
}

// invalidUTF8 returns the offset of the first invalid UTF-8 byte in b, or -1.
func invalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

func utf8Err(source string, off int) Result {
	return Result{Err: inputErrf(source, nil, "invalid UTF-8 at byte %d", off)}
}

func isBlank(b []byte) bool { return len(bytes.TrimSpace(b)) == 0 }

// trimHead strips a UTF-8 byte order mark and leading white space.
func trimHead(b []byte) []byte {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	return bytes.TrimLeft(b, " \t\r\n\f\v")
}

var (
	jsonlExts = map[string]bool{".jsonl": true, ".ndjson": true, ".jsonlines": true}
	htmlExts  = map[string]bool{".html": true, ".htm": true, ".xhtml": true}
	feedExts  = map[string]bool{".xml": true, ".rss": true, ".atom": true, ".rdf": true, ".feed": true}
)

// sniff chooses the format of an input from its first bytes (head; the whole input when complete)
// and the extension of name. Content decides first; byContent reports whether it did.
func sniff(name string, head []byte, complete bool) (f format, byContent bool) {
	ext := strings.ToLower(filepath.Ext(trimGz(name)))
	h := trimHead(head)
	if len(h) > 0 {
		switch h[0] {
		case '{', '[':
			if jsonlExts[ext] {
				return fmtJSONL, false
			}
			if h[0] == '{' && looksLikeJSONL(h, complete) {
				return fmtJSONL, true
			}
			return fmtJSON, ext != ".json"
		case '<':
			switch gofeed.DetectFeedType(bytes.NewReader(h)) {
			case gofeed.FeedTypeRSS, gofeed.FeedTypeAtom:
				return fmtFeed, true
			}
			if looksLikeHTML(h) {
				return fmtHTML, true
			}
			if feedExts[ext] {
				return fmtFeed, false
			}
			if hasTag(h) && ext != ".txt" && ext != ".text" {
				return fmtHTML, true
			}
		}
	}
	switch {
	case htmlExts[ext]:
		return fmtHTML, false
	case feedExts[ext]:
		return fmtFeed, false
	case ext == ".json":
		return fmtJSON, false
	case jsonlExts[ext]:
		return fmtJSONL, false
	}
	return fmtText, true
}

// looksLikeJSONL reports whether h starts with a complete one-line JSON object followed by
// another line that starts an object.
func looksLikeJSONL(h []byte, complete bool) bool {
	nl := bytes.IndexByte(h, '\n')
	if nl < 0 {
		return false // one line, or a first line longer than the head: read whole
	}
	first := bytes.TrimSpace(h[:nl])
	if len(first) == 0 || first[0] != '{' || !jsonValid(first) {
		return false
	}
	rest := trimHead(h[nl+1:])
	return len(rest) > 0 && rest[0] == '{'
}

// htmlTags are the tags whose presence near the start marks an input as HTML.
var htmlTags = []string{"!doctype html", "html", "head", "body", "meta", "title", "p", "div", "article", "br", "h1", "h2", "section", "main"}

// looksLikeHTML reports whether h (starting with '<') carries HTML markup: one of htmlTags, as a
// whole tag name, in its first 4 KiB.
func looksLikeHTML(h []byte) bool {
	if len(h) > 4096 {
		h = h[:4096]
	}
	l := bytes.ToLower(h)
	for _, tag := range htmlTags {
		m := []byte("<" + tag)
		for rest := l; ; {
			i := bytes.Index(rest, m)
			if i < 0 {
				break
			}
			rest = rest[i+len(m):]
			if len(rest) > 0 && bytes.IndexByte([]byte(" >/\t\r\n"), rest[0]) >= 0 {
				return true
			}
		}
	}
	return false
}

// hasTag reports whether h starts with something shaped like a tag.
func hasTag(h []byte) bool {
	if len(h) < 3 || h[0] != '<' {
		return false
	}
	c := h[1]
	return (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '!' || c == '?') && bytes.IndexByte(h, '>') > 0
}
