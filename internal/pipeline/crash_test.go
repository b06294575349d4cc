package pipeline

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"storyline/internal/ingest"
	"storyline/internal/store"
	"storyline/internal/store/backend"
)

// Environment of the worker process the crash test starts and kills.
const (
	envCrashDSN   = "STORYLINE_CRASH_WORKER_DSN"
	envCrashInput = "STORYLINE_CRASH_WORKER_INPUT"
)

// crashBatch is the number of articles per batch of the worker.
const crashBatch = 8

// TestMain lets the test binary act as the ingest worker that the crash test kills.
func TestMain(m *testing.M) {
	if dsn := os.Getenv(envCrashDSN); dsn != "" {
		if err := crashWorker(dsn, os.Getenv(envCrashInput)); err != nil {
			fmt.Fprintln(os.Stderr, "crash worker:", err)
			os.Exit(3)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// crashWorker ingests the files of dir batch by batch through WriteBatch and, after each batch
// returns, prints "ack" and the ids of its articles: what it acknowledges as stored.
func crashWorker(dsn, dir string) error {
	ctx := context.Background()
	st, err := backend.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	arts, err := readAll(ctx, dir)
	if err != nil {
		return err
	}
	stages := NewStages()
	linker, err := OpenLinker(ctx, st)
	if err != nil {
		return err
	}
	sum := Summary{Languages: map[string]int{}, NewByLang: map[string]int{}}
	out := bufio.NewWriter(os.Stdout)
	for i := 0; i < len(arts); i += crashBatch {
		batch := arts[i:min(i+crashBatch, len(arts))]
		if _, err := WriteBatch(ctx, st, stages, linker, batch, &sum, nil); err != nil {
			return err
		}
		ids := make([]string, len(batch))
		for k, a := range batch {
			ids[k] = a.ID
		}
		fmt.Fprintln(out, "ack", strings.Join(ids, " "))
		if err := out.Flush(); err != nil {
			return err
		}
	}
	return nil
}

// readAll reads every article under dir, in file order.
func readAll(ctx context.Context, dir string) ([]ingest.Article, error) {
	var arts []ingest.Article
	err := ingest.Read(ctx, []string{dir}, ingest.Options{Identify: identify}, func(r ingest.Result) error {
		if r.Err != nil {
			return r.Err
		}
		arts = append(arts, *r.Article)
		return nil
	})
	return arts, err
}

// writeCrashInput writes n variants of the test corpus (each article with an update number in
// its headline and body) into dir.
func writeCrashInput(t *testing.T, dir string, variants int) {
	t.Helper()
	for v := 0; v < variants; v++ {
		for _, f := range corpusFiles() {
			head, rest, _ := strings.Cut(f.text, "\n\n")
			text := fmt.Sprintf("%s (update %d)\n\n%s Update %d.\n", head, v, strings.TrimSpace(rest), v)
			name := filepath.Join(dir, fmt.Sprintf("v%02d-%s", v, f.name))
			if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestKillWorkerMidBatch starts an ingest worker process, kills it with SIGKILL while it works,
// and checks that every batch it acknowledged is stored whole, that no article is stored without
// its analysis, entity rows and events (each as analysing it again gives), and that running the
// job again completes it with each article once and everything linked.
func TestKillWorkerMidBatch(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a worker process")
	}
	dir := t.TempDir()
	writeCrashInput(t, dir, 12) // 240 articles, 30 batches
	want, err := readAll(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	stages := NewStages()
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			dsn := b.dsn(t)
			s := openDSN(t, dsn) // the schema exists before the worker starts
			s.Close()
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), envCrashDSN+"="+dsn, envCrashInput+"="+dir)
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			var stderr strings.Builder
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// Kill after a few acknowledged batches, at a random moment inside the next ones.
			acked := map[string]bool{}
			batches := 0
			lines := bufio.NewScanner(stdout)
			killAfter := 3 + rand.IntN(4)
			deadline := time.AfterFunc(2*time.Minute, func() { cmd.Process.Kill() })
			for lines.Scan() {
				f := strings.Fields(lines.Text())
				if len(f) == 0 || f[0] != "ack" {
					continue
				}
				for _, id := range f[1:] {
					acked[id] = true
				}
				batches++
				if batches == killAfter {
					time.Sleep(time.Duration(rand.IntN(40)) * time.Millisecond)
					if err := cmd.Process.Kill(); err != nil {
						t.Fatal(err)
					}
					break
				}
			}
			deadline.Stop()
			// Acknowledgements already printed before the kill still count.
			for lines.Scan() {
				if f := strings.Fields(lines.Text()); len(f) > 0 && f[0] == "ack" {
					for _, id := range f[1:] {
						acked[id] = true
					}
				}
			}
			cmd.Wait()
			if batches < killAfter {
				t.Fatalf("the worker acknowledged %d batches, then ended before the kill: %s", batches, stderr.String())
			}

			s = openDSN(t, dsn)
			defer s.Close()
			stored := map[string]ingest.Article{}
			if err := s.Articles(ctx, store.ArticleFilter{}, func(_ int64, a ingest.Article) error {
				stored[a.ID] = a
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			for id := range acked {
				if _, ok := stored[id]; !ok {
					t.Errorf("acknowledged article %s is not stored", id)
				}
			}
			if len(stored)%crashBatch != 0 || len(stored) >= len(want) {
				t.Errorf("%d articles stored after the kill: want whole batches of %d, and not all %d", len(stored), crashBatch, len(want))
			}
			checkWhole(t, s, stages, stored)
			t.Logf("%s: killed after %d acknowledged batches (%d articles); %d articles stored", b.name, batches, len(acked), len(stored))

			// Running the job again completes it.
			sum, err := Ingest(ctx, []string{dir}, s, Options{Stages: stages, BatchSize: crashBatch, Read: ingest.Options{Identify: identify}})
			if err != nil {
				t.Fatal(err)
			}
			if sum.New != len(want)-len(stored) || sum.Duplicates != len(stored) {
				t.Errorf("the re-run added %d and found %d stored; want %d and %d", sum.New, sum.Duplicates, len(want)-len(stored), len(stored))
			}
			snap := takeSnapshot(t, s)
			if len(snap.Articles) != len(want) {
				t.Errorf("after the re-run %d articles are stored, want %d", len(snap.Articles), len(want))
			}
		})
	}
}

// checkWhole checks that every stored article has its analysis, entity rows and event records, the
// same as analysing it again gives.
func checkWhole(t *testing.T, s store.Store, stages *Stages, stored map[string]ingest.Article) {
	t.Helper()
	ctx := context.Background()
	ids := make([]string, 0, len(stored))
	for id := range stored {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	arts := make([]ingest.Article, len(ids))
	for i, id := range ids {
		arts[i] = stored[id]
	}
	fresh, errs := stages.Analyse(ctx, arts)
	if len(errs) > 0 {
		t.Fatalf("analysing the stored articles again: %v", errs)
	}
	rows, err := s.EntityRows(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string][]string{}
	for _, r := range rows {
		keys[r.ArticleID] = append(keys[r.ArticleID], r.Entity.Key)
	}
	evs, err := s.ArticleEvents(ctx, ids, store.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	evIDs := map[string][]string{}
	for _, e := range evs {
		evIDs[e.ArticleID] = append(evIDs[e.ArticleID], e.ID)
	}
	for _, a := range fresh {
		id := a.Analysis.ArticleID
		if _, err := s.Analysis(ctx, id); err != nil {
			t.Errorf("article %s is stored without its analysis: %v", id, err)
			continue
		}
		var wantKeys, wantEvs []string
		for _, r := range a.Entities {
			wantKeys = append(wantKeys, r.Entity.Key)
		}
		for _, e := range a.Events {
			wantEvs = append(wantEvs, e.ID)
		}
		sort.Strings(wantKeys)
		sort.Strings(wantEvs)
		sort.Strings(evIDs[id])
		if fmt.Sprint(keys[id]) != fmt.Sprint(wantKeys) {
			t.Errorf("article %s has entity rows %v, its analysis %v", id, keys[id], wantKeys)
		}
		if fmt.Sprint(evIDs[id]) != fmt.Sprint(wantEvs) {
			t.Errorf("article %s has event records %v, its analysis %v", id, evIDs[id], wantEvs)
		}
	}
}
