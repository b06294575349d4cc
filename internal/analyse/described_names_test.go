package analyse

import (
	"context"
	"testing"

	"storyline/internal/ingest"
)

// TestDescribedGivenName checks that one name after a title that describes a person (the boy,
// الطفل, the teenager) is someone of its own: not a known person of the people gazetteer who has
// that word in his name, nor another person of the article.
func TestDescribedGivenName(t *testing.T) {
	tests := []struct {
		name, lang, body, mention string
	}{
		{"ar child with a common given name", "ar",
			"غزة - قال المبعوث الأممي إن المساعدات تأخرت، وأصيب الطفل أحمد بشظية في ساقه.", "أحمد"},
		{"ar young man named like the president", "ar",
			"رام الله - ترأس الرئيس محمود عباس الاجتماع، فيما اعتقل الشاب محمود قرب الحاجز.", "محمود"},
		{"en boy named like a known official", "en",
			"GAZA — President Mahmoud Abbas spoke on Monday. The boy Mahmoud was treated for burns.", "Mahmoud"},
		{"en teenager", "en",
			"The teenager Ahmed told medics he had walked for hours.", "Ahmed"},
	}
	a := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			an, err := a.Analyse(context.Background(), ingest.Article{ID: tt.name, Body: tt.body, Lang: tt.lang})
			if err != nil {
				t.Fatal(err)
			}
			for i := range an.Entities {
				e := &an.Entities[i]
				for _, m := range e.Mentions {
					if m.Text != tt.mention {
						continue
					}
					if e.Type != TypePerson || len(e.Forms) != 1 || e.Role != "" {
						t.Errorf("%q is %s %s (forms %q, role %q), want a person of its own", tt.mention, e.Type, e.Key, e.Forms, e.Role)
					}
					return
				}
			}
			t.Errorf("no mention %q; got %s", tt.mention, describe(an))
		})
	}
}

// TestDescribedNameExtent checks where a name after a descriptive title ends: at a word the
// lexicon knows (a preposition, a common noun), not at a family name.
func TestDescribedNameExtent(t *testing.T) {
	runEntityCases(t, []entityCase{
		{name: "ar preposition after the given name", lang: "ar", body: "وعثر المسعفون على الطفل يوسف قرب المدرسة.",
			want: [][2]string{{"person", "يوسف"}}, absent: []string{"يوسف قرب"}},
		{name: "ar verb of harm after the given name", lang: "ar", body: "وقال الأطباء إن الطفل يوسف أصيب بحروق.",
			want: [][2]string{{"person", "يوسف"}}, absent: []string{"يوسف أصيب"}},
		{name: "ar family name after the given name", lang: "ar", body: "وعثر المسعفون على الطفل يوسف الحداد قرب المدرسة.",
			want: [][2]string{{"person", "يوسف الحداد"}}},
	})
}
