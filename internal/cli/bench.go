package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"storyline/internal/bench"
)

func newBench(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Measure whole-pipeline throughput, latency and memory on generated input",
	}
	cmd.AddCommand(newBenchWorkers(e), newBenchIngest(e), newBenchAnalyse(e), newBenchLink(e), newBenchServe(e))
	return cmd
}

func newBenchIngest(e *env) *cobra.Command {
	var (
		opts    bench.IngestOptions
		formats string
		asJSON  bool
	)
	cmd := &cobra.Command{
		Use:   "ingest",
		Short: "Ingest generated ~3 KB articles (plain text, JSON Lines, HTML) into a fresh SQLite store",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if formats != "" {
				opts.Formats = strings.Split(formats, ",")
			}
			figs, err := bench.RunIngest(cmd.Context(), opts)
			if err != nil {
				return err
			}
			if asJSON {
				return printJSON(e.stdout, figs)
			}
			bench.WriteIngestFigures(e.stdout, figs)
			return nil
		},
	}
	f := cmd.Flags()
	f.IntVar(&opts.Articles, "articles", 5000, "articles per format")
	f.StringVar(&formats, "format", "text,jsonl,html", "comma-separated formats: text, jsonl, html")
	f.StringVar(&opts.Dir, "dir", "", "scratch directory (default: a temporary one, removed afterwards)")
	f.Uint64Var(&opts.Seed, "seed", 1, "generator seed")
	f.BoolVar(&asJSON, "json", false, "print as JSON")
	return cmd
}

func newBenchAnalyse(e *env) *cobra.Command {
	var (
		n      int
		input  string
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "analyse",
		Short: "Analysis and event extraction throughput per core and memory, English and Arabic",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			figs, err := bench.RunAnalyse(cmd.Context(), input, n)
			if err != nil {
				return err
			}
			if asJSON {
				return printJSON(e.stdout, figs)
			}
			bench.WriteAnalyseFigures(e.stdout, figs)
			return nil
		},
	}
	f := cmd.Flags()
	f.IntVar(&n, "articles", 1000, "articles per language")
	f.StringVar(&input, "input", "examples", "folder of English and Arabic articles the ~3 KB test articles are made from")
	f.BoolVar(&asJSON, "json", false, "print as JSON")
	return cmd
}
