package cli

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"storyline/internal/events"
	"storyline/internal/link"
	"storyline/internal/pipeline"
	"storyline/internal/store"
)

// linked opens the store and restores its linking state, for the commands that query it.
func (e *env) linked(ctx context.Context) (store.Store, *link.Clusterer, error) {
	st, err := e.openStore(ctx)
	if err != nil {
		return nil, nil, err
	}
	l, err := pipeline.OpenLinker(ctx, st)
	if err != nil {
		st.Close()
		return nil, nil, fmt.Errorf("linking state: %w", err)
	}
	return st, l.Clusterer(), nil
}

// linkedDoc returns the linking features of a stored article named by id or prefix.
func linkedDoc(ctx context.Context, st store.Store, c *link.Clusterer, arg string) (link.Doc, error) {
	a, err := st.Article(ctx, arg)
	if err != nil {
		return link.Doc{}, &exitError{code: 1, err: err}
	}
	d, ok := c.Doc(a.ID)
	if !ok {
		return link.Doc{}, &exitError{code: 1, err: fmt.Errorf("article %s is not linked yet (ingest it, or run storyline ingest again to finish an interrupted run)", a.ID)}
	}
	return d, nil
}

func newSimilar(e *env) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "similar A B",
		Short: "How similar two articles are, on the SemEval-2022 Task 8 dimensions, and why",
		Long: `Score two stored articles (ids or unique prefixes) on geography, entities, time, narrative
and overall, each from 1 (very similar) to 4 (very dissimilar), with the evidence: shared entities,
places, dates, concepts and topics, and what differs. Works across languages.`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			st, c, err := e.linked(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			a, err := linkedDoc(ctx, st, c, args[0])
			if err != nil {
				return err
			}
			b, err := linkedDoc(ctx, st, c, args[1])
			if err != nil {
				return err
			}
			s := link.Similarity(a, b)
			if asJSON {
				return printJSON(e.stdout, struct {
					A      string      `json:"a"`
					B      string      `json:"b"`
					Scores link.Scores `json:"scores"`
				}{a.ID, b.ID, s})
			}
			fmt.Fprintf(e.stdout, "A %s (%s) %s\nB %s (%s) %s\n\n", a.ID, a.Lang, a.Title, b.ID, b.Lang, b.Title)
			writeScores(e.stdout, s)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return cmd
}

func writeScores(w io.Writer, s link.Scores) {
	fmt.Fprintf(w, "overall %.2f   geography %.2f   entities %.2f   time %.2f   narrative %.2f   (1 very similar … 4 very dissimilar)\n",
		s.Overall, s.Geography, s.Entities, s.Time, s.Narrative)
	fmt.Fprintf(w, "same event: %.2f\n", s.SameEvent)
	ev := s.Evidence
	shared := func(label string, xs []link.Shared) {
		if len(xs) == 0 {
			return
		}
		var parts []string
		for _, x := range xs {
			n := x.Name
			if n == "" {
				n = x.ID
			}
			parts = append(parts, n)
		}
		fmt.Fprintf(w, "shared %-9s %s\n", label+":", strings.Join(parts, ", "))
	}
	list := func(label string, xs []string) {
		if len(xs) > 0 {
			fmt.Fprintf(w, "%-16s %s\n", label+":", strings.Join(xs, ", "))
		}
	}
	shared("entities", ev.SharedEntities)
	shared("places", ev.SharedPlaces)
	list("shared dates", ev.SharedDates)
	list("shared concepts", ev.SharedConcepts)
	list("shared topics", ev.SharedTopics)
	list("shared words", ev.SharedTerms)
	list("only in A", append(append(append([]string{}, ev.OnlyA.Entities...), ev.OnlyA.Places...), ev.OnlyA.Dates...))
	list("only in B", append(append(append([]string{}, ev.OnlyB.Entities...), ev.OnlyB.Places...), ev.OnlyB.Dates...))
	if ev.DaysApart >= 0 {
		fmt.Fprintf(w, "%-16s %d\n", "days apart:", ev.DaysApart)
	}
	list("no evidence for", ev.Missing)
}

func newRelated(e *env) *cobra.Command {
	var (
		k      int
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "related ID",
		Short: "The articles nearest to one, in any language",
		Long: `List the k articles nearest to a stored one, in any language, found through an index over
canonical entities, places, concepts, topics and word shingles and ranked by overall similarity.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			st, c, err := e.linked(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			d, err := linkedDoc(ctx, st, c, args[0])
			if err != nil {
				return err
			}
			ns := c.Related(d, k)
			if ns == nil {
				ns = []link.Neighbour{}
			}
			if asJSON {
				return printJSON(e.stdout, ns)
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tLANG\tDATE\tOVERALL\tSAME EVENT\tTITLE")
			for _, n := range ns {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%.2f\t%.2f\t%s\n", n.ID, n.Lang, dash(n.Published), n.Scores.Overall, n.Scores.SameEvent, cut(n.Title, 70))
			}
			return tw.Flush()
		},
	}
	cmd.Flags().IntVarP(&k, "k", "k", 10, "how many articles")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return cmd
}

// duplicatePair is a pair of near-duplicate articles.
type duplicatePair struct {
	A       string  `json:"a"`
	B       string  `json:"b"`
	Jaccard float64 `json:"jaccard"`
	TitleA  string  `json:"title_a"`
	TitleB  string  `json:"title_b"`
}

func newDuplicates(e *env) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "duplicates",
		Short: "Near-duplicate articles: wire copies, republished and lightly edited stories",
		Long: `List pairs of stored articles whose word shingles overlap so much that one is a copy of the
other (MinHash with locality-sensitive hashing; estimated Jaccard similarity of word 3-shingles ≥ 0.5).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			st, c, err := e.linked(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			pairs := []duplicatePair{}
			for _, a := range c.State().Articles {
				for _, n := range c.Duplicates(a.Doc) {
					if a.Doc.ID < n.ID {
						pairs = append(pairs, duplicatePair{A: a.Doc.ID, B: n.ID, Jaccard: n.Jaccard, TitleA: a.Doc.Title, TitleB: n.Title})
					}
				}
			}
			sort.Slice(pairs, func(i, j int) bool {
				if pairs[i].Jaccard != pairs[j].Jaccard {
					return pairs[i].Jaccard > pairs[j].Jaccard
				}
				return pairs[i].A+pairs[i].B < pairs[j].A+pairs[j].B
			})
			if asJSON {
				return printJSON(e.stdout, pairs)
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "A\tB\tJACCARD\tTITLE A\tTITLE B")
			for _, p := range pairs {
				fmt.Fprintf(tw, "%s\t%s\t%.2f\t%s\t%s\n", p.A, p.B, p.Jaccard, cut(p.TitleA, 45), cut(p.TitleB, 45))
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return cmd
}

func newStories(e *env) *cobra.Command {
	var (
		f      store.StoryFilter
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "stories",
		Short: "Stories (threads of related events) with their events, languages, titles and date span",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			st, err := e.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			list, err := st.Stories(ctx, f)
			if err != nil {
				return err
			}
			if asJSON {
				if list == nil {
					list = []store.StorySummary{}
				}
				return printJSON(e.stdout, list)
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "STORY\tARTICLES\tEVENTS\tLANGUAGES\tFROM\tTO\tTITLES")
			for _, s := range list {
				fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s\t%s\n", s.ID, s.Articles, s.Events, langCounts(s.Langs), dash(s.First), dash(s.Last), titles(s.Titles, 50))
			}
			return tw.Flush()
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.Lang, "lang", "", "only stories with articles in this language")
	fl.IntVar(&f.MinArticles, "min-articles", 1, "only stories with at least this many articles")
	fl.IntVar(&f.Limit, "limit", 50, "at most this many stories")
	fl.BoolVar(&asJSON, "json", false, "print as JSON")
	return cmd
}

func newStory(e *env) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "story ID",
		Short: "One story: its events, each with its articles per language",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			st, err := e.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			d, err := storyByArg(ctx, st, args[0])
			if err != nil {
				return err
			}
			if asJSON {
				return printJSON(e.stdout, d)
			}
			fmt.Fprintf(e.stdout, "%s  %d articles, %d events, %s, %s … %s\n", d.ID, d.Articles, d.Events, langCounts(d.Langs), dash(d.First), dash(d.Last))
			for _, l := range sortedKeys(d.Titles) {
				fmt.Fprintf(e.stdout, "  [%s] %s\n", l, d.Titles[l])
			}
			for _, ev := range d.EventList {
				fmt.Fprintf(e.stdout, "\nevent %s  %s … %s\n", ev.ID, dash(ev.First), dash(ev.Last))
				for _, a := range ev.Articles {
					fmt.Fprintf(e.stdout, "  %s  %s  %s  %s\n", a.ID, a.Lang, dash(a.Published), cut(a.Title, 80))
				}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return cmd
}

// storyByArg finds a story by its id or by the id of one of its articles.
func storyByArg(ctx context.Context, st store.Store, arg string) (store.StoryDetail, error) {
	d, err := st.Story(ctx, arg)
	if err == nil {
		return d, nil
	}
	if a, aerr := st.Article(ctx, arg); aerr == nil {
		if _, story, lerr := st.ArticleLinks(ctx, a.ID); lerr == nil {
			return st.Story(ctx, story)
		}
	}
	return d, &exitError{code: 1, err: err}
}

func newEventsOfStory(e *env) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "events-of-story ID",
		Short: "The PLOVER events reported by the articles of a story, in date order",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			st, err := e.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			d, err := storyByArg(ctx, st, args[0])
			if err != nil {
				return err
			}
			var ids []string
			for _, ev := range d.EventList {
				for _, a := range ev.Articles {
					ids = append(ids, a.ID)
				}
			}
			evs, err := st.ArticleEvents(ctx, ids, store.EventFilter{})
			if err != nil {
				return err
			}
			canon, err := st.CanonicalAll(ctx, ids)
			if err != nil {
				return err
			}
			events.Canonicalise(evs, func(article, key string) string { return canon[article+"\x00"+key] })
			ms := events.Merge(evs, nil)
			events.Timeline(ms)
			if asJSON {
				if ms == nil {
					ms = []events.Merged{}
				}
				return printJSON(e.stdout, ms)
			}
			return writeTimeline(e.stdout, ms)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return cmd
}

func titles(m map[string]string, n int) string {
	var parts []string
	for _, l := range sortedKeys(m) {
		parts = append(parts, "["+l+"] "+cut(m[l], n))
	}
	return strings.Join(parts, " ")
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// cut shortens s to n characters.
func cut(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
