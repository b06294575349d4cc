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

// searchOutput is what `storyline search --json` prints: the answer of GET /api/v1/search.
type searchOutput struct {
	Query    string              `json:"query"`
	Parsed   store.ParsedQuery   `json:"parsed"`
	Entities []serve.EntityMatch `json:"entities"`
	Total    int                 `json:"total"`
	Limit    int                 `json:"limit"`
	Offset   int                 `json:"offset"`
	Hits     []store.SearchHit   `json:"hits"`
}

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
			for _, m := range ents {
				q.Entities = append(q.Entities, m.ID)
			}
			res, err := st.Search(ctx, q)
			if err != nil {
				return fmt.Errorf("search %q: %w", q.Text, err)
			}
			if asJSON {
				if ents == nil {
					ents = []serve.EntityMatch{}
				}
				if res.Hits == nil {
					res.Hits = []store.SearchHit{}
				}
				return printJSON(e.stdout, searchOutput{Query: q.Text, Parsed: store.ParseQuery(q.Text), Entities: ents,
					Total: res.Total, Limit: q.Limit, Offset: q.Offset, Hits: res.Hits})
			}
			for _, m := range ents {
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
