package ingest

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"math/rand/v2"
	"path/filepath"
	"runtime/metrics"
	"strings"
	"testing"
)

// benchWords is the vocabulary of the generated benchmark articles.
var benchWords = strings.Fields(`the foreign minister said on tuesday that talks with his counterpart in amman
covered trade energy water refugees and the situation in the region both sides agreed to continue
consultations and to expand cooperation a joint committee will meet next month in the capital to prepare
projects officials added that the visit was the first since the new government took office delegation
statement ministry border security aid reconstruction agreement economic political meeting summit`)

// benchArticle returns an article of about size bytes: a title line, a dateline and paragraphs.
func benchArticle(r *rand.Rand, size int) (title, body string) {
	var b strings.Builder
	b.WriteString("AMMAN — ")
	for b.Len() < size {
		for range 4 + r.IntN(3) { // sentences per paragraph
			n := 12 + r.IntN(14)
			for i := range n {
				w := benchWords[r.IntN(len(benchWords))]
				if i == 0 {
					w = strings.ToUpper(w[:1]) + w[1:]
				}
				b.WriteString(w)
				if i < n-1 {
					b.WriteByte(' ')
				}
			}
			b.WriteString(". ")
		}
		b.WriteString("\n\n")
	}
	return fmt.Sprintf("Ministers discuss cooperation %d", r.IntN(1e6)), strings.TrimSpace(b.String())
}

func benchText(r *rand.Rand) []byte {
	title, body := benchArticle(r, 3000)
	return []byte("date 2021-02-17\n" + title + "\n\n" + body + "\n\nPetra\n")
}

func benchJSONL(r *rand.Rand, n int) []byte {
	var b bytes.Buffer
	for range n {
		title, body := benchArticle(r, 3000)
		fmt.Fprintf(&b, `{"title":%q,"text":%q,"date":"2021-02-17T10:00:00+03:00","language":"en","source":"Levant Wire","tags":["a","b"]}`+"\n", title, body)
	}
	return b.Bytes()
}

func benchHTML(r *rand.Rand) []byte {
	title, body := benchArticle(r, 3000)
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example"><meta property="article:published_time" content="2021-02-17T09:00:00+02:00">
<script>var x = 1;</script></head><body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>%s</h1>`, html.EscapeString(title), html.EscapeString(title))
	for _, p := range strings.Split(body, "\n\n") {
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(p))
	}
	b.WriteString(`</article><footer>Copyright The Daily Example</footer></body></html>`)
	return []byte(b.String())
}

// BenchmarkDecode measures Decode on one goroutine (so articles/s is per core) for generated
// articles of about 3 KB, with no language identifier (Options.Identify adds its own cost).
func BenchmarkDecode(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	const jsonlLines = 100
	inputs := []struct {
		name     string
		file     string
		data     [][]byte
		articles int // per input
	}{
		{"text", "a.txt", nil, 1},
		{"jsonl", "a.jsonl", nil, jsonlLines},
		{"html", "a.html", nil, 1},
	}
	for i := range 16 {
		_ = i
		inputs[0].data = append(inputs[0].data, benchText(r))
		inputs[2].data = append(inputs[2].data, benchHTML(r))
	}
	inputs[1].data = [][]byte{benchJSONL(r, jsonlLines), benchJSONL(r, jsonlLines)}
	opts := Options{}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			ctx := context.Background()
			b.SetBytes(int64(len(in.data[0])))
			b.ReportAllocs()
			n := 0
			for i := 0; b.Loop(); i++ {
				res := Decode(ctx, in.file, in.data[i%len(in.data)], opts)
				if len(res) != in.articles || res[0].Err != nil {
					b.Fatalf("got %d results: %+v", len(res), res[0])
				}
				n += len(res)
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}

// BenchmarkRead measures the whole reader — walking, reading, parallel parsing, ordered emission —
// over files on disk, with Workers = GOMAXPROCS. It reports articles/s and the largest live heap
// seen (peak-live-MB), which stays flat however many articles pass.
func BenchmarkRead(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	dir := b.TempDir()
	for i := range 200 {
		writeFile(b, dir, fmt.Sprintf("text/%03d.txt", i), benchText(r))
	}
	writeFile(b, dir, "jsonl/a.jsonl", benchJSONL(r, 2000))
	for _, tc := range []struct{ name, path string }{
		{"text-files", filepath.Join(dir, "text")},
		{"jsonl-stream", filepath.Join(dir, "jsonl")},
	} {
		b.Run(tc.name, func(b *testing.B) {
			sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
			var peak uint64
			n := 0
			for b.Loop() {
				err := Read(context.Background(), []string{tc.path}, Options{}, func(res Result) error {
					if res.Err != nil {
						return res.Err
					}
					if n++; n%256 == 0 {
						metrics.Read(sample)
						peak = max(peak, sample[0].Value.Uint64())
					}
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
			b.ReportMetric(float64(peak)/(1<<20), "peak-live-MB")
		})
	}
}
