package cli

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"unicode"

	"github.com/spf13/cobra"

	"storyline/internal/analyse/names"
	"storyline/internal/store"
)

func newEntities(e *env) *cobra.Command {
	var (
		f      store.EntityFilter
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "entities",
		Short: "List canonical entities with their variants across languages, article counts and co-mentions",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			st, err := e.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			list, err := st.Entities(ctx, f)
			if err != nil {
				return err
			}
			if asJSON {
				if list == nil {
					list = []store.EntitySummary{}
				}
				return printJSON(e.stdout, list)
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tTYPE\tNAME\tARTICLES\tLANGUAGES\tVARIANTS\tCO-MENTIONED WITH")
			for _, s := range list {
				var co []string
				for i, c := range s.CoMentions {
					if i == 3 {
						break
					}
					co = append(co, fmt.Sprintf("%s (%d)", c.Name, c.Articles))
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\t%s\n", s.ID, s.Type, s.Name, s.Articles, langCounts(s.Langs),
					strings.Join(formTexts(s.Forms, 6), " | "), strings.Join(co, ", "))
			}
			return tw.Flush()
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.Type, "type", "", "only entities of this type: person, country, city, place, region, organisation")
	fl.IntVar(&f.Limit, "limit", 50, "at most this many entities")
	fl.BoolVar(&asJSON, "json", false, "print as JSON")
	return cmd
}

func newEntity(e *env) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "entity NAME|ID",
		Short: "Show one canonical entity: its variants across scripts, articles, roles and co-mentions",
		Long: `Show one canonical entity, found by its id ("person:sergey-lavrov", "country:JOR"), by a
name or surface form in any script ("Lavrov", "لافروف", "Jordan", "الأردن"), or, failing those, by
the closest spelling across scripts.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			st, err := e.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			id, err := findEntity(ctx, st, args[0])
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			s, err := st.Entity(ctx, id)
			if err != nil {
				return err
			}
			arts, err := st.EntityArticles(ctx, id)
			if err != nil {
				return err
			}
			if asJSON {
				return printJSON(e.stdout, struct {
					store.EntitySummary
					ArticleIDs []string `json:"article_ids"`
				}{s, arts})
			}
			return writeEntity(e.stdout, s, arts)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return cmd
}

// findEntity resolves a user's name or id to one canonical id.
func findEntity(ctx context.Context, st store.Store, q string) (string, error) {
	q = strings.TrimSpace(q)
	ids, err := st.FindEntities(ctx, q, 5)
	if err != nil {
		return "", err
	}
	if len(ids) > 0 {
		return ids[0], nil
	}
	// The closest spelling, across scripts, among the known entities.
	all, err := st.Entities(ctx, store.EntityFilter{Limit: 5000})
	if err != nil {
		return "", err
	}
	m := names.Default()
	best, bestScore := "", 0.0
	for _, s := range all {
		for _, f := range s.Forms {
			if sc := spellingScore(m, q, f.Text); sc > bestScore {
				best, bestScore = s.ID, sc
			}
		}
	}
	if bestScore < 0.75 {
		return "", fmt.Errorf("entity %q: %w", q, store.ErrNotFound)
	}
	return best, nil
}

// spellingScore compares two names in any scripts.
func spellingScore(m *names.Matcher, a, b string) float64 {
	aa, ba := hasArabic(a), hasArabic(b)
	switch {
	case aa && !ba:
		return m.Score(a, b)
	case ba && !aa:
		return m.Score(b, a)
	case aa && ba:
		if a == b {
			return 1
		}
		return 0
	default:
		return names.LatinSimilar(a, b)
	}
}

func hasArabic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Arabic, r) {
			return true
		}
	}
	return false
}

func writeEntity(w io.Writer, s store.EntitySummary, arts []string) error {
	fmt.Fprintf(w, "%s  %s", s.ID, s.Name)
	if s.NameAr != "" && s.NameAr != s.Name {
		fmt.Fprintf(w, " / %s", s.NameAr)
	}
	fmt.Fprintf(w, "\ntype      %s\n", s.Type)
	if s.Country != "" {
		fmt.Fprintf(w, "country   %s\n", s.Country)
	}
	if len(s.Roles) > 0 {
		fmt.Fprintf(w, "roles     %s\n", strings.Join(s.Roles, ", "))
	}
	fmt.Fprintf(w, "articles  %d (%s), mentions %d\n\nVARIANTS\n", s.Articles, langCounts(s.Langs), s.Mentions)
	for _, f := range s.Forms {
		fmt.Fprintf(w, "  %-30s %s  %d article(s)\n", f.Text, f.Lang, f.Articles)
	}
	if len(s.CoMentions) > 0 {
		fmt.Fprintln(w, "\nMOST FREQUENT CO-MENTIONS")
		for _, c := range s.CoMentions {
			fmt.Fprintf(w, "  %-30s %-14s %s  %d article(s)\n", c.Name, c.Type, c.ID, c.Articles)
		}
	}
	fmt.Fprintf(w, "\nARTICLES\n  %s\n", strings.Join(arts, "\n  "))
	return nil
}

func langCounts(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s:%d", k, m[k]))
	}
	return strings.Join(parts, " ")
}

// formTexts lists up to n distinct form texts, most frequent first.
func formTexts(fs []store.Form, n int) []string {
	seen := map[string]bool{}
	var out []string
	for _, f := range fs {
		if !seen[f.Text] && len(out) < n {
			seen[f.Text] = true
			out = append(out, f.Text)
		}
	}
	return out
}
