package ar

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"storyline/internal/analyse/text"
)

func TestCandidates(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"والصفدي", []string{"والصفدي", "الصفدي", "صفدي"}},
		{"بالأمم", []string{"بالامم", "الامم", "امم"}},
		{"ولافروف", []string{"ولافروف", "لافروف", "افروف"}},
		{"لافروف", []string{"لافروف", "افروف"}},
		{"لاسرائيل", []string{"لاسراييل", "اسراييل"}},
		{"بادلب", []string{"بادلب", "ادلب"}},
		{"لاجل", []string{"لاجل"}},
		{"للرباعية", []string{"للرباعيه", "الرباعيه", "رباعيه", "لرباعيه"}},
		{"وللرباعية", []string{"وللرباعيه", "للرباعيه", "الرباعيه", "رباعيه", "لرباعيه"}},
		{"للبنان", []string{"للبنان", "البنان", "بنان", "لبنان"}},
		{"ولليبيا", []string{"ولليبيا", "لليبيا", "اليبيا", "يبيا", "ليبيا"}},
		{"الأردن", []string{"الاردن", "اردن"}},
		{"وبالأمم", []string{"وبالامم", "بالامم", "الامم", "امم"}},
		{"كالعادة", []string{"كالعاده", "العاده", "عاده"}},
		{"لمصر", []string{"لمصر", "مصر"}},
		{"فلسطين", []string{"فلسطين", "لسطين", "سطين"}},
		{"وسيزور", []string{"وسيزور", "سيزور", "يزور"}},
		{"سوريا", []string{"سوريا"}},
		{"لأمريكا", []string{"لامريكا", "امريكا"}},
		{"وَالصَّفَدِيّ", []string{"والصفدي", "الصفدي", "صفدي"}},
		{"ال", []string{"ال"}},
		{"وال", []string{"وال", "ال"}},
		{"بال", []string{"بال"}},
		{"الله", []string{"الله", "له"}},
		{"لله", []string{"لله", "له"}},
		{"Lavrov", []string{"Lavrov"}},
		{"", []string{""}},
	}
	for _, tt := range tests {
		if got := Candidates(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Candidates(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSuffixes(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"السوريين", []string{"السوريين", "السوري", "السور"}},
		{"الأردنية", []string{"الاردنيه", "الاردني", "الاردن"}},
		{"الأردني", []string{"الاردني", "الاردن"}},
		{"المفاوضات", []string{"المفاوضات", "المفاوض"}},
		{"الطرفان", []string{"الطرفان", "الطرف"}},
		{"رئيسة", []string{"رييسه", "رييس"}},
		{"عمان", []string{"عمان"}},
		{"روسيا", []string{"روسيا"}},
		{"Lavrov", []string{"Lavrov"}},
	}
	for _, tt := range tests {
		if got := Suffixes(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Suffixes(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"التقى الصفدي لافروف، وبحثا الأزمة. ثم غادر.", []string{"التقى الصفدي لافروف، وبحثا الأزمة.", "ثم غادر."}},
		{"هل انتهى؟ نعم! حسنا", []string{"هل انتهى؟", "نعم!", "حسنا"}},
		{"عمان - بترا\nقال وزير الخارجية", []string{"عمان - بترا", "قال وزير الخارجية"}},
		{"الفقرة الأولى\n\nالفقرة الثانية", []string{"الفقرة الأولى", "الفقرة الثانية"}},
		{"قال د. أحمد إن النسبة 3.5 بالمئة.", []string{"قال د. أحمد إن النسبة 3.5 بالمئة."}},
		{"أكد أن «الحل سياسي.» وأضاف", []string{"أكد أن «الحل سياسي.»", "وأضاف"}},
		{"", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, sp := range SplitSentences(tt.in) {
			got = append(got, tt.in[sp.Start:sp.End])
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("SplitSentences(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTokenizeAndChains(t *testing.T) {
	in := "وزير الخارجية أيمن الصفدي، والمفاوضات في موسكو؟"
	got := text.Terms(Tokenize(in))
	want := []string{"وزير", "الخارجية", "أيمن", "الصفدي", "والمفاوضات", "في", "موسكو"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Tokenize = %q, want %q", got, want)
	}
	names := text.Terms(NameChain().Analyze(in))
	if names[2] != "ايمن" {
		t.Errorf("NameChain term = %q, want normalised ايمن", names[2])
	}
	concepts := ConceptChain().Analyze(in)
	for _, c := range concepts {
		if c.Term == "في" {
			t.Errorf("stop word في kept by ConceptChain")
		}
	}
	for _, w := range []string{"الاجتماعات", "الاجتماع", "اجتماع"} {
		if got := Stem(w); got != "اجتماع" {
			t.Errorf("Stem(%q) = %q, want اجتماع", w, got)
		}
	}
	if got := text.Terms(ConceptChain().Analyze("الحكومة والحكومة")); !reflect.DeepEqual(got, []string{"حكوم", "حكوم"}) {
		t.Errorf("ConceptChain(الحكومة والحكومة) = %q, want the normalised stem twice", got)
	}
	if !IsStopWord("إلى") || !IsStopWord("الى") || IsStopWord("لافروف") {
		t.Error("stop words: want إلى and الى in, لافروف out")
	}
	// Latin tokens pass the stemmer untouched
	if got := StemFilter.Filter([]text.Token{{Term: "Lavrov"}}); got[0].Term != "Lavrov" {
		t.Errorf("StemFilter changed a Latin term to %q", got[0].Term)
	}
}

func TestNormalisePresentationAndDialectLetters(t *testing.T) {
	tests := []struct{ in, want string }{
		{"\uFEDF\uFE8E\uFED3\uFEAE\uFEED\uFED2", "لافروف"}, // presentation forms
		{"ڤلاديمير", "فلاديمير"},
		{"پوتين", "بوتين"},
		{"گاز", "كاز"},
		{"\uFDF2", "\uFDF2"}, // a ligature of several letters is left alone
	}
	for _, tt := range tests {
		if got := Normalise(tt.in); got != tt.want {
			t.Errorf("Normalise(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzCandidates(f *testing.F) {
	for _, s := range []string{"والصفدي", "للرباعية", "ولافروف", "\u202eوال\u200d", "ل", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cs := Candidates(s)
		if len(cs) == 0 || cs[0] != Normalise(s) {
			t.Fatalf("Candidates(%q) = %q, want the normalised word first", s, cs)
		}
		for i, c := range cs {
			if Normalise(c) != c {
				t.Fatalf("candidate %q of %q is not normalised", c, s)
			}
			if i > 0 && utf8.RuneCountInString(c) < minRemain {
				t.Fatalf("candidate %q of %q has fewer than %d letters", c, s, minRemain)
			}
		}
		for i, c := range Suffixes(s) {
			if Normalise(c) != c || (i > 0 && utf8.RuneCountInString(c) < minSuffixRemain) {
				t.Fatalf("suffix form %q of %q", c, s)
			}
		}
	})
}

func FuzzSplitSentences(f *testing.F) {
	for _, s := range []string{"التقى الصفدي لافروف. ثم غادر؟", "د. أحمد\n\n«نعم.»", "\xff.\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, sp := range SplitSentences(s) {
			if sp.Start < prev || sp.End <= sp.Start || sp.End > len(s) {
				t.Fatalf("bad span %+v after %d in %q", sp, prev, s)
			}
			prev = sp.End
		}
		prev = 0
		for _, tok := range Tokenize(s) {
			if tok.Start < prev || tok.End <= tok.Start || tok.End > len(s) {
				t.Fatalf("bad token %+v after %d in %q", tok, prev, s)
			}
			prev = tok.End
		}
	})
}

func TestLargeAdversarialInput(t *testing.T) {
	unit := "\u202eوالصفدي\u200d\u064e\u0651 لافروف، \u200f١٩٦٧. «نعم؟» \n"
	s := strings.Repeat(unit, 5<<20/len(unit)) // about 5 MB
	if n := len(SplitSentences(s)); n == 0 {
		t.Fatal("no sentences")
	}
	toks := ConceptChain().Analyze(s)
	if len(toks) == 0 {
		t.Fatal("no tokens")
	}
	if out := Normalise(s); utf8.RuneCountInString(out) > utf8.RuneCountInString(s) {
		t.Fatal("Normalise grew the text")
	}
	long := strings.Repeat("و", 1<<20) + "الصفدي"
	if cs := Candidates(long); len(cs) < 2 {
		t.Fatalf("Candidates on a long word = %d forms", len(cs))
	}
}

func BenchmarkCandidates(b *testing.B) {
	for i := 0; i < b.N; i++ {
		Candidates("والصفدي")
	}
}
