package cli

import (
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"storyline/internal/serve"
	"storyline/internal/store"
)

func newSearch(e *env) *cobra.Command {
	var (
		q      store.SearchQuery
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "search QUERY...",
		Short: "Search the articles in any language: a query in English finds Arabic coverage and the reverse",
		Long: `Search the stored articles. The query's words match the articles' normalised tokens and the
concepts they share across languages (FreeDict), and the people, places and organisations the
query names match their canonical entities under every spelling and script ("Lavrov" finds
لافروف). An article matching more of the query ranks first, then by BM25. Each hit says which
terms, concepts and entities it matched.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			q.Text = strings.Join(args, " ")
			for _, d := range []string{q.Since, q.Until} {
				if d != "" && !validDate(d) {
					return fmt.Errorf("search: date %q: want YYYY-MM-DD", d)
				}
			}
			if q.Limit < 1 || q.Limit > store.MaxSearchLimit {
				return fmt.Errorf("search: --limit %d: want 1 to %d", q.Limit, store.MaxSearchLimit)
			}
			if q.Offset < 0 {
				return fmt.Errorf("search: --offset %d: want 0 or more", q.Offset)
			}
			st, err := e.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			ents, err := serve.QueryEntities(ctx, st, q.Text)
			if err != nil {
				return err
			}
			res, err := serve.Search(ctx, st, q, ents)
			if err != nil {
				return fmt.Errorf("search %q: %w", q.Text, err)
			}
			if asJSON {
				return printJSON(e.stdout, res)
			}
			for _, m := range res.Entities {
				name := m.Name
				if m.NameAr != "" && m.NameAr != m.Name {
					name += " / " + m.NameAr
				}
				fmt.Fprintf(e.stdout, "%q names %s (%s, by %s)\n", m.Matched, m.ID, name, m.Via)
			}
			fmt.Fprintf(e.stdout, "%d article(s)", res.Total)
			if res.Total > len(res.Hits) {
				fmt.Fprintf(e.stdout, ", %d to %d shown", q.Offset+1, q.Offset+len(res.Hits))
			}
			fmt.Fprintln(e.stdout)
			if len(res.Hits) == 0 {
				return nil
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "SCORE\tID\tLANG\tDATE\tTITLE\tMATCHED")
			for _, h := range res.Hits {
				var matched []string
				for _, m := range append(append(append([]string{}, h.Terms...), h.Concepts...), h.Entities...) {
					if !slices.Contains(matched, m) {
						matched = append(matched, m)
					}
				}
				fmt.Fprintf(tw, "%.2f\t%s\t%s\t%s\t%s\t%s\n", h.Score, h.ID, h.Lang, h.Published,
					cut(h.Title, 70), strings.Join(matched, ", "))
			}
			return tw.Flush()
		},
	}
	f := cmd.Flags()
	f.StringVar(&q.Lang, "lang", "", "only articles in this language (ISO 639-1)")
	f.StringVar(&q.Since, "since", "", "only articles published on or after this date (YYYY-MM-DD)")
	f.StringVar(&q.Until, "until", "", "only articles published on or before this date (YYYY-MM-DD)")
	f.StringVar(&q.Entity, "entity", "", "only articles mentioning this canonical entity id")
	f.StringVar(&q.Topic, "topic", "", "only articles with this topic id")
	f.StringVar(&q.Story, "story", "", "only articles of this story id")
	f.IntVar(&q.Limit, "limit", 20, "hits per page")
	f.IntVar(&q.Offset, "offset", 0, "skip this many hits")
	f.BoolVar(&asJSON, "json", false, "print as JSON")
	return cmd
}
