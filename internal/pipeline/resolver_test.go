package pipeline

import (
	"context"
	"path/filepath"
	"testing"

	"storyline/internal/analyse"
	"storyline/internal/ingest"
	"storyline/internal/store"
)

// TestResolverMatchesResolve checks that resolving distinct profiles with weights gives every row
// the id resolving all rows one by one gives, also when articles repeat a person many times.
func TestResolverMatchesResolve(t *testing.T) {
	ctx := context.Background()
	s := NewStages()
	var rows []store.EntityRow
	err := ingest.Read(ctx, []string{filepath.Join("..", "..", "examples")}, ingest.Options{}, func(r ingest.Result) error {
		if r.Err != nil {
			return r.Err
		}
		as, errs := s.Analyse(ctx, []ingest.Article{*r.Article})
		if len(errs) > 0 {
			t.Fatalf("analyse %s: %v", r.Article.Source, errs)
		}
		for _, a := range as {
			for _, e := range a.Entities {
				if e.Entity.Type == analyse.TypePerson {
					// Each person row three times, as three articles naming them alike would.
					for k, id := range []string{"a", "b", "c"} {
						row := e
						row.ArticleID = e.ArticleID + id
						row.Published = []string{"", "2021-01-01", "2022-02-02"}[k]
						rows = append(rows, row)
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 20 {
		t.Fatalf("only %d person rows from examples/", len(rows))
	}
	refs := make([]analyse.EntityRef, len(rows))
	for i, r := range rows {
		refs[i] = analyse.EntityRef{ArticleID: r.ArticleID, Entity: r.Entity, Lang: r.Lang, Published: r.Published}
	}
	want := analyse.Resolve(refs, s.Names)
	got := s.Resolver()(rows)
	for i := range rows {
		if got[i] != want[i] {
			t.Errorf("row %d (%s %q): weighted resolution gives %s, one by one %s", i, rows[i].ArticleID, rows[i].Entity.Name, got[i], want[i])
		}
	}
}
