package cli

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"storyline/internal/analyse/names"
	"storyline/internal/eval"
)

func newEval(e *env) *cobra.Command {
	var (
		gold, articles string
		asJSON, errs   bool
	)
	cmd := &cobra.Command{
		Use:   "eval --gold FILE --articles DIR",
		Short: "Score Storyline against annotated data",
		Long: `Score the whole pipeline against a gold file in the format of ../shared/corpus/README.md:
every article of DIR is ingested into a fresh temporary store, analysed and linked, then entities,
cross-lingual linking, events, similarity and event clustering are scored.

Subcommands score name matching (eval names) and SemEval-2022 Task 8 similarity (eval sts).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if gold == "" || articles == "" {
				return errors.New("eval needs --gold FILE and --articles DIR (or a subcommand: names, sts)")
			}
			r, err := eval.Run(cmd.Context(), gold, articles)
			if err != nil {
				return err
			}
			if asJSON {
				return printJSON(e.stdout, r)
			}
			if err := r.WriteText(e.stdout); err != nil {
				return err
			}
			if errs {
				return r.WriteErrors(e.stdout)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&gold, "gold", "", "gold annotations (JSON, the format of ../shared/corpus/README.md)")
	f.StringVar(&articles, "articles", "", "folder holding the annotated articles")
	f.BoolVar(&asJSON, "json", false, "print the figures as one JSON object")
	f.BoolVar(&errs, "errors", false, "also list the entities missed and the spurious ones")
	cmd.AddCommand(newEvalNames(e), newEvalSTS(e))
	return cmd
}

func newEvalNames(e *env) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "names FILE",
		Short: "Rank every English name form against each Arabic one with the analysis's name matcher",
		Long: `For every pair of a name-pair file (English form, Arabic letters separated by spaces, count:
the format of ../shared/data/names/), rank all the English forms of the file against the Arabic
form with the matcher the analysis uses, and report accuracy@1, accuracy@5 and MRR.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := os.Open(args[0])
			if err != nil {
				return err
			}
			defer f.Close()
			r, err := names.Evaluate(cmd.Context(), f, names.Default())
			if err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			if asJSON {
				return printJSON(e.stdout, map[string]any{
					"names.n": r.N, "names.acc1": r.Acc1, "names.acc5": r.Acc5, "names.mrr": r.MRR,
					"names": map[string]any{"n": r.N, "acc1": r.Acc1, "acc5": r.Acc5, "mrr": r.MRR,
						"candidates": r.Candidates, "pruned": r.Pruned},
				})
			}
			fmt.Fprintf(e.stdout, "pairs %d, English forms ranked %d\naccuracy@1 %.4f\naccuracy@5 %.4f\nMRR        %.4f\n",
				r.N, r.Candidates, r.Acc1, r.Acc5, r.MRR)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return cmd
}

func newEvalSTS(e *env) *cobra.Command {
	var (
		pairs, texts string
		asJSON       bool
	)
	cmd := &cobra.Command{
		Use:   "sts --pairs FILE.csv --texts DIR",
		Short: "Pearson correlation with SemEval-2022 Task 8 similarity judgements, per language pair",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if pairs == "" || texts == "" {
				return errors.New("eval sts needs --pairs FILE.csv and --texts DIR")
			}
			rep, err := eval.RunSTS(cmd.Context(), pairs, texts, eval.NewSTSAnalyser(cmd.Context()))
			if err != nil {
				return err
			}
			if asJSON {
				return printJSON(e.stdout, rep)
			}
			eval.WriteSTS(e.stdout, rep)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&pairs, "pairs", "", "CSV with pair_id, url1_lang, url2_lang, Overall (and GEO, ENT, TIME, NAR ...)")
	f.StringVar(&texts, "texts", "", "folder with the texts as ID.json (title, text, publish_date, meta_lang) or ID.txt")
	f.BoolVar(&asJSON, "json", false, "print as JSON")
	return cmd
}
