package cli

import (
	"github.com/spf13/cobra"

	"storyline/internal/bench"
)

// newBenchServe is `storyline bench serve`: a load test of the HTTP server on loopback.
func newBenchServe(e *env) *cobra.Command {
	var (
		opts   bench.ServeOptions
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Load-test the HTTP server: reads at a fixed rate against a large synthetic store",
		Long: `Fills a SQLite store with a synthetic multilingual stream (100,000 articles by default:
articles, analyses with entity mentions, events, the search index, written through the store,
and the stream clustered into events and stories), starts the server on loopback and sends read
requests at a fixed rate for a bounded time — stories lists, stories, articles, related articles,
entities, searches, timelines, events — open loop, so latency counts from when a request was due.
Reports p50/p95/p99 latency per kind and overall, and the errors. With --db, a store filled by an
earlier run is reused and filling is skipped.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Log = e.stderr
			fig, err := bench.RunServe(cmd.Context(), opts)
			if err != nil {
				return err
			}
			if asJSON {
				return printJSON(e.stdout, fig)
			}
			bench.WriteServeFigures(e.stdout, fig)
			return nil
		},
	}
	f := cmd.Flags()
	f.IntVar(&opts.Articles, "articles", 100000, "articles in the store")
	f.Uint64Var(&opts.Seed, "seed", 1, "generator seed")
	f.Float64Var(&opts.Rate, "rate", 200, "requests per second")
	f.DurationVar(&opts.Duration, "duration", 30e9, "how long to send requests (after the warm-up)")
	f.DurationVar(&opts.Warmup, "warmup", 3e9, "warm-up, not counted")
	f.IntVar(&opts.Clients, "clients", 64, "concurrent client connections")
	f.StringVar(&opts.DB, "store", "", "SQLite file of the store, reused when it holds the stream (default: a temporary one)")
	f.StringVar(&opts.CPUProfile, "cpuprofile", "", "write a CPU profile of the measured phase to this file")
	f.StringVar(&opts.MemProfile, "memprofile", "", "write heap profiles at the start (FILE.start) and end (FILE) of the measured phase")
	f.BoolVar(&asJSON, "json", false, "print as JSON")
	return cmd
}
