package bench

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"storyline/internal/ingest"
	"storyline/internal/pipeline"
	"storyline/internal/store"
	"storyline/internal/store/backend"
)

// WorkersOptions configure RunWorkers.
type WorkersOptions struct {
	// Articles is the number of generated articles ingested per run.
	Articles int
	// Workers are the numbers of concurrent ingest workers to measure (default 1, 2, 4).
	Workers []int
	// Postgres is the URL of a PostgreSQL database to measure too ("" for SQLite only); each
	// run gets a fresh schema in it, dropped afterwards.
	Postgres string
	// StoreOnly skips analysis and linking (storyline ingest --no-analyse): the store's own
	// write path.
	StoreOnly bool
	// Modes are the linking modes to measure (default wait and drain).
	Modes []pipeline.LinkMode
	// BatchSize is the number of articles per batch (default pipeline.DefaultBatchSize).
	BatchSize int
	Seed      uint64
	// Dir is the scratch directory (default a temporary one, removed afterwards).
	Dir string
}

// WorkersFigures are the measurements of one run.
type WorkersFigures struct {
	Backend   string  `json:"backend"`
	Workers   int     `json:"workers"`
	Mode      string  `json:"link_mode"`
	StoreOnly bool    `json:"store_only"`
	Articles  int     `json:"articles"`
	Seconds   float64 `json:"seconds"`
	PerSecond float64 `json:"articles_per_second"`
	Reloads   int     `json:"link_reloads"`
	// WaitSeconds and ReloadSeconds add up, over the workers, the time spent waiting for the
	// linking lock and reloading the linking state.
	WaitSeconds   float64 `json:"link_wait_seconds"`
	ReloadSeconds float64 `json:"link_reload_seconds"`
	Stored        int     `json:"stored"`
	Linked        int     `json:"linked"`
	Cores         int     `json:"cores"`
}

// ModeName names a linking mode.
func ModeName(m pipeline.LinkMode) string {
	if m == pipeline.LinkDrain {
		return "drain"
	}
	return "wait"
}

// RunWorkers measures ingest throughput with several concurrent workers on one store: it
// generates Articles ~3 KB text articles, deals them out to the workers (each file to one
// worker), and for each backend, worker count and linking mode ingests them into a fresh store
// with every worker running the whole pipeline (reading, language identification, analysis,
// events, entity resolution, linking) over its own store connection, as separate `storyline
// ingest` processes would. The clock runs from the workers' start to the last one's end.
func RunWorkers(ctx context.Context, opts WorkersOptions) ([]WorkersFigures, error) {
	if opts.Articles <= 0 {
		return nil, fmt.Errorf("bench workers: need a positive number of articles, got %d", opts.Articles)
	}
	if len(opts.Workers) == 0 {
		opts.Workers = []int{1, 2, 4}
	}
	if len(opts.Modes) == 0 {
		opts.Modes = []pipeline.LinkMode{pipeline.LinkWait, pipeline.LinkDrain}
	}
	if opts.StoreOnly {
		opts.Modes = []pipeline.LinkMode{pipeline.LinkWait}
	}
	dir := opts.Dir
	if dir == "" {
		d, err := os.MkdirTemp("", "storyline-bench-workers-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(d)
		dir = d
	}
	in := filepath.Join(dir, "input")
	if err := os.MkdirAll(in, 0o755); err != nil {
		return nil, err
	}
	if _, err := WriteInput(in, FormatText, opts.Articles, opts.Seed); err != nil {
		return nil, fmt.Errorf("bench workers: generate input: %w", err)
	}
	files, err := filepath.Glob(filepath.Join(in, "*.txt"))
	if err != nil {
		return nil, err
	}
	backends := []string{"sqlite"}
	if opts.Postgres != "" {
		backends = append(backends, "postgres")
	}
	var out []WorkersFigures
	run := 0
	for _, b := range backends {
		for _, mode := range opts.Modes {
			for _, w := range opts.Workers {
				run++
				dsn, cleanup, err := freshStore(ctx, b, opts.Postgres, dir, run)
				if err != nil {
					return out, err
				}
				f, err := runWorkers(ctx, dsn, files, w, mode, opts)
				cleanup()
				if err != nil {
					return out, fmt.Errorf("bench workers %s, %d workers: %w", b, w, err)
				}
				f.Backend = b
				out = append(out, f)
			}
		}
	}
	return out, nil
}

// freshStore names an empty store of a backend and returns how to remove it.
func freshStore(ctx context.Context, kind, pgURL, dir string, run int) (string, func(), error) {
	if kind == "sqlite" {
		p := filepath.Join(dir, fmt.Sprintf("run%d.db", run))
		return p, func() {
			for _, suffix := range []string{"", "-wal", "-shm", "-link.lock"} {
				os.Remove(p + suffix)
			}
		}, nil
	}
	u, err := url.Parse(pgURL)
	if err != nil {
		return "", nil, fmt.Errorf("bench workers: bad PostgreSQL URL: %w", err)
	}
	var b [4]byte
	rand.Read(b[:])
	schema := "bench_" + hex.EncodeToString(b[:])
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), func() {
		conn, err := pgx.Connect(ctx, pgURL)
		if err != nil {
			return
		}
		defer conn.Close(ctx)
		conn.Exec(ctx, `DROP SCHEMA IF EXISTS `+pgx.Identifier{schema}.Sanitize()+` CASCADE`)
	}, nil
}

func runWorkers(ctx context.Context, dsn string, files []string, workers int, mode pipeline.LinkMode, opts WorkersOptions) (WorkersFigures, error) {
	f := WorkersFigures{Workers: workers, Mode: ModeName(mode), StoreOnly: opts.StoreOnly, Articles: len(files), Cores: runtime.GOMAXPROCS(0)}
	// Open (and migrate) once before the clock starts.
	st, err := backend.Open(ctx, dsn)
	if err != nil {
		return f, err
	}
	st.Close()
	shares := make([][]string, workers)
	for i, p := range files {
		shares[i%workers] = append(shares[i%workers], p)
	}
	var stages *pipeline.Stages
	if !opts.StoreOnly {
		stages = pipeline.NewStages()
		stages.Workers = max(1, runtime.GOMAXPROCS(0)/workers)
	}
	sums := make([]pipeline.Summary, workers)
	errs := make([]error, workers)
	stores := make([]store.Store, workers)
	for w := range stores {
		if stores[w], err = backend.Open(ctx, dsn); err != nil {
			return f, err
		}
		defer stores[w].Close()
	}
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			sums[w], errs[w] = pipeline.Ingest(ctx, shares[w], stores[w], pipeline.Options{
				Read: ingest.Options{Identify: Identify, Workers: max(1, runtime.GOMAXPROCS(0)/workers)}, BatchSize: opts.BatchSize,
				Stages: stages, LinkMode: mode})
		}(w)
	}
	wg.Wait()
	f.Seconds = time.Since(start).Seconds()
	for w := range sums {
		if errs[w] != nil {
			return f, errs[w]
		}
		if sums[w].Failed > 0 {
			return f, fmt.Errorf("%d inputs failed, first: %v", sums[w].Failed, sums[w].Failures[0])
		}
		f.Stored += sums[w].New
		f.Linked += sums[w].Linked
		f.Reloads += sums[w].LinkReloads
		f.WaitSeconds += sums[w].LinkWait.Seconds()
		f.ReloadSeconds += sums[w].LinkReload.Seconds()
	}
	f.PerSecond = float64(f.Stored) / f.Seconds
	return f, nil
}

// WriteWorkersFigures prints figures as a table.
func WriteWorkersFigures(w io.Writer, figs []WorkersFigures) {
	fmt.Fprintf(w, "%-9s %-6s %7s %9s %8s %11s %8s %10s %10s\n", "backend", "link", "workers", "articles", "seconds", "articles/s",
		"reloads", "lock wait", "reloading")
	for _, f := range figs {
		mode := f.Mode
		if f.StoreOnly {
			mode = "none"
		}
		fmt.Fprintf(w, "%-9s %-6s %7d %9d %8.2f %11.1f %8d %9.2fs %9.2fs\n", f.Backend, mode, f.Workers, f.Stored, f.Seconds,
			f.PerSecond, f.Reloads, f.WaitSeconds, f.ReloadSeconds)
	}
}
