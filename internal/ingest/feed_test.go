package ingest

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

const rssFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>Example News</title>
<language>ar-jo</language>
<item>
<title>الوزيران يبحثان التعاون</title>
<link>https://news.example/1</link>
<guid>n-1</guid>
<pubDate>Wed, 17 Feb 2021 01:30:00 +0300</pubDate>
<description><![CDATA[<p>عمان - بحث الوزيران التعاون.</p><p>واتفقا على <b>مواصلة</b> التنسيق.</p>]]></description>
</item>
<item>
<title>Second &amp; last</title>
<link>https://news.example/2</link>
<dc:language>en</dc:language>
<description>Short summary only.</description>
<content:encoded><![CDATA[<p>Full text, first paragraph.</p><script>evil()</script><p>Second paragraph.</p>]]></content:encoded>
</item>
<item>
<title>No text</title>
<description></description>
</item>
</channel>
</rss>`

const atomFeed = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
<title>Exemple</title>
<entry>
<title type="html">Les ministres se r&#233;unissent</title>
<link href="https://exemple.example/1"/>
<id>urn:1</id>
<updated>2021-03-04T10:00:00Z</updated>
<content type="html">&lt;p&gt;PARIS — Les ministres se sont r&#233;unis jeudi.&lt;/p&gt;</content>
</entry>
</feed>`

func TestDecodeFeed(t *testing.T) {
	dirty := strings.Replace(rssFeed, "بحث الوزيران", "بحث\x01 الوزيران\x0b \xff", 1)
	dirty = strings.Replace(dirty, "Short summary", "Short\x00\x1f summary", 1)
	latin1, err := charmap.ISO8859_1.NewEncoder().String(strings.NewReplacer(`encoding="utf-8"`, `encoding="ISO-8859-1"`, "—", "-").Replace(atomFeed))
	if err != nil {
		t.Fatal(err)
	}
	latin1 = strings.ReplaceAll(latin1, "r&#233;uni", "r\xe9uni")
	type item struct{ source, title, body, lang, published, url, err string }
	rss := []item{
		{source: "f.rss#item 1", title: "الوزيران يبحثان التعاون", body: "عمان - بحث الوزيران التعاون.\n\nواتفقا على مواصلة التنسيق.", lang: "ar", published: "2021-02-17", url: "https://news.example/1"},
		{source: "f.rss#item 2", title: "Second & last", body: "Full text, first paragraph.\n\nSecond paragraph.", lang: "en", url: "https://news.example/2"},
		{source: "f.rss#item 3", err: "empty body"},
	}
	tests := []struct {
		name, file, in string
		format         string
		want           []item
	}{
		{"rss", "f.rss", rssFeed, FormatRSS, rss},
		{"rss with a .xml name", "f.xml", rssFeed, FormatRSS, nil},
		{"rss with a .txt name", "f.txt", rssFeed, FormatRSS, nil},
		{"atom", "a.atom", atomFeed, FormatAtom, []item{
			{source: "a.atom#item 1", title: "Les ministres se réunissent", body: "PARIS — Les ministres se sont réunis jeudi.", lang: "fr", published: "2021-03-04", url: "https://exemple.example/1"},
		}},
		{"atom in ISO-8859-1", "a.xml", latin1, FormatAtom, []item{
			{source: "a.xml#item 1", title: "Les ministres se réunissent", body: "PARIS - Les ministres se sont réunis jeudi.", lang: "fr", published: "2021-03-04", url: "https://exemple.example/1"},
		}},
		{"no items", "e.rss", `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>`, "", []item{
			{source: "e.rss", err: "feed has no items"},
		}},
		{"not a feed", "n.rss", `<?xml version="1.0"?><catalog><book>x</book></catalog>`, "", []item{
			{source: "n.rss", err: "not an RSS or Atom feed"},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := Decode(context.Background(), tc.file, []byte(tc.in), testOptions())
			want := tc.want
			if want == nil { // same items as the rss case, under this name
				for _, w := range rss {
					w.source = strings.Replace(w.source, "f.rss", tc.file, 1)
					want = append(want, w)
				}
			}
			if len(res) != len(want) {
				t.Fatalf("got %d results, want %d: %+v", len(res), len(want), res)
			}
			for i, w := range want {
				r := res[i]
				checkResult(t, r)
				if w.err != "" {
					if !strings.Contains(reasonOf(r.Err), w.err) || sourceOf(r.Err) != w.source {
						t.Errorf("item %d: got %v, want %q at %s", i, r.Err, w.err, w.source)
					}
					continue
				}
				if r.Err != nil {
					t.Fatalf("item %d: %v", i, r.Err)
				}
				a := r.Article
				got := item{a.Source, a.Title, a.Body, a.Lang, a.Published, a.URL, ""}
				if got != w {
					t.Errorf("item %d:\n got %+v\nwant %+v", i, got, w)
				}
				if a.Format != tc.format || a.LangConfidence != 1 {
					t.Errorf("item %d: format %q confidence %v", i, a.Format, a.LangConfidence)
				}
			}
		})
	}

	t.Run("illegal XML characters and invalid UTF-8 are cleaned", func(t *testing.T) {
		res := Decode(context.Background(), "d.rss", []byte(dirty), testOptions())
		if len(res) != 3 || res[0].Err != nil || res[1].Err != nil {
			t.Fatalf("got %+v", res)
		}
		for _, r := range res[:2] {
			checkResult(t, r)
			if strings.ContainsAny(r.Article.Body, "\x00\x01\x0b\x1f") {
				t.Errorf("control characters kept: %q", r.Article.Body)
			}
		}
		if !strings.Contains(res[0].Article.Body, "بحث الوزيران") || !strings.Contains(res[1].Article.Body, "Full text") {
			t.Errorf("text lost: %q / %q", res[0].Article.Body, res[1].Article.Body)
		}
	})

	t.Run("each item hashes its own bytes", func(t *testing.T) {
		res := Decode(context.Background(), "f.rss", []byte(rssFeed), testOptions())
		start := strings.Index(rssFeed, "<item>")
		end := strings.Index(rssFeed, "</item>") + len("</item>")
		if res[0].Article.ContentHash != HashBytes([]byte(rssFeed[start:end])) {
			t.Errorf("item 1 hash is not the hash of its <item> element")
		}
		if res[0].Article.ContentHash == res[1].Article.ContentHash {
			t.Errorf("two items share a content hash")
		}
	})
}

func TestCleanXML(t *testing.T) {
	in := []byte("a\x00b\x01c\td\ne\rf\xffg\uFFFEh\u00e9")
	got := cleanXML(in)
	if want := []byte("abc\td\ne\rf\uFFFDgh\u00e9"); !bytes.Equal(got, want) {
		t.Errorf("cleanXML = %q, want %q", got, want)
	}
	clean := []byte("already clean é")
	if got := cleanXML(clean); &got[0] != &clean[0] {
		t.Errorf("clean input was copied")
	}
}
