package postgres

import (
	"context"
	"strings"
	"testing"

	"storyline/internal/ingest"
	"storyline/internal/store"
	"storyline/internal/store/postgres/pgtest"
	"storyline/internal/store/storetest"
)

func open(t *testing.T, url string) *Store {
	t.Helper()
	s, err := Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSuite(t *testing.T) {
	pgtest.Base(t)
	storetest.Run(t, func(t *testing.T) store.Store { return open(t, pgtest.URL(t)) })
}

func TestReopenKeepsData(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	s := open(t, url)
	a := storetest.Article(1, "en")
	if _, err := s.Write(ctx, store.Batch{Articles: []ingest.Article{a}}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = open(t, url)
	defer s.Close()
	if _, err := s.Article(ctx, a.ID); err != nil {
		t.Errorf("after reopening: %v", err)
	}
	v, err := s.SchemaVersion(ctx)
	if err != nil || v < 3 {
		t.Errorf("SchemaVersion after reopening = %d, %v", v, err)
	}
}

func TestOpenBadURL(t *testing.T) {
	tests := []struct{ name, url string }{
		{"unparsable", "postgres://%zz"},
		{"nobody listening", "postgres://u:secret-password@127.0.0.1:1/db?connect_timeout=2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Open(context.Background(), tt.url)
			if err == nil {
				t.Fatal("opened")
			}
			if s := err.Error(); strings.Contains(s, "secret-password") {
				t.Errorf("error shows the password: %s", s)
			}
		})
	}
}

func TestFirstSchema(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"news", "news"},
		{"News, public", "news"},
		{`"My Schema", public`, "My Schema"},
		{"$user, public", ""},
	}
	for _, tt := range tests {
		if got := firstSchema(tt.in); got != tt.want {
			t.Errorf("firstSchema(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestEntitySummariesRecounted checks that a store whose entity summaries are missing or were
// counted by another version (a store from before they were kept) recounts them when it opens.
func TestEntitySummariesRecounted(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	s := open(t, url)
	arts := storetest.WriteEntityFixture(t, s)
	if _, err := s.Pool().Exec(ctx, `DELETE FROM entities; DELETE FROM entity_counts; DELETE FROM entity_pairs;
		DELETE FROM entity_meta`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = open(t, url)
	defer s.Close()
	storetest.CheckEntitySummaries(t, s, arts, "after reopening")
}
