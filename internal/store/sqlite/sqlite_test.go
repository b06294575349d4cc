package sqlite

import (
	"context"
	"path/filepath"
	"testing"

	"storyline/internal/ingest"
	"storyline/internal/store"
	"storyline/internal/store/storetest"
)

func TestSuite(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		s, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

func TestReopenKeepsData(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "re.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	a := storetest.Article(1, "en")
	if _, err := s.Write(ctx, store.Batch{Articles: []ingest.Article{a}}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Article(ctx, a.ID); err != nil {
		t.Errorf("after reopening: %v", err)
	}
}

func TestOpenBadPath(t *testing.T) {
	if _, err := Open(context.Background(), filepath.Join(t.TempDir(), "no", "such", "dir", "x.db")); err == nil {
		t.Error("opening a store in a missing directory succeeded")
	}
}

// TestEntitySummariesRecounted checks that a store whose entity summaries are missing or were
// counted by another version (a store from before they were kept) recounts them when it opens.
func TestEntitySummariesRecounted(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	arts := storetest.WriteEntityFixture(t, s)
	if _, err := s.DB().ExecContext(ctx, `DELETE FROM entities; DELETE FROM entity_counts; DELETE FROM entity_pairs;
		DELETE FROM entity_meta`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	storetest.CheckEntitySummaries(t, s, arts, "after reopening")
}
