package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"storyline/internal/events"
	"storyline/internal/store"
)

// eventLister is a store that lists merged events itself (for instance from a table of merged
// events): the events passing a filter, in any order (the commands sort). Stores without it give
// their per-article events (store.EventReader), which the commands merge on canonical ids.
type eventLister interface {
	Events(ctx context.Context, f events.Filter) ([]events.Merged, error)
}

// eventFlags are the filters the event commands share.
type eventFlags struct {
	f      events.Filter
	asJSON bool
	limit  int
}

func (ef *eventFlags) add(cmd *cobra.Command, actorHelp string) {
	fl := cmd.Flags()
	fl.StringVar(&ef.f.Actor, "actor", "", actorHelp)
	fl.StringVar(&ef.f.With, "with", "", "only events whose other side is this entity (matched like --actor)")
	fl.StringVar(&ef.f.Type, "type", "", "only events of this PLOVER type ("+strings.Join(events.Types, ", ")+")")
	fl.StringVar(&ef.f.Since, "since", "", "only events on or after this date (YYYY-MM-DD; undated ones by publication date)")
	fl.StringVar(&ef.f.Until, "until", "", "only events on or before this date (YYYY-MM-DD)")
	fl.StringVar(&ef.f.Lang, "lang", "", "only events reported in this language (ISO 639-1, e.g. en, ar)")
}

const actorHelp = `only events this entity takes part in, on either side: a name or part of one ("Lavrov",
"لافروف"), a canonical id ("country:JOR"), or a country ("Jordan", "JOR"), which also matches its
people and bodies`

// loadEvents returns the merged events of the store that pass f, chronological.
func (e *env) loadEvents(ctx context.Context, f events.Filter) ([]events.Merged, error) {
	if err := f.Validate(); err != nil {
		return nil, &exitError{code: 2, err: err}
	}
	st, err := e.openStore(ctx)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	var ms []events.Merged
	if l, ok := st.(eventLister); ok {
		if ms, err = l.Events(ctx, f); err != nil {
			return nil, fmt.Errorf("list events: %w", err)
		}
	} else if ms, err = mergeStored(ctx, st, f); err != nil {
		return nil, err
	}
	m := events.NewMatcher(f, nil)
	out := ms[:0]
	for _, x := range ms {
		if m.Match(x) {
			out = append(out, x)
		}
	}
	events.Timeline(out)
	return out, nil
}

// mergeStored merges the stored per-article events on the canonical ids of their entities. Only
// the type is left to the store to filter: language and dates apply to merged events, whose
// reports may differ in both.
func mergeStored(ctx context.Context, st store.Store, f events.Filter) ([]events.Merged, error) {
	evs, err := st.ArticleEvents(ctx, nil, store.EventFilter{Type: f.Type})
	if err != nil {
		return nil, fmt.Errorf("list events: %w", err)
	}
	canon, err := st.CanonicalAll(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("canonical ids: %w", err)
	}
	events.Canonicalise(evs, func(article, key string) string { return canon[article+"\x00"+key] })
	ms := events.Merge(evs, nil)
	if err := canonicalNames(ctx, st, ms); err != nil {
		return nil, err
	}
	return ms, nil
}

// canonicalNames names each merged event's sides by their canonical entity (events.NameSides),
// read from the store's entity summaries.
func canonicalNames(ctx context.Context, st store.Store, ms []events.Merged) error {
	type name struct{ en, ar string }
	names := map[string]*name{}
	var firstErr error
	events.NameSides(ms, func(key string) (string, string, bool) {
		n, seen := names[key]
		if !seen && key != "" && firstErr == nil {
			s, err := st.Entity(ctx, key)
			switch {
			case errors.Is(err, store.ErrNotFound):
			case err != nil:
				firstErr = fmt.Errorf("entity %s: %w", key, err)
			default:
				n = &name{s.Name, s.NameAr}
			}
			names[key] = n
		}
		if n == nil {
			return "", "", false
		}
		return n.en, n.ar, true
	})
	return firstErr
}

func newEvents(e *env) *cobra.Command {
	var ef eventFlags
	cmd := &cobra.Command{
		Use:   "events",
		Short: "List events (PLOVER) merged across articles and languages",
		Long: `List the events the stored articles report — who met, called, visited, backed, asked, accused,
rejected, aided, threatened, sanctioned or protested against whom, when and where — one line per
event merged across articles and languages, in date order (undated events last).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ms, err := e.loadEvents(cmd.Context(), ef.f)
			if err != nil {
				return err
			}
			if ef.limit > 0 && len(ms) > ef.limit {
				ms = ms[:ef.limit]
			}
			if ef.asJSON {
				if ms == nil {
					ms = []events.Merged{}
				}
				return printJSON(e.stdout, ms)
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tDATE\tTYPE\tACTOR\tRECIPIENT\tPLACE\tSOURCES\tCONF")
			for _, m := range ms {
				ev := &m.Event
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%d\t%.2f\n", m.ID, dateLabel(m), typeLabel(ev), sideLabel(ev.Actor),
					sideLabel(ev.Recipient), placeLabel(ev.Location), len(m.Sources), ev.Confidence)
			}
			return tw.Flush()
		},
	}
	ef.add(cmd, actorHelp)
	cmd.Flags().BoolVar(&ef.asJSON, "json", false, "print as JSON (merged events with their sources and why they were merged)")
	cmd.Flags().IntVar(&ef.limit, "limit", 0, "at most this many events (0: all)")
	return cmd
}

func newTimeline(e *env) *cobra.Command {
	var ef eventFlags
	cmd := &cobra.Command{
		Use:   "timeline --actor X [--with Y]",
		Short: "The events of an actor (with another) in chronological order, with their sources",
		Long: `Show the events an actor takes part in — with --with, only those with that other side — in
chronological order, one line per event with its date (marked when the year or day was inferred),
type and mode, the two sides, the place and the articles that report it. Events the texts do not
date come last, marked undated.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if strings.TrimSpace(ef.f.Actor) == "" {
				return &exitError{code: 2, err: errors.New("timeline needs --actor")}
			}
			ms, err := e.loadEvents(cmd.Context(), ef.f)
			if err != nil {
				return err
			}
			if ef.asJSON {
				if ms == nil {
					ms = []events.Merged{}
				}
				return printJSON(e.stdout, ms)
			}
			return writeTimeline(e.stdout, ms)
		},
	}
	ef.add(cmd, actorHelp)
	cmd.Flags().BoolVar(&ef.asJSON, "json", false, "print as JSON")
	return cmd
}

// writeTimeline writes one line per merged event.
func writeTimeline(w io.Writer, ms []events.Merged) error {
	if len(ms) == 0 {
		_, err := fmt.Fprintln(w, "no events")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, m := range ms {
		ev := &m.Event
		var srcs []string
		for _, s := range m.Sources {
			label := s.ArticleID + " (" + s.Lang
			if s.Date != "" {
				label += ", " + s.Date
			}
			srcs = append(srcs, label+")")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s → %s\t%s\tsources: %s\n", dateLabel(m), typeLabel(ev), sideLabel(ev.Actor),
			sideLabel(ev.Recipient), placeLabel(ev.Location), strings.Join(srcs, ", "))
	}
	return tw.Flush()
}

func dateLabel(m events.Merged) string {
	d := m.Event.Date
	if d == "" {
		return "undated"
	}
	if m.First != "" && m.Last != "" && m.First != m.Last {
		d = m.First + ".." + m.Last
	}
	if m.Event.DateInferred {
		d += " (inferred)"
	}
	return d
}

func typeLabel(ev *events.Event) string {
	if ev.Mode == "" {
		return ev.Type
	}
	return ev.Type + "/" + ev.Mode
}

func sideLabel(r events.EntityRef) string {
	name := r.Name
	if name == "" {
		name = r.Key
	}
	if c := r.Country; c != "" && r.Type != "country" {
		name += " (" + c + ")"
	}
	return name
}

func placeLabel(r *events.EntityRef) string {
	if r == nil {
		return "-"
	}
	if r.Name != "" {
		return r.Name
	}
	return r.Key
}

func newExport(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "export",
		Short: "Export data in documented formats",
		Args:  cobra.NoArgs,
	}
	var (
		ef     eventFlags
		format string
		output string
	)
	cmd := &cobra.Command{
		Use:   "events",
		Short: "Export merged events as CSV or JSON Lines (schema: docs/events.md)",
		Long: `Export the merged events in a schema close to PLOVER/POLECAT (event_id, event_date, event_type,
event_mode, source_actor, source_actor_country, target_actor, target_actor_country, location,
topics, sources, supporting_text, confidence, language, ...; see docs/events.md). The event
filters of "storyline events" apply.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "csv" && format != "jsonl" {
				return &exitError{code: 2, err: fmt.Errorf("--format %q: want csv or jsonl", format)}
			}
			ms, err := e.loadEvents(cmd.Context(), ef.f)
			if err != nil {
				return err
			}
			w := e.stdout
			var f *os.File
			if output != "" && output != "-" {
				if f, err = os.Create(output); err != nil {
					return fmt.Errorf("--output: %w", err)
				}
				w = f
			}
			if format == "csv" {
				err = events.WriteCSV(w, ms)
			} else {
				err = events.WriteJSONL(w, ms)
			}
			if f != nil {
				if cerr := f.Close(); err == nil && cerr != nil {
					err = fmt.Errorf("--output %s: %w", output, cerr)
				}
			}
			return err
		},
	}
	ef.add(cmd, actorHelp)
	cmd.Flags().StringVar(&format, "format", "jsonl", "csv or jsonl")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write to this file instead of standard output")
	root.AddCommand(cmd)
	return root
}
