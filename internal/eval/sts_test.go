package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"storyline/internal/analyse"
	"storyline/internal/ingest"
	"storyline/internal/link"
)

// lexicalOnly analyses an article with no analysis at all: Docs carry words and shingles only, so
// the STS evaluation can be tested apart from the analyser.
func lexicalOnly(a ingest.Article) (analyse.Analysis, []link.Happening, error) {
	if strings.Contains(a.Body, "FAIL") {
		return analyse.Analysis{}, nil, errors.New("analyser failure")
	}
	return analyse.Analysis{}, nil, nil
}

func TestRunSTSFixture(t *testing.T) {
	dir := filepath.Join("testdata", "sts")
	rep, err := RunSTS(context.Background(), filepath.Join(dir, "pairs.csv"), filepath.Join(dir, "texts"), lexicalOnly)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Skipped != 1 || len(rep.Problems) != 1 || !strings.Contains(rep.Problems[0], "1099") {
		t.Errorf("skipped %d %v, want the pair with the missing text 1099", rep.Skipped, rep.Problems)
	}
	tests := []struct {
		group string
		n     int
	}{{"en-en", 5}, {"en-ar", 1}, {"ar-en", 1}, {"all", 7}}
	for _, tt := range tests {
		f, ok := rep.Pairs[tt.group]
		if !ok {
			t.Errorf("no group %s in %v", tt.group, rep.Pairs)
			continue
		}
		if f.N != tt.n {
			t.Errorf("%s: n = %d, want %d", tt.group, f.N, tt.n)
		}
		for _, d := range stsDims {
			if _, ok := f.R[d]; !ok {
				t.Errorf("%s: no %s figure", tt.group, d)
			}
		}
	}
	// Words alone already order the English pairs right.
	if r := rep.Pairs["en-en"].R[DimOverall]; r == nil || *r < 0.6 {
		t.Errorf("en-en overall Pearson = %v, want >= 0.6", r)
	}
	// One pair: no correlation.
	if r := rep.Pairs["en-ar"].R[DimOverall]; r != nil {
		t.Errorf("en-ar with one pair: r = %v, want null", *r)
	}
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var back struct {
		Pairs map[string]map[string]any `json:"pairs"`
	}
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("report JSON %s: %v", b, err)
	}
	if back.Pairs["all"]["n"] != float64(7) || back.Pairs["en-ar"]["overall"] != nil {
		t.Errorf("report JSON = %s", b)
	}
	var out bytes.Buffer
	WriteSTS(&out, rep)
	if !strings.Contains(out.String(), "en-en") || !strings.Contains(out.String(), "skipped 1") {
		t.Errorf("table:\n%s", out.String())
	}
}

func TestReadSTSPairs(t *testing.T) {
	tests := []struct {
		name, in string
		n        int
		dims     int // dimensions of the first row
		wantErr  string
	}{
		{"short names", "pair_id,url1_lang,url2_lang,GEO,ENT,TIME,NAR,Overall\n1_2,en,ar,1,2,3,4,2.5\n", 1, 5, ""},
		{"long names, BOM, CRLF", "\ufeffpair_id,Geography,Overall,Style\r\n3_4,2,3,1\r\n5_6,,2,\r\n", 2, 3, ""},
		{"quoted", "\"pair_id\",\"Overall\"\n\"7_8\",\"1.0\"\n", 1, 1, ""},
		{"blank lines", "pair_id,Overall\n\n1_2,1\n\n", 1, 1, ""},
		{"no pair_id", "id,Overall\n1_2,1\n", 0, 0, "no pair_id"},
		{"no overall", "pair_id,GEO\n1_2,1\n", 0, 0, "no Overall"},
		{"bad id", "pair_id,Overall\n12,1\n", 0, 0, "line 2: pair_id"},
		{"path in id", "pair_id,Overall\n../x_2,1\n", 0, 0, "pair_id"},
		{"bad score", "pair_id,Overall\n1_2,high\n", 0, 0, "not a number"},
		{"empty overall", "pair_id,Overall\n1_2,\n", 0, 0, "no Overall"},
		{"empty", "", 0, 0, "empty file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps, err := ReadSTSPairs(strings.NewReader(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(ps) != tt.n || len(ps[0].Gold) != tt.dims {
				t.Errorf("got %+v", ps)
			}
		})
	}
}

func FuzzReadSTSPairs(f *testing.F) {
	f.Add("pair_id,url1_lang,url2_lang,GEO,ENT,TIME,NAR,Overall\n1_2,en,ar,1,2,3,4,2.5\n")
	f.Add("\ufeffpair_id,Geography,Overall\r\n3_4,2,3\r\n")
	f.Add("pair_id,Overall\n\"1_2\"\",1\n")
	f.Fuzz(func(t *testing.T, in string) {
		ps, err := ReadSTSPairs(strings.NewReader(in))
		if err != nil {
			return
		}
		for _, p := range ps {
			if p.ID1 == "" || p.ID2 == "" || strings.ContainsAny(p.ID1+p.ID2, `/\_`) {
				t.Fatalf("bad ids %q %q", p.ID1, p.ID2)
			}
			if _, ok := p.Gold[DimOverall]; !ok {
				t.Fatalf("row without overall: %+v", p)
			}
		}
	})
}

func TestReadSTSText(t *testing.T) {
	dir := filepath.Join("testdata", "sts", "texts")
	a, err := ReadSTSText(dir, "1001", "")
	if err != nil {
		t.Fatal(err)
	}
	if a.Lang != "en" || a.Published != "2021-09-14" || !strings.HasPrefix(a.Title, "Jordanian") || a.ID == "" {
		t.Errorf("1001 = %+v", a)
	}
	if a, err := ReadSTSText(dir, "1006", "en"); err != nil || a.Published != "2021-11-07" {
		t.Errorf("1006 in its subfolder: %+v, %v", a, err)
	}
	if a, err := ReadSTSText(dir, "1004", "ar"); err != nil || a.Published != "" || a.Lang != "ar" {
		t.Errorf("1004 (null date): %+v, %v", a, err)
	}
	if _, err := ReadSTSText(dir, "1099", "en"); err == nil || !strings.Contains(err.Error(), "1099") {
		t.Errorf("missing text: err = %v", err)
	}
}

// TestSTSResolvesPeopleAcrossTexts checks that eval sts resolves people across all its texts: an
// analyser that gives the English and the Arabic spelling of one minister two different keys (as
// an analysis of one article alone does for a name it has never seen) still yields Docs that
// share him under one canonical id; and the default analyser puts both ministers of one meeting,
// reported in English and in Arabic, under shared ids.
func TestSTSResolvesPeopleAcrossTexts(t *testing.T) {
	dir := filepath.Join("testdata", "sts")
	f, err := os.Open(filepath.Join(dir, "pairs.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pairs, err := ReadSTSPairs(f)
	if err != nil {
		t.Fatal(err)
	}
	minister := func(a ingest.Article) (analyse.Analysis, []link.Happening, error) {
		an := analyse.Analysis{Lang: a.Lang}
		e := analyse.Entity{Type: analyse.TypePerson, Country: "RUS", Role: "foreign minister", Salience: 0.8}
		switch {
		case strings.Contains(a.Body, "Lavrov"):
			e.Key, e.Name, e.Given, e.Family = "person:sergei-lavrov", "Sergei Lavrov", "Sergei", "Lavrov"
		case strings.Contains(a.Body, "لافروف"):
			e.Key, e.Name, e.Given, e.Family = "person:sirghi-lafruf", "سيرغي لافروف", "سيرغي", "لافروف"
		default:
			return an, nil, nil
		}
		e.Forms = []string{e.Name}
		e.Mentions = []analyse.Mention{{Text: e.Name, Kind: "name"}}
		an.Entities = append(an.Entities, e)
		return an, nil, nil
	}
	docs, bad, err := stsDocs(context.Background(), pairs, filepath.Join(dir, "texts"), minister)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := bad["1099"]; !ok || len(docs) != 6 {
		t.Fatalf("docs %d, bad %v; want 6 docs and 1099 missing", len(docs), bad)
	}
	if en, ar := docs["1001"].Entities, docs["1004"].Entities; len(en) != 1 || len(ar) != 1 || en[0].ID != ar[0].ID {
		t.Errorf("Lavrov in English %+v and in Arabic %+v: not one canonical person", en, ar)
	}

	docs, _, err = stsDocs(context.Background(), pairs, filepath.Join(dir, "texts"), NewSTSAnalyser(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	s := link.Similarity(*docs["1001"], *docs["1004"])
	var people []string
	for _, e := range s.Evidence.SharedEntities {
		if strings.HasPrefix(e.ID, "person:") {
			people = append(people, e.ID)
		}
	}
	if len(people) != 2 {
		t.Errorf("English and Arabic reports of one meeting share people %v, want Safadi and Lavrov", people)
	}
	if s.Overall > 2 {
		t.Errorf("English and Arabic reports of one meeting: overall %.2f, want <= 2", s.Overall)
	}
}
