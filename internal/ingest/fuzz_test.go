package ingest

import (
	"context"
	"strings"
	"testing"
	"time"
)

// The fuzz targets feed arbitrary bytes to each decoder, under a name that steers the format
// where content does not decide it. Decode must not panic (a recovered panic shows up as an
// "internal error" and fails checkResult), must name every failure, and every article it returns
// must keep the invariants checked by checkResult.
func fuzzDecode(f *testing.F, name string, seeds ...string) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	opts := testOptions()
	opts.MaxItemBytes = 1 << 20
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, r := range Decode(context.Background(), name, data, opts) {
			checkResult(t, r)
		}
	})
}

func FuzzDecodeText(f *testing.F) {
	fuzzDecode(f, "f.txt",
		sampleText,
		" date 2021-02-17 Text on the same line.\n\nX.Y",
		"AMMAN — The minister said.\n\nPetra",
		"عمّان (بترا) - أكد الوزير.\n\nالمملكة",
		"PARIS, March 3, 2021 (AFP) - Text.",
		"Title\n\n\n",
		"date ٢٠٢١-٠٢-١٧\r\n\r\nنص",
		"\ufeff\r\r\n\u2029x",
		"date 2021-02-17",
		"http: / / www. example. com / 2009 / 11 / 30 / a - b. html\nTitle\nPUBLISHED: WEDNESDAY, MARCH 13, 2013, 2: 29 PM\nBody.",
		"www.example.co.uk/20130504/x\nBy Jane Doe, Reuters | 3/12/2013 4:15 pm\nJane Doe, Staff Writer\nBody.",
		"Title\n11 / 30 / 09 05: 40 PM ET\nUpdated 5: 40 p. m. ET\n(GMT+05: 00)\nBody.",
		"محادثات\nنشر في 12 كانون الثاني 2021\nتاريخ النشر: ٢٠٢١/٠٣/١٢\nالثلاثاء 28 رجب 1442 هـ\nبقلم: أحمد\nنص.",
		"Published: March 13, 2013",
		"http://x.y/2013/02/30/\n\n\nMarch 12, 2013 — The minister said.",
	)
}

// FuzzParseHeader checks the header block's invariants on any text: what it keeps of the body
// is made of the input's lines, in order, and is not blank; a date is a valid YYYY-MM-DD with
// its origin.
func FuzzParseHeader(f *testing.F) {
	for _, s := range []string{
		"http://www.example.com/2013/03/12/a\nTitle\nPublished: March 13, 2013\nBody.",
		"Title\nBy Jane Doe, Reuters | March 12, 2013\nBody.",
		"Title\n12 / 31 / 98\nLast updated 10:34 GMT, 11 March 2013\nBody.",
		"عنوان\nآخر تحديث: ٢٠٢١/٠٣/١٢ الساعة 10:30\nنص.",
		"http: / / a. b / 20130504 -\n\u200f\nx",
		"One.\nPUBLISHED: 02:31 GMT, 12 March 2013 | UPDATED: 22:19 GMT, 13 March 2013\nTwo.",
	} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, afterMeta bool) {
		h, ok := parseHeader(s, afterMeta)
		if !ok {
			return
		}
		if strings.TrimSpace(h.body) == "" {
			t.Fatalf("blank body from %q", s)
		}
		rest := s
		for _, line := range strings.Split(h.body, "\n") {
			i := strings.Index(rest, line)
			if i < 0 {
				t.Fatalf("body line %q is not in the input %q", line, s)
			}
			rest = rest[i+len(line):]
		}
		if h.published != "" {
			if _, err := time.Parse("2006-01-02", h.published); err != nil || h.from == "" {
				t.Fatalf("date %q from %q", h.published, h.from)
			}
		}
	})
}

func FuzzDecodeJSON(f *testing.F) {
	fuzzDecode(f, "f.json",
		`{"title":"T","text":"Body.","date":"2021-02-17","lang":"en-US","source":{"name":"X"}}`,
		`[{"text":"One."},{"text":"Two."},3]`,
		`{"articles":[{"content":"<p>x</p>"}]}`,
		`{"text":["a","b"],"published":1613556000}`,
		`{"text":"x"} {"text":"y"}`,
		`[{"text":"x"`,
		`{"body":"b","pubDate":"17 حزيران 2021"}`,
	)
}

func FuzzDecodeJSONL(f *testing.F) {
	fuzzDecode(f, "f.jsonl",
		"{\"title\":\"One\",\"text\":\"A.\"}\n{\"title\":\"Two\",\"text\":\"B.\"}\n",
		"{\"text\":\"A.\"}\r\n\r\n{\"text\":\"B",
		"{\"text\":\"\xff\"}\n[1]\nnull\n",
		"{\"maintext\":\"x\",\"date_publish\":\"Wed, 17 Feb 2021 10:00:00 +0300\",\"meta_lang\":\"ara\"}",
	)
}

func FuzzDecodeHTML(f *testing.F) {
	fuzzDecode(f, "f.html",
		articleHTML,
		arabicHTML,
		"<html><body><p>x</p></body></html>",
		"<div><div><div><p>deep</p>",
		"<script>alert(1)</script><p>text</p>",
		"<html lang=\"ar\"><meta charset=\"windows-1256\"><p>\xc7\xe1\xe6\xe2\xdf</p>",
		"<!doctype html><title>T</title><table><tr><td><b><i><p>x",
	)
}

func FuzzDecodeFeed(f *testing.F) {
	fuzzDecode(f, "f.rss",
		rssFeed,
		atomFeed,
		`<?xml version="1.0"?><rss version="2.0"><channel><item><title>x</title><description>y</description></item></channel></rss>`,
		"<rss><channel><item><description>a\x01b\xffc</description></item>",
		`<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><item><description>caf`+"\xe9"+`</description></item></channel></rss>`,
		`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><item><title>t</title><description>d</description></item></rdf:RDF>`,
	)
}

// FuzzDecode lets the content choose the format, with no extension to help, and covers gzip.
func FuzzDecode(f *testing.F) {
	fuzzDecode(f, "noext",
		sampleText,
		`{"text":"x"}`,
		"{\"text\":\"x\"}\n{\"text\":\"y\"}\n",
		articleHTML,
		rssFeed,
		"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff",
		"\xff\xfeh\x00i\x00",
		"%PDF-1.4",
	)
}

func FuzzParseDateline(f *testing.F) {
	for _, s := range []string{"AMMAN — x", "PARIS, March 3, 2021 (AFP) - x", "عمّان (بترا) - x", "A, B, C, D (E) - x", "— x", "(x) - y"} {
		f.Add(s)
	}
	d := newDecoder(Options{}.withDefaults())
	f.Fuzz(func(t *testing.T, body string) {
		dl, ok := parseDateline(body)
		if !ok {
			return
		}
		if dl.place == "" || len(dl.place) > len(body) {
			t.Fatalf("dateline %+v from %q", dl, body)
		}
		if dl.dateText != "" {
			if date := d.parseDate(dl.dateText); date != "" && len(date) != 10 {
				t.Fatalf("bad date %q", date)
			}
		}
	})
}
