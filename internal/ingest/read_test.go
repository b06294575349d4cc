package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"testing"
)

const sampleText = "date 2021-02-17\nMinisters meet in Amman\n\nAMMAN — The foreign ministers met on Tuesday.\n\nThey discussed trade.\n\nPetra\n"

// Every bad input fails alone, named, with its reason, and the good input beside it lands.
func TestReadBadInputs(t *testing.T) {
	tests := []struct {
		name   string
		setup  func(t *testing.T, dir string) string // returns the path to read
		opts   func(*Options)
		source string // "" means the returned path
		reason string
	}{
		{name: "empty file", reason: "empty", setup: func(t *testing.T, dir string) string {
			return writeFile(t, dir, "empty.txt", nil)
		}},
		{name: "only white space", reason: "empty (only white space)", setup: func(t *testing.T, dir string) string {
			return writeFile(t, dir, "blank.txt", []byte(" \n\t\r\n "))
		}},
		{name: "binary with NUL bytes", reason: "binary content (NUL bytes)", setup: func(t *testing.T, dir string) string {
			return writeFile(t, dir, "bin.txt", []byte("abc\x00\x01\x02def"))
		}},
		{name: "PNG image", reason: "binary content (PNG image)", setup: func(t *testing.T, dir string) string {
			return writeFile(t, dir, "img.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
		}},
		{name: "invalid UTF-8", reason: "invalid UTF-8 at byte 12", setup: func(t *testing.T, dir string) string {
			return writeFile(t, dir, "latin1.txt", []byte("Caf\xc3\xa9 et caf\xe9 au lait."))
		}},
		{name: "missing path", reason: "no such file", setup: func(t *testing.T, dir string) string {
			return filepath.Join(dir, "does-not-exist.txt")
		}},
		{name: "too large", reason: "too large (2 MB > 1 MB limit)", opts: func(o *Options) { o.MaxItemBytes = 1 << 20 },
			setup: func(t *testing.T, dir string) string {
				return writeFile(t, dir, "big.txt", bytes.Repeat([]byte("word "), 400_000))
			}},
		{name: "too large once decompressed", reason: "too large (more than the 1 MB limit)", opts: func(o *Options) { o.MaxItemBytes = 1 << 20 },
			setup: func(t *testing.T, dir string) string {
				return writeFile(t, dir, "bomb.txt.gz", gz(t, bytes.Repeat([]byte("a"), 10<<20)))
			}},
		{name: "truncated gzip", reason: "invalid or truncated gzip data", setup: func(t *testing.T, dir string) string {
			z := gz(t, bytes.Repeat([]byte("The ministers met. "), 5000))
			return writeFile(t, dir, "cut.txt.gz", z[:len(z)/2])
		}},
		{name: "empty body", reason: "empty body", setup: func(t *testing.T, dir string) string {
			return writeFile(t, dir, "onlydate.txt", []byte("date 2021-02-17\n"))
		}},
		{name: "HTML without an article", reason: "no article text found", setup: func(t *testing.T, dir string) string {
			return writeFile(t, dir, "nav.html", []byte(`<html><body><nav><a href="/">Home</a></nav></body></html>`))
		}},
		{name: "truncated JSON", reason: "truncated JSON", setup: func(t *testing.T, dir string) string {
			return writeFile(t, dir, "cut.json", []byte(`{"title":"T","text":"The min`))
		}},
		{name: "directory without read permission", reason: "permission denied", setup: func(t *testing.T, dir string) string {
			if os.Geteuid() == 0 {
				t.Skip("running as root: file permissions do not apply, so an unreadable directory cannot be made")
			}
			locked := filepath.Join(dir, "locked")
			writeFile(t, locked, "a.txt", []byte("text"))
			if err := os.Chmod(locked, 0); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.Chmod(locked, 0o755) })
			return locked
		}},
		{name: "file without read permission", reason: "permission denied", setup: func(t *testing.T, dir string) string {
			if os.Geteuid() == 0 {
				t.Skip("running as root: file permissions do not apply, so an unreadable file cannot be made")
			}
			p := writeFile(t, dir, "secret.txt", []byte("text"))
			if err := os.Chmod(p, 0); err != nil {
				t.Fatal(err)
			}
			return p
		}},
		{name: "standard input not given", reason: "no standard input", source: "-", setup: func(t *testing.T, dir string) string {
			return "-"
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			bad := tc.setup(t, dir)
			good := writeFile(t, t.TempDir(), "good.txt", []byte(sampleText))
			opts := testOptions()
			if tc.opts != nil {
				tc.opts(&opts)
			}
			res := readAll(t, []string{good, bad, good}, opts)
			if len(res) != 3 {
				t.Fatalf("got %d results, want 3: %+v", len(res), res)
			}
			for _, r := range res {
				checkResult(t, r)
			}
			if res[0].Article == nil || res[2].Article == nil {
				t.Fatalf("the good input did not land: %+v", res)
			}
			source := tc.source
			if source == "" {
				source = bad
			}
			err := res[1].Err
			if err == nil || reasonOf(err) != tc.reason && !strings.HasPrefix(reasonOf(err), tc.reason) || sourceOf(err) != source {
				t.Fatalf("got %v, want %s: %s", err, source, tc.reason)
			}
			if !strings.HasPrefix(err.Error(), source+": ") {
				t.Errorf("message %q does not start with the source", err)
			}
		})
	}
}

func TestInputErrorIs(t *testing.T) {
	res := readAll(t, []string{filepath.Join(t.TempDir(), "nope")}, Options{})
	if len(res) != 1 || !errors.Is(res[0].Err, fs.ErrNotExist) || errors.Is(res[0].Err, fs.ErrPermission) {
		t.Fatalf("got %v", res)
	}
	if got := res[0].Err.Error(); !strings.HasSuffix(got, "/nope: no such file") {
		t.Errorf("message %q", got)
	}
	e := &InputError{Source: "a.json#line 3", Reason: "invalid JSON", Err: io.ErrUnexpectedEOF}
	if e.Error() != "a.json#line 3: invalid JSON: unexpected EOF" || !errors.Is(e, io.ErrUnexpectedEOF) {
		t.Errorf("Error() = %q", e.Error())
	}
}

// makeTree writes a small corpus of every format, with subdirectories and files to skip.
func makeTree(t *testing.T) string {
	dir := t.TempDir()
	for i := range 12 {
		writeFile(t, dir, fmt.Sprintf("b/%02d.txt", i), fmt.Appendf(nil, "Story %d\n\nAMMAN — Text of story %d.\n", i, i))
	}
	var jsonl strings.Builder
	for i := range 50 {
		fmt.Fprintf(&jsonl, `{"title":"Line %d","text":"Body of line %d."}`+"\n", i, i)
	}
	writeFile(t, dir, "a/lines.jsonl", []byte(jsonl.String()))
	writeFile(t, dir, "a/page.html", []byte(articleHTML))
	writeFile(t, dir, "c.rss", []byte(rssFeed))
	writeFile(t, dir, "c.txt.gz", gz(t, []byte(sampleText)))
	writeFile(t, dir, "d/e/f/deep.txt", []byte("Deep story text."))
	writeFile(t, dir, "README.md", []byte("# not an article"))
	writeFile(t, dir, "photo.jpg", []byte("\xff\xd8\xff\xe0"))
	writeFile(t, dir, ".hidden.txt", []byte("hidden"))
	writeFile(t, dir, ".git/config", []byte("[core]"))
	return dir
}

func sources(res []Result) []string {
	var out []string
	for _, r := range res {
		if r.Article != nil {
			out = append(out, r.Article.Source+" | "+r.Article.ID)
		} else {
			out = append(out, r.Err.Error())
		}
	}
	return out
}

func TestReadOrderIsDeterministic(t *testing.T) {
	dir := makeTree(t)
	var want []string
	for _, workers := range []int{1, 2, 3, 8, 1, 8} {
		opts := testOptions()
		opts.Workers = workers
		got := sources(readAll(t, []string{dir, "-", filepath.Join(dir, "c.rss")}, func() Options {
			opts.Stdin = strings.NewReader(sampleText)
			return opts
		}()))
		if want == nil {
			want = got
			continue
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("order differs with %d workers:\n%s\nwant\n%s", workers, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	// Directory entries sorted, depth first; items in file order; skipped files absent.
	var order []string
	for _, s := range want {
		s, _, _ = strings.Cut(s, " | ")
		s, _, _ = strings.Cut(s, ": ")
		order = append(order, strings.TrimPrefix(s, dir+string(filepath.Separator)))
	}
	if order[0] != "a/lines.jsonl#line 1" || order[49] != "a/lines.jsonl#line 50" || order[50] != "a/page.html" ||
		order[51] != "b/00.txt" || order[62] != "b/11.txt" || order[63] != "c.rss#item 1" || order[65] != "c.rss#item 3" ||
		order[66] != "c.txt.gz" || order[67] != "d/e/f/deep.txt" || order[68] != "-" || order[71] != "c.rss#item 3" {
		t.Errorf("unexpected order:\n%s", strings.Join(order, "\n"))
	}
	if len(want) != 72 {
		t.Errorf("got %d results, want 72 (hidden and non-article files skipped):\n%s", len(want), strings.Join(order, "\n"))
	}
	for _, s := range want {
		if strings.Contains(s, "README") || strings.Contains(s, "photo") || strings.Contains(s, "hidden") || strings.Contains(s, ".git") {
			t.Errorf("skipped file read: %s", s)
		}
	}
}

func TestReadSameIDAcrossContainers(t *testing.T) {
	dir := t.TempDir()
	txt := writeFile(t, dir, "story.txt", []byte(sampleText))
	gzp := writeFile(t, dir, "story.txt.gz", gz(t, []byte(sampleText)))
	magic := writeFile(t, dir, "story-gzip-without-extension", gz(t, []byte(sampleText)))
	crlf := writeFile(t, dir, "story-crlf.txt", []byte(strings.ReplaceAll(sampleText, "\n", "\r\n")))
	opts := testOptions()
	opts.Stdin = bytes.NewReader(gz(t, []byte(sampleText)))
	res := readAll(t, []string{txt, gzp, magic, crlf, "-", txt}, opts)
	if len(res) != 6 {
		t.Fatalf("got %d results", len(res))
	}
	first := res[0].Article
	for i, r := range res {
		checkResult(t, r)
		if r.Article == nil {
			t.Fatalf("result %d: %v", i, r.Err)
		}
		a := r.Article
		if a.ID != first.ID || a.Title != first.Title || a.Body != first.Body || a.Published != "2021-02-17" || a.Outlet != "Petra" {
			t.Errorf("result %d (%s) differs: %+v", i, a.Source, a)
		}
		if i != 3 && a.ContentHash != HashBytes([]byte(sampleText)) {
			t.Errorf("result %d: content hash is not that of the decompressed text", i)
		}
	}
	if res[4].Article.Source != "-" {
		t.Errorf("stdin source = %q", res[4].Article.Source)
	}
}

// A JSON Lines input larger than MaxItemBytes is streamed line by line; a line over the limit
// fails alone; the heap stays flat whatever the number of lines.
func TestReadJSONLStreams(t *testing.T) {
	const lines = 8000
	body := strings.Repeat("The ministers discussed trade, energy and water. ", 40) // ~2 KB
	gen := func(w io.Writer) {
		for i := 1; i <= lines; i++ {
			if i == 100 {
				fmt.Fprintf(w, `{"title":"too long","text":"%s"}`+"\n", strings.Repeat("x", 70<<10))
				continue
			}
			fmt.Fprintf(w, `{"title":"Story %d","text":"%d %s"}`+"\n", i, i, body)
		}
	}
	pr, pw := io.Pipe()
	go func() { gen(pw); pw.Close() }()
	opts := testOptions()
	opts.Stdin = pr
	opts.MaxItemBytes = 64 << 10 // the stream (~17 MB) is far larger: it could not be read whole
	opts.Workers = 4
	var n, failed int
	var peak uint64
	base := liveHeap()
	err := Read(context.Background(), []string{"-"}, opts, func(r Result) error {
		if r.Err != nil {
			failed++
			if sourceOf(r.Err) != "-#line 100" || !strings.HasPrefix(reasonOf(r.Err), "too large") {
				t.Errorf("unexpected failure %v", r.Err)
			}
			return nil
		}
		n++
		if want := fmt.Sprintf("-#line %d", n+failed); r.Article.Source != want {
			t.Fatalf("source %q, want %q", r.Article.Source, want)
		}
		if n%1000 == 0 {
			peak = max(peak, liveHeap())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != lines-1 || failed != 1 {
		t.Fatalf("got %d articles and %d failures, want %d and 1", n, failed, lines-1)
	}
	t.Logf("live heap: %d MB before, at most %d MB while streaming", base>>20, peak>>20)
	if grown := int64(peak) - int64(base); grown > 32<<20 {
		t.Errorf("heap grew by %d MB while streaming %d lines", grown>>20, lines)
	}
}

// liveHeap collects garbage and returns the bytes of heap objects marked live.
func liveHeap() uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	return sample[0].Value.Uint64()
}

func TestReadStopsOnEmitError(t *testing.T) {
	dir := makeTree(t)
	stop := errors.New("stop")
	var calls atomic.Int32
	err := Read(context.Background(), []string{dir}, testOptions(), func(Result) error {
		if calls.Add(1) == 5 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || calls.Load() != 5 {
		t.Fatalf("err %v after %d calls", err, calls.Load())
	}
}

func TestReadCancelled(t *testing.T) {
	dir := makeTree(t)
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	err := Read(ctx, []string{dir, dir, dir}, testOptions(), func(Result) error {
		if n++; n == 3 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || n != 3 {
		t.Fatalf("err %v after %d results", err, n)
	}
	pre, cancel2 := context.WithCancel(context.Background())
	cancel2()
	if err := Read(pre, []string{dir}, testOptions(), func(Result) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Fatalf("already cancelled: err %v", err)
	}
}

// The sample corpus the project reads from ../shared.
func TestReadSeeds(t *testing.T) {
	seeds := filepath.Join(repoRoot(t), "..", "shared", "corpus", "seeds")
	if _, err := os.Stat(seeds); err != nil {
		t.Skipf("seed corpus not found at %s (../shared is absent): %v", seeds, err)
	}
	res := readAll(t, []string{seeds}, testOptions())
	if len(res) != 5 {
		t.Fatalf("got %d results, want 5", len(res))
	}
	var dated, signed int
	for _, r := range res {
		checkResult(t, r)
		if r.Err != nil {
			t.Fatalf("seed failed: %v", r.Err)
		}
		a := r.Article
		if a.Format != FormatText {
			t.Errorf("%s: format %s", a.Source, a.Format)
		}
		raw, err := os.ReadFile(a.Source)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(strings.TrimSpace(string(raw)), "date ") {
			dated++
			if a.Published != "2021-02-17" || a.PublishedFrom != DateFromMetadata {
				t.Errorf("%s: published %q from %q, want 2021-02-17 from metadata", a.Source, a.Published, a.PublishedFrom)
			}
			if strings.Contains(a.Body, "date 2021") || strings.Contains(a.Title, "date 2021") {
				t.Errorf("%s: the date line stayed in the text", a.Source)
			}
		}
		lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
		if last := strings.TrimSpace(lines[len(lines)-1]); !strings.ContainsAny(last, " \t") {
			signed++
			if a.Outlet != last {
				t.Errorf("%s: outlet %q, want the signature %q", a.Source, a.Outlet, last)
			}
			if strings.HasSuffix(a.Body, last) {
				t.Errorf("%s: the signature stayed in the body", a.Source)
			}
		}
	}
	if dated != 1 || signed < 1 {
		t.Errorf("found %d dated and %d signed seeds, want 1 and at least 1", dated, signed)
	}
}

// The repository's own sample corpus, which the README's main command reads.
func TestReadExamples(t *testing.T) {
	dir := filepath.Join(repoRoot(t), "examples")
	res := readAll(t, []string{dir}, testOptions())
	langs := map[string]int{}
	formats := map[string]int{}
	ids := map[string]string{}
	for _, r := range res {
		checkResult(t, r)
		if r.Err != nil {
			t.Errorf("example failed: %v", r.Err)
			continue
		}
		a := r.Article
		langs[a.Lang]++
		formats[a.Format]++
		if prev, dup := ids[a.ID]; dup {
			t.Errorf("%s and %s have the same id", prev, a.Source)
		}
		ids[a.ID] = a.Source
	}
	if len(res) < 12 {
		t.Errorf("got %d articles, want at least 12", len(res))
	}
	for _, f := range []string{FormatText, FormatJSONL, FormatHTML, FormatRSS} {
		if formats[f] == 0 {
			t.Errorf("no %s article in examples/ (formats %v)", f, formats)
		}
	}
	if langs["ar"] < 3 || langs["en"] < 3 {
		t.Errorf("languages %v: want English and Arabic articles", langs)
	}
}
