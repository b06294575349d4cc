package analyse

import (
	"context"
	"testing"

	"storyline/internal/ingest"
)

// entityCase is a sentence and the entities (by type and exact mention text) it must and must
// not yield.
type entityCase struct {
	name, lang, body string
	want             [][2]string // {type, mention}: an entity of that type has this mention
	absent           []string    // mention texts no entity may have
}

func runEntityCases(t *testing.T, cases []entityCase) {
	t.Helper()
	a := New(Options{})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			an, err := a.Analyse(context.Background(), ingest.Article{ID: tc.name, Body: tc.body, Lang: tc.lang})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				found := false
				for i := range an.Entities {
					e := &an.Entities[i]
					if hasMention(e, w[1]) && (e.Type == w[0] || w[0] == "place" && isPlaceType(e.Type)) {
						found = true
					}
				}
				if !found {
					t.Errorf("no %s %q; got %s", w[0], w[1], describe(an))
				}
			}
			for _, m := range tc.absent {
				for i := range an.Entities {
					if hasMention(&an.Entities[i], m) {
						t.Errorf("mention %q found in %s, want none", m, an.Entities[i].Key)
					}
				}
			}
		})
	}
}

func isPlaceType(t string) bool {
	return t == TypeCountry || t == TypeCity || t == TypePlace || t == TypeRegion
}

// TestRanksAreTitles checks that military ranks, alone or in sequence, are titles before a name
// and never part of it.
func TestRanksAreTitles(t *testing.T) {
	runEntityCases(t, []entityCase{
		{name: "ar three-word rank", lang: "ar",
			body: "استقبل الفريق أول ركن سامي الدباغ وفد الجامعة العربية.",
			want: [][2]string{{"person", "سامي الدباغ"}}, absent: []string{"أول ركن سامي الدباغ", "ركن سامي الدباغ"}},
		{name: "ar rank with ركن", lang: "ar",
			body: "وأوضح العميد ركن نادر الكبيسي أن القوات انسحبت.",
			want: [][2]string{{"person", "نادر الكبيسي"}}, absent: []string{"ركن نادر الكبيسي"}},
		{name: "ar field marshal and colonel", lang: "ar",
			body: "وحضر المشير وليد الحسيني والعقيد مازن الشريف الاجتماع.",
			want: [][2]string{{"person", "وليد الحسيني"}, {"person", "مازن الشريف"}}, absent: []string{"المشير وليد الحسيني"}},
		{name: "en ranks", lang: "en",
			body:   "Lieutenant General Omar Haddad, Brig. Gen. Tamer Aziz and Col. Rami Saleh inspected the base.",
			want:   [][2]string{{"person", "Omar Haddad"}, {"person", "Tamer Aziz"}, {"person", "Rami Saleh"}},
			absent: []string{"Lieutenant General Omar Haddad", "General Omar Haddad", "Gen. Tamer Aziz"}},
	})
}

// TestUnionsAreOrganisations checks that names ending in a word for a body of members are
// organisations, a title word before such a name included.
func TestUnionsAreOrganisations(t *testing.T) {
	runEntityCases(t, []entityCase{
		{name: "confederation after a title word", lang: "en",
			body: "The General Labour Confederation called a nationwide strike on Monday.",
			want: [][2]string{{"organisation", "General Labour Confederation"}}, absent: []string{"Labour Confederation"}},
		{name: "federation and union", lang: "en",
			body: "The Dockworkers Federation and the Bakers Union said wages had fallen.",
			want: [][2]string{{"organisation", "Dockworkers Federation"}, {"organisation", "Bakers Union"}}},
		{name: "syndicate", lang: "en",
			body: "Members of the Press Photographers Syndicate marched in the capital.",
			want: [][2]string{{"organisation", "Press Photographers Syndicate"}}},
	})
}

// TestPrefixedOrganisations checks companies and bodies whose names start with a place, a
// nationality or an acronym, and an Arabic agency's acronym given in parentheses.
func TestPrefixedOrganisations(t *testing.T) {
	runEntityCases(t, []entityCase{
		{name: "country and a head word", lang: "en",
			body: "Shares of Oman Cement rose after Kuwait Airways ordered new jets.",
			want: [][2]string{{"organisation", "Oman Cement"}, {"organisation", "Kuwait Airways"}}},
		{name: "region and words ending in a head word", lang: "en",
			body: "The contract went to Levant Crescent Shipping, a firm based in Beirut.",
			want: [][2]string{{"organisation", "Levant Crescent Shipping"}}, absent: []string{"Levant"}},
		{name: "acronym and a head word", lang: "en",
			body: "Investors said NWTC Energy would list its shares in May.",
			want: [][2]string{{"organisation", "NWTC Energy"}}},
		{name: "nationality and an unknown word", lang: "en",
			body: "Analysts expect Qatari Zafrexa to bid for the port concession.",
			want: [][2]string{{"organisation", "Qatari Zafrexa"}}},
		{name: "nationality before a name is no company", lang: "en",
			body:   "The Jordanian Ayman Safadi met his counterpart.",
			absent: []string{"Jordanian Ayman"}},
		{name: "ar agency acronym in parentheses", lang: "ar",
			body: "حذرت منظمة الصحة العالمية (مصع) من تفشي الوباء. وقالت مصع إن الوضع خطير.",
			want: [][2]string{{"organisation", "مصع"}, {"organisation", "منظمة الصحة العالمية"}}},
	})
}

// TestOfficesOfState checks that presidential and sovereignty councils act for their country:
// no organisation of their own, and never the Security Council named beside them.
func TestOfficesOfState(t *testing.T) {
	runEntityCases(t, []entityCase{
		{name: "en presidential council", lang: "en",
			body: "The Presidential Council asked the Security Council to meet, and the Sovereignty Council agreed.",
			want: [][2]string{{"organisation", "Security Council"}}, absent: []string{"Presidential Council", "Sovereignty Council"}},
		{name: "ar presidential council", lang: "ar",
			body:   "طالب المجلس الرئاسي الليبي مجلس الأمن بعقد جلسة، ورحب مجلس السيادة بالدعوة.",
			want:   [][2]string{{"organisation", "مجلس الأمن"}, {"place", "الليبي"}},
			absent: []string{"المجلس الرئاسي", "المجلس الرئاسي الليبي", "مجلس السيادة"}},
	})
}
