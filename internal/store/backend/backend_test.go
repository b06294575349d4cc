package backend

import (
	"context"
	"path/filepath"
	"testing"

	"storyline/internal/store/postgres"
	"storyline/internal/store/postgres/pgtest"
	"storyline/internal/store/sqlite"
)

func TestOpenPicksTheBackend(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := s.(*sqlite.Store); !ok {
		t.Errorf("a file path opened %T", s)
	}
	s.Close()
	if _, err := Open(ctx, "postgres://u:p@127.0.0.1:1/db?connect_timeout=2"); err == nil {
		t.Error("a postgres:// URL with nothing listening opened")
	}
	url := pgtest.URL(t)
	s, err = Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, ok := s.(*postgres.Store); !ok {
		t.Errorf("%s opened %T", Redact(url), s)
	}
}

func TestRedact(t *testing.T) {
	tests := []struct{ in, want string }{
		{"storyline.db", "storyline.db"},
		{"postgres://u:secret@h:5432/db?sslmode=disable", "postgres://u:xxxxx@h:5432/db?sslmode=disable"},
		{"postgresql://h/db", "postgresql://h/db"},
	}
	for _, tt := range tests {
		if got := Redact(tt.in); got != tt.want {
			t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
