package cli

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"storyline/internal/ingest"
	"storyline/internal/ingest/langid"
	"storyline/internal/pipeline"
)

func newIngest(e *env) *cobra.Command {
	var (
		strict, asJSON, quiet bool
		noAnalyse             bool
		linkMode              string
		batch, workers        int
		maxMB                 int64
	)
	cmd := &cobra.Command{
		Use:   "ingest PATH...",
		Short: "Read news files, directories or standard input (-) into the store",
		Long: `Read articles from plain text, JSON, JSON Lines, HTML, RSS/Atom feeds and .gz files of any of
these, whole directories (recursively) and standard input (-), and store each article once.
Bad inputs are reported with their path and reason; the rest of the batch lands.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			st, err := e.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			opts := pipeline.Options{
				Read: ingest.Options{
					Stdin:        e.stdin,
					MaxItemBytes: maxMB << 20,
					Identify:     identify,
					Workers:      workers,
					Logger:       e.log,
				},
				BatchSize: batch,
				Logger:    e.log,
			}
			switch linkMode {
			case "wait":
			case "drain":
				opts.LinkMode = pipeline.LinkDrain
			default:
				return &exitError{code: 2, err: fmt.Errorf("--link %q: want wait or drain", linkMode)}
			}
			if !noAnalyse {
				opts.Stages = pipeline.NewStages()
				opts.Stages.Workers = workers
			}
			var bar *progressbar.ProgressBar
			if f, ok := e.stderr.(*os.File); ok && !quiet && isatty.IsTerminal(f.Fd()) {
				bar = progressbar.NewOptions(-1, progressbar.OptionSetWriter(f), progressbar.OptionSetDescription("ingesting"),
					progressbar.OptionShowCount(), progressbar.OptionSetItsString("articles"), progressbar.OptionShowIts(),
					progressbar.OptionClearOnFinish())
				opts.Progress = func(s pipeline.Summary) { bar.Set(s.Read + s.Failed) }
			}
			sum, err := pipeline.Ingest(ctx, args, st, opts)
			if bar != nil {
				bar.Finish()
			}
			if asJSON {
				if perr := printJSON(e.stdout, sum); perr != nil && err == nil {
					err = perr
				}
			} else {
				printSummary(e.stdout, sum)
			}
			if err != nil {
				return err
			}
			if strict && sum.Failed > 0 {
				return &exitError{code: 2, err: fmt.Errorf("%d input(s) failed (--strict)", sum.Failed)}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.BoolVar(&strict, "strict", false, "exit with status 2 when any input fails")
	f.BoolVar(&asJSON, "json", false, "print the summary as JSON")
	f.BoolVar(&quiet, "quiet", false, "no progress bar")
	f.StringVar(&linkMode, "link", "drain", "with other workers on the store: link after a batch only when the linking lock is free and leave the rest to the worker linking (drain), or wait for the lock after every batch (wait); see docs/postgres.md")
	f.BoolVar(&noAnalyse, "no-analyse", false, "store the articles only; analyse and link them later (storyline analyse --pending)")
	f.IntVar(&batch, "batch-size", pipeline.DefaultBatchSize, "articles per transaction")
	f.IntVar(&workers, "workers", 0, "parallel parsers (0: one per CPU)")
	f.Int64Var(&maxMB, "max-size", 32, "largest single article or non-streamed file, in MiB")
	return cmd
}

func printSummary(w io.Writer, s pipeline.Summary) {
	fmt.Fprintf(w, "read %d, new %d, duplicates %d, failed %d\n", s.Read, s.New, s.Duplicates, s.Failed)
	if s.Analysed > 0 || s.Linked > 0 {
		fmt.Fprintf(w, "analysed %d, events %d, linked %d\n", s.Analysed, s.Events, s.Linked)
	}
	if len(s.Languages) > 0 {
		var parts []string
		for _, l := range pipeline.SortedKeys(s.Languages) {
			parts = append(parts, fmt.Sprintf("%s %d (new %d)", l, s.Languages[l], s.NewByLang[l]))
		}
		fmt.Fprintf(w, "languages: %s\n", strings.Join(parts, ", "))
	}
	for _, f := range s.Failures {
		fmt.Fprintf(w, "failed: %s: %s\n", f.Source, f.Reason)
	}
	if s.Failed > len(s.Failures) {
		fmt.Fprintf(w, "failed: ... and %d more\n", s.Failed-len(s.Failures))
	}
}

// identify is language identification in the form ingest.Options wants.
func identify(text string) (string, float64) {
	r := langid.Detect(text)
	return r.Lang, r.Confidence
}
