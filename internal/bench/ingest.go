// Package bench measures Storyline's whole pipeline on synthetic input that it generates itself:
// `storyline bench ingest` and `storyline bench link` report throughput, latency and memory.
package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"storyline/internal/ingest"
	"storyline/internal/ingest/langid"
	"storyline/internal/pipeline"
	"storyline/internal/store/sqlite"
)

// Input formats RunIngest can generate.
const (
	FormatText  = "text"
	FormatJSONL = "jsonl"
	FormatHTML  = "html"
)

// IngestFigures are the measurements of one ingest run.
type IngestFigures struct {
	Format        string  `json:"format"`
	Articles      int     `json:"articles"`
	ArticleBytes  int     `json:"article_bytes"` // mean body size
	Seconds       float64 `json:"seconds"`
	PerSecond     float64 `json:"articles_per_second"`
	PerSecondCore float64 `json:"articles_per_second_per_core"` // articles/s divided by the cores
	// CPUSeconds is the CPU time the process used (user and system, all goroutines, the garbage
	// collector included) and PerCPUSecond the articles per CPU second: the cost of an article
	// whether or not the stages kept every core busy.
	CPUSeconds     float64 `json:"cpu_seconds"`
	PerCPUSecond   float64 `json:"articles_per_cpu_second"`
	Cores          int     `json:"cores"`
	PeakHeapMB     float64 `json:"peak_heap_mb"`
	StoredArticles int     `json:"stored"`
}

// IngestOptions configure RunIngest.
type IngestOptions struct {
	Articles int      // articles per format
	Formats  []string // default: text, jsonl, html
	Dir      string   // scratch directory; default a new temporary one, removed afterwards
	Seed     uint64
}

// RunIngest generates Articles synthetic ~3 KB articles per format, ingests them through the
// pipeline (reading, language identification, SQLite store) into a fresh store, and reports
// throughput and the peak Go heap during the run. The generated input is written before the clock
// starts.
func RunIngest(ctx context.Context, opts IngestOptions) ([]IngestFigures, error) {
	if opts.Articles <= 0 {
		return nil, fmt.Errorf("bench ingest: need a positive number of articles, got %d", opts.Articles)
	}
	if len(opts.Formats) == 0 {
		opts.Formats = []string{FormatText, FormatJSONL, FormatHTML}
	}
	dir := opts.Dir
	if dir == "" {
		d, err := os.MkdirTemp("", "storyline-bench-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(d)
		dir = d
	}
	var out []IngestFigures
	for _, format := range opts.Formats {
		f, err := runIngestFormat(ctx, dir, format, opts)
		if err != nil {
			return out, err
		}
		out = append(out, f)
	}
	return out, nil
}

func runIngestFormat(ctx context.Context, dir, format string, opts IngestOptions) (IngestFigures, error) {
	in := filepath.Join(dir, format)
	if err := os.MkdirAll(in, 0o755); err != nil {
		return IngestFigures{}, err
	}
	size, err := WriteInput(in, format, opts.Articles, opts.Seed)
	if err != nil {
		return IngestFigures{}, fmt.Errorf("bench ingest: generate %s input: %w", format, err)
	}
	dbPath := filepath.Join(dir, format+".db")
	st, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		return IngestFigures{}, err
	}
	defer st.Close()
	runtime.GC()
	peak := startHeapSampler()
	start, cpu0 := time.Now(), cpuTime()
	sum, err := pipeline.Ingest(ctx, []string{in}, st, pipeline.Options{Read: ingest.Options{Identify: Identify}})
	elapsed, cpu := time.Since(start), (cpuTime() - cpu0).Seconds()
	peakBytes := peak()
	if err != nil {
		return IngestFigures{}, fmt.Errorf("bench ingest %s: %w", format, err)
	}
	if sum.Failed > 0 {
		return IngestFigures{}, fmt.Errorf("bench ingest %s: %d inputs failed, first: %v", format, sum.Failed, sum.Failures[0])
	}
	cores := runtime.GOMAXPROCS(0)
	rate := float64(sum.Read) / elapsed.Seconds()
	perCPU := 0.0
	if cpu > 0 {
		perCPU = float64(sum.Read) / cpu
	}
	return IngestFigures{
		PerCPUSecond: perCPU,
		Format:       format, Articles: sum.Read, ArticleBytes: size / max(opts.Articles, 1), Seconds: elapsed.Seconds(),
		PerSecond: rate, PerSecondCore: rate / float64(cores), Cores: cores, CPUSeconds: cpu,
		PeakHeapMB: float64(peakBytes) / (1 << 20), StoredArticles: sum.New,
	}, nil
}

// Identify is the language identification the CLI uses, in the form ingest.Options wants.
func Identify(text string) (string, float64) {
	r := langid.Detect(text)
	return r.Lang, r.Confidence
}

// startHeapSampler samples the live heap every few milliseconds until the returned function is
// called, which returns the peak seen.
func startHeapSampler() func() uint64 {
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			if v := s[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		wg.Wait()
		return peak.Load()
	}
}

// WriteInput writes n synthetic articles in format into dir and returns the total body bytes.
func WriteInput(dir, format string, n int, seed uint64) (int, error) {
	g := NewTextGen(seed)
	total := 0
	switch format {
	case FormatText:
		for i := 0; i < n; i++ {
			a := g.Article(i)
			total += len(a.Body)
			text := fmt.Sprintf("date %s\n%s\n\n%s\n", a.Published, a.Title, a.Body)
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%07d.txt", i)), []byte(text), 0o644); err != nil {
				return 0, err
			}
		}
	case FormatJSONL:
		f, err := os.Create(filepath.Join(dir, "stream.jsonl"))
		if err != nil {
			return 0, err
		}
		enc := json.NewEncoder(f)
		for i := 0; i < n; i++ {
			a := g.Article(i)
			total += len(a.Body)
			if err := enc.Encode(map[string]string{"title": a.Title, "text": a.Body, "date": a.Published,
				"url": fmt.Sprintf("https://news.example/%d", i), "language": a.Lang}); err != nil {
				f.Close()
				return 0, err
			}
		}
		if err := f.Close(); err != nil {
			return 0, err
		}
	case FormatHTML:
		for i := 0; i < n; i++ {
			a := g.Article(i)
			total += len(a.Body)
			var b strings.Builder
			fmt.Fprintf(&b, "<!doctype html><html lang=%q><head><meta charset=utf-8><title>%s</title>"+
				`<meta property="article:published_time" content="%s"></head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>%s</h1>`,
				a.Lang, html.EscapeString(a.Title), a.Published, html.EscapeString(a.Title))
			for _, p := range strings.Split(a.Body, "\n\n") {
				fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(p))
			}
			b.WriteString("</article><footer>© News Example</footer></body></html>\n")
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%07d.html", i)), []byte(b.String()), 0o644); err != nil {
				return 0, err
			}
		}
	default:
		return 0, fmt.Errorf("unknown format %q (want text, jsonl or html)", format)
	}
	return total, nil
}

// WriteIngestFigures prints figures as a table.
func WriteIngestFigures(w io.Writer, figs []IngestFigures) {
	fmt.Fprintf(w, "%-6s %9s %8s %10s %14s %12s %16s %12s\n", "format", "articles", "seconds", "articles/s", "per core", "CPU seconds", "per CPU second", "peak heap")
	for _, f := range figs {
		fmt.Fprintf(w, "%-6s %9d %8.2f %10.0f %14.0f %12.2f %16.0f %9.1f MB\n", f.Format, f.Articles, f.Seconds, f.PerSecond, f.PerSecondCore,
			f.CPUSeconds, f.PerCPUSecond, f.PeakHeapMB)
	}
}

// TextGen generates deterministic synthetic news articles of about 3 KB.
type TextGen struct {
	rng *rand.Rand
}

// NewTextGen returns a generator seeded with seed.
func NewTextGen(seed uint64) *TextGen {
	return &TextGen{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

// SynthArticle is one generated article.
type SynthArticle struct {
	Title, Body, Lang, Published string
}

var (
	genPeople  = []string{"Anna Berg", "Omar Haddad", "Li Wei", "Carlos Mendes", "Fatima Zahra", "John Carter", "Elena Petrova", "Yusuf Demir"}
	genRoles   = []string{"Foreign Minister", "President", "Prime Minister", "Defence Minister", "envoy", "spokesperson"}
	genPlaces  = []string{"Amman", "Cairo", "Geneva", "Moscow", "Ankara", "Paris", "Doha", "Beirut", "Baghdad", "Rome"}
	genNations = []string{"Jordanian", "Egyptian", "Swiss", "Russian", "Turkish", "French", "Qatari", "Lebanese", "Iraqi", "Italian"}
	genTopics  = []string{"trade", "the ceasefire", "refugees", "energy prices", "water sharing", "border security", "humanitarian aid", "reconstruction"}
	genVerbs   = []string{"discussed", "reviewed", "stressed the importance of", "agreed to continue talks on", "called for progress on", "welcomed steps on"}
)

// Article returns the i-th article of the stream.
func (g *TextGen) Article(i int) SynthArticle {
	pick := func(xs []string) string { return xs[g.rng.IntN(len(xs))] }
	a, b := pick(genPeople), pick(genPeople)
	place, nation := pick(genPlaces), pick(genNations)
	title := fmt.Sprintf("%s and %s meet in %s over %s (%d)", a, b, place, pick(genTopics), i)
	var body strings.Builder
	fmt.Fprintf(&body, "%s — %s %s %s on Tuesday with %s, according to a statement.", strings.ToUpper(place), nation, pick(genRoles), a, b)
	for body.Len() < 3000 {
		if g.rng.IntN(4) == 0 {
			body.WriteString("\n\n")
		} else {
			body.WriteByte(' ')
		}
		fmt.Fprintf(&body, "%s %s %s with officials from %s, and said the %s %s would meet again in %s.",
			pick(genPeople), pick(genVerbs), pick(genTopics), pick(genPlaces), nation, pick(genRoles), pick(genPlaces))
	}
	day := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, g.rng.IntN(1500))
	return SynthArticle{Title: title, Body: body.String(), Lang: "en", Published: day.Format("2006-01-02")}
}
