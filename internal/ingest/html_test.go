package ingest

import (
	"context"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

const articleHTML = `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Ministers agree on water cooperation | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="og:url" content="https://daily.example/2021/02/17/water">
<meta property="article:published_time" content="2021-02-17T09:00:00+02:00">
<script>var tracking = "SCRIPT-CONTENT-MUST-NOT-APPEAR";</script>
<style>body { color: red; }</style>
</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article>
<h1>Ministers agree on water cooperation</h1>
<p>AMMAN — The foreign ministers of the two countries agreed on Wednesday to expand cooperation on water and energy, officials said after talks in the capital.</p>
<p>The ministers also discussed the situation in the region and ways to support refugees, according to a joint statement issued after the meeting.</p>
<p>A joint committee will meet next month to prepare the projects and to set a timetable for their implementation.</p>
</article>
<footer>Copyright 2021 The Daily Example</footer>
<script>document.write("SCRIPT-CONTENT-MUST-NOT-APPEAR")</script>
</body>
</html>`

const arabicHTML = `<html><head><meta charset="windows-1256"><title>الوزيران يبحثان التعاون</title></head><body><article>
<h1>الوزيران يبحثان التعاون</h1>
<p>عمان - بحث وزيرا خارجية البلدين اليوم سبل تعزيز التعاون الثنائي في مجالات المياه والطاقة والتجارة، والتطورات الإقليمية الراهنة.</p>
<p>وأكد الوزيران خلال مؤتمر صحفي مشترك أهمية مواصلة التنسيق والتشاور إزاء مختلف القضايا ذات الاهتمام المشترك، واتفقا على عقد اجتماع للجنة المشتركة الشهر المقبل.</p>
</article></body></html>`

func TestDecodeHTML(t *testing.T) {
	win1256, err := charmap.Windows1256.NewEncoder().String(arabicHTML)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, file, in                      string
		title, lang, published, outlet, url string
		conf                                float64
		bodyHas                             []string
		err                                 string
	}{
		{
			name: "article page", file: "a.html", in: articleHTML,
			title: "Ministers agree on water cooperation", lang: "en", conf: 1, published: "2021-02-17",
			outlet: "The Daily Example", url: "https://daily.example/2021/02/17/water",
			bodyHas: []string{"AMMAN — The foreign ministers", "capital.\n\nThe ministers also"},
		},
		{
			name: "HTML content in a .txt file is read as HTML", file: "a.txt", in: articleHTML,
			title: "Ministers agree on water cooperation", lang: "en", conf: 1, published: "2021-02-17",
			outlet: "The Daily Example", url: "https://daily.example/2021/02/17/water",
			bodyHas: []string{"AMMAN — The foreign ministers"},
		},
		{
			name: "windows-1256 page without a declared language", file: "b.htm", in: win1256,
			title: "الوزيران يبحثان التعاون", lang: "ar", conf: 0.5,
			bodyHas: []string{"عمان - بحث وزيرا خارجية البلدين"},
		},
		{
			name: "no article text", file: "c.html",
			in:  `<html><head><title>Home</title></head><body><nav><a href="/">Home</a> <a href="/x">X</a></nav></body></html>`,
			err: "no article text found",
		},
		{
			name: "only scripts", file: "d.html",
			in:  `<html><body><script>` + strings.Repeat("var a = 1;\n", 20000) + `</script></body></html>`,
			err: "no article text found",
		},
		{
			name: "nesting deeper than the parser allows", file: "e.html",
			in:  "<html><body>" + strings.Repeat("<div>", 100000) + "text" + "</body></html>",
			err: "unparsable HTML",
		},
		{
			name: "invalid UTF-8 in a page that declares no charset", file: "f.html",
			in:  "<html><body><p>caf\xe9 au lait</p></body></html>",
			err: "invalid UTF-8 at byte 18",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := Decode(context.Background(), tc.file, []byte(tc.in), testOptions())
			if len(res) != 1 {
				t.Fatalf("got %d results", len(res))
			}
			r := res[0]
			checkResult(t, r)
			if tc.err != "" {
				if r.Err == nil || !strings.Contains(reasonOf(r.Err), tc.err) || sourceOf(r.Err) != tc.file {
					t.Fatalf("got %v (%+v), want error %q", r.Err, r.Article, tc.err)
				}
				return
			}
			if r.Err != nil {
				t.Fatal(r.Err)
			}
			a := r.Article
			if a.Format != FormatHTML || a.Title != tc.title || a.Lang != tc.lang || a.LangConfidence != tc.conf ||
				a.Published != tc.published || a.Outlet != tc.outlet || a.URL != tc.url {
				t.Errorf("got format %q title %q lang %q/%v published %q outlet %q url %q", a.Format, a.Title, a.Lang,
					a.LangConfidence, a.Published, a.Outlet, a.URL)
			}
			for _, s := range tc.bodyHas {
				if !strings.Contains(a.Body, s) {
					t.Errorf("body lacks %q:\n%s", s, a.Body)
				}
			}
			for _, s := range []string{"SCRIPT-CONTENT", "Home", "Copyright", "color: red"} {
				if strings.Contains(a.Body, s) {
					t.Errorf("body keeps page furniture %q:\n%s", s, a.Body)
				}
			}
			if strings.HasPrefix(a.Body, a.Title) {
				t.Errorf("title repeated at the start of the body")
			}
			if a.ContentHash != HashBytes([]byte(tc.in)) {
				t.Errorf("content hash is not the hash of the page")
			}
		})
	}
}

// Hostile markup must end, with an article or a named error, and never panic.
func TestDecodeHTMLHostile(t *testing.T) {
	para := "<p>The ministers met on Tuesday to discuss cooperation in trade, energy and water, and the situation in the region.</p>"
	inputs := map[string]string{
		"unclosed formatting": "<html><body>" + strings.Repeat("<b><i><u>", 20000) + para + "</body></html>",
		"many paragraphs":     "<html><body><article>" + strings.Repeat(para, 5000) + "</article></body></html>",
		"unclosed tables":     "<html><body>" + strings.Repeat("<table><tr><td>", 3000) + para,
		"huge attribute":      `<html><body><div class="` + strings.Repeat("x", 1<<20) + `">` + para + "</div></body></html>",
		"broken comment":      "<html><body><!-- " + para,
		"iframes and svg":     "<html><body>" + strings.Repeat("<iframe><svg><math>", 1000) + para,
		"entities":            "<html><body><p>" + strings.Repeat("&amp;&#x1F600;&#0;&#xD800;&bogus;", 10000) + "</p></body></html>",
	}
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			for _, r := range Decode(context.Background(), "h.html", []byte(in), testOptions()) {
				checkResult(t, r)
			}
		})
	}
}
