package sqlite

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"storyline/internal/store"
	"storyline/internal/store/storetest"
)

const crashBatch = 100

// TestMain lets the test binary act as a writer process that the crash test kills.
func TestMain(m *testing.M) {
	if path := os.Getenv("STORYLINE_CRASH_WRITER"); path != "" {
		crashWriter(path)
		return
	}
	os.Exit(m.Run())
}

// crashWriter writes batches of crashBatch articles until it is killed.
func crashWriter(path string) {
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		os.Exit(3)
	}
	for n := 0; ; n += crashBatch {
		var b store.Batch
		for i := n; i < n+crashBatch; i++ {
			b.Articles = append(b.Articles, storetest.Article(i, "en"))
		}
		if _, err := s.Write(ctx, b); err != nil {
			os.Exit(4)
		}
	}
}

// TestKillMidBatch kills a writer with SIGKILL while it writes and checks that the store is
// consistent (whole batches only) and that writing everything again adds no duplicates.
func TestKillMidBatch(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a writer process")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "crash.db")
	// Create the schema first so that the reader below can poll.
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "STORYLINE_CRASH_WRITER="+path)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		counts, err := s.LanguageCounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if counts["en"] >= 5*crashBatch {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the writer stored nothing within a minute")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	s.Close()

	s, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("reopening after SIGKILL: %v", err)
	}
	defer s.Close()
	var check string
	if err := s.DB().QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check = %q, %v", check, err)
	}
	counts, err := s.LanguageCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	stored := counts["en"]
	if stored%crashBatch != 0 {
		t.Fatalf("store holds %d articles after the kill: a batch landed in part", stored)
	}
	// Re-running the job completes it without duplicates.
	total := stored + 2*crashBatch
	var b store.Batch
	for i := 0; i < total; i++ {
		b.Articles = append(b.Articles, storetest.Article(i, "en"))
	}
	res, err := s.Write(ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	added := 0
	for _, in := range res.Inserted {
		if in {
			added++
		}
	}
	if added != total-stored {
		t.Errorf("re-run added %d articles, want %d", added, total-stored)
	}
	counts, _ = s.LanguageCounts(ctx)
	if counts["en"] != total {
		t.Errorf("store holds %d articles, want %d", counts["en"], total)
	}
}
