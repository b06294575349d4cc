// Package pipeline runs Storyline's stages over a stream of inputs and writes what they produce to
// a store, one transaction per batch. It is the only place where the stages meet; the CLI, the
// HTTP server, the evaluator and the benchmarks all ingest through it.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"sort"
	"sync"
	"time"

	"storyline/internal/ingest"
	"storyline/internal/store"
)

// DefaultBatchSize is the number of articles written per transaction.
const DefaultBatchSize = 256

// maxBatchBytes bounds the text held in one batch, so that memory stays flat whatever the input.
const maxBatchBytes = 32 << 20

// maxFailuresKept bounds the failures a Summary lists; the count goes on.
const maxFailuresKept = 1000

// Options configure an ingest run.
type Options struct {
	Read      ingest.Options
	BatchSize int
	Logger    *slog.Logger
	// Progress, when set, is called after every batch with the running totals.
	Progress func(Summary)
	// Stages analyse, extract events from and link the new articles; nil stores articles only.
	Stages *Stages
	// LinkMode says how linking waits for other workers sharing the store (LinkWait by default).
	LinkMode LinkMode
}

// Failure is one input that could not be ingested.
type Failure struct {
	Source string `json:"source"`
	Reason string `json:"reason"`
}

// Summary counts what an ingest run did.
type Summary struct {
	Read       int            `json:"read"`
	New        int            `json:"new"`
	Duplicates int            `json:"duplicates"`
	Failed     int            `json:"failed"`
	Failures   []Failure      `json:"failures,omitempty"`
	Languages  map[string]int `json:"languages"`     // articles read per language
	NewByLang  map[string]int `json:"new_languages"` // new articles per language
	Analysed   int            `json:"analysed"`
	Linked     int            `json:"linked"`
	// LinkReloads counts the times linking reloaded the state because another worker sharing the
	// store had linked articles meanwhile.
	LinkReloads int `json:"link_reloads,omitempty"`
	// LinkWait and LinkReload are the time linking spent waiting for the store's linking lock and
	// reloading the state (nanoseconds in JSON).
	LinkWait   time.Duration `json:"link_wait_ns,omitempty"`
	LinkReload time.Duration `json:"link_reload_ns,omitempty"`
	Events     int           `json:"events"`
}

// Ingest reads paths and writes every article to w, in batches of one transaction each. A bad
// input is recorded in the summary and never stops the run; Ingest returns an error only when the
// context ends or the store fails, and then the summary says what had landed.
func Ingest(ctx context.Context, paths []string, st store.Store, opts Options) (Summary, error) {
	sum := Summary{Languages: map[string]int{}, NewByLang: map[string]int{}}
	size := opts.BatchSize
	if size <= 0 {
		size = DefaultBatchSize
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	var linker *Linker
	if opts.Stages != nil {
		var err error
		if linker, err = OpenLinker(ctx, st); err != nil {
			return sum, fmt.Errorf("open linking state: %w", err)
		}
		linker.SetMode(opts.LinkMode)
		// Articles stored by an interrupted run are linked first.
		n, err := linker.LinkPending(ctx)
		if err != nil {
			return sum, fmt.Errorf("link pending articles: %w", err)
		}
		sum.Linked += n
	}
	// One writer goroutine writes the batches in order while the next one is read, so that
	// reading and writing overlap; it takes one batch at a time, which bounds memory. The reader
	// owns Read, Languages and the read failures; the writer adds each batch's own summary; mu
	// guards both and the writer's error.
	var (
		mu      sync.Mutex
		werr    error
		batches = make(chan []ingest.Article)
		wdone   = make(chan struct{})
	)
	go func() {
		defer close(wdone)
		for b := range batches {
			mu.Lock()
			failed := werr != nil
			mu.Unlock()
			if failed {
				continue // drain: the reader stops at its next article
			}
			bs := Summary{NewByLang: map[string]int{}}
			_, err := WriteBatch(ctx, st, opts.Stages, linker, b, &bs, log)
			mu.Lock()
			sum.add(bs)
			if err != nil {
				werr = err
			}
			var snap Summary
			if err == nil && opts.Progress != nil {
				snap = sum.clone()
			}
			mu.Unlock()
			if err != nil {
				continue
			}
			log.Debug("batch written", "articles", len(b))
			if opts.Progress != nil {
				opts.Progress(snap)
			}
		}
	}()
	var batch []ingest.Article
	batchBytes := 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		select {
		case batches <- batch:
		case <-ctx.Done():
			return ctx.Err()
		}
		batch, batchBytes = nil, 0
		return nil
	}
	err := ingest.Read(ctx, paths, opts.Read, func(r ingest.Result) error {
		mu.Lock()
		defer mu.Unlock()
		if werr != nil {
			return werr
		}
		if r.Err != nil {
			sum.Failed++
			if len(sum.Failures) < maxFailuresKept {
				sum.Failures = append(sum.Failures, failure(r.Err))
			}
			log.Info("input failed", "error", r.Err)
			return nil
		}
		sum.Read++
		sum.Languages[r.Article.Lang]++
		batch = append(batch, *r.Article)
		batchBytes += len(r.Article.Body) + len(r.Article.Title)
		if len(batch) >= size || batchBytes >= maxBatchBytes {
			mu.Unlock()
			err := flush()
			mu.Lock()
			return err
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	close(batches)
	<-wdone
	if werr != nil && (err == nil || errors.Is(err, werr)) {
		err = werr
	}
	if err == nil && linker != nil && opts.LinkMode == LinkDrain {
		// What other workers were linking meanwhile may have left some of ours: link the rest.
		var n int
		n, err = linker.LinkPending(ctx)
		sum.Linked += n
	}
	if linker != nil {
		sum.LinkReloads = linker.Reloads()
		sum.LinkWait, sum.LinkReload = linker.LinkTimes()
	}
	return sum, err
}

// add counts what one batch's WriteBatch did into s.
func (s *Summary) add(b Summary) {
	s.New += b.New
	s.Duplicates += b.Duplicates
	s.Failed += b.Failed
	for _, f := range b.Failures {
		if len(s.Failures) < maxFailuresKept {
			s.Failures = append(s.Failures, f)
		}
	}
	for l, n := range b.NewByLang {
		s.NewByLang[l] += n
	}
	s.Analysed += b.Analysed
	s.Linked += b.Linked
	s.Events += b.Events
}

// clone returns a copy of s sharing nothing with it.
func (s Summary) clone() Summary {
	s.Failures = slices.Clone(s.Failures)
	s.Languages = maps.Clone(s.Languages)
	s.NewByLang = maps.Clone(s.NewByLang)
	return s
}

func failure(err error) Failure {
	var ie *ingest.InputError
	if errors.As(err, &ie) {
		reason := ie.Reason
		if ie.Err != nil {
			reason += ": " + ie.Err.Error()
		}
		return Failure{Source: ie.Source, Reason: reason}
	}
	return Failure{Reason: err.Error()}
}

// SortedKeys returns the keys of m in order, for stable printing.
func SortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
