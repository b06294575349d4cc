package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// freedict finds the two FreeDict databases: $STORYLINE_FREEDICT_DIR, Debian's /usr/share/dictd
// (apt-get install dict-freedict-ara-eng dict-freedict-eng-ara), or a copy unpacked in /tmp/fd.
func freedict(t *testing.T) (string, string) {
	t.Helper()
	dirs := []string{os.Getenv("STORYLINE_FREEDICT_DIR"), "/usr/share/dictd", "/tmp/fd/usr/share/dictd"}
	for _, d := range dirs {
		if d == "" {
			continue
		}
		a, e := filepath.Join(d, "freedict-ara-eng.dict.dz"), filepath.Join(d, "freedict-eng-ara.dict.dz")
		if _, err := os.Stat(a); err != nil {
			continue
		}
		if _, err := os.Stat(e); err != nil {
			continue
		}
		return a, e
	}
	t.Skip("FreeDict databases not found in $STORYLINE_FREEDICT_DIR, /usr/share/dictd or /tmp/fd/usr/share/dictd: " +
		"apt-get install dict-freedict-ara-eng dict-freedict-eng-ara to check the committed concept table")
	return "", ""
}

// TestCommittedTable checks that data/concepts.tsv.gz is what the generator makes from FreeDict.
func TestCommittedTable(t *testing.T) {
	a, e := freedict(t)
	if err := run(context.Background(), filepath.Join("..", "data"), true, false, []string{a, e}); err != nil {
		t.Fatal(err)
	}
}

func gz(t *testing.T, text string) string {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(text))
	zw.Close()
	p := filepath.Join(t.TempDir(), "x.dict.dz")
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const araEngSample = `
00-database-info
Header text /not a headword
Arabic-English FreeDict Dictionary ver. 0.6.3
الإرهاب /ʔalʔˈirhaːb/
1. Bullying
2. Terrorism
3. Terror
دولتين /duːltˈiːna/
Two-state
في /fiː/
In
قائمة طويلة /x/
1. a translation that is far too long to be a word
2. ...
`

const engAraSample = `
English-Arabic FreeDict Dictionary ver. 0.6.3
Refugees /ɹˈɛfjuːdʒˌiːz/
اللاجئون
State /stˈeɪt/
الحالة، الدولة، يقرّ
Ceasefire /sˈiːsfaɪə/
وقف إطلاق النار
The /ðə/
الـ
`

func TestBuild(t *testing.T) {
	stop := map[string]bool{"in": true, "the": true, "two": true, "a": true, "ar:في": true}
	table, _, err := build(gz(t, araEngSample), gz(t, engAraSample), stop)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	var order []string
	for _, line := range strings.Split(string(table), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		form, keys, _ := strings.Cut(line, "\t")
		got[form] = keys
		order = append(order, form)
	}
	if !slices.IsSorted(order) {
		t.Errorf("forms not sorted: %v", order)
	}
	want := map[string]string{
		"الارهاب":         "terror:67 bulli:33",
		"ارهاب":           "terror:67 bulli:33",
		"دولتين":          "state:100",
		"اللاجيون":        "refuge:100",
		"لاجيون":          "refuge:100",
		"الدوله":          "state:100",
		"دوله":            "state:100",
		"الحاله":          "state:100",
		"وقف اطلاق النار": "ceasefir:100",
		"يقر":             "state:100",
	}
	for form, keys := range want {
		if got[form] != keys {
			t.Errorf("%s: keys %q, want %q", form, got[form], keys)
		}
	}
	for _, form := range []string{"في", "قاىمه طويله", "ال"} {
		if k, ok := got[form]; ok {
			t.Errorf("%s kept with keys %q", form, k)
		}
	}
}

func TestParseDictErrors(t *testing.T) {
	if _, err := parseDict(filepath.Join(t.TempDir(), "missing.dict.dz")); err == nil || !strings.Contains(err.Error(), "missing.dict.dz") {
		t.Errorf("missing file: %v", err)
	}
	if _, err := parseDict(gz(t, "no headwords here\n")); err == nil || !strings.Contains(err.Error(), "no dictionary articles") {
		t.Errorf("no articles: %v", err)
	}
	p := filepath.Join(t.TempDir(), "plain.dict.dz")
	os.WriteFile(p, []byte("not gzip"), 0o644)
	if _, err := parseDict(p); err == nil || !strings.Contains(err.Error(), "plain.dict.dz") {
		t.Errorf("not gzip: %v", err)
	}
	if _, err := parseDictText("x", []byte("a /b/\n\xff\n")); err == nil || !strings.Contains(err.Error(), "UTF-8") {
		t.Errorf("invalid UTF-8: %v", err)
	}
}

func FuzzParseDict(f *testing.F) {
	f.Add([]byte(araEngSample))
	f.Add([]byte(engAraSample))
	f.Add([]byte("x /y/\n1. \n2. ،،\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		es, err := parseDictText("fuzz", data)
		if err != nil {
			return
		}
		for _, e := range es {
			if e.head == "" {
				t.Fatalf("empty headword from %q", data)
			}
		}
	})
}
