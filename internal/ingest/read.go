package ingest

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
)

// DefaultMaxItemBytes is the default for Options.MaxItemBytes: 32 MiB.
const DefaultMaxItemBytes = 32 << 20

// Options configure Read, Decode and DecodeJSON. The zero value is usable.
type Options struct {
	// Stdin is read for the path "-".
	Stdin io.Reader
	// MaxItemBytes is the largest single article, JSON Lines line or input file read whole
	// (default DefaultMaxItemBytes). A larger one fails with the reason "too large (N MB > limit)";
	// JSON Lines files are streamed line by line and may be of any size.
	MaxItemBytes int64
	// Identify identifies the language of a text; it must be safe for concurrent use. It is given
	// the title and the start of the body (at most 4 KiB) and is not called when the input declares
	// a language. Nil leaves undeclared languages "und" with confidence 0.
	Identify func(text string) (lang string, confidence float64)
	// Now returns the ingest time; nil means time.Now.
	Now func() time.Time
	// Workers is the number of inputs parsed in parallel; <= 0 means runtime.GOMAXPROCS(0).
	Workers int
	// Logger receives debug messages and notes on skipped files; nil discards them.
	Logger *slog.Logger
}

func (o Options) withDefaults() Options {
	if o.MaxItemBytes <= 0 {
		o.MaxItemBytes = DefaultMaxItemBytes
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}

// Result is one article or one failure, in input order. Exactly one of Article and Err is set;
// Err is always an *InputError.
type Result struct {
	Article *Article
	Err     error
}

// Files inside directories are read when their extension is one of these (after an optional
// ".gz"), or when they have none; any other file met while walking a directory (README.md, images,
// office documents) is skipped and logged. A path named on the command line is always read.
var articleExts = map[string]bool{
	"": true, ".txt": true, ".text": true, ".json": true, ".jsonl": true, ".ndjson": true,
	".jsonlines": true, ".html": true, ".htm": true, ".xhtml": true, ".xml": true, ".rss": true,
	".atom": true, ".rdf": true, ".feed": true,
}

// Read reads every path — files, directories (recursively, entries in lexical order), and "-" for
// opts.Stdin — decodes each input by its content as well as its extension, and calls emit once
// per article or failure. emit is called from the calling goroutine only, in a deterministic
// order: paths in the order given, directory entries sorted by name, items in file order.
//
// Inside directories, hidden entries and files whose extension is not one of an article's
// (.txt, .json, .jsonl, .ndjson, .html, .htm, .xml, .rss, .atom, none; each optionally .gz) are
// skipped and logged; a path given explicitly is always read. Symbolic links to files are followed,
// symbolic links to directories inside a walk are not (to avoid cycles).
//
// Inputs are parsed by opts.Workers goroutines; JSON Lines inputs are streamed line by line, and
// the bytes held in flight are bounded, so memory does not grow with the number of articles.
// A failure of one input never stops the others. Read returns an error only when ctx ends or
// emit returns an error; it returns after all its goroutines have stopped.
func Read(ctx context.Context, paths []string, opts Options, emit func(Result) error) error {
	opts = opts.withDefaults()
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	d := newDecoder(opts)
	tasks := make(chan *task)
	order := make(chan *task, 2*opts.Workers)
	// In-flight budget: enough for every worker to hold a large item, and never below 64 MiB.
	limit := max(int64(opts.Workers+1)*opts.MaxItemBytes, 64<<20)
	p := &producer{d: d, opts: opts, order: order, tasks: tasks, budget: newBudget(limit)}

	var wg sync.WaitGroup
	for range opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := range tasks {
				t.run(ctx, d)
				close(t.done)
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(order)
		defer close(tasks)
		for _, path := range paths {
			if ctx.Err() != nil {
				return
			}
			p.path(ctx, path)
		}
	}()

	var err error
	for t := range order {
		if err == nil {
			select {
			case <-t.done:
				for _, r := range t.results {
					if err = ctx.Err(); err != nil {
						break
					}
					if err = emit(r); err != nil {
						break
					}
				}
				t.results = nil
			case <-ctx.Done():
			}
			if err == nil {
				err = ctx.Err()
			}
			if err != nil {
				cancel()
			}
		}
		// After an error the remaining tasks are drained without waiting for them.
		p.budget.release(t.size)
	}
	wg.Wait()
	if err == nil {
		err = parent.Err() // cancelled before anything was emitted
	}
	return err
}

// A task is one unit of parsing work: a whole input, or a chunk of JSON Lines.
type task struct {
	source, name string
	data         []byte     // a whole input
	lines        []lineItem // or a chunk of JSON Lines
	size         int64      // bytes counted against the budget
	results      []Result
	done         chan struct{}
}

// lineItem is one JSON Lines line (data[start:end] of its chunk) or a failure found while reading.
type lineItem struct {
	no         int
	start, end int
	err        error
}

func (t *task) run(ctx context.Context, d *decoder) {
	if ctx.Err() != nil {
		return
	}
	collect := func(r Result) { t.results = append(t.results, r) }
	if t.lines == nil {
		d.decode(ctx, t.source, t.name, t.data, collect)
		t.data = nil
		return
	}
	for _, l := range t.lines {
		if l.err != nil {
			collect(Result{Err: l.err})
			continue
		}
		if ctx.Err() != nil {
			return
		}
		collect(d.jsonLine(t.source, l.no, t.data[l.start:l.end]))
	}
	t.data = nil
}

// producer walks the paths in order, reads the inputs and hands them to the workers and, in the
// same order, to the emitting loop.
type producer struct {
	d      *decoder
	opts   Options
	order  chan<- *task
	tasks  chan<- *task
	budget *budget
}

// submit queues t; work says whether a worker must parse it (failures are complete already).
func (p *producer) submit(ctx context.Context, t *task, work bool) bool {
	if err := p.budget.acquire(ctx, t.size); err != nil {
		return false
	}
	select {
	case p.order <- t:
	case <-ctx.Done():
		p.budget.release(t.size)
		return false
	}
	if !work {
		close(t.done)
		return true
	}
	select {
	case p.tasks <- t:
		return true
	case <-ctx.Done():
		return false
	}
}

func (p *producer) fail(ctx context.Context, err error) bool {
	return p.submit(ctx, &task{results: []Result{{Err: err}}, done: make(chan struct{})}, false)
}

func (p *producer) path(ctx context.Context, path string) {
	if path == "-" {
		if p.opts.Stdin == nil {
			p.fail(ctx, inputErr("-", "no standard input", nil))
			return
		}
		p.stream(ctx, "-", "", p.opts.Stdin, -1)
		return
	}
	fi, err := os.Stat(path)
	if err != nil {
		p.fail(ctx, fileErr(path, err))
		return
	}
	if fi.IsDir() {
		p.dir(ctx, path)
		return
	}
	p.file(ctx, path, fi)
}

func (p *producer) dir(ctx context.Context, dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if !p.fail(ctx, fileErr(dir, err)) {
			return
		}
		// ReadDir returns what it could read before the error; go on with that.
	}
	for _, e := range entries {
		if ctx.Err() != nil {
			return
		}
		name := e.Name()
		path := filepath.Join(dir, name)
		if strings.HasPrefix(name, ".") {
			p.opts.Logger.Debug("skipped hidden entry", "path", path)
			continue
		}
		if e.IsDir() {
			p.dir(ctx, path)
			continue
		}
		if !articleExts[strings.ToLower(filepath.Ext(strings.TrimSuffix(strings.ToLower(name), ".gz")))] {
			p.opts.Logger.Info("skipped file: not an article file type", "path", path)
			continue
		}
		fi, err := os.Stat(path) // follows symbolic links
		if err != nil {
			if !p.fail(ctx, fileErr(path, err)) {
				return
			}
			continue
		}
		if fi.IsDir() {
			p.opts.Logger.Info("skipped symbolic link to a directory", "path", path)
			continue
		}
		if !fi.Mode().IsRegular() {
			p.opts.Logger.Info("skipped file: not a regular file", "path", path)
			continue
		}
		p.file(ctx, path, fi)
	}
}

func (p *producer) file(ctx context.Context, path string, fi os.FileInfo) {
	if fi.Mode().IsRegular() && fi.Size() == 0 {
		p.fail(ctx, inputErr(path, "empty", nil))
		return
	}
	f, err := os.Open(path)
	if err != nil {
		p.fail(ctx, fileErr(path, err))
		return
	}
	defer f.Close()
	size := int64(-1)
	if fi.Mode().IsRegular() {
		size = fi.Size()
	}
	p.stream(ctx, path, path, f, size)
}

// sniffSize is how much of an input is examined to choose its format before it is read.
const sniffSize = 64 << 10

// stream reads one input: JSON Lines are cut into chunks of lines, anything else is read whole
// (up to MaxItemBytes) and parsed by a worker. size is the input's size, -1 when unknown.
func (p *producer) stream(ctx context.Context, source, name string, r io.Reader, size int64) {
	br := bufio.NewReaderSize(r, sniffSize)
	if head, _ := br.Peek(2); isGzip(head) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			p.fail(ctx, inputErr(source, "invalid gzip data", err))
			return
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, sniffSize)
		name = trimGz(name)
		size = -1
	}
	head, err := br.Peek(sniffSize)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		p.fail(ctx, readErr(source, err))
		return
	}
	if len(head) == 0 {
		p.fail(ctx, inputErr(source, "empty", nil))
		return
	}
	if f, _ := sniff(name, head, len(head) < sniffSize); f == fmtJSONL {
		p.lines(ctx, source, br)
		return
	}
	limit := p.opts.MaxItemBytes
	if size > limit {
		p.fail(ctx, tooLarge(source, size, limit, true))
		return
	}
	data, err := io.ReadAll(io.LimitReader(br, limit+1))
	if err != nil {
		p.fail(ctx, readErr(source, err))
		return
	}
	if int64(len(data)) > limit {
		p.fail(ctx, tooLarge(source, 0, limit, false))
		return
	}
	p.submit(ctx, &task{source: source, name: name, data: data, size: int64(len(data)), done: make(chan struct{})}, true)
}

// readErr describes an error met while reading an input.
func readErr(source string, err error) *InputError {
	if errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) || errors.Is(err, io.ErrUnexpectedEOF) {
		return inputErr(source, "invalid or truncated gzip data", err)
	}
	return fileErr(source, err)
}

// Chunks of JSON Lines handed to one worker.
const (
	chunkLines = 128
	chunkBytes = 512 << 10
)

// lines cuts a JSON Lines stream into chunks of lines for the workers. A line longer than
// MaxItemBytes fails alone and is skipped without being held in memory.
func (p *producer) lines(ctx context.Context, source string, br *bufio.Reader) {
	limit := p.opts.MaxItemBytes
	newChunk := func() *task {
		return &task{source: source, data: make([]byte, 0, chunkBytes+sniffSize), done: make(chan struct{})}
	}
	t := newChunk()
	flush := func() bool {
		if len(t.lines) == 0 {
			return true
		}
		t.size = int64(len(t.data))
		ok := p.submit(ctx, t, true)
		t = newChunk()
		return ok
	}
	no, seen := 0, false
	for {
		if ctx.Err() != nil {
			return
		}
		no++
		start := len(t.data)
		n, long, err := appendLine(br, &t.data, limit)
		if err != nil && !errors.Is(err, io.EOF) {
			t.data = t.data[:start]
			t.lines = append(t.lines, lineItem{err: readErr(source, err)})
			flush()
			return
		}
		eof := err != nil
		switch {
		case long:
			t.data = t.data[:start]
			t.lines = append(t.lines, lineItem{no: no, err: tooLarge(lineSource(source, no), n, limit, true)})
			seen = true
		case isBlank(t.data[start:]):
			t.data = t.data[:start]
		default:
			t.lines = append(t.lines, lineItem{no: no, start: start, end: len(t.data)})
			seen = true
		}
		if eof {
			break
		}
		if len(t.lines) >= chunkLines || len(t.data) >= chunkBytes {
			if !flush() {
				return
			}
		}
	}
	if !seen {
		p.fail(ctx, inputErr(source, "empty", nil))
		return
	}
	flush()
}

// appendLine appends the next line of br (without its line ending) to *buf and returns its length.
// A line longer than limit is consumed but not kept: long is true and n is its length.
func appendLine(br *bufio.Reader, buf *[]byte, limit int64) (n int64, long bool, err error) {
	start := len(*buf)
	for {
		frag, err := br.ReadSlice('\n')
		n += int64(len(frag))
		if !long {
			if n > limit+1 { // +1: the newline does not count
				long = true
				*buf = (*buf)[:start]
			} else {
				*buf = append(*buf, frag...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if !long {
			b := (*buf)[start:]
			b = trimEOL(b)
			*buf = (*buf)[:start+len(b)]
			n = int64(len(b))
		}
		return n, long, err
	}
}

func trimEOL(b []byte) []byte {
	if len(b) > 0 && b[len(b)-1] == '\n' {
		b = b[:len(b)-1]
	}
	if len(b) > 0 && b[len(b)-1] == '\r' {
		b = b[:len(b)-1]
	}
	return b
}

func lineSource(source string, no int) string { return fmt.Sprintf("%s#line %d", source, no) }
func itemSource(source string, no int) string { return fmt.Sprintf("%s#item %d", source, no) }

// budget bounds the bytes held by inputs that have been read but not yet emitted. One input is
// always admitted when nothing else is in flight, so an item as large as MaxItemBytes passes.
type budget struct {
	mu          sync.Mutex
	used, limit int64
	wake        chan struct{}
}

func newBudget(limit int64) *budget { return &budget{limit: limit, wake: make(chan struct{})} }

func (b *budget) acquire(ctx context.Context, n int64) error {
	for {
		b.mu.Lock()
		if b.used == 0 || b.used+n <= b.limit {
			b.used += n
			b.mu.Unlock()
			return nil
		}
		wake := b.wake
		b.mu.Unlock()
		select {
		case <-wake:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

func (b *budget) release(n int64) {
	if n == 0 {
		return
	}
	b.mu.Lock()
	b.used -= n
	close(b.wake)
	b.wake = make(chan struct{})
	b.mu.Unlock()
}
