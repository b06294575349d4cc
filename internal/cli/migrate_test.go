package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"storyline/internal/store/postgres/pgtest"
)

// run runs the command line and returns its exit code and output.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// TestMigrateCommand copies a store SQLite → PostgreSQL → SQLite with the command and checks that
// it prints matching digests, and that it refuses a target holding data unless --force.
func TestMigrateCommand(t *testing.T) {
	dir := t.TempDir()
	src, back := filepath.Join(dir, "src.db"), filepath.Join(dir, "back.db")
	pg := pgtest.URL(t)
	examples := filepath.Join(repoRootForTest(t), "examples")
	if code, _, errs := runCLI(t, "--db", src, "ingest", "--quiet", examples); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, errs)
	}
	for _, step := range [][2]string{{src, pg}, {pg, back}} {
		code, out, errs := runCLI(t, "migrate", "--from", step[0], "--to", step[1])
		if code != 0 || !strings.Contains(out, "digests match") || !strings.Contains(out, "entity_rows") {
			t.Fatalf("migrate %s → %s: exit %d\n%s%s", step[0], step[1], code, out, errs)
		}
		if strings.Contains(out, "storyline:storyline@") {
			t.Errorf("migrate printed a password:\n%s", out)
		}
	}
	code, _, errs := runCLI(t, "migrate", "--from", src, "--to", back)
	if code == 0 || !strings.Contains(errs, "not empty") {
		t.Errorf("migrate into a full store: exit %d, %s", code, errs)
	}
	code, out, _ := runCLI(t, "migrate", "--json", "--force", "--from", src, "--to", back)
	if code != 0 || !strings.Contains(out, `"match": true`) {
		t.Errorf("migrate --force of the same data: exit %d\n%s", code, out)
	}
	if code, _, _ := runCLI(t, "migrate", "--from", src); code == 0 {
		t.Error("migrate without --to succeeded")
	}
}

// repoRootForTest walks up from the working directory to the folder holding go.mod.
func repoRootForTest(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the working directory")
		}
		dir = parent
	}
}
