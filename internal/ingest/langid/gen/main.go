// Command gen checks and normalises the word lists that storyline/internal/ingest/langid embeds
// (data/words.tsv and data/suffixes.tsv): every entry lower case and NFC, no duplicates within a
// language, entries sorted, one line per language code. The lists themselves are written by hand
// by the Storyline team; gen keeps them tidy.
//
// Usage, from the repository root:
//
//	go run ./internal/ingest/langid/gen          # rewrite the files in normal form
//	go run ./internal/ingest/langid/gen -check   # exit 1 if a file is not in normal form
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/text/unicode/norm"
)

func main() {
	check := flag.Bool("check", false, "report files that are not in normal form instead of rewriting them")
	dir := flag.String("dir", filepath.Join("internal", "ingest", "langid", "data"), "folder holding the lists")
	flag.Parse()
	failed := false
	for _, name := range []string{"words.tsv", "suffixes.tsv"} {
		path := filepath.Join(*dir, name)
		src, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintf(os.Stderr, "gen: %v\n", err)
			os.Exit(2)
		}
		out, err := normalise(src)
		if err != nil {
			fmt.Fprintf(os.Stderr, "gen: %s: %v\n", path, err)
			os.Exit(2)
		}
		if bytes.Equal(src, out) {
			continue
		}
		if *check {
			fmt.Fprintf(os.Stderr, "gen: %s is not in normal form; run go run ./internal/ingest/langid/gen\n", path)
			failed = true
			continue
		}
		if err := os.WriteFile(path, out, 0o644); err != nil {
			fmt.Fprintf(os.Stderr, "gen: %v\n", err)
			os.Exit(2)
		}
		fmt.Printf("gen: rewrote %s\n", path)
	}
	if failed {
		os.Exit(1)
	}
}

var codeRE = regexp.MustCompile(`^[a-z]{2}$`)

// normalise returns src with every language line in normal form; comment and blank lines are
// kept as they are.
func normalise(src []byte) ([]byte, error) {
	var out bytes.Buffer
	seen := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			out.WriteString(line + "\n")
			continue
		}
		code, list, ok := strings.Cut(line, "\t")
		if !ok || !codeRE.MatchString(code) {
			return nil, fmt.Errorf("line %d: want a two-letter language code, a tab and the words", n)
		}
		if seen[code] {
			return nil, fmt.Errorf("line %d: language %q listed twice", n, code)
		}
		seen[code] = true
		var words []string
		for _, w := range strings.Fields(list) {
			words = append(words, norm.NFC.String(strings.ToLower(w)))
		}
		slices.Sort(words)
		words = slices.Compact(words)
		out.WriteString(code + "\t" + strings.Join(words, " ") + "\n")
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
