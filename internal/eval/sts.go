package eval

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"storyline/internal/analyse"
	"storyline/internal/events"
	"storyline/internal/ingest"
	"storyline/internal/link"
	"storyline/internal/pipeline"
)

// STS dimensions, as named in an STS report.
const (
	DimOverall   = "overall"
	DimGeography = "geo"
	DimEntities  = "ent"
	DimTime      = "time"
	DimNarrative = "nar"
)

// stsDims are the dimensions Storyline predicts, in report order.
var stsDims = []string{DimOverall, DimGeography, DimEntities, DimTime, DimNarrative}

// stsColumns maps the column names of a SemEval-2022 Task 8 pairs file (case-insensitive) to
// the dimensions: the short names of the task's evaluation files and the long ones of its
// annotation files. Style and Tone are read but not predicted.
var stsColumns = map[string]string{
	"overall": DimOverall,
	"geo":     DimGeography, "geography": DimGeography,
	"ent": DimEntities, "entities": DimEntities,
	"time": DimTime,
	"nar":  DimNarrative, "narrative": DimNarrative,
	"style": "style", "tone": "tone",
}

// STSPair is one row of a SemEval-2022 Task 8 pairs file.
type STSPair struct {
	ID1, ID2     string
	Lang1, Lang2 string
	// Gold holds the gold score (1 most similar … 4) of each dimension the row gives.
	Gold map[string]float64
	// Line is the row's line in the file, for messages.
	Line int
}

// maxSTSField bounds a single CSV field, so that a hostile file cannot make one huge row.
const maxSTSField = 1 << 16

// ReadSTSPairs reads a SemEval-2022 Task 8 pairs CSV: a header naming at least pair_id
// ("ID1_ID2") and Overall, with url1_lang, url2_lang and any of GEO, ENT, TIME, NAR (or
// Geography, Entities, Time, Narrative, Style, Tone). Rows with a malformed pair id or an
// unreadable Overall are errors naming the line; an empty score cell leaves that dimension out for
// the row.
func ReadSTSPairs(r io.Reader) ([]STSPair, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("empty file: no header")
		}
		return nil, fmt.Errorf("header: %w", err)
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if _, dup := col[h]; !dup {
			col[h] = i
		}
	}
	idCol, ok := col["pair_id"]
	if !ok {
		return nil, fmt.Errorf("header %q: no pair_id column", strings.Join(header, ","))
	}
	if _, ok := col["overall"]; !ok {
		return nil, fmt.Errorf("header %q: no Overall column", strings.Join(header, ","))
	}
	l1, hasL1 := col["url1_lang"]
	l2, hasL2 := col["url2_lang"]
	type dimCol struct {
		dim string
		i   int
	}
	var dims []dimCol
	seen := map[string]bool{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if d, ok := stsColumns[h]; ok && !seen[d] {
			seen[d] = true
			dims = append(dims, dimCol{d, i})
		}
	}
	var out []STSPair
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			return out, fmt.Errorf("line %d: %w", line, err)
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		field := func(i int) string {
			if i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		for _, f := range rec {
			if len(f) > maxSTSField {
				return out, fmt.Errorf("line %d: a field of %d bytes", line, len(f))
			}
		}
		id := field(idCol)
		a, b, ok := strings.Cut(id, "_")
		if !ok || a == "" || b == "" || strings.Contains(b, "_") || !utf8.ValidString(id) || strings.ContainsAny(id, `/\`) {
			return out, fmt.Errorf("line %d: pair_id %q is not ID1_ID2", line, truncate(id))
		}
		p := STSPair{ID1: a, ID2: b, Gold: map[string]float64{}, Line: line}
		if hasL1 {
			p.Lang1 = strings.ToLower(field(l1))
		}
		if hasL2 {
			p.Lang2 = strings.ToLower(field(l2))
		}
		for _, d := range dims {
			v := field(d.i)
			if v == "" {
				continue
			}
			x, err := strconv.ParseFloat(v, 64)
			if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
				return out, fmt.Errorf("line %d: %s %q is not a number", line, d.dim, truncate(v))
			}
			p.Gold[d.dim] = x
		}
		if _, ok := p.Gold[DimOverall]; !ok {
			return out, fmt.Errorf("line %d: no Overall score", line)
		}
		out = append(out, p)
	}
	return out, nil
}

func truncate(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// STSFigures are the Pearson correlations of one group of pairs, by dimension.
type STSFigures struct {
	N int `json:"n"`
	// R maps a dimension (overall, geo, ent, time, nar) to its Pearson correlation; a dimension
	// with no gold, or undefined (constant scores), is absent from JSON as null.
	R map[string]*float64 `json:"-"`
}

// MarshalJSON writes {"n": N, "overall": r, "geo": r, ...}.
func (f STSFigures) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, `{"n":%d`, f.N)
	for _, d := range stsDims {
		r, ok := f.R[d]
		if !ok {
			continue
		}
		if r == nil {
			fmt.Fprintf(&b, `,%q:null`, d)
		} else {
			fmt.Fprintf(&b, `,%q:%s`, d, strconv.FormatFloat(*r, 'f', 4, 64))
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// STSReport is the result of an STS evaluation: figures per language pair ("en-en", "ar-en",
// keyed by url1_lang-url2_lang) and over all pairs ("all").
type STSReport struct {
	Pairs map[string]STSFigures `json:"pairs"`
	// Skipped counts pairs left out because a text was missing or unreadable; Problems names
	// the first few.
	Skipped  int      `json:"skipped"`
	Problems []string `json:"problems,omitempty"`
}

// STSAnalyser analyses one article for STS: its analysis and, when an events stage ran, the
// interactions it reports (nil otherwise).
type STSAnalyser func(ingest.Article) (analyse.Analysis, []link.Happening, error)

// RunSTS scores the pairs of a SemEval-2022 Task 8 pairs CSV with link.Similarity over the texts
// in textsDir (ID.json in the newspaper layout, with title, text, publish_date and meta_lang, or
// ID.txt; also in a subfolder named after the id's last two digits, as the task's downloader
// writes them), and reports Pearson correlations per language pair and over all pairs for every
// dimension the CSV gives. Every text is analysed first, then the people of all texts are resolved
// together (analyse.Resolve), so that Lavrov and لافروف are one person across a pair, as the
// pipeline resolves them across a store; only then are the Docs built.
func RunSTS(ctx context.Context, pairsCSV, textsDir string, analyser STSAnalyser) (STSReport, error) {
	f, err := os.Open(pairsCSV)
	if err != nil {
		return STSReport{}, fmt.Errorf("sts pairs: %w", err)
	}
	defer f.Close()
	pairs, err := ReadSTSPairs(f)
	if err != nil {
		return STSReport{}, fmt.Errorf("sts pairs %s: %w", pairsCSV, err)
	}
	if st, err := os.Stat(textsDir); err != nil {
		return STSReport{}, fmt.Errorf("sts texts: %w", err)
	} else if !st.IsDir() {
		return STSReport{}, fmt.Errorf("sts texts %s: not a directory", textsDir)
	}
	rep := STSReport{Pairs: map[string]STSFigures{}}
	docs, bad, err := stsDocs(ctx, pairs, textsDir, analyser)
	if err != nil {
		return rep, err
	}
	get := func(id string) (*link.Doc, error) {
		if d, ok := docs[id]; ok {
			return d, nil
		}
		return nil, bad[id]
	}
	type scored struct {
		group string
		gold  map[string]float64
		sys   link.Scores
	}
	var rows []scored
	for _, p := range pairs {
		if err := ctx.Err(); err != nil {
			return rep, fmt.Errorf("sts: %w", err)
		}
		a, errA := get(p.ID1)
		b, errB := get(p.ID2)
		if errA != nil || errB != nil {
			rep.Skipped++
			if len(rep.Problems) < 10 {
				rep.Problems = append(rep.Problems, fmt.Sprintf("line %d: %v", p.Line, errors.Join(errA, errB)))
			}
			continue
		}
		l1, l2 := p.Lang1, p.Lang2
		if l1 == "" {
			l1 = a.Lang
		}
		if l2 == "" {
			l2 = b.Lang
		}
		rows = append(rows, scored{l1 + "-" + l2, p.Gold, link.Similarity(*a, *b)})
	}
	groups := map[string][]int{}
	for i, r := range rows {
		groups[r.group] = append(groups[r.group], i)
		groups["all"] = append(groups["all"], i)
	}
	for g, idx := range groups {
		fig := STSFigures{N: len(idx), R: map[string]*float64{}}
		for _, d := range stsDims {
			var gold, sys []float64
			for _, i := range idx {
				v, ok := rows[i].gold[d]
				if !ok {
					continue
				}
				gold = append(gold, v)
				sys = append(sys, dimScore(rows[i].sys, d))
			}
			if len(gold) == 0 {
				continue
			}
			r := Pearson(sys, gold)
			if math.IsNaN(r) {
				fig.R[d] = nil
			} else {
				r = math.Round(r*10000) / 10000
				fig.R[d] = &r
			}
		}
		rep.Pairs[g] = fig
	}
	return rep, nil
}

// stsDocs reads and analyses every text the pairs name, once, resolves the entities of all of
// them together and builds their Docs; a text that cannot be read or analysed is in bad.
func stsDocs(ctx context.Context, pairs []STSPair, textsDir string, analyser STSAnalyser) (map[string]*link.Doc, map[string]error, error) {
	// Analyse every text the pairs name, once.
	type text struct {
		art  ingest.Article
		an   analyse.Analysis
		haps []link.Happening
	}
	texts := map[string]*text{}
	bad := map[string]error{}
	var order []string
	need := func(id, lang string) {
		if _, ok := texts[id]; ok {
			return
		}
		if _, ok := bad[id]; ok {
			return
		}
		a, err := ReadSTSText(textsDir, id, lang)
		if err == nil {
			var t text
			t.an, t.haps, err = analyser(a)
			if err == nil {
				t.art = a
				texts[id] = &t
				order = append(order, id)
				return
			}
			err = fmt.Errorf("analyse %s: %w", id, err)
		}
		bad[id] = err
	}
	for _, p := range pairs {
		if err := ctx.Err(); err != nil {
			return nil, nil, fmt.Errorf("sts: %w", err)
		}
		need(p.ID1, p.Lang1)
		need(p.ID2, p.Lang2)
	}
	// Resolve the entities of all texts together.
	var refs []analyse.EntityRef
	var owner []string
	for _, id := range order {
		t := texts[id]
		for _, e := range t.an.Entities {
			refs = append(refs, analyse.EntityRef{ArticleID: t.art.ID, Entity: e, Lang: t.an.Lang, Published: t.an.Published})
			owner = append(owner, id)
		}
	}
	canonical := map[string]map[string]string{}
	for i, c := range analyse.Resolve(refs, nil) {
		m := canonical[owner[i]]
		if m == nil {
			m = map[string]string{}
			canonical[owner[i]] = m
		}
		m[refs[i].Entity.Key] = c
	}
	docs := map[string]*link.Doc{}
	for _, id := range order {
		t := texts[id]
		d := link.NewDoc(t.art, t.an, canonical[id], t.haps...)
		docs[id] = &d
	}
	return docs, bad, nil
}

func dimScore(s link.Scores, d string) float64 {
	switch d {
	case DimGeography:
		return s.Geography
	case DimEntities:
		return s.Entities
	case DimTime:
		return s.Time
	case DimNarrative:
		return s.Narrative
	}
	return s.Overall
}

// maxSTSText bounds a text file read for STS.
const maxSTSText = 16 << 20

// newspaperJSON is the layout of an article downloaded with newspaper (SemEval-2022 Task 8).
type newspaperJSON struct {
	Title       string          `json:"title"`
	Text        string          `json:"text"`
	PublishDate json.RawMessage `json:"publish_date"`
	MetaLang    string          `json:"meta_lang"`
	URL         string          `json:"url"`
	SourceURL   string          `json:"source_url"`
}

// ReadSTSText reads the text of article id from dir: ID.json (newspaper layout) or ID.txt,
// directly in dir or in the subfolder of the id's last two digits. lang is the language the
// pairs file gives, used when the text does not say.
func ReadSTSText(dir, id, lang string) (ingest.Article, error) {
	var cands []string
	for _, sub := range []string{"", lastTwo(id)} {
		for _, ext := range []string{".json", ".txt"} {
			cands = append(cands, filepath.Join(dir, sub, id+ext))
		}
	}
	for _, path := range cands {
		st, err := os.Stat(path)
		if err != nil || st.IsDir() {
			continue
		}
		if st.Size() > maxSTSText {
			return ingest.Article{}, fmt.Errorf("%s: too large (%d bytes)", path, st.Size())
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return ingest.Article{}, fmt.Errorf("%s: %w", path, err)
		}
		if strings.HasSuffix(path, ".json") {
			return parseNewspaper(path, raw, lang)
		}
		if !utf8.Valid(raw) {
			return ingest.Article{}, fmt.Errorf("%s: not UTF-8 text", path)
		}
		body := strings.TrimSpace(string(raw))
		if body == "" {
			return ingest.Article{}, fmt.Errorf("%s: empty", path)
		}
		a := ingest.Article{Body: body, Lang: orUnd(lang), Source: path, Format: "text"}
		a.ID = ingest.ContentID(a.Title, a.Body)
		return a, nil
	}
	return ingest.Article{}, fmt.Errorf("text of %s: no %s.json or %s.txt in %s", id, id, id, dir)
}

func lastTwo(id string) string {
	if len(id) < 2 {
		return id
	}
	return id[len(id)-2:]
}

func orUnd(l string) string {
	if l == "" {
		return "und"
	}
	return l
}

func parseNewspaper(path string, raw []byte, lang string) (ingest.Article, error) {
	var n newspaperJSON
	if err := json.Unmarshal(raw, &n); err != nil {
		return ingest.Article{}, fmt.Errorf("%s: %w", path, err)
	}
	if strings.TrimSpace(n.Title) == "" && strings.TrimSpace(n.Text) == "" {
		return ingest.Article{}, fmt.Errorf("%s: no title and no text", path)
	}
	a := ingest.Article{Title: strings.TrimSpace(n.Title), Body: strings.TrimSpace(n.Text), Source: path, Format: "json", URL: n.URL}
	a.Lang = strings.ToLower(strings.TrimSpace(n.MetaLang))
	if lang != "" {
		a.Lang = lang // the pairs file is the reference for languages
	}
	a.Lang = orUnd(a.Lang)
	var pd string
	if len(n.PublishDate) > 0 && json.Unmarshal(n.PublishDate, &pd) == nil && len(pd) >= 10 {
		if d := pd[:10]; validDay(d) {
			a.Published, a.PublishedFrom = d, ingest.DateFromMetadata
		}
	}
	a.ID = ingest.ContentID(a.Title, a.Body)
	return a, nil
}

func validDay(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	y, e1 := strconv.Atoi(s[:4])
	m, e2 := strconv.Atoi(s[5:7])
	d, e3 := strconv.Atoi(s[8:])
	return e1 == nil && e2 == nil && e3 == nil && y > 1800 && m >= 1 && m <= 12 && d >= 1 && d <= 31
}

// WriteSTS prints an STS report as a table: one row per language pair, "all" last.
func WriteSTS(w io.Writer, rep STSReport) {
	keys := make([]string, 0, len(rep.Pairs))
	for k := range rep.Pairs {
		if k != "all" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	if _, ok := rep.Pairs["all"]; ok {
		keys = append(keys, "all")
	}
	fmt.Fprintf(w, "%-8s %6s", "pair", "n")
	for _, d := range stsDims {
		fmt.Fprintf(w, " %8s", d)
	}
	fmt.Fprintln(w)
	for _, k := range keys {
		f := rep.Pairs[k]
		fmt.Fprintf(w, "%-8s %6d", k, f.N)
		for _, d := range stsDims {
			r, ok := f.R[d]
			switch {
			case !ok:
				fmt.Fprintf(w, " %8s", "-")
			case r == nil:
				fmt.Fprintf(w, " %8s", "n/a")
			default:
				fmt.Fprintf(w, " %8.4f", *r)
			}
		}
		fmt.Fprintln(w)
	}
	if rep.Skipped > 0 {
		fmt.Fprintf(w, "skipped %d pairs:\n", rep.Skipped)
		for _, p := range rep.Problems {
			fmt.Fprintln(w, "  "+p)
		}
	}
}

// NewSTSAnalyser returns the analyser `storyline eval sts` uses: the default Analyzer, and the
// events stage for the interactions each text reports, as the pipeline runs them.
func NewSTSAnalyser(ctx context.Context) STSAnalyser {
	an := analyse.New(analyse.Options{})
	x := events.NewExtractor()
	return func(a ingest.Article) (analyse.Analysis, []link.Happening, error) {
		res, err := an.Analyse(ctx, a)
		if err != nil {
			return analyse.Analysis{}, nil, err
		}
		return res, pipeline.Happenings(x.Extract(a, res)), nil
	}
}
