package ar

import "testing"

func TestNormalise(t *testing.T) {
	tests := []struct{ in, want string }{
		{"أيمن الصفدي", "ايمن الصفدي"},
		{"إسرائيل", "اسراييل"},
		{"آذار", "اذار"},
		{"مُحَمَّد", "محمد"},
		{"الـــعربية", "العربيه"},
		{"مصطفى", "مصطفي"},
		{"المؤتمر", "الموتمر"},
		{"رئيس", "رييس"},
		{"١٩٦٧", "1967"},
		{"۲۰۲۱", "2021"},
		{"لا\u200fفروف", "لافروف"},
		{"Lavrov", "Lavrov"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Normalise(tt.in); got != tt.want {
			t.Errorf("Normalise(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzNormalise(f *testing.F) {
	for _, s := range []string{"أيمن الصفدي", "\u202eabc\u202c", "ـــ", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Normalise(s)
		if len([]rune(out)) > len([]rune(s)) {
			t.Fatalf("Normalise grew %q to %q", s, out)
		}
		if again := Normalise(out); again != out {
			t.Fatalf("Normalise is not idempotent on %q: %q then %q", s, out, again)
		}
	})
}
