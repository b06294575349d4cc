package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"storyline/internal/serve"
)

// examplesStore ingests the repository's examples/ into a fresh store and returns its path.
func examplesStore(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "x.db")
	var out, errb bytes.Buffer
	if code := Run(context.Background(), []string{"--db", db, "ingest", "--quiet", filepath.Join("..", "..", "examples")},
		strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("ingest examples: exit %d: %s", code, errb.String())
	}
	return db
}

func TestSearchAcrossScripts(t *testing.T) {
	db := examplesStore(t)
	cases := []struct {
		name, lang string
		query      []string
		entity     string // an entity the query must name
	}{
		{"English name finds Arabic coverage", "ar", []string{"Lavrov"}, "person:sergey-lavrov"},
		{"Arabic name finds English coverage", "en", []string{"لافروف"}, "person:sergey-lavrov"},
		{"English country finds Arabic coverage", "ar", []string{"Jordan"}, "country:JOR"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			args := append([]string{"--db", db, "search", "--json", "--lang", c.lang}, c.query...)
			if code := Run(context.Background(), args, strings.NewReader(""), &out, &errb); code != 0 {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			var got serve.SearchAnswer
			if err := json.Unmarshal(out.Bytes(), &got); err != nil {
				t.Fatalf("%v\n%s", err, out.String())
			}
			named := false
			for _, m := range got.Entities {
				named = named || m.ID == c.entity
			}
			if !named {
				t.Errorf("query %q names %+v, want %s among them", c.query, got.Entities, c.entity)
			}
			if got.Total == 0 || len(got.Hits) == 0 {
				t.Fatalf("no %s hits for %q", c.lang, c.query)
			}
			for _, h := range got.Hits {
				if h.Lang != c.lang {
					t.Errorf("hit %s in %s, filter asked %s", h.ID, h.Lang, c.lang)
				}
				if !strings.Contains(strings.Join(h.Entities, " "), c.entity) {
					t.Errorf("hit %s (%s) did not match %s: %+v", h.ID, h.Title, c.entity, h)
				}
			}
		})
	}
}

func TestSearchBadInput(t *testing.T) {
	db := examplesStore(t)
	for _, args := range [][]string{
		{"search"},
		{"search", "--since", "yesterday", "Lavrov"},
		{"search", "--limit", "0", "Lavrov"},
		{"search", "--offset", "-1", "Lavrov"},
	} {
		var out, errb bytes.Buffer
		if code := Run(context.Background(), append([]string{"--db", db}, args...), strings.NewReader(""), &out, &errb); code == 0 {
			t.Errorf("%q: exit 0, want an error", args)
		} else if errb.Len() == 0 {
			t.Errorf("%q: failed without saying why", args)
		}
	}
}
