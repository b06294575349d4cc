package cli

import (
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"storyline/internal/ingest"
	"storyline/internal/store"
)

func newArticles(e *env) *cobra.Command {
	var (
		f      store.ArticleFilter
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "articles",
		Short: "List stored articles",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			for _, d := range []struct{ flag, v string }{{"--since", f.Since}, {"--until", f.Until}} {
				if d.v != "" && !validDate(d.v) {
					return fmt.Errorf("%s %q: want a date as YYYY-MM-DD", d.flag, d.v)
				}
			}
			ctx := cmd.Context()
			st, err := e.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			if asJSON {
				list := []ingest.Article{}
				err := st.Articles(ctx, f, func(_ int64, a ingest.Article) error { list = append(list, a); return nil })
				if err != nil {
					return err
				}
				return printJSON(e.stdout, list)
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tDATE\tLANG\tTITLE\tSOURCE")
			err = st.Articles(ctx, f, func(_ int64, a ingest.Article) error {
				date := a.Published
				if date == "" {
					date = "-"
				}
				_, err := fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", a.ID, date, a.Lang, headline(a, 60), a.Source)
				return err
			})
			if err != nil {
				return err
			}
			return tw.Flush()
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.Lang, "lang", "", "only articles in this language (ISO 639-1, e.g. en, ar)")
	fl.StringVar(&f.Since, "since", "", "only articles published on or after this date (YYYY-MM-DD)")
	fl.StringVar(&f.Until, "until", "", "only articles published on or before this date (YYYY-MM-DD)")
	fl.IntVar(&f.Limit, "limit", 0, "at most this many articles (0: all)")
	fl.BoolVar(&asJSON, "json", false, "print as JSON")
	return cmd
}

func newShow(e *env) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show everything known about one article (ID or a unique prefix of it)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			st, err := e.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			a, err := st.Article(ctx, args[0])
			if errors.Is(err, store.ErrNotFound) || errors.Is(err, store.ErrAmbiguous) {
				return &exitError{code: 1, err: err}
			}
			if err != nil {
				return err
			}
			if asJSON {
				return printJSON(e.stdout, a)
			}
			w := e.stdout
			row := func(k, v string) {
				if v != "" {
					fmt.Fprintf(w, "%-13s %s\n", k+":", v)
				}
			}
			row("id", a.ID)
			row("title", a.Title)
			row("language", fmt.Sprintf("%s (confidence %.2f)", a.Lang, a.LangConfidence))
			if a.Published != "" {
				row("published", a.Published+" (from "+a.PublishedFrom+")")
			}
			row("dateline", a.Dateline)
			row("outlet", a.Outlet)
			row("source", a.Source)
			row("url", a.URL)
			row("format", a.Format)
			row("ingested", a.IngestedAt.Format("2006-01-02 15:04:05Z07:00"))
			row("content hash", a.ContentHash)
			for k, v := range a.Extra {
				row("extra."+k, string(v))
			}
			fmt.Fprintf(w, "\n%s\n", a.Body)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return cmd
}

// headline is the title, or the start of the body when there is none, cut to n characters.
func headline(a ingest.Article, n int) string {
	s := a.Title
	if s == "" {
		s = a.Body
	}
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > n {
		r := []rune(s)
		s = string(r[:n-1]) + "…"
	}
	return s
}

func validDate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}
