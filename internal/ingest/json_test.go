package ingest

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
)

func TestDecodeJSON(t *testing.T) {
	type want struct {
		source, title, body, url, published, lang, outlet string
		conf                                              float64
		extra                                             map[string]string // key → raw JSON
		err                                               string            // reason substring, when the item fails
	}
	tests := []struct {
		name, file, in string
		want           []want
	}{
		{
			name: "one object with the common keys",
			file: "a.json",
			in:   `{"title":"Talks in Amman","text":"The ministers met.","url":"https://x.example/1","date":"2021-02-17T10:00:00Z","language":"en-US","source":"Levant Wire","author":"A. Writer","tags":["a","b"]}`,
			want: []want{{source: "a.json", title: "Talks in Amman", body: "The ministers met.", url: "https://x.example/1",
				published: "2021-02-17", lang: "en", conf: 1, outlet: "Levant Wire",
				extra: map[string]string{"author": `"A. Writer"`, "tags": `["a","b"]`}}},
		},
		{
			name: "synonym keys, any letter case; pubDate in RFC 1123; language name",
			file: "b.json",
			in:   `{"Headline":"Talks","Body":"Text.","Link":"https://x.example/2","pubDate":"Wed, 17 Feb 2021 23:30:00 -0500","Lang":"Arabic","site_name":"Mashreq"}`,
			want: []want{{source: "b.json", title: "Talks", body: "Text.", url: "https://x.example/2", published: "2021-02-17", lang: "ar", conf: 1, outlet: "Mashreq"}},
		},
		{
			name: "maintext, date_publish, meta_lang ISO 639-2, source_domain",
			file: "c.json",
			in:   `{"maintext":"نص الخبر.","date_publish":"2021-02-17 08:00:00","meta_lang":"ara","source_domain":"example.jo"}`,
			want: []want{{source: "c.json", body: "نص الخبر.", published: "2021-02-17", lang: "ar", conf: 1, outlet: "example.jo"}},
		},
		{
			name: "content with HTML, publish_date as Unix seconds, undeclared language identified",
			file: "d.json",
			in:   `{"content":"<p>First paragraph.</p><p>Second &amp; last.</p>","publish_date":1613556000}`,
			want: []want{{source: "d.json", body: "First paragraph.\n\nSecond & last.", published: "2021-02-17", lang: "en", conf: 0.5}},
		},
		{
			name: "body as a list of paragraphs; source as an object; published in words",
			file: "e.json",
			in:   `{"body":["One.","Two."],"source":{"id":"x","name":"The Daily"},"published":"17 February 2021"}`,
			want: []want{{source: "e.json", body: "One.\n\nTwo.", published: "2021-02-17", lang: "en", conf: 0.5, outlet: "The Daily"}},
		},
		{
			name: "unused synonyms and unparsable values are kept in Extra",
			file: "f.json",
			in:   `{"title":"T","headline":"H","text":"Body.","date":"soon","lang":"zz-unknown"}`,
			want: []want{{source: "f.json", title: "T", body: "Body.", lang: "en", conf: 0.5,
				extra: map[string]string{"headline": `"H"`, "date": `"soon"`, "lang": `"zz-unknown"`}}},
		},
		{
			name: "array of objects, one of them bad",
			file: "g.json",
			in:   `[{"text":"One."}, {"title":"no text"}, 42, {"text":"   "}, {"text":"Four."}]`,
			want: []want{
				{source: "g.json#item 1", body: "One.", lang: "en", conf: 0.5},
				{source: "g.json#item 2", err: "no article text"},
				{source: "g.json#item 3", err: "not a JSON object"},
				{source: "g.json#item 4", err: "empty body"},
				{source: "g.json#item 5", body: "Four.", lang: "en", conf: 0.5},
			},
		},
		{
			name: "truncated array: the items before land",
			file: "h.json",
			in:   `[{"text":"One."}, {"text":"Tw`,
			want: []want{
				{source: "h.json#item 1", body: "One.", lang: "en", conf: 0.5},
				{source: "h.json#item 2", err: "truncated JSON"},
			},
		},
		{
			name: "an object wrapping a list of articles",
			file: "i.json",
			in:   `{"status":"ok","articles":[{"title":"A","content":"One."},{"title":"B","content":"Two."}]}`,
			want: []want{
				{source: "i.json#item 1", title: "A", body: "One.", lang: "en", conf: 0.5},
				{source: "i.json#item 2", title: "B", body: "Two.", lang: "en", conf: 0.5},
			},
		},
		{
			name: "a .txt that is really JSON is read as JSON",
			file: "j.txt",
			in:   "\n  {\"title\":\"T\",\n \"text\":\"Body.\"}\n",
			want: []want{{source: "j.txt", title: "T", body: "Body.", lang: "en", conf: 0.5}},
		},
		{
			name: "invalid JSON in a .json file",
			file: "k.json",
			in:   `{"title": "T", "text": }`,
			want: []want{{source: "k.json", err: "invalid JSON at byte"}},
		},
		{
			name: "text that only starts like JSON is read as text",
			file: "l.txt",
			in:   "[Photo] The ministers met on Tuesday.",
			want: []want{{source: "l.txt", body: "[Photo] The ministers met on Tuesday.", lang: "en", conf: 0.5}},
		},
		{
			name: "a scalar is not an article",
			file: "m.json",
			in:   `"just a string"`,
			want: []want{{source: "m.json", err: "not a JSON object"}},
		},
		{
			name: "empty array",
			file: "n.json",
			in:   `[]`,
			want: []want{{source: "n.json", err: "empty JSON array"}},
		},
		{
			name: "null body counts as no text",
			file: "o.json",
			in:   `{"title":"T","text":null}`,
			want: []want{{source: "o.json", err: "no article text"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := Decode(context.Background(), tc.file, []byte(tc.in), testOptions())
			if len(res) != len(tc.want) {
				t.Fatalf("got %d results, want %d: %+v", len(res), len(tc.want), res)
			}
			for i, w := range tc.want {
				r := res[i]
				checkResult(t, r)
				if w.err != "" {
					if r.Err == nil || !strings.Contains(reasonOf(r.Err), w.err) || sourceOf(r.Err) != w.source {
						t.Errorf("item %d: got %v, want error %q at %s", i, r.Err, w.err, w.source)
					}
					continue
				}
				if r.Err != nil {
					t.Errorf("item %d: unexpected error %v", i, r.Err)
					continue
				}
				a := r.Article
				type fields struct {
					source, title, body, url, published, lang, outlet string
					conf                                              float64
				}
				got := fields{a.Source, a.Title, a.Body, a.URL, a.Published, a.Lang, a.Outlet, a.LangConfidence}
				exp := fields{w.source, w.title, w.body, w.url, w.published, w.lang, w.outlet, w.conf}
				if got != exp {
					t.Errorf("item %d:\n got %+v\nwant %+v", i, got, exp)
				}
				if a.Published != "" && a.PublishedFrom != DateFromMetadata {
					t.Errorf("published_from = %q", a.PublishedFrom)
				}
				for k, v := range w.extra {
					if string(a.Extra[k]) != v {
						t.Errorf("extra[%s] = %s, want %s", k, a.Extra[k], v)
					}
				}
				if len(a.Extra) != len(w.extra) {
					t.Errorf("extra = %v, want %v", a.Extra, w.extra)
				}
			}
		})
	}
}

func TestDecodeJSONL(t *testing.T) {
	in := strings.Join([]string{
		`{"title":"One","text":"First article.","lang":"en"}`,
		``,
		`{"title":"Two","text":"Second art`, // truncated
		`{"title":"Three","text":"نص المقال الثالث.","language":"ar"}`,
		"{\"title\":\"Four\",\"text\":\"bad \xff byte\"}",
		`not json at all`,
		`{"title":"Six","text":"Sixth article."}`,
	}, "\r\n") + "\n"
	for _, file := range []string{"a.jsonl", "a.ndjson", "noext", "a.txt"} {
		t.Run(file, func(t *testing.T) {
			res := Decode(context.Background(), file, []byte(in), testOptions())
			want := []struct{ source, title, err string }{
				{file + "#line 1", "One", ""},
				{file + "#line 3", "", "truncated JSON"},
				{file + "#line 4", "Three", ""},
				{file + "#line 5", "", "invalid UTF-8 at byte 28"},
				{file + "#line 6", "", "invalid JSON at byte"},
				{file + "#line 7", "Six", ""},
			}
			if len(res) != len(want) {
				t.Fatalf("got %d results, want %d: %+v", len(res), len(want), res)
			}
			for i, w := range want {
				checkResult(t, res[i])
				if w.err != "" {
					if !strings.Contains(reasonOf(res[i].Err), w.err) || sourceOf(res[i].Err) != w.source {
						t.Errorf("line %d: got %v, want %q at %s", i, res[i].Err, w.err, w.source)
					}
					continue
				}
				a := res[i].Article
				if a == nil || a.Source != w.source || a.Title != w.title || a.Format != FormatJSONL {
					t.Errorf("line %d: got %+v (%v), want %s %s", i, a, res[i].Err, w.source, w.title)
					continue
				}
				line := strings.TrimSuffix(strings.Split(in, "\r\n")[atoiLine(w.source)-1], "\n")
				if a.ContentHash != HashBytes([]byte(line)) {
					t.Errorf("line %d: content hash is not the hash of the line", i)
				}
			}
		})
	}
}

// atoiLine returns N from "...#line N".
func atoiLine(source string) int {
	n := 0
	for _, c := range source[strings.LastIndexByte(source, ' ')+1:] {
		n = n*10 + int(c-'0')
	}
	return n
}

func TestDecodeJSONFunc(t *testing.T) {
	a, err := DecodeJSON("api", []byte(`{"headline":"H","body":"B.","language":"fr-FR","extra_field":{"x":1}}`), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "H" || a.Body != "B." || a.Lang != "fr" || a.LangConfidence != 1 || a.Format != FormatJSON || a.Source != "api" {
		t.Errorf("got %+v", a)
	}
	if string(a.Extra["extra_field"]) != `{"x":1}` {
		t.Errorf("extra kept as %s", a.Extra["extra_field"])
	}
	for _, bad := range []string{`{"title":"no body"}`, `[1,2]`, `{"text":`, "{\"text\":\"\xff\"}", ``} {
		a, err := DecodeJSON("api", []byte(bad), testOptions())
		if a != nil || err == nil {
			t.Errorf("%q: got %+v, %v; want an error", bad, a, err)
			continue
		}
		if _, ok := err.(*InputError); !ok || sourceOf(err) != "api" {
			t.Errorf("%q: error %T %v does not name the input", bad, err, err)
		}
	}
	big := `{"text":"` + strings.Repeat("a", 2048) + `"}`
	if _, err := DecodeJSON("api", []byte(big), Options{MaxItemBytes: 1024}); err == nil || !strings.Contains(err.Error(), "too large") {
		t.Errorf("oversized object: %v", err)
	}
}

func TestParseDate(t *testing.T) {
	d := newDecoder(Options{}.withDefaults())
	tests := []struct{ in, want string }{
		{"2021-02-17", "2021-02-17"},
		{"2021-02-17T23:30:00-05:00", "2021-02-17"}, // the date as written, not converted to UTC
		{"2021-02-17T01:30:00+03:00", "2021-02-17"},
		{"2021-02-17 10:00:00", "2021-02-17"},
		{"Wed, 17 Feb 2021 10:00:00 +0300", "2021-02-17"},
		{"Wed, 17 Feb 2021 10:00:00 GMT", "2021-02-17"},
		{"17 Feb 2021 10:00:00 +0300", "2021-02-17"},
		{"February 17, 2021", "2021-02-17"},
		{"Feb 17, 2021", "2021-02-17"},
		{"17 February 2021", "2021-02-17"},
		{"2021/02/17", "2021-02-17"},
		{"20210217", "2021-02-17"},
		{"1613556000", "2021-02-17"},
		{"1613556000000", "2021-02-17"},
		{"٢٠٢١-٠٢-١٧", "2021-02-17"},
		{"17 حزيران 2021", "2021-06-17"},
		{"١٧ حزيران ٢٠٢١", "2021-06-17"},
		{"17 يونيو 2021", "2021-06-17"},
		{"3 mars 2021", "2021-03-03"},
		{"21 de febrero de 2024", "2024-02-21"},
		{"March 3, 2021", "2021-03-03"},
		// Incomplete or not dates: never completed from today.
		{"March 3", ""},
		{"حزيران", ""},
		{"2021", ""},
		{"yesterday", ""},
		{"2 days ago", ""},
		{"0001-01-01T00:00:00Z", ""},
		{"2021-13-45", ""},
		{"", ""},
		{"soon", ""},
	}
	for _, tc := range tests {
		if got := d.parseDate(tc.in); got != tc.want {
			t.Errorf("parseDate(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := d.jsonDate(json.RawMessage(`1613556000`)); got != "2021-02-17" {
		t.Errorf("jsonDate(number) = %q", got)
	}
}

func TestNormaliseLang(t *testing.T) {
	tests := []struct{ in, want string }{
		{"en", "en"}, {"en-US", "en"}, {"en_GB", "en"}, {"EN", "en"}, {"ar-JO", "ar"}, {"ara", "ar"},
		{"arb", "ar"}, {"eng", "en"}, {"fra", "fr"}, {"fre", "fr"}, {"iw", "he"}, {"zh-Hant", "zh"},
		{"Arabic", "ar"}, {"arabic", "ar"}, {"English", "en"}, {"French", "fr"}, {"العربية", "ar"},
		{"français", "fr"}, {"Español", "es"}, {"Deutsch", "de"}, {"русский", "ru"}, {"Türkçe", "tr"},
		{"en-US,en;q=0.9", "en"}, {"Arabic (Jordan)", "ar"},
		{"", ""}, {"und", ""}, {"mul", ""}, {"xx", ""}, {"zz-unknown", ""}, {"not a language", ""},
	}
	for _, tc := range tests {
		if got := normaliseLang(tc.in); got != tc.want {
			t.Errorf("normaliseLang(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
