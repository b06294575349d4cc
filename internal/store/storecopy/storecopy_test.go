package storecopy_test

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"

	"storyline/internal/ingest"
	"storyline/internal/ingest/langid"
	"storyline/internal/pipeline"
	"storyline/internal/store"
	"storyline/internal/store/backend"
	"storyline/internal/store/postgres/pgtest"
	"storyline/internal/store/storecopy"
	"storyline/internal/store/storetest"
)

// repoRoot walks up from the working directory to the folder holding go.mod.
func repoRoot(t *testing.T) string {
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

func open(t *testing.T, dsn string) store.Store {
	t.Helper()
	s, err := backend.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// source is a SQLite store holding the repository's examples through the whole pipeline
// (articles in four languages, analyses, resolved entities, events, links and stories), and one
// article stored without analysis.
func source(t *testing.T) store.Store {
	t.Helper()
	s := open(t, filepath.Join(t.TempDir(), "source.db"))
	identify := func(text string) (string, float64) {
		r := langid.Detect(text)
		return r.Lang, r.Confidence
	}
	sum, err := pipeline.Ingest(context.Background(), []string{filepath.Join(repoRoot(t), "examples")}, s,
		pipeline.Options{Stages: pipeline.NewStages(), BatchSize: 4, Read: ingest.Options{Identify: identify}})
	if err != nil || sum.New == 0 || sum.Linked == 0 || sum.Events == 0 {
		t.Fatalf("ingesting the examples: %+v, %v", sum, err)
	}
	if _, err := s.Write(context.Background(), store.Batch{Articles: []ingest.Article{storetest.Article(1, "en")}}); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestCopyBothWays copies SQLite → PostgreSQL → SQLite and checks every digest equal, and the
// copies answering a search and a story as the source does.
func TestCopyBothWays(t *testing.T) {
	ctx := context.Background()
	src := source(t)
	pg := open(t, pgtest.URL(t))
	back := open(t, filepath.Join(t.TempDir(), "back.db"))
	rep1, err := storecopy.Copy(ctx, src, pg, storecopy.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rep2, err := storecopy.Copy(ctx, pg, back, storecopy.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, rep := range []storecopy.Report{rep1, rep2} {
		if !rep.Match || !rep.From.Equal(rep.To) {
			t.Errorf("digests differ:\n%+v\n%+v", rep.From, rep.To)
		}
	}
	if !rep1.From.Equal(rep2.To) {
		t.Errorf("the round trip changed the store:\n%+v\n%+v", rep1.From, rep2.To)
	}
	d := rep1.From
	if d.Tables[0].Rows != rep1.Copied || d.Tables[1].Rows == 0 || d.Tables[2].Rows == 0 || d.Tables[3].Rows == 0 ||
		d.Tables[4].Rows == 0 || d.Stories == 0 {
		t.Errorf("the source digest counts little: %+v", d)
	}
	if d.Tables[1].Rows != d.Tables[0].Rows-1 {
		t.Errorf("%d analyses for %d articles, one stored without", d.Tables[1].Rows, d.Tables[0].Rows)
	}
	for _, s := range []store.Store{pg, back} {
		for _, q := range []store.SearchQuery{{Text: "Safadi"}, {Text: "الصفدي"}, {Lang: "ar"}} {
			want, err1 := src.Search(ctx, q)
			got, err2 := s.Search(ctx, q)
			// Scores agree to rounding (PostgreSQL sums BM25 in another order than FTS5).
			for i := range want.Hits {
				if i < len(got.Hits) && math.Abs(got.Hits[i].Score-want.Hits[i].Score) <= 1e-9*math.Abs(want.Hits[i].Score) {
					got.Hits[i].Score = want.Hits[i].Score
				}
			}
			wj, _ := json.Marshal(want)
			gj, _ := json.Marshal(got)
			if err1 != nil || err2 != nil || string(wj) != string(gj) || want.Total == 0 {
				t.Errorf("search %+v on the copy:\n got %s (%v)\nwant %s (%v)", q, gj, err2, wj, err1)
			}
		}
		stories, err := src.Stories(ctx, store.StoryFilter{})
		if err != nil || len(stories) == 0 {
			t.Fatalf("source stories: %v, %v", stories, err)
		}
		want, _ := src.Story(ctx, stories[0].ID)
		got, err := s.Story(ctx, stories[0].ID)
		want.LastIngest, got.LastIngest = 0, 0 // ingest sequence numbers are the target's own
		wj, _ := json.Marshal(want)
		gj, _ := json.Marshal(got)
		if err != nil || string(wj) != string(gj) {
			t.Errorf("story on the copy:\n got %s (%v)\nwant %s", gj, err, wj)
		}
	}
}

// TestCopyRefusesNonEmptyTarget checks the refusal, --force, and that a digest sees a change.
func TestCopyRefusesNonEmptyTarget(t *testing.T) {
	ctx := context.Background()
	src := source(t)
	dst := open(t, filepath.Join(t.TempDir(), "dst.db"))
	if _, err := dst.Write(ctx, store.Batch{Articles: []ingest.Article{storetest.Article(99, "fr")}}); err != nil {
		t.Fatal(err)
	}
	if _, err := storecopy.Copy(ctx, src, dst, storecopy.Options{}); !errors.Is(err, storecopy.ErrNotEmpty) {
		t.Fatalf("copy into a non-empty store: err = %v, want ErrNotEmpty", err)
	}
	if n, _ := dst.LanguageCounts(ctx); n["en"] != 0 {
		t.Errorf("the refused copy wrote %v", n)
	}
	rep, err := storecopy.Copy(ctx, src, dst, storecopy.Options{Force: true})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Match {
		t.Error("a target holding one more article matched its source")
	}
	if rep.To.Tables[0].Rows != rep.From.Tables[0].Rows+1 {
		t.Errorf("forced copy: %d articles in the target, want %d", rep.To.Tables[0].Rows, rep.From.Tables[0].Rows+1)
	}
	for i := 1; i < len(rep.From.Tables); i++ {
		if rep.From.Tables[i] != rep.To.Tables[i] {
			t.Errorf("forced copy: table %s differs: %+v / %+v", rep.From.Tables[i].Name, rep.From.Tables[i], rep.To.Tables[i])
		}
	}
}
