// Command gen checks Storyline's event dictionaries (internal/events/data/*.tsv): every row
// parses, no pattern is listed twice, every PLOVER type has triggers in every language, and it
// prints a summary per language. The dictionaries are written by hand; run this after editing
// them:
//
//	go run ./internal/events/gen
//	go run ./internal/events/gen -dir path/to/my/dictionaries
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"storyline/internal/events"
)

func main() {
	dir := flag.String("dir", "internal/events/data", "folder holding en.tsv and ar.tsv")
	flag.Parse()
	if err := check(*dir); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func check(dir string) error {
	var problems []string
	for _, lang := range []string{"en", "ar"} {
		path := filepath.Join(dir, lang+".tsv")
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("open dictionary: %w", err)
		}
		d, err := events.ParseDictionary(path, lang, f)
		f.Close()
		if err != nil {
			return err
		}
		perClass := map[string]int{}
		seen := map[string]int{}
		for _, r := range d.Rows() {
			perClass[r.Class]++
			k := r.Class + "\t" + r.Mode + "\t" + strings.Join(strings.Fields(r.Pattern), " ")
			if prev, ok := seen[k]; ok {
				problems = append(problems, fmt.Sprintf("%s:%d: repeats line %d", path, r.Line, prev))
			}
			seen[k] = r.Line
		}
		for _, t := range events.Types {
			if perClass[t] == 0 {
				problems = append(problems, fmt.Sprintf("%s: no trigger for %s", path, t))
			}
		}
		var classes []string
		for c := range perClass {
			classes = append(classes, c)
		}
		sort.Strings(classes)
		var parts []string
		for _, c := range classes {
			parts = append(parts, fmt.Sprintf("%s %d", c, perClass[c]))
		}
		fmt.Printf("%s: %d rows: %s\n", path, d.Len(), strings.Join(parts, ", "))
	}
	if len(problems) > 0 {
		return fmt.Errorf("%d problem(s):\n%s", len(problems), strings.Join(problems, "\n"))
	}
	return nil
}
