package dates

import "testing"

// TestBareMonthYear checks the year a month named without one takes: the nearest such month
// consistent with the clause's tense, from the publication date and never from the clock.
func TestBareMonthYear(t *testing.T) {
	const feb = "2024-02-20"
	tests := []struct {
		name, lang, pub, text, expr, want string
	}{
		{"future clause takes the coming month", "en", feb, "The two ministers will sign the accord in July.", "July", "2024-07"},
		{"past clause takes the last month", "en", feb, "The two ministers signed the accord in July.", "July", "2023-07"},
		{"past verb after the month", "en", feb, "The storms in October flooded three provinces.", "October", "2023-10"},
		{"infinitive after an urging verb is ahead", "en", feb,
			"The premier pressed the contractor to finish the bridge before August.", "August", "2024-08"},
		{"infinitive after an agreeing verb is ahead", "en", feb,
			"Both parties agreed to hold a referendum in May.", "May", "2024-05"},
		{"a preposition to is no infinitive", "en", feb, "The envoy returned to Cairo in April.", "April", "2023-04"},
		{"no tense: the nearest, ahead", "en", feb, "A donor conference before June is on the table.", "June", "2024-06"},
		{"no tense: the nearest, behind", "en", feb, "Turnout for the vote in November is under scrutiny.", "November", "2023-11"},
		{"no tense: a tie goes to the earlier", "en", feb, "Figures in August are under review.", "August", "2023-08"},
		{"the publication month", "en", feb, "The fair in February drew crowds.", "February", "2024-02"},
		{"future before a past month", "en", "2024-10-02", "The board will report in March.", "March", "2025-03"},
		{"ar future prefix", "ar", feb, "ستستضيف العاصمة القمة في حزيران.", "حزيران", "2024-06"},
		{"ar past verb", "ar", feb, "عقدت الدول الأعضاء قمتها في حزيران.", "حزيران", "2023-06"},
		{"ar no tense, nearest", "ar", feb, "مؤتمر المانحين في أيار محور النقاش.", "أيار", "2024-05"},
		{"ar day and Levantine month in a dateline", "ar", "2024-08-13", "إربد 12 آب (بترا) - افتتح المحافظ المعرض.", "12 آب", "2024-08-12"},
		{"ar day and Levantine month published later", "ar", "2024-09-03", "إربد 12 آب - افتتح المحافظ المعرض.", "12 آب", "2024-08-12"},
		{"ar day and month with no publication date stays open", "ar", "", "إربد 12 آب (بترا) - افتتح المحافظ المعرض.", "12 آب", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Find(tt.text, tt.lang, Ref{Published: tt.pub})
			e, ok := exprByText(got, tt.expr)
			if !ok {
				t.Fatalf("no expression %q in %s", tt.expr, describe(got))
			}
			if e.Value != tt.want || e.How == "" {
				t.Errorf("%q = %q (%s), want %q", tt.expr, e.Value, e.How, tt.want)
			}
		})
	}
}

// TestInferPublicationPartialDateline checks that a dateline with a day and month but no year
// dates the text when its other dates tell the year, and only then.
func TestInferPublicationPartialDateline(t *testing.T) {
	tests := []struct{ name, lang, text, want string }{
		{"year from a relative and a written year", "ar",
			"الزرقاء 3 أيلول (بترا) - قالت الوزارة إن الاتفاق الموقع في تشرين الأول 2022 جدد العام الماضي.", "2023-09-03"},
		{"en year from a relative and a written year", "en",
			"AQABA, Oct 4 — The port, expanded last year after a plan set out in March 2022, reopened.", "2023-10-04"},
		{"no year anywhere", "ar", "الزرقاء 3 أيلول (بترا) - افتتح الوزير المصنع.", ""},
		{"a lone written year is too weak", "en", "AQABA, Oct 4 — The port, built in 1998, reopened.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, c, how := InferPublication(tt.text, tt.lang)
			if d != tt.want || (d != "" && (c <= 0 || c > 0.6)) || how == "" {
				t.Errorf("InferPublication = %q, %v, %q; want %q", d, c, how, tt.want)
			}
		})
	}
}
