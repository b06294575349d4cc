package dates

import (
	"encoding/json"
	"errors"
	"go/ast"
	goparser "go/parser"
	gotoken "go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// TestNoClockInSource fails when the package's code calls the clock.
func TestNoClockInSource(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	clock := map[string]bool{"Now": true, "Since": true, "Until": true, "Tick": true, "After": true,
		"AfterFunc": true, "NewTimer": true, "NewTicker": true, "Sleep": true}
	fset := gotoken.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := goparser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); ok && id.Name == "time" && clock[sel.Sel.Name] {
				t.Errorf("%s: time.%s reads the clock", fset.Position(sel.Pos()), sel.Sel.Name)
			}
			return true
		})
	}
}

// clockTexts hold every kind of expression but no year.
var clockTexts = []struct{ text, lang string }{
	{"The ministers met on Tuesday, said today that talks held yesterday went well and will meet next Friday. " +
		"The envoy arrived late on 2 November, met the king on Thursday and leaves tomorrow. In May and last March " +
		"prices rose; last year trade fell, earlier this month it rose, two days ago it fell, and next month it may " +
		"recover. Tuesday, March 2 was calm; Dec. 14 will be busy.", "en"},
	{"التقى الوزيران الثلاثاء، وقال اليوم إن محادثات أمس وأول من أمس كانت جيدة، وسيلتقيان الجمعة المقبل. ووصل " +
		"المبعوث في الثاني من تشرين الثاني والتقى الملك يوم الخميس ويغادر غداً. وفي الخامس عشر من آذار الماضي " +
		"ارتفعت الأسعار، والعام الماضي تراجع التبادل، وقبل يومين، وفي 15 من الشهر الماضي، وفي أيلول.", "ar"},
}

// TestNoClock shows that results depend on the publication date alone: without one, a text
// that writes no year gets no year (a clock would supply one); and moving the publication date
// by 28 years (the Gregorian weekday cycle within 1901-2099) moves every value by 28 years.
func TestNoClock(t *testing.T) {
	for _, tc := range clockTexts {
		for _, e := range Find(tc.text, tc.lang, Ref{}) {
			if e.Value != "" {
				t.Errorf("%s: %q resolved to %q with no publication date and no year in the text (%s)", tc.lang, e.Text, e.Value, e.How)
			}
		}
		if d, _, how := InferPublication(tc.text, tc.lang); d != "" {
			t.Errorf("%s: InferPublication = %q (%s) from a text without a year", tc.lang, d, how)
		}
		for _, pub := range []string{"1931-05-12", "1960-01-01", "1999-12-31", "2021-02-17", "2022-11-04"} {
			p0, _ := time.Parse("2006-01-02", pub)
			later := p0.AddDate(28, 0, 0).Format("2006-01-02")
			a := Find(tc.text, tc.lang, Ref{Published: pub})
			b := Find(tc.text, tc.lang, Ref{Published: later})
			if len(a) != len(b) {
				t.Fatalf("%s: %d expressions at %s, %d at %s", tc.lang, len(a), pub, len(b), later)
			}
			for i := range a {
				if a[i].Value == "" {
					t.Errorf("%s: %q unresolved with publication %s", tc.lang, a[i].Text, pub)
					continue
				}
				if got, want := b[i].Value, shiftYears(a[i].Value, 28); got != want {
					t.Errorf("%s: %q is %s at %s but %s at %s, want %s", tc.lang, a[i].Text, a[i].Value, pub, got, later, want)
				}
				if a[i].Confidence != b[i].Confidence || a[i].Text != b[i].Text {
					t.Errorf("%s: %q differs beyond the year between %s and %s", tc.lang, a[i].Text, pub, later)
				}
			}
		}
	}
}

func shiftYears(v string, n int) string {
	var y int
	for _, c := range v[:4] {
		y = y*10 + int(c-'0')
	}
	return strings.Replace(v, v[:4], fmtYear(y+n), 1)
}

// TestSeedGold checks the annotated event dates of the sample corpus: every gold date of an
// article is among the values Find resolves there, with the gold publication date as reference
// (none when the gold has none).
func TestSeedGold(t *testing.T) {
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "..", "shared", "corpus")
	b, err := os.ReadFile(filepath.Join(dir, "gold.json"))
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("the shared corpus is absent (%s): skipping the gold date check", dir)
	}
	if err != nil {
		t.Fatal(err)
	}
	var gold struct {
		Articles map[string]struct {
			Language string  `json:"language"`
			Pub      *string `json:"publication_date"`
			Events   []struct {
				Date *string `json:"date"`
			} `json:"events"`
		} `json:"articles"`
	}
	if err := json.Unmarshal(b, &gold); err != nil {
		t.Fatalf("%s: %v", filepath.Join(dir, "gold.json"), err)
	}
	checked := 0
	for name, a := range gold.Articles {
		text, err := os.ReadFile(filepath.Join(dir, "seeds", name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		ref := Ref{}
		if a.Pub != nil {
			ref.Published = *a.Pub
		}
		got := Find(string(text), a.Language, ref)
		checkExprs(t, string(text), got)
		values := map[string]bool{}
		for _, e := range got {
			values[e.Value] = true
		}
		for _, ev := range a.Events {
			if ev.Date == nil {
				continue
			}
			checked++
			if !values[*ev.Date] {
				t.Errorf("%s: gold event date %s not among %s", name, *ev.Date, describe(got))
			}
		}
	}
	t.Logf("%d gold event dates checked", checked)
}

// repoRoot walks up from the working directory to the folder holding go.mod.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}

// adversarial returns large hostile inputs of about n bytes each.
func adversarial(n int) map[string]string {
	rep := func(unit string) string { return strings.Repeat(unit, n/len(unit)+1)[:n] }
	return map[string]string{
		"digits":           rep("1234567890"),
		"eastern digits":   rep("١٩٦٧٢٠٢١"),
		"dates":            rep("on 2 November 2021, March 3, 2021 and 3/4/2021 on Tuesday; "),
		"month names":      rep("March May June July October November December "),
		"arabic months":    rep("آذار حزيران تشرين الأول كانون الثاني الخامس عشر من "),
		"bidi and numbers": rep("\u202e١٥\u200f آذار\u200d ٢٠٢١\u2066 اليوم\u202c "),
		"marks":            rep("ا\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652ـ"),
		"digit separators": rep("1.2.3.4/5/6-7-8:9,10 "),
		"invalid utf8":     rep("\xff\xfe2 November\xc3"),
		"relative chains":  rep("yesterday, Tuesday, أمس الثلاثاء، اليوم الخميس، "),
	}
}

// TestAdversarial runs 5 MB of hostile input per kind. Scanning is linear, so each finishes in
// well under a second; a watchdog fails the test (rather than hanging the run) if it does not.
func TestAdversarial(t *testing.T) {
	if testing.Short() {
		t.Skip("5 MB inputs in -short mode")
	}
	for name, text := range adversarial(5 << 20) {
		done := make(chan []Expr, 1)
		go func() {
			got := Find(text, "und", Ref{Published: wed})
			InferPublication(text, "ar")
			done <- got
		}()
		start := time.Now()
		select {
		case got := <-done:
			t.Logf("%s: %d expressions in %v", name, len(got), time.Since(start))
			if len(got) > 0 {
				checkExprs(t, text, got)
			}
		case <-time.After(2 * time.Minute):
			t.Fatalf("%s: Find on 5 MB did not finish in two minutes: not linear", name)
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, tc := range findCases {
		f.Add(tc.text, uint8(0), tc.pub)
	}
	f.Add("\u202e١٥\u200f آذار ٢٠٢١\u202c", uint8(1), "")
	f.Add("3-5 March, 2021 - 2022 on Tuesday, March 2", uint8(2), "2021-02-29")
	f.Add("\xff29 February\xfe", uint8(0), "9999-12-31")
	f.Fuzz(func(t *testing.T, text string, langSel uint8, pub string) {
		lang := []string{"en", "ar", "und", "fr"}[int(langSel)%4]
		got := Find(text, lang, Ref{Published: pub})
		checkExprs(t, text, got)
	})
}

func FuzzInferPublication(f *testing.F) {
	for _, tc := range findCases {
		f.Add(tc.text, uint8(0))
	}
	f.Add("اليوم، ١٥ آذار ٢٠٢١", uint8(1))
	f.Add("Today, 1 January 1000", uint8(0))
	f.Fuzz(func(t *testing.T, text string, langSel uint8) {
		lang := []string{"en", "ar", "und"}[int(langSel)%3]
		d, c, how := InferPublication(text, lang)
		if c < 0 || c > 1 || how == "" {
			t.Fatalf("confidence %v, how %q", c, how)
		}
		if d == "" {
			if c != 0 {
				t.Fatalf("no date but confidence %v", c)
			}
			return
		}
		if !valueRE.MatchString(d) || (len(d) != 4 && len(d) != 10) {
			t.Fatalf("malformed date %q", d)
		}
		if len(d) == 10 {
			if _, err := time.Parse("2006-01-02", d); err != nil {
				t.Fatalf("invalid date %q", d)
			}
		}
		if !utf8.ValidString(how) && utf8.ValidString(text) {
			t.Fatalf("explanation %q is not UTF-8", how)
		}
	})
}

func benchText(b *testing.B, name string) string {
	t, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		b.Fatal(err)
	}
	return string(t)
}

// BenchmarkFind measures Find on 3-4 KB articles (testdata/, written for these tests).
func BenchmarkFind(b *testing.B) {
	for _, bc := range []struct{ name, file, lang, pub string }{
		{"en", "article_en.txt", "en", "2021-03-03"},
		{"en-nopub", "article_en.txt", "en", ""},
		{"ar", "article_ar.txt", "ar", "2021-03-03"},
		{"ar-nopub", "article_ar.txt", "ar", ""},
		{"und", "article_ar.txt", "und", "2021-03-03"},
	} {
		text := benchText(b, bc.file)
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				Find(text, bc.lang, Ref{Published: bc.pub})
			}
		})
	}
}

func BenchmarkInferPublication(b *testing.B) {
	text := benchText(b, "article_en.txt")
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		InferPublication(text, "en")
	}
}

// BenchmarkAdversarial measures 1 MB of hostile input per kind (MB/s shows linearity when
// compared with BenchmarkFind).
func BenchmarkAdversarial(b *testing.B) {
	for name, text := range adversarial(1 << 20) {
		b.Run(strings.ReplaceAll(name, " ", "_"), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				Find(text, "und", Ref{Published: wed})
			}
		})
	}
}

// TestConcurrentFind runs Find from several goroutines (run with -race): the vocabulary is
// shared and read-only, everything else belongs to the call.
func TestConcurrentFind(t *testing.T) {
	want := make([][]Expr, len(findCases))
	for i, tc := range findCases {
		want[i] = Find(tc.text, tc.lang, Ref{Published: tc.pub})
	}
	errs := make(chan string, 4*len(findCases))
	done := make(chan struct{})
	for g := 0; g < 4; g++ {
		go func() {
			defer func() { done <- struct{}{} }()
			for i, tc := range findCases {
				got := Find(tc.text, tc.lang, Ref{Published: tc.pub})
				if describe(got) != describe(want[i]) {
					errs <- tc.name
				}
			}
		}()
	}
	for g := 0; g < 4; g++ {
		<-done
	}
	close(errs)
	for name := range errs {
		t.Errorf("%s: a concurrent call gave another result", name)
	}
}
