package en

import (
	"reflect"
	"strings"
	"testing"

	"storyline/internal/analyse/text"
)

func sentences(s string) []string {
	var out []string
	for _, sp := range SplitSentences(s) {
		out = append(out, s[sp.Start:sp.End])
	}
	return out
}

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Mr. Lavrov met Dr. Safadi. They talked.", []string{"Mr. Lavrov met Dr. Safadi.", "They talked."}},
		{"The U.S. and the U.N. agreed. Talks follow.", []string{"The U.S. and the U.N. agreed.", "Talks follow."}},
		{"Troops left the U.S. The talks went on.", []string{"Troops left the U.S.", "The talks went on."}},
		{"H.M. King Abdullah II received him.", []string{"H.M. King Abdullah II received him."}},
		{"H.M King Abdullah II received him. Then he left.", []string{"H.M King Abdullah II received him.", "Then he left."}},
		{"J. K. Rowling wrote. Gen. Smith spoke.", []string{"J. K. Rowling wrote.", "Gen. Smith spoke."}},
		{"It began on Jan. 5 in Amman. It ended in Feb. Then more.", []string{"It began on Jan. 5 in Amman.", "It ended in Feb.", "Then more."}},
		{"He said: \"We will meet.\" Then he left.", []string{"He said: \"We will meet.\"", "Then he left."}},
		{"\"Is it over?\" he asked. No.", []string{"\"Is it over?\" he asked.", "No."}},
		{"Growth was 3.5 per cent. Prices rose.", []string{"Growth was 3.5 per cent.", "Prices rose."}},
		{"Acme Inc. The firm said. Acme Inc. announced it.", []string{"Acme Inc.", "The firm said.", "Acme Inc. announced it."}},
		{"Lavrov meets Safadi\nMOSCOW (Reuters) - Russia's foreign minister said...", []string{"Lavrov meets Safadi", "MOSCOW (Reuters) - Russia's foreign minister said..."}},
		{"Wait... what happened? Nothing!", []string{"Wait... what happened?", "Nothing!"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := sentences(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("SplitSentences(%q) =\n %q, want\n %q", tt.in, got, tt.want)
		}
	}
}

func TestStripPossessive(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Russia's", "Russia"},
		{"Russia’s", "Russia"},
		{"Jones'", "Jones"},
		{"O'Brien", "O'Brien"},
		{"don't", "don't"},
		{"'s", "'s"},
		{"Lavrov", "Lavrov"},
	}
	for _, tt := range tests {
		if got := StripPossessive(tt.in); got != tt.want {
			t.Errorf("StripPossessive(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFoldAndStem(t *testing.T) {
	for _, tt := range []struct{ in, want string }{{"LAVROV", "lavrov"}, {"Straße", "strasse"}, {"ÉTAT", "état"}} {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct{ in, want string }{{"meetings", "meet"}, {"negotiations", "negoti"}, {"refugees", "refuge"}, {"sanctioned", "sanction"}} {
		if got := Stem(tt.in); got != tt.want {
			t.Errorf("Stem(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if !IsStopWord("The") || IsStopWord("Lavrov") {
		t.Error("stop words: want The in, Lavrov out")
	}
}

func TestChains(t *testing.T) {
	in := "Russia's Foreign Minister met the refugees' representatives."
	got := text.Terms(ConceptChain().Analyze(in))
	want := []string{"russia", "foreign", "minist", "met", "refuge", "repres"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ConceptChain = %q, want %q", got, want)
	}
	names := NameChain().Analyze(in)
	if names[0].Term != "Russia" || in[names[0].Start:names[0].End] != "Russia's" {
		t.Errorf("NameChain first token = %+v", names[0])
	}
}

func FuzzSplitSentences(f *testing.F) {
	for _, s := range []string{"Mr. Lavrov met Dr. Safadi. They talked.", "U.S. \"Stop.\" Then", "Jan. 5\n\nNo. 10", "\xff. A"} {
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
		for _, tok := range ConceptChain().Analyze(s) {
			if tok.Start < 0 || tok.End > len(s) || tok.Start >= tok.End {
				t.Fatalf("bad token %+v in %q", tok, s)
			}
		}
	})
}

func TestLargeInput(t *testing.T) {
	s := strings.Repeat("Mr. Lavrov met H.M the King in the U.S. on Jan. 5. \u202e\u200d\u0301 ", 90000) // about 5 MB
	spans := SplitSentences(s)
	if len(spans) == 0 {
		t.Fatal("no sentences")
	}
	if toks := ConceptChain().Analyze(s); len(toks) == 0 {
		t.Fatal("no tokens")
	}
}

func BenchmarkSplitSentences(b *testing.B) {
	s := strings.Repeat("Mr. Lavrov met Dr. Safadi in the U.S. on Jan. 5. \"We agreed,\" he said. Talks go on. ", 40)
	b.SetBytes(int64(len(s)))
	for i := 0; i < b.N; i++ {
		SplitSentences(s)
	}
}

func TestIsNameTitle(t *testing.T) {
	for _, c := range []struct {
		word string
		want bool
	}{{"Mr", true}, {"dr", true}, {"Gov", true}, {"Sgt", true}, {"No", false}, {"Inc", false}, {"Haddad", false}, {"", false}} {
		if got := IsNameTitle(c.word); got != c.want {
			t.Errorf("IsNameTitle(%q) = %v, want %v", c.word, got, c.want)
		}
	}
}
