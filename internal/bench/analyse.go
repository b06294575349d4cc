package bench

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"time"

	"storyline/internal/analyse"
	"storyline/internal/events"
	"storyline/internal/ingest"
)

// AnalyseFigures are the measurements of analysis and event extraction for one language, on one
// goroutine (so the rates are per core).
type AnalyseFigures struct {
	Lang             string  `json:"lang"`
	Articles         int     `json:"articles"`
	MeanBytes        int     `json:"mean_bytes"`
	AnalysePerSecond float64 `json:"analyse_articles_per_second_per_core"`
	EventsPerSecond  float64 `json:"events_articles_per_second_per_core"`
	AllocMBPerArt    float64 `json:"alloc_mb_per_article"`
	PeakHeapMB       float64 `json:"peak_heap_mb"`
	Entities         float64 `json:"entities_per_article"`
	Events           float64 `json:"events_per_article"`
}

// RunAnalyse analyses n articles of about 3 KB per language (en, ar) on one goroutine, then
// extracts their events, and reports articles per second per core for each stage, allocation per
// article and the peak live heap. The articles are made from the real-language articles of the
// input folder (the repository's examples/ by default): consecutive articles of a language are
// joined until they reach 3 KB. The embedded data is loaded before the clock starts.
func RunAnalyse(ctx context.Context, input string, n int) ([]AnalyseFigures, error) {
	if n <= 0 {
		return nil, fmt.Errorf("bench analyse: need a positive number of articles, got %d", n)
	}
	an := analyse.New(analyse.Options{})
	x := events.NewExtractor()
	var out []AnalyseFigures
	for _, lang := range []string{"en", "ar"} {
		arts, err := sampleTexts(ctx, input, lang, n)
		if err != nil {
			return nil, err
		}
		// Warm up: load the embedded data outside the clock.
		if _, err := an.Analyse(ctx, arts[0]); err != nil {
			return nil, err
		}
		f := AnalyseFigures{Lang: lang, Articles: len(arts)}
		for _, a := range arts {
			f.MeanBytes += len(a.Title) + len(a.Body)
		}
		f.MeanBytes /= len(arts)
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		peak := startHeapSampler()
		start := time.Now()
		results := make([]analyse.Analysis, len(arts))
		for i, a := range arts {
			r, err := an.Analyse(ctx, a)
			if err != nil {
				peak()
				return nil, fmt.Errorf("bench analyse %s: %w", a.ID, err)
			}
			results[i] = r
			f.Entities += float64(len(r.Entities))
		}
		elapsed := time.Since(start)
		runtime.ReadMemStats(&after)
		f.PeakHeapMB = float64(peak()) / (1 << 20)
		f.AnalysePerSecond = float64(len(arts)) / elapsed.Seconds()
		f.AllocMBPerArt = float64(after.TotalAlloc-before.TotalAlloc) / float64(len(arts)) / (1 << 20)
		start = time.Now()
		for i, a := range arts {
			f.Events += float64(len(x.Extract(a, results[i])))
		}
		f.EventsPerSecond = float64(len(arts)) / time.Since(start).Seconds()
		f.Entities /= float64(len(arts))
		f.Events /= float64(len(arts))
		out = append(out, f)
	}
	return out, nil
}

// sampleTexts returns n articles of about 3 KB in lang, each joining consecutive articles of lang
// read from input (cycling through them, each article with its own variant number).
func sampleTexts(ctx context.Context, input, lang string, n int) ([]ingest.Article, error) {
	var src []ingest.Article
	err := ingest.Read(ctx, []string{input}, ingest.Options{Identify: Identify}, func(r ingest.Result) error {
		if r.Err == nil && r.Article.Lang == lang {
			src = append(src, *r.Article)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(src) == 0 {
		return nil, fmt.Errorf("bench analyse: no %s articles in %s", lang, input)
	}
	out := make([]ingest.Article, 0, n)
	k := 0
	for len(out) < n {
		a := src[k%len(src)]
		k++
		for len(a.Body) < 3000 {
			a.Body += "\n\n" + src[k%len(src)].Body
			k++
		}
		a.Title = fmt.Sprintf("%s (%d)", a.Title, len(out))
		a.ID = ingest.ContentID(a.Title, a.Body)
		out = append(out, a)
	}
	return out, nil
}

// WriteAnalyseFigures prints figures as a table.
func WriteAnalyseFigures(w io.Writer, figs []AnalyseFigures) {
	fmt.Fprintf(w, "%-4s %8s %9s %16s %15s %12s %10s %9s %8s\n", "lang", "articles", "bytes", "analyse/s/core", "events/s/core", "alloc/art", "peak heap", "entities", "events")
	for _, f := range figs {
		fmt.Fprintf(w, "%-4s %8d %9d %16.0f %15.0f %9.2f MB %7.1f MB %9.1f %8.2f\n", f.Lang, f.Articles, f.MeanBytes,
			f.AnalysePerSecond, f.EventsPerSecond, f.AllocMBPerArt, f.PeakHeapMB, f.Entities, f.Events)
	}
}
