package names

import (
	"context"
	"math"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// newsNames are pairs that must match: names of people in the news under their usual spellings.
var newsNames = []struct{ arabic, latin string }{
	{"لافروف", "Lavrov"},
	{"سيرغي", "Sergey"},
	{"سيرغي", "Sergei"},
	{"بوتين", "Putin"},
	{"فلاديمير", "Vladimir"},
	{"الصفدي", "Safadi"},
	{"الصفدي", "Al-Safadi"},
	{"الصفدي", "al-Safadi"},
	{"أيمن", "Ayman"},
	{"المقداد", "Mekdad"},
	{"المقداد", "Mikdad"},
	{"فيصل", "Faisal"},
	{"فيصل", "Faysal"},
	{"عبدالله", "Abdullah"},
	{"عبد الله", "Abdullah"},
	{"الأسد", "Assad"},
	{"الأسد", "al-Assad"},
	{"بشار", "Bashar"},
	{"سيرغي لافروف", "Sergey Lavrov"},
	{"أيمن الصفدي", "Ayman Safadi"},
	{"بشار الأسد", "Bashar al-Assad"},
	{"فيصل المقداد", "Faisal Mekdad"},
}

// notSame are pairs that must not match.
var notSame = []struct{ arabic, latin string }{
	{"الصفدي", "Lavrov"},
	{"لافروف", "Safadi"},
	{"بوتين", "Bashar"},
	{"أيمن", "Faisal"},
	{"الأسد", "Mekdad"},
	{"فيصل", "Putin"},
	{"سيرغي", "Ayman"},
	{"المقداد", "Vladimir"},
	{"لافروف", "Sergey Lavrov"},
	{"سيرغي لافروف", "Ayman Safadi"},
}

func TestScoreNewsNames(t *testing.T) {
	m := Default()
	for _, tt := range newsNames {
		if s := m.Score(tt.arabic, tt.latin); s < 0.6 {
			t.Errorf("Score(%q, %q) = %.3f, want ≥ 0.6", tt.arabic, tt.latin, s)
		}
	}
	for _, tt := range notSame {
		if s := m.Score(tt.arabic, tt.latin); s > 0.2 {
			t.Errorf("Score(%q, %q) = %.3f, want ≤ 0.2", tt.arabic, tt.latin, s)
		}
	}
}

// TestScoreRanksOwnName checks that among the news names, every Arabic name prefers its own Latin
// spellings to every other name's.
func TestScoreRanksOwnName(t *testing.T) {
	m := Default()
	for _, a := range newsNames {
		own := m.Score(a.arabic, a.latin)
		for _, b := range newsNames {
			if b.arabic == a.arabic || strings.Contains(b.latin, a.latin) || strings.Contains(a.latin, b.latin) {
				continue
			}
			if s := m.Score(a.arabic, b.latin); s >= own {
				t.Errorf("Score(%q, %q) = %.3f ≥ Score(%q, %q) = %.3f", a.arabic, b.latin, s, a.arabic, a.latin, own)
			}
		}
	}
}

func TestScoreEdgeCases(t *testing.T) {
	m := Default()
	tests := []struct {
		arabic, latin string
		want          float64
	}{
		{"", "Lavrov", 0},
		{"لافروف", "", 0},
		{"Lavrov", "Lavrov", 0}, // no Arabic letters on the Arabic side
		{"لافروف", "لافروف", 0}, // no Latin letters on the Latin side
		{"123", "456", 0},
	}
	for _, tt := range tests {
		if got := m.Score(tt.arabic, tt.latin); got != tt.want {
			t.Errorf("Score(%q, %q) = %v, want %v", tt.arabic, tt.latin, got, tt.want)
		}
	}
	// diacritics, tatweel, hamza forms and bidi controls do not change the score
	base := m.Score("لافروف", "Lavrov")
	for _, v := range []string{"لافْرُوف", "لافـــروف", "\u200fلافروف\u200f", "لا\u200dفروف"} {
		if got := m.Score(v, "Lavrov"); math.Abs(got-base) > 1e-12 {
			t.Errorf("Score(%q, Lavrov) = %v, want %v as for لافروف", v, got, base)
		}
	}
	if a, b := m.Score("أيمن", "Ayman"), m.Score("ايمن", "AYMAN"); math.Abs(a-b) > 1e-12 {
		t.Errorf("hamza or case changed the score: %v vs %v", a, b)
	}
}

func TestRomanise(t *testing.T) {
	m := Default()
	tests := []struct{ in, want string }{
		{"لافروف", "lavrov"},
		{"سيرغي لافروف", "sergi lavrov"},
		{"بشار", "bashar"},
		{"", ""},
		{"Lavrov", "lavrov"},
	}
	for _, tt := range tests {
		if got := m.Romanise(tt.in); got != tt.want {
			t.Errorf("Romanise(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// whatever the spelling, the romanisation of a news name scores as the same name
	for _, tt := range newsNames {
		r := m.Romanise(tt.arabic)
		if r == "" || strings.ToLower(r) != r {
			t.Errorf("Romanise(%q) = %q, want a lower-case spelling", tt.arabic, r)
		}
		if s := m.Score(tt.arabic, r); s < 0.5 {
			t.Errorf("Score(%q, Romanise = %q) = %.3f, want ≥ 0.5", tt.arabic, r, s)
		}
	}
	if got := m.Romanise("الصفدي"); !strings.HasPrefix(got, "al-") {
		t.Errorf("Romanise(الصفدي) = %q, want the article as al-", got)
	}
}

func TestKey(t *testing.T) {
	groups := [][]string{
		{"Lavrov", "لافروف"},
		{"Safadi", "Al-Safadi", "al-Safadi", "الصفدي", "صفدي"},
		{"Mekdad", "Mikdad", "Miqdad", "المقداد"},
		{"Putin", "بوتين"},
		{"Sergey", "Sergei", "سيرغي"},
		{"Vladimir", "فلاديمير"},
		{"Faisal", "Faysal", "فيصل"},
		{"Abdullah", "عبدالله", "عبد الله"},
		{"Assad", "al-Assad", "Al Assad", "الأسد"},
		{"Bashar", "بشار"},
		{"Sergey Lavrov", "سيرغي لافروف"},
		{"Ali", "علي"},
		{"Alan", "آلان", "ألان"},
		{"Alberto", "ألبرتو"},
		{"Elias", "إلياس"},
		{"Alexander", "ألكسندر", "الكسندر"},
		{"Allah", "الله"},
		{"Alsaboury", "al-Saboury", "الصابوري"},
	}
	for _, g := range groups {
		want := Key(g[0])
		if want == "" {
			t.Errorf("Key(%q) is empty", g[0])
		}
		for _, n := range g[1:] {
			if got := Key(n); got != want {
				t.Errorf("Key(%q) = %q, want %q as for %q", n, got, want, g[0])
			}
		}
	}
	if Key("Lavrov") == Key("الصفدي") {
		t.Errorf("Lavrov and الصفدي share the key %q", Key("Lavrov"))
	}
	// an initial alef with hamza is no article
	if got := Key("ألكسندر"); got != Key("Alexander") {
		t.Errorf("Key(ألكسندر) = %q, want %q as for Alexander", got, Key("Alexander"))
	}
}

// TestKeyAgreement measures how often the two sides of the training pairs share a key.
func TestKeyAgreement(t *testing.T) {
	pairs := readShared(t, "wikidata-en-ar.train.tsv")
	same := 0
	for _, p := range pairs {
		if Key(p[0]) == Key(p[1]) {
			same++
		}
	}
	share := float64(same) / float64(len(pairs))
	t.Logf("train: %d pairs, %.4f share their key", len(pairs), share)
	if share < 0.89 {
		t.Errorf("only %.4f of the training pairs share their key, want ≥ 0.89", share)
	}
}

func readShared(t *testing.T, name string) [][2]string {
	t.Helper()
	path := sharedNames(t, name)
	data, err := readFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out [][2]string
	for _, line := range strings.Split(data, "\n") {
		f := strings.Split(line, "\t")
		if len(f) >= 2 {
			out = append(out, [2]string{f[0], strings.ReplaceAll(f[1], " ", "")})
		}
	}
	return out
}

func TestLatinSimilar(t *testing.T) {
	tests := []struct {
		a, b     string
		min, max float64
	}{
		{"Sergey", "Sergei", 0.9, 1},
		{"Mekdad", "Mikdad", 0.9, 1},
		{"Faisal", "Faysal", 0.9, 1},
		{"al-Assad", "Assad", 1, 1},
		{"Muhammad", "Mohamed", 0.8, 1},
		{"Lavrov", "Lavrov", 1, 1},
		{"LAVROV", "lavrov", 1, 1},
		{"Lavrov", "Safadi", 0, 0.5},
		{"Putin", "Bashar", 0, 0.5},
		{"", "Lavrov", 0, 0},
		{"", "", 0, 0},
	}
	for _, tt := range tests {
		got := LatinSimilar(tt.a, tt.b)
		if got < tt.min || got > tt.max {
			t.Errorf("LatinSimilar(%q, %q) = %.3f, want in [%.2f, %.2f]", tt.a, tt.b, got, tt.min, tt.max)
		}
		if back := LatinSimilar(tt.b, tt.a); math.Abs(back-got) > 1e-9 {
			t.Errorf("LatinSimilar is not symmetric on %q, %q: %.3f vs %.3f", tt.a, tt.b, got, back)
		}
	}
}

// TestEvaluateUsesScore checks that Evaluate ranks with the scores Score gives.
func TestEvaluateUsesScore(t *testing.T) {
	m := Default()
	var b strings.Builder
	for _, p := range newsNames[:8] {
		var letters []string
		for _, r := range p.arabic {
			letters = append(letters, string(r))
		}
		b.WriteString(p.latin + "\t" + strings.Join(letters, " ") + "\t1\n")
	}
	rep, err := evaluate(context.Background(), strings.NewReader(b.String()), m, evalOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// recompute the ranks with Score
	pairs, cands, err := readEvalPairs(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	hits := 0
	for _, p := range pairs {
		own := m.Score(p.arabic, cands[p.latin])
		first := true
		for j, c := range cands {
			if j != p.latin && m.Score(p.arabic, c) >= own {
				first = false
			}
		}
		if first {
			hits++
		}
	}
	if want := float64(hits) / float64(len(pairs)); math.Abs(rep.Acc1-want) > 1e-12 {
		t.Errorf("Evaluate acc@1 = %v, ranking by Score gives %v", rep.Acc1, want)
	}
	if rep.N != 8 || rep.Candidates != 8 {
		t.Errorf("report %+v, want 8 pairs and 8 candidates", rep)
	}
}

func TestEvaluateTiesCountAgainst(t *testing.T) {
	// two identical English forms are one candidate; two Arabic forms with the same letters tie
	in := "lavrov\tل ا ف ر و ف\t1\nlavrov\tل ا ف ر و ف\t2\n"
	rep, err := Evaluate(context.Background(), strings.NewReader(in), Default())
	if err != nil {
		t.Fatal(err)
	}
	if rep.N != 2 || rep.Candidates != 1 || rep.Acc1 != 1 {
		t.Errorf("report %+v, want 2 pairs, 1 candidate, acc@1 1", rep)
	}
	// one Arabic form, two English forms: only one can be first
	in = "safadi\tص ف د ي\t1\nsafadi\tص ف د ي\t1\nsafady\tص ف د ي\t1\n"
	rep, err = Evaluate(context.Background(), strings.NewReader(in), Default())
	if err != nil {
		t.Fatal(err)
	}
	if rep.Acc1 > 2.0/3+1e-9 {
		t.Errorf("acc@1 = %v with one Arabic form for two English forms, want ≤ 2/3", rep.Acc1)
	}
}

func TestEvaluateCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Evaluate(ctx, strings.NewReader("lavrov\tل ا ف ر و ف\t1\n"), Default()); err == nil {
		t.Fatal("Evaluate with a cancelled context succeeded")
	}
}

func TestConcurrentUse(t *testing.T) {
	m := Default()
	want := m.Score("لافروف", "Lavrov")
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 50; j++ {
				if got := m.Score("لافروف", "Lavrov"); got != want {
					t.Errorf("concurrent Score = %v, want %v", got, want)
					return
				}
				_ = m.Romanise("سيرغي لافروف")
			}
		}()
	}
	wg.Wait()
}

func TestLongInput(t *testing.T) {
	m := Default()
	long := strings.Repeat("لافروف ", 200000) // about 2.6 MB
	if s := m.Score(long, strings.Repeat("Lavrov ", 200000)); s < 0 || s > 1 {
		t.Errorf("Score on long input = %v", s)
	}
	if r := m.Romanise(long); !utf8.ValidString(r) {
		t.Errorf("Romanise on long input is not valid UTF-8")
	}
	_ = Key(long)
	_ = LatinSimilar(strings.Repeat("Lavrov ", 200000), "Lavrov")
}

func FuzzScore(f *testing.F) {
	for _, p := range newsNames {
		f.Add(p.arabic, p.latin)
	}
	f.Add("\u202eلا\u200dفروف\u202c", "L\u0301avrov")
	f.Add("\xff\xfe", "\x00")
	m := Default()
	f.Fuzz(func(t *testing.T, arabic, latin string) {
		s := m.Score(arabic, latin)
		if s < 0 || s > 1 || math.IsNaN(s) {
			t.Fatalf("Score(%q, %q) = %v, want in [0,1]", arabic, latin, s)
		}
		if r := m.Romanise(arabic); !utf8.ValidString(r) {
			t.Fatalf("Romanise(%q) = %q is not valid UTF-8", arabic, r)
		}
		k := Key(arabic + " " + latin)
		if strings.Trim(k, "BTSKLRMN") != "" {
			t.Fatalf("Key(%q) = %q has letters outside the classes", arabic+" "+latin, k)
		}
		ls := LatinSimilar(latin, arabic)
		if ls < 0 || ls > 1 || math.IsNaN(ls) {
			t.Fatalf("LatinSimilar(%q, %q) = %v", latin, arabic, ls)
		}
	})
}

func BenchmarkScore(b *testing.B) {
	m := Default()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		m.Score("لافروف", "Lavrov")
	}
}

// BenchmarkScorePrepared is the cost of one comparison inside Evaluate (both sides prepared).
func BenchmarkScorePrepared(b *testing.B) {
	m := Default()
	var buf pairhmmBuf
	a := m.prepArabic("المقداد")
	l := m.prepLatin("Mekdad", &buf)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		m.score(a, l, &buf)
	}
}

func BenchmarkRomanise(b *testing.B) {
	m := Default()
	for i := 0; i < b.N; i++ {
		m.Romanise("سيرغي لافروف")
	}
}
