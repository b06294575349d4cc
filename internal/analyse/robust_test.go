package analyse

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"storyline/internal/analyse/text"
	"storyline/internal/ingest"
)

// FuzzAnalyse checks that any text, in any of the analysed languages, analyses without a panic,
// with every offset in bounds and every mention's text equal to its field's slice.
func FuzzAnalyse(f *testing.F) {
	seeds := []string{
		"Russian Foreign Minister Sergey Lavrov met his Jordanian counterpart Ayman Safadi.",
		"AMMAN — His Majesty King Abdullah II received the Kingdom's guests.",
		"التقى وزير الخارجية الأردني أيمن الصفدي نظيره الروسي سيرغي لافروف في موسكو.",
		"وبحث الصفدي ولافروف المستجدات. المملكة",
		"\u202bوزير\u200d الخارجية\u202c أيمن\u0651 الصفدي\u200f",
		"King Abdullah\u0301 II bin al-\u200dHussein",
		"US-led Israeli-Palestinian Jordan-Syria al-",
		"\xff\xfe invalid \xc3 utf8 Amman",
		"A. J. Smith, U. S. N. Y. Mr. X",
		"", " ", "-", "'s", "ال", "و", "عبد", "الله",
	}
	for i, s := range seeds {
		f.Add(s, uint8(i))
	}
	a := New(Options{})
	f.Fuzz(func(t *testing.T, s string, langSel uint8) {
		lang := []string{"en", "ar", "und", "fr"}[int(langSel)%4]
		title, body, _ := strings.Cut(s, "\n")
		art := ingest.Article{ID: "fuzz", Title: title, Body: body, Lang: lang}
		an, err := a.Analyse(context.Background(), art)
		if err != nil {
			t.Fatal(err)
		}
		checkOffsets(t, art, an)
	})
}

// TestAdversarialInput analyses hostile text: invisible and bidirectional controls inside
// words, stacked combining marks, invalid UTF-8, long runs of capitals, particles and clitics,
// and a 5 MB article (1 MB with -short). It checks the invariants; its time is logged, and
// BenchmarkAnalyseLarge measures it.
func TestAdversarialInput(t *testing.T) {
	a := New(Options{})
	ctx := context.Background()
	cases := map[string]string{
		"bidi and joiners":     strings.Repeat("\u202eوزير\u200d الخارجية\u202c \u2066أيمن\u2069 الصفدي\u200f Amman\u200b ", 200),
		"combining marks":      strings.Repeat("Ama"+strings.Repeat("\u0301", 50)+"n عمّان"+strings.Repeat("\u064b", 40)+" ", 100),
		"invalid UTF-8":        strings.Repeat("King \xff\xfe Abdullah \xc3 II ", 300),
		"capitals":             strings.Repeat("Al Bin Abu Ibn Van De La ", 2000),
		"clitics":              strings.Repeat("وولل فبال وال ال و ", 2000),
		"one long word":        strings.Repeat("a", 1<<20),
		"one long Arabic word": strings.Repeat("س", 1<<19),
		"hyphens":              strings.Repeat("US-led-Jordan-Syria-", 5000),
		"no spaces":            strings.Repeat("Amman,Damascus;", 20000),
	}
	for name, body := range cases {
		for _, lang := range []string{"en", "ar"} {
			art := ingest.Article{ID: name, Body: body, Lang: lang}
			an, err := a.Analyse(ctx, art)
			if err != nil {
				t.Fatalf("%s/%s: %v", name, lang, err)
			}
			checkOffsets(t, art, an)
		}
	}
	size := 5 << 20
	if testing.Short() {
		size = 1 << 20
	}
	for _, lang := range []string{"en", "ar"} {
		art := largeArticle(lang, size)
		start := time.Now()
		an, err := a.Analyse(ctx, art)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d bytes analysed in %v, %d entities, %d sentences", lang, len(art.Body), time.Since(start), len(an.Entities), len(an.Sentences))
		if len(an.Entities) == 0 {
			t.Errorf("%s: no entities in a large article", lang)
		}
		if testing.Short() {
			checkOffsets(t, art, an)
		}
	}
}

// largeArticle generates an article of about size bytes.
func largeArticle(lang string, size int) ingest.Article {
	r := rand.New(rand.NewSource(3))
	var b strings.Builder
	for b.Len() < size {
		a := genArticle(r, lang, 3000)
		b.WriteString(a.Body)
		b.WriteString("\n\n")
	}
	return ingest.Article{ID: "large-" + lang, Body: b.String(), Lang: lang}
}

// BenchmarkAnalyseLarge measures one 5 MB article: time must grow linearly with size.
func BenchmarkAnalyseLarge(b *testing.B) {
	a := New(Options{})
	art := largeArticle("en", 5<<20)
	b.SetBytes(int64(len(art.Body)))
	for i := 0; i < b.N; i++ {
		if _, err := a.Analyse(context.Background(), art); err != nil {
			b.Fatal(err)
		}
	}
}

func TestConverter(t *testing.T) {
	for _, s := range []string{"", "abc", "وزير الخارجية", "a\xffb\xc3c", strings.Repeat("é\u0301ع", 300)} {
		c := newConverter(s)
		for off := 0; off <= len(s)+2; off++ {
			if got, want := c.Rune(off), text.ByteToRune(s, off); got != want {
				t.Fatalf("%q: Rune(%d) = %d, want %d", s, off, got, want)
			}
		}
	}
}

// TestAnalyseConcurrent analyses articles from several goroutines with one Analyzer and checks
// the results equal the sequential ones (run with -race).
func TestAnalyseConcurrent(t *testing.T) {
	a := New(Options{})
	r := rand.New(rand.NewSource(5))
	var arts []ingest.Article
	for i := 0; i < 8; i++ {
		arts = append(arts, genArticle(r, []string{"en", "ar"}[i%2], 1500))
	}
	want := make([]Analysis, len(arts))
	for i, art := range arts {
		an, err := a.Analyse(context.Background(), art)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = an
	}
	done := make(chan error, 4)
	for w := 0; w < 4; w++ {
		go func() {
			for i, art := range arts {
				an, err := a.Analyse(context.Background(), art)
				if err != nil {
					done <- err
					return
				}
				if describe(an) != describe(want[i]) {
					done <- fmt.Errorf("article %d differs: %s vs %s", i, describe(an), describe(want[i]))
					return
				}
			}
			done <- nil
		}()
	}
	for w := 0; w < 4; w++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// TestECBPlus analyses the 496 English ECB+ articles of ../shared/corpus/ecbplus: none may fail,
// every offset must hold, and no person may be named by a capitalised sentence starter, a month,
// a weekday or an article.
func TestECBPlus(t *testing.T) {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		if filepath.Dir(dir) == dir {
			t.Fatal("no go.mod above the working directory")
		}
		dir = filepath.Dir(dir)
	}
	articles := filepath.Join(dir, "..", "shared", "corpus", "ecbplus", "articles")
	if _, err := os.Stat(articles); err != nil {
		t.Skipf("ECB+ articles absent (%v): they live in ../shared/corpus/ecbplus beside the repository", err)
	}
	a := New(Options{})
	n, people := 0, 0
	bad := map[string]bool{}
	for _, w := range []string{"The", "A", "An", "In", "On", "During", "According", "However", "Monday", "Tuesday", "Wednesday",
		"Thursday", "Friday", "Saturday", "Sunday", "January", "March", "April", "September", "October", "November", "December"} {
		bad[w] = true
	}
	err = ingest.Read(context.Background(), []string{articles}, ingest.Options{}, func(r ingest.Result) error {
		if r.Err != nil {
			t.Errorf("%v", r.Err)
			return nil
		}
		art := *r.Article
		art.Lang = "en"
		an, err := a.Analyse(context.Background(), art)
		if err != nil {
			t.Errorf("%s: %v", art.Source, err)
			return nil
		}
		n++
		checkOffsets(t, art, an)
		for _, e := range an.Entities {
			if e.Type != TypePerson {
				continue
			}
			people++
			for _, m := range e.Mentions {
				if first, _, _ := strings.Cut(m.Text, " "); bad[first] {
					t.Errorf("%s: person %s named %q", art.Source, e.Key, m.Text)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != 496 {
		t.Errorf("%d articles analysed, want 496", n)
	}
	t.Logf("%d articles, %d people", n, people)
}
