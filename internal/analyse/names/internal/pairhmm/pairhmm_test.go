package pairhmm

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

func TestLatinWord(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Lavrov", "lavrov"},
		{"Niccolò", "niccolo"},
		{"Højlund", "hojlund"},
		{"Straße", "strasse"},
		{"al-Assad", "alassad"},
		{"O'Brien", "obrien"},
		{"", ""},
		{"لافروف", ""},
	}
	for _, tt := range tests {
		if got := FoldLatin(tt.in); got != tt.want {
			t.Errorf("FoldLatin(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestArabicWordAndSymbols(t *testing.T) {
	w := ArabicWord("الأسد", 0)
	if len(w) != 5 {
		t.Fatalf("ArabicWord(الأسد) has %d letters, want 5", len(w))
	}
	s := Symbols(w[:2], w[2:])
	want := []uint8{w[0] * 3, w[1]*3 + 2, w[2] * 3, w[3]*3 + 1, w[4]*3 + 2}
	if !bytes.Equal(s, want) {
		t.Errorf("Symbols = %v, want %v", s, want)
	}
	if got := ArabicWord("Lavrov ١٢", 0); len(got) != 0 {
		t.Errorf("ArabicWord of Latin and digits = %v, want none", got)
	}
}

func TestCodes(t *testing.T) {
	for _, s := range []string{"a", "kh", "sch", "z"} {
		c, ok := ParseCode(s)
		if !ok || CodeString(c) != s {
			t.Errorf("ParseCode/CodeString round trip of %q: %d %v %q", s, c, ok, CodeString(c))
		}
	}
	for _, s := range []string{"", "abcd", "A", "é"} {
		if _, ok := ParseCode(s); ok {
			t.Errorf("ParseCode(%q) succeeded", s)
		}
	}
}

// toy trains on a small deterministic set where ب is b, ا is a, ر is r and short vowels are
// inserted.
func toy(t *testing.T) *Model {
	t.Helper()
	words := []struct{ ar, la string }{
		{"بار", "bar"}, {"راب", "rab"}, {"برب", "barb"}, {"ربا", "raba"}, {"بابا", "baba"},
		{"ربر", "rabr"}, {"بر", "bar"}, {"ابر", "abar"},
	}
	var pairs []Pair
	for i := 0; i < 5; i++ {
		for _, w := range words {
			pairs = append(pairs, Pair{A: Symbols(ArabicWord(w.ar, 0)), L: LatinWord(w.la, 0), W: 1})
		}
	}
	return Train(pairs, TrainConfig{Iters: 10})
}

func TestTrainLearnsLetters(t *testing.T) {
	m := toy(t)
	b, _ := ArabicIndex('ب')
	if seg, _ := m.Best(b*3 + 1); seg != "b" && seg != "ba" {
		t.Errorf("medial ب is best written %q, want b", seg)
	}
	var buf Buf
	good := m.LogJoint(Symbols(ArabicWord("بار", 0)), LatinWord("bar", 0), &buf)
	bad := m.LogJoint(Symbols(ArabicWord("بار", 0)), LatinWord("rab", 0), &buf)
	if !(good > bad) {
		t.Errorf("log P(بار, bar) = %v not above log P(بار, rab) = %v", good, bad)
	}
	if math.IsInf(bad, 0) || math.IsNaN(bad) {
		t.Errorf("smoothing failed: log P(بار, rab) = %v", bad)
	}
	if la := m.LogLatin(LatinWord("bar", 0), &buf); la >= 0 || math.IsNaN(la) {
		t.Errorf("LogLatin(bar) = %v", la)
	}
	if aa := m.LogArabic(Symbols(ArabicWord("بار", 0))); aa >= 0 || math.IsNaN(aa) {
		t.Errorf("LogArabic(بار) = %v", aa)
	}
}

func TestWriteRead(t *testing.T) {
	m := toy(t)
	m.Params["lambda"] = 0.7
	var w bytes.Buffer
	if err := m.Write(&w, "test\nmodel"); err != nil {
		t.Fatal(err)
	}
	r, err := Read(bytes.NewReader(w.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if r.Params["lambda"] != 0.7 {
		t.Errorf("param lambda = %v after the round trip", r.Params["lambda"])
	}
	var b Buf
	a, l := Symbols(ArabicWord("برب", 0)), LatinWord("barb", 0)
	if x, y := m.LogJoint(a, l, &b), r.LogJoint(a, l, &b); math.Abs(x-y) > 1e-3 {
		t.Errorf("LogJoint changed in the round trip: %v vs %v", x, y)
	}
	for _, bad := range []string{"", "stop\t0.1\n", "stop\tx\n", "stop\t0.1\nب\tb\t2\n", "stop\t0.1\nQ\tb\t0.1\n", "stop\t0.1\nب\tabcd\t0.1\n", "junk\n"} {
		if _, err := Read(strings.NewReader(bad)); err == nil {
			t.Errorf("Read(%q) succeeded", bad)
		}
	}
}

func TestLongInputsScale(t *testing.T) {
	m := toy(t)
	var b Buf
	a := Symbols(ArabicWord(strings.Repeat("بار", 300), 0))
	l := LatinWord(strings.Repeat("bar", 300), 0)
	if v := m.LogJoint(a, l, &b); math.IsInf(v, 0) || math.IsNaN(v) {
		t.Errorf("LogJoint on 900 letters = %v, want finite (rescaling)", v)
	}
	if v := m.LogLatin(l, &b); math.IsInf(v, 0) || math.IsNaN(v) {
		t.Errorf("LogLatin on 900 letters = %v, want finite", v)
	}
}

func TestLM(t *testing.T) {
	lm := TrainLM([]string{"lavrov", "lavrenti", "sergei"})
	if !(lm.LogProb("la", 'v') > lm.LogProb("la", 'q')) {
		t.Error("the letter model does not prefer a seen trigram")
	}
	var w bytes.Buffer
	if err := lm.Write(&w, "x", 1); err != nil {
		t.Fatal(err)
	}
	r, err := ReadLM(&w)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(r.LogProb("la", 'v')-lm.LogProb("la", 'v')) > 1e-9 {
		t.Error("the letter model changed in the round trip")
	}
	if _, err := ReadLM(strings.NewReader("abcd\t1\n")); err == nil {
		t.Error("ReadLM accepted a 4-gram")
	}
}
