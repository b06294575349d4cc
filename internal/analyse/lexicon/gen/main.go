// Command gen builds the lexicon's concept table, data/concepts.tsv.gz, from the FreeDict
// Arabic-English and English-Arabic dictionaries (GPL-2.0-or-later; Debian packages
// dict-freedict-ara-eng and dict-freedict-eng-ara):
//
//	go run ./internal/analyse/lexicon/gen ARA-ENG.dict.dz ENG-ARA.dict.dz
//	go run ./internal/analyse/lexicon/gen -fetch          # apt-get download and unpack them first
//	go run ./internal/analyse/lexicon/gen -check A B      # fail if the committed table differs
//
// With no arguments it reads /usr/share/dictd/freedict-{ara-eng,eng-ara}.dict.dz. Every Arabic
// form of the dictionaries (normalised with ar.Normalise; single words also without ال) gets the
// Snowball stems of the English words it translates or is translated by, weighted by how much
// evidence each has; these stems are the concept keys that English words reach by stemming.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"storyline/internal/analyse/lexicon/internal/keys"
)

const (
	defaultAraEng = "/usr/share/dictd/freedict-ara-eng.dict.dz"
	defaultEngAra = "/usr/share/dictd/freedict-eng-ara.dict.dz"
	// maxKeys is how many concept keys an Arabic form keeps, best first.
	maxKeys = 10
	// maxEnglishWords drops translations longer than this many words (definitions, not words).
	maxEnglishWords = 3
	// maxArabicWords drops Arabic forms longer than this many words.
	maxArabicWords = 4
)

func main() {
	dir := flag.String("dir", "", "the lexicon's data folder (default: internal/analyse/lexicon/data of the module around the working directory)")
	check := flag.Bool("check", false, "compare instead of writing; exit 1 when the committed table is stale")
	fetch := flag.Bool("fetch", false, "download the two Debian packages with apt-get download and unpack them with dpkg-deb first")
	flag.Parse()
	if err := run(context.Background(), *dir, *check, *fetch, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, dir string, check, fetch bool, args []string) error {
	if dir == "" {
		root, err := moduleRoot()
		if err != nil {
			return err
		}
		dir = filepath.Join(root, "internal", "analyse", "lexicon", "data")
	}
	araEng, engAra := defaultAraEng, defaultEngAra
	switch {
	case fetch:
		tmp, err := os.MkdirTemp("", "freedict-")
		if err != nil {
			return fmt.Errorf("temporary folder: %w", err)
		}
		defer os.RemoveAll(tmp)
		if araEng, engAra, err = download(ctx, tmp); err != nil {
			return err
		}
	case len(args) == 2:
		araEng, engAra = args[0], args[1]
	case len(args) != 0:
		return errors.New("want the paths of freedict-ara-eng.dict.dz and freedict-eng-ara.dict.dz, in that order, or -fetch")
	}
	stop, err := readStopwords(filepath.Join(dir, "stopwords_en.txt"))
	if err != nil {
		return err
	}
	stopAr, err := readStopwords(filepath.Join(dir, "stopwords_ar.txt"))
	if err != nil {
		return err
	}
	for w := range stopAr {
		if f := keys.ArabicPhrase(w); f != "" {
			stop["ar:"+f] = true
		}
	}
	table, stats, err := build(araEng, engAra, stop)
	if err != nil {
		return err
	}
	out := filepath.Join(dir, "concepts.tsv.gz")
	if check {
		have, err := readGz(out)
		if err != nil {
			return err
		}
		if !bytes.Equal(have, table) {
			return fmt.Errorf("%s is stale: run go run ./internal/analyse/lexicon/gen", out)
		}
	} else {
		gz, err := gzipBytes(table)
		if err != nil {
			return err
		}
		if err := os.WriteFile(out, gz, 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", out, err)
		}
		stats += fmt.Sprintf(", %d bytes compressed", len(gz))
	}
	fmt.Fprintf(os.Stderr, "gen: %s: %s\n", out, stats)
	return nil
}

// download fetches and unpacks the Debian packages into dir.
func download(ctx context.Context, dir string) (string, string, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "apt-get", "download", "dict-freedict-ara-eng", "dict-freedict-eng-ara")
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", "", fmt.Errorf("apt-get download dict-freedict-ara-eng dict-freedict-eng-ara: %w (run apt-get update first)", err)
	}
	debs, _ := filepath.Glob(filepath.Join(dir, "*.deb"))
	if len(debs) != 2 {
		return "", "", fmt.Errorf("apt-get download left %d packages in %s, want 2", len(debs), dir)
	}
	for _, deb := range debs {
		if out, err := exec.CommandContext(ctx, "dpkg-deb", "-x", deb, dir).CombinedOutput(); err != nil {
			return "", "", fmt.Errorf("dpkg-deb -x %s: %w: %s", deb, err, out)
		}
	}
	d := filepath.Join(dir, "usr", "share", "dictd")
	return filepath.Join(d, "freedict-ara-eng.dict.dz"), filepath.Join(d, "freedict-eng-ara.dict.dz"), nil
}

// moduleRoot walks up from the working directory to the folder holding go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("working directory: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory: run inside the module or pass -dir")
		}
		dir = parent
	}
}

func readStopwords(path string) (map[string]bool, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("stop words: %w", err)
	}
	stop := map[string]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			stop[line] = true
		}
	}
	return stop, nil
}

// entry is one dictionary article: a headword and its translations.
type entry struct {
	head  string
	trans []string
}

// headword matches a dictd headword line: the word, a space and an IPA transcription in slashes.
var headword = regexp.MustCompile(`^(.+) /[^/]*/$`)

// numbered matches the "12. " before a translation.
var numbered = regexp.MustCompile(`^\d+\.\s+`)

// parseDict reads a FreeDict .dict.dz (gzip-compatible dictzip): articles are a headword line with
// an IPA transcription, then the translations, one a line and numbered when there are several;
// several translations on one line are separated by commas. Text before the first headword (the
// database header) is skipped.
func parseDict(path string) ([]entry, error) {
	raw, err := readGz(path)
	if err != nil {
		return nil, err
	}
	return parseDictText(path, raw)
}

// parseDictText parses the uncompressed text of a dictd database; name is for errors.
func parseDictText(path string, raw []byte) ([]entry, error) {
	if !utf8.Valid(raw) {
		return nil, fmt.Errorf("%s: not valid UTF-8", path)
	}
	var out []entry
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if m := headword.FindStringSubmatch(line); m != nil {
			out = append(out, entry{head: strings.TrimSpace(m[1])})
			continue
		}
		if len(out) == 0 || line == "" {
			continue
		}
		line = numbered.ReplaceAllString(line, "")
		for _, t := range strings.FieldsFunc(line, func(r rune) bool { return r == '،' || r == ',' || r == ';' || r == '؛' }) {
			if t = strings.TrimSpace(t); t != "" {
				out[len(out)-1].trans = append(out[len(out)-1].trans, t)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no dictionary articles (is it a FreeDict .dict.dz?)", path)
	}
	return out, nil
}

func readGz(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	data, err := io.ReadAll(io.LimitReader(zr, 256<<20))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return data, nil
}

func gzipBytes(data []byte) ([]byte, error) {
	var b bytes.Buffer
	zw, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(data); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// englishKeys returns the concept keys of an English translation: the Snowball stems of its
// content words; nil for stop words only, non-words and translations of more than
// maxEnglishWords words.
func englishKeys(st *keys.Stemmer, stop map[string]bool, s string) []string {
	words := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' || r == '/' })
	if len(words) == 0 || len(words) > maxEnglishWords {
		return nil
	}
	var out []string
	for _, w := range words {
		w = keys.EnglishWord(w)
		if len(w) < 2 || stop[w] {
			continue
		}
		k := st.Stem(w)
		if len(k) >= 2 && !stop[k] {
			out = append(out, k)
		}
	}
	return out
}

// arabicForm normalises an Arabic headword or translation; "" when it is not Arabic or too long.
func arabicForm(s string) string {
	f := keys.ArabicPhrase(strings.Trim(s, " .!?\"'()[]"))
	if f == "" || strings.Count(f, " ")+1 > maxArabicWords {
		return ""
	}
	return f
}

// scores accumulates evidence for the keys of each Arabic form.
type scores struct {
	m    map[string]map[string]float64
	stop map[string]bool // English stop words, and Arabic ones as "ar:"+form
}

func (s scores) add(form string, ks []string, w float64) {
	if len(ks) == 0 || s.stop["ar:"+form] {
		return
	}
	m := s.m[form]
	if m == nil {
		m = map[string]float64{}
		s.m[form] = m
	}
	for _, k := range ks {
		m[k] += w / float64(len(ks))
	}
}

// addBare gives every form with the article ال whose bare form the dictionaries lack the keys of
// the definite form, so that الدولتين and دولتين, المفاوضات and مفاوضات reach the same keys. (A
// bare word that the dictionaries do list keeps its own keys; the lexicon merges the definite
// form's keys in at lookup, since a noun in a construct, حل الدولتين, has no ال.)
func (s scores) addBare() {
	var defs []string
	for f := range s.m {
		if !strings.Contains(f, " ") && keys.WithoutAl(f) != "" {
			defs = append(defs, f)
		}
	}
	sort.Strings(defs)
	for _, f := range defs {
		bare := keys.WithoutAl(f)
		if _, ok := s.m[bare]; ok || s.stop["ar:"+bare] {
			continue
		}
		m := map[string]float64{}
		for k, w := range s.m[f] {
			m[k] = w
		}
		s.m[bare] = m
	}
}

// build renders the concept table: one line per Arabic form, "form\tkey:percent key:percent...",
// sorted by form, keys best first with weights in percent summing to about 100.
func build(araEngPath, engAraPath string, stop map[string]bool) ([]byte, string, error) {
	araEng, err := parseDict(araEngPath)
	if err != nil {
		return nil, "", err
	}
	engAra, err := parseDict(engAraPath)
	if err != nil {
		return nil, "", err
	}
	st := &keys.Stemmer{}
	sc := scores{m: map[string]map[string]float64{}, stop: stop}
	// Arabic headword → English translations: the evidence of each is shared by all.
	for _, e := range araEng {
		form := arabicForm(e.head)
		if form == "" {
			continue
		}
		var kss [][]string
		for _, t := range e.trans {
			if ks := englishKeys(st, stop, t); len(ks) > 0 {
				kss = append(kss, ks)
			}
		}
		for _, ks := range kss {
			sc.add(form, ks, 1/float64(len(kss)))
		}
	}
	// English headword → Arabic translations: each translation is a direct statement.
	for _, e := range engAra {
		ks := englishKeys(st, stop, e.head)
		if len(ks) == 0 {
			continue
		}
		for _, t := range e.trans {
			if form := arabicForm(t); form != "" {
				sc.add(form, ks, 1)
			}
		}
	}
	sc.addBare()
	forms := make([]string, 0, len(sc.m))
	// spread counts the forms each key serves: among keys of equal weight the more general
	// concept (solut, reached from many forms) goes before the rarer one (deciph).
	spread := map[string]int{}
	for f, m := range sc.m {
		forms = append(forms, f)
		for k := range m {
			spread[k]++
		}
	}
	sort.Strings(forms)
	var b bytes.Buffer
	b.WriteString("# Storyline concept table, generated by go run ./internal/analyse/lexicon/gen from FreeDict ara-eng and\n")
	b.WriteString("# eng-ara 0.6.3 (Arabeyes.org, FreeDict; GPL-2.0-or-later). Do not edit.\n")
	b.WriteString("# Arabic form (ar.Normalise)\tconcept keys (Snowball English stems) with weights in percent, best first\n")
	allKeys := map[string]bool{}
	lines := 0
	for _, f := range forms {
		type kw struct {
			k string
			w float64
		}
		var kws []kw
		for k, w := range sc.m[f] {
			kws = append(kws, kw{k, w})
		}
		sort.Slice(kws, func(i, j int) bool {
			if d := kws[i].w - kws[j].w; d > 1e-9 || d < -1e-9 {
				return d > 0
			}
			if spread[kws[i].k] != spread[kws[j].k] {
				return spread[kws[i].k] > spread[kws[j].k]
			}
			return kws[i].k < kws[j].k
		})
		// Keep the best keys, and none far weaker than the best.
		cut := len(kws)
		if cut > maxKeys {
			cut = maxKeys
		}
		for i := 1; i < cut; i++ {
			if kws[i].w < kws[0].w/8 {
				cut = i
				break
			}
		}
		kws = kws[:cut]
		total := 0.0
		for _, x := range kws {
			total += x.w
		}
		b.WriteString(f)
		b.WriteByte('\t')
		for i, x := range kws {
			if i > 0 {
				b.WriteByte(' ')
			}
			p := int(x.w/total*100 + 0.5)
			if p < 1 {
				p = 1
			}
			b.WriteString(x.k)
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(p))
			allKeys[x.k] = true
		}
		b.WriteByte('\n')
		lines++
	}
	stats := fmt.Sprintf("%d Arabic forms from %d + %d dictionary articles, %d concept keys, %d bytes", lines, len(araEng), len(engAra), len(allKeys), b.Len())
	return b.Bytes(), stats, nil
}
