package keys

import (
	"slices"
	"testing"
)

func TestLightStem(t *testing.T) {
	tests := []struct{ a, b string }{
		{"الدولتين", "الدولة"},
		{"دولتين", "دولة"},
		{"اللاجئين", "اللاجىء"},
		{"المفاوضات", "مفاوضة"},
		{"والانتخابات", "انتخاب"},
		{"الحكومات", "حكومة"},
	}
	for _, tt := range tests {
		a, b := LightStem(ArabicWord(tt.a)), LightStem(ArabicWord(tt.b))
		if a != b || a == "" {
			t.Errorf("LightStem(%s) = %q, LightStem(%s) = %q, want equal", tt.a, a, tt.b, b)
		}
	}
}

func TestVariants(t *testing.T) {
	tests := []struct {
		in   string
		want []string // must be among the variants
	}{
		{"والمفاوضات", []string{"والمفاوضات", "المفاوضات", "مفاوضات"}},
		{"بالتعاون", []string{"التعاون", "تعاون"}},
		{"للاجئين", []string{"اللاجيين", "لاجيين"}},
		{"للدولة", []string{"الدوله", "دوله"}},
		{"لوقف", []string{"وقف"}},
		{"وقف", []string{"وقف"}},
	}
	for _, tt := range tests {
		got := Variants(ArabicWord(tt.in), nil)
		if got[0] != ArabicWord(tt.in) {
			t.Errorf("Variants(%s)[0] = %s, want the word itself", tt.in, got[0])
		}
		for _, w := range tt.want {
			if !slices.Contains(got, ArabicWord(w)) {
				t.Errorf("Variants(%s) = %v, want %s among them", tt.in, got, w)
			}
		}
	}
	if got := Variants("وقف", nil); len(got) != 1 {
		t.Errorf("Variants(وقف) = %v: a three-letter word keeps its و", got)
	}
}

func TestWords(t *testing.T) {
	for _, tt := range []struct{ in, en string }{
		{"Refugees'", "refugees"}, {"Syria's", "syria"}, {"two-state", "two-state"}, {"2254", ""}, {"café", ""}, {"--", ""},
	} {
		if got := EnglishWord(tt.in); got != tt.en {
			t.Errorf("EnglishWord(%q) = %q, want %q", tt.in, got, tt.en)
		}
	}
	for _, tt := range []struct{ in, ar string }{
		{"«الأُرْدُنّ»", "الاردن"}, {"abc", ""}, {"الـ2020", ""},
	} {
		if got := ArabicWord(tt.in); got != tt.ar {
			t.Errorf("ArabicWord(%q) = %q, want %q", tt.in, got, tt.ar)
		}
	}
	st := &Stemmer{}
	if st.Stem("refugees") != "refuge" || st.Stem("negotiations") != "negoti" {
		t.Error("Snowball stems changed")
	}
}
