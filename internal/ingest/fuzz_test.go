package ingest

import (
	"context"
	"testing"
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
	)
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
