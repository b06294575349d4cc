package cli

import (
	"github.com/spf13/cobra"

	"storyline/internal/bench"
)

// newBenchLink is `storyline bench link`: clustering throughput, related latency and peak memory
// on a generated multilingual stream.
func newBenchLink(e *env) *cobra.Command {
	var (
		opts   bench.LinkOptions
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "link",
		Short: "Cluster a generated multilingual news stream: articles/s, related p50/p99, peak memory",
		Long: `Generates a deterministic stream of synthetic articles (English, Arabic and French; stories
of events reported by several articles in several languages, wire copies, noise), clusters it into
events and stories as articles arrive, then times related queries over the full index. The clock
counts only clustering, not the generation of the articles.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			fig, err := bench.RunLinkWith(cmd.Context(), opts)
			if err != nil {
				return err
			}
			if asJSON {
				return printJSON(e.stdout, fig)
			}
			bench.WriteLinkFigures(e.stdout, fig)
			return nil
		},
	}
	f := cmd.Flags()
	f.IntVar(&opts.Articles, "articles", 10000, "articles in the stream")
	f.Uint64Var(&opts.Seed, "seed", 1, "generator seed")
	f.IntVar(&opts.Queries, "queries", 2000, "related queries timed")
	f.BoolVar(&asJSON, "json", false, "print as JSON")
	return cmd
}
