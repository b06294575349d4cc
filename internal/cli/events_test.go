package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"storyline/internal/events"
)

// runEventCmd runs the storyline command line with the event commands registered (root.go may
// register them itself).
func runEventCmd(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, stdin: strings.NewReader("")}
	root := newRoot(e)
	for _, c := range []func(*env) *cobra.Command{newEvents, newTimeline, newExport} {
		cmd := c(e)
		if found, _, err := root.Find([]string{cmd.Name()}); err != nil || found == root {
			root.AddCommand(cmd)
		}
	}
	root.SetArgs(args)
	root.SetOut(&out)
	root.SetErr(&errb)
	err := root.ExecuteContext(context.Background())
	return out.String(), err
}

// seedStore ingests the sample corpus into a fresh store and returns its path.
func seedStore(t *testing.T) string {
	t.Helper()
	wd, _ := os.Getwd()
	seeds := filepath.Join(wd, "..", "..", "..", "shared", "corpus", "seeds")
	if _, err := os.Stat(seeds); err != nil {
		t.Skipf("sample corpus absent (%v): it lives in ../shared/corpus beside the repository", err)
	}
	db := filepath.Join(t.TempDir(), "s.db")
	var out, errb bytes.Buffer
	if code := Run(context.Background(), []string{"--db", db, "ingest", "--quiet", seeds}, strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("ingest: %d %s", code, errb.String())
	}
	return db
}

func TestTimelineOnSeeds(t *testing.T) {
	db := seedStore(t)
	out, err := runEventCmd(t, "--db", db, "timeline", "--actor", "Lavrov", "--with", "Jordan")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", out)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines, want the 4 contacts", len(lines))
	}
	if !strings.HasPrefix(lines[0], "2022-11-0") || !strings.Contains(lines[0], "(inferred)") {
		t.Errorf("first line %q: want the November 2022 visit with its inferred year", lines[0])
	}
	for _, l := range lines[1:] {
		if !strings.HasPrefix(l, "undated") {
			t.Errorf("line %q: want undated contacts after the dated one", l)
		}
	}
	for _, l := range lines {
		if !strings.Contains(l, "CONSULT") || !strings.Contains(l, "sources: ") {
			t.Errorf("line %q lacks its type or sources", l)
		}
	}

	out, err = runEventCmd(t, "--db", db, "timeline", "--actor", "لافروف", "--with", "الأردن", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var ms []events.Merged
	if err := json.Unmarshal([]byte(out), &ms); err != nil {
		t.Fatalf("--json: %v", err)
	}
	if len(ms) == 0 {
		t.Error("the Arabic names find nothing")
	}
}

func TestEventsAndExportCommands(t *testing.T) {
	db := seedStore(t)
	out, err := runEventCmd(t, "--db", db, "events", "--type", "agree")
	if err != nil {
		t.Fatal(err)
	}
	if n := len(strings.Split(strings.TrimSpace(out), "\n")); n != 2 || !strings.Contains(out, "AGREE") {
		t.Errorf("events --type agree:\n%s", out)
	}
	out, err = runEventCmd(t, "--db", db, "events", "--lang", "ar", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var ms []events.Merged
	if err := json.Unmarshal([]byte(out), &ms); err != nil || len(ms) != 1 {
		t.Errorf("events --lang ar --json: %d events, %v", len(ms), err)
	}
	out, err = runEventCmd(t, "--db", db, "export", "events", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) < 2 || strings.Join(rows[0], ",") != strings.Join(events.CSVHeader, ",") {
		t.Errorf("export csv: %v\n%s", err, out)
	}
	out, err = runEventCmd(t, "--db", db, "export", "events", "--format", "jsonl", "--actor", "Mekdad")
	if err != nil {
		t.Fatal(err)
	}
	if n := len(strings.Split(strings.TrimSpace(out), "\n")); n != 1 {
		t.Errorf("export jsonl --actor Mekdad: %d lines\n%s", n, out)
	}
	for _, bad := range [][]string{
		{"export", "events", "--format", "xml"},
		{"events", "--since", "2021-13-40"},
		{"events", "--type", "HUG"},
		{"timeline"},
		{"events", "--with", "Jordan"},
	} {
		if _, err := runEventCmd(t, append([]string{"--db", db}, bad...)...); err == nil {
			t.Errorf("%v: no error", bad)
		}
	}
}
