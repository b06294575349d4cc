package cli

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"storyline/internal/bench"
	"storyline/internal/pipeline"
)

// newBenchWorkers is `storyline bench workers`: ingest throughput with several concurrent
// workers on SQLite and PostgreSQL.
func newBenchWorkers(e *env) *cobra.Command {
	var (
		opts           bench.WorkersOptions
		workers, modes string
		asJSON         bool
	)
	cmd := &cobra.Command{
		Use:   "workers",
		Short: "Ingest throughput with 1, 2 and 4 concurrent workers on SQLite and PostgreSQL",
		Long: `Generates ~3 KB text articles, deals them out to concurrent ingest workers, each with its own
store connection running the whole pipeline (analysis, events, resolution, linking under the
store's linking lock), and reports articles per second for each backend, number of workers and
linking mode (wait: every batch waits for the lock; drain: link only when the lock is free,
leaving the articles to the worker linking meanwhile). PostgreSQL is measured when --postgres
(or STORYLINE_BENCH_POSTGRES) names a database; each run gets a fresh schema there.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			for _, w := range strings.Split(workers, ",") {
				n, err := strconv.Atoi(strings.TrimSpace(w))
				if err != nil || n <= 0 {
					return &exitError{code: 2, err: fmt.Errorf("--workers %q: want positive numbers separated by commas", workers)}
				}
				opts.Workers = append(opts.Workers, n)
			}
			for _, m := range strings.Split(modes, ",") {
				switch strings.TrimSpace(m) {
				case "wait":
					opts.Modes = append(opts.Modes, pipeline.LinkWait)
				case "drain":
					opts.Modes = append(opts.Modes, pipeline.LinkDrain)
				default:
					return &exitError{code: 2, err: fmt.Errorf("--link %q: want wait, drain or both", modes)}
				}
			}
			figs, err := bench.RunWorkers(cmd.Context(), opts)
			if err != nil {
				return err
			}
			if asJSON {
				return printJSON(e.stdout, figs)
			}
			bench.WriteWorkersFigures(e.stdout, figs)
			return nil
		},
	}
	f := cmd.Flags()
	f.IntVar(&opts.Articles, "articles", 400, "articles per run")
	f.StringVar(&workers, "workers", "1,2,4", "numbers of concurrent workers")
	f.StringVar(&modes, "link", "wait,drain", "linking modes: wait, drain")
	f.StringVar(&opts.Postgres, "postgres", os.Getenv("STORYLINE_BENCH_POSTGRES"), "PostgreSQL database URL to measure too")
	f.BoolVar(&opts.StoreOnly, "store-only", false, "store the articles only (no analysis or linking): the write path")
	f.IntVar(&opts.BatchSize, "batch-size", 64, "articles per batch")
	f.Uint64Var(&opts.Seed, "seed", 1, "generator seed")
	f.BoolVar(&asJSON, "json", false, "print as JSON")
	return cmd
}
