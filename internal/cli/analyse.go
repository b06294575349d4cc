package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"storyline/internal/analyse"
	"storyline/internal/ingest"
	"storyline/internal/store"
)

func newAnalyse(e *env) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "analyse ID|FILE",
		Short: "Show the analysis of a stored article or of a file: entities, dates, concepts, topics",
		Long: `Show what Storyline reads in an article: entities with their types, roles, countries,
canonical ids, surface forms and character offsets; dates as written and as resolved; concepts
shared across languages; topics. ID is a stored article (or a unique prefix of its id); FILE is any
input ingest reads (the first article of it is analysed, and nothing is stored).`,
		Aliases: []string{"analyze"},
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			art, an, canon, err := e.analysisOf(ctx, args[0])
			if err != nil {
				return err
			}
			if asJSON {
				return printJSON(e.stdout, struct {
					Article   ingest.Article    `json:"article"`
					Analysis  analyse.Analysis  `json:"analysis"`
					Canonical map[string]string `json:"canonical,omitempty"`
				}{art, an, canon})
			}
			return writeAnalysis(e.stdout, art, an, canon)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return cmd
}

// analysisOf returns the article and analysis named by arg: a file to analyse now, or a stored
// article (analysed now if the store has no current analysis of it), with canonical ids.
func (e *env) analysisOf(ctx context.Context, arg string) (ingest.Article, analyse.Analysis, map[string]string, error) {
	if fi, err := os.Stat(arg); err == nil && !fi.IsDir() {
		data, err := os.ReadFile(arg)
		if err != nil {
			return ingest.Article{}, analyse.Analysis{}, nil, err
		}
		res := ingest.Decode(ctx, arg, data, readOptions(e))
		if len(res) == 0 {
			return ingest.Article{}, analyse.Analysis{}, nil, fmt.Errorf("%s: no article", arg)
		}
		if res[0].Err != nil {
			return ingest.Article{}, analyse.Analysis{}, nil, res[0].Err
		}
		an, err := analyse.New(analyse.Options{}).Analyse(ctx, *res[0].Article)
		return *res[0].Article, an, nil, err
	}
	st, err := e.openStore(ctx)
	if err != nil {
		return ingest.Article{}, analyse.Analysis{}, nil, err
	}
	defer st.Close()
	art, err := st.Article(ctx, arg)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			err = fmt.Errorf("%s: neither a file nor a stored article", arg)
		}
		return ingest.Article{}, analyse.Analysis{}, nil, err
	}
	an, err := st.Analysis(ctx, art.ID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && an.Version < analyse.Version) {
		an, err = analyse.New(analyse.Options{}).Analyse(ctx, art)
	}
	if err != nil {
		return art, an, nil, err
	}
	canon, err := st.Canonical(ctx, art.ID)
	return art, an, canon, err
}

// readOptions are the ingest options every command reads with.
func readOptions(e *env) ingest.Options {
	return ingest.Options{Stdin: e.stdin, Identify: identify, Logger: e.log}
}

func writeAnalysis(w io.Writer, art ingest.Article, an analyse.Analysis, canon map[string]string) error {
	fmt.Fprintf(w, "article   %s (%s)\n", art.ID, art.Source)
	fmt.Fprintf(w, "language  %s\n", an.Lang)
	if an.Published != "" {
		fmt.Fprintf(w, "published %s (%s)\n", an.Published, an.PublishedFrom)
	}
	if an.Context != "" {
		fmt.Fprintf(w, "context   %s\n", an.Context)
	}
	fmt.Fprintf(w, "sentences %d\n\nENTITIES\n", len(an.Sentences))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TYPE\tNAME\tCANONICAL\tROLE\tCOUNTRY\tMENTIONS")
	ents := append([]analyse.Entity(nil), an.Entities...)
	sort.SliceStable(ents, func(i, j int) bool { return ents[i].Salience > ents[j].Salience })
	for _, en := range ents {
		id := en.Key
		if c, ok := canon[en.Key]; ok {
			id = c
		}
		var ms []string
		for _, m := range en.Mentions {
			ms = append(ms, fmt.Sprintf("%q@%s:%d-%d", m.Text, m.Field[:1], m.Start, m.End))
		}
		name := en.Name
		if en.NameAr != "" && en.NameAr != name {
			name += " / " + en.NameAr
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", en.Type, name, id, dash(en.Role), dash(en.Country), strings.Join(ms, " "))
	}
	tw.Flush()
	if len(an.Dates) > 0 {
		fmt.Fprintln(w, "\nDATES")
		tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		for _, d := range an.Dates {
			flags := ""
			if d.Inferred {
				flags = " (inferred)"
			}
			fmt.Fprintf(tw, "%q\t%s%s\tconfidence %.2f\t%s\n", d.Text, dash(d.Value), flags, d.Confidence, d.How)
		}
		tw.Flush()
	}
	if len(an.Topics) > 0 {
		fmt.Fprintln(w, "\nTOPICS")
		for _, t := range an.Topics {
			fmt.Fprintf(w, "  %-32s %.2f  %s\n", t.ID, t.Score, strings.Join(t.Cues, ", "))
		}
	}
	if len(an.Concepts) > 0 {
		var cs []string
		for _, c := range an.Concepts {
			cs = append(cs, fmt.Sprintf("%s(%.2f)", c.Key, c.Weight))
		}
		fmt.Fprintf(w, "\nCONCEPTS\n  %s\n", strings.Join(cs, " "))
	}
	return nil
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
