package dates

import (
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// want is an expression a test expects, found by its text.
type want struct {
	text  string
	value string
	gran  string
	rel   bool
	inf   bool
}

// findCase is one Find test: the expressions wanted, and texts that must not be expressions.
type findCase struct {
	name string
	lang string
	pub  string
	text string
	want []want
	none []string // no expression may overlap these substrings
}

const wed = "2021-02-17" // a Wednesday

var findCases = []findCase{
	// --- relative days ---
	{name: "en today", lang: "en", pub: wed, text: "The minister said today that talks would go on.",
		want: []want{{"today", wed, "day", true, false}}},
	{name: "ar today", lang: "ar", pub: wed, text: "أجرى الوزير اليوم محادثات مع نظيره.",
		want: []want{{"اليوم", wed, "day", true, false}}},
	{name: "en yesterday tomorrow tonight", lang: "en", pub: wed,
		text: "He arrived yesterday, speaks tonight and leaves tomorrow; the day before yesterday he was in Rome. Last night it rained.",
		want: []want{{"yesterday", "2021-02-16", "day", true, false}, {"tonight", wed, "day", true, false},
			{"tomorrow", "2021-02-18", "day", true, false}, {"the day before yesterday", "2021-02-15", "day", true, false},
			{"Last night", "2021-02-16", "day", true, false}}},
	{name: "ar yesterday with clitics", lang: "ar", pub: wed,
		text: "وصل الوفد أمس، واجتمع بالأمس مع الوزير، وأمس أيضاً.",
		want: []want{{"أمس", "2021-02-16", "day", true, false}, {"الأمس", "2021-02-16", "day", true, false}}},
	{name: "ar day before yesterday", lang: "ar", pub: wed,
		text: "صادفت الذكرى أول من أمس، وكان الاتصال أول أمس.",
		want: []want{{"أول من أمس", "2021-02-15", "day", true, false}, {"أول أمس", "2021-02-15", "day", true, false}}},
	{name: "ar tomorrow and after", lang: "ar", pub: wed,
		text: "يصل الوزير غداً ويغادر بعد غد.",
		want: []want{{"غداً", "2021-02-18", "day", true, false}, {"بعد غد", "2021-02-19", "day", true, false}}},
	{name: "ar time of day", lang: "ar", pub: wed,
		text: "التقى الوزير صباح اليوم السفير، ومساء أمس المبعوث.",
		want: []want{{"صباح اليوم", wed, "day", true, false}, {"مساء أمس", "2021-02-16", "day", true, false}}},
	{name: "ar today with weekday", lang: "ar", pub: wed, text: "يلتقي الوزيران اليوم الأربعاء في عمان.",
		want: []want{{"اليوم الأربعاء", wed, "day", true, false}}},
	{name: "ar not today", lang: "ar", pub: wed, text: "وفي اليوم التالي غادر الوفد، وفي ذلك اليوم أعلن الاتفاق.",
		none: []string{"اليوم التالي", "ذلك اليوم"}},

	// --- weekdays ---
	{name: "en weekday on publication day", lang: "en", pub: wed, text: "The minister discussed on Wednesday the bilateral relations.",
		want: []want{{"Wednesday", wed, "day", true, false}}},
	{name: "en weekday past", lang: "en", pub: wed, text: "The two ministers met on Tuesday in Amman.",
		want: []want{{"Tuesday", "2021-02-16", "day", true, false}}},
	{name: "en weekday earlier in the week", lang: "en", pub: wed, text: "The minister said on Saturday that his country was ready.",
		want: []want{{"Saturday", "2021-02-13", "day", true, false}}},
	{name: "en weekday future", lang: "en", pub: wed, text: "The ministers will meet on Tuesday in Geneva.",
		want: []want{{"Tuesday", "2021-02-23", "day", true, false}}},
	{name: "en weekday future same day", lang: "en", pub: wed, text: "The council is expected to vote on Wednesday.",
		want: []want{{"Wednesday", wed, "day", true, false}}},
	{name: "en next and last weekday", lang: "en", pub: wed, text: "They met last Wednesday and meet again next Wednesday.",
		want: []want{{"last Wednesday", "2021-02-10", "day", true, false}, {"next Wednesday", "2021-02-24", "day", true, false}}},
	{name: "en weekday with time of day", lang: "en", pub: wed, text: "Talks ended late Monday and resumed on Tuesday night.",
		want: []want{{"late Monday", "2021-02-15", "day", true, false}, {"Tuesday night", "2021-02-16", "day", true, false}}},
	{name: "en possessive weekday", lang: "en", pub: wed, text: "Sunday's vote was close.",
		want: []want{{"Sunday's", "2021-02-14", "day", true, false}}},
	{name: "ar weekday past", lang: "ar", pub: wed, text: "عقدت القمة يوم الأحد في القاهرة.",
		want: []want{{"يوم الأحد", "2021-02-14", "day", true, false}}},
	{name: "ar weekday on publication day", lang: "ar", pub: wed, text: "بحث الوزير الأربعاء العلاقات الثنائية.",
		want: []want{{"الأربعاء", wed, "day", true, false}}},
	{name: "ar weekday future prefix", lang: "ar", pub: wed, text: "وسيلتقي الوزيران الثلاثاء في جنيف.",
		want: []want{{"الثلاثاء", "2021-02-23", "day", true, false}}},
	{name: "ar weekday future sawfa", lang: "ar", pub: wed, text: "سوف تعقد القمة يوم الأحد في القاهرة.",
		want: []want{{"يوم الأحد", "2021-02-21", "day", true, false}}},
	{name: "ar weekday modifiers", lang: "ar", pub: wed, text: "التقيا الثلاثاء الماضي ويلتقيان الأربعاء المقبل.",
		want: []want{{"الثلاثاء الماضي", "2021-02-16", "day", true, false}, {"الأربعاء المقبل", "2021-02-24", "day", true, false}}},
	{name: "ar weekday evening", lang: "ar", pub: wed, text: "وصل الوفد مساء يوم الاثنين إلى عمان.",
		want: []want{{"مساء يوم الاثنين", "2021-02-15", "day", true, false}}},
	{name: "ar the two is no Monday", lang: "ar", pub: wed, text: "ميّز بين الاثنين في حديثه.",
		none: []string{"الاثنين"}},
	{name: "en weekday with date", lang: "en", pub: wed, text: "The vote took place on Tuesday, March 2, 2021, in the capital.",
		want: []want{{"Tuesday, March 2, 2021", "2021-03-02", "day", false, false}}},
	{name: "ar weekday with date", lang: "ar", pub: "2021-03-05", text: "عقد الاجتماع يوم الخميس الموافق 2021/3/4 في عمان.",
		want: []want{{"يوم الخميس الموافق 2021/3/4", "2021-03-04", "day", false, false}}},

	// --- day and month without a year ---
	{name: "en day month", lang: "en", pub: "2022-11-04", text: "Lavrov arrived in Amman late on 2 November.",
		want: []want{{"2 November", "2022-11-02", "day", false, false}}},
	{name: "en month day", lang: "en", pub: "2022-11-04", text: "Lavrov arrived in Amman on November 2.",
		want: []want{{"November 2", "2022-11-02", "day", false, false}}},
	{name: "en day month previous year", lang: "en", pub: "2022-08-20", text: "Lavrov arrived in Amman late on 2 November.",
		want: []want{{"2 November", "2021-11-02", "day", false, false}}},
	{name: "en day month within two months", lang: "en", pub: "2022-09-15", text: "The summit opens on 2 November.",
		want: []want{{"2 November", "2022-11-02", "day", false, false}}},
	{name: "en day month across new year", lang: "en", pub: "2023-01-10", text: "He arrived on 28 December.",
		want: []want{{"28 December", "2022-12-28", "day", false, false}}},
	{name: "en abbreviated month", lang: "en", pub: "2021-03-05", text: "He is to be sentenced Dec. 14 and was arrested Feb.1 at dawn.",
		want: []want{{"Dec. 14", "2021-12-14", "day", false, false}, {"Feb.1", "2021-02-01", "day", false, false}}},
	{name: "en ordinal day", lang: "en", pub: "2021-03-05", text: "The 3rd of March and the fourth of March were quiet.",
		want: []want{{"3rd of March", "2021-03-03", "day", false, false}, {"fourth of March", "2021-03-04", "day", false, false}}},
	{name: "en year from the clause", lang: "en", pub: "2021-12-20", text: "Talks stalled last year after an incident on 14 November.",
		want: []want{{"last year", "2020", "year", true, false}, {"14 November", "2020-11-14", "day", false, false}}},
	{name: "en day range", lang: "en", pub: "2021-03-10", text: "The talks on 3-5 March and on March 7-9 ended.",
		want: []want{{"3", "2021-03-03", "day", false, false}, {"5 March", "2021-03-05", "day", false, false},
			{"March 7", "2021-03-07", "day", false, false}, {"9", "2021-03-09", "day", false, false}}},
	{name: "ar day month levantine", lang: "ar", pub: "2022-11-04", text: "وصل الوزير إلى عمان في 2 تشرين الثاني.",
		want: []want{{"2 تشرين الثاني", "2022-11-02", "day", false, false}}},
	{name: "ar day month eastern digits", lang: "ar", pub: "2021-03-20", text: "وقعت الحادثة في ١٥ آذار قرب الحدود.",
		want: []want{{"١٥ آذار", "2021-03-15", "day", false, false}}},
	{name: "ar ordinal last march", lang: "ar", pub: "2021-06-10", text: "في الخامس عشر من آذار الماضي اجتمع الوزيران.",
		want: []want{{"الخامس عشر من آذار الماضي", "2021-03-15", "day", true, false}}},
	{name: "ar ordinal last march in march", lang: "ar", pub: "2021-03-20", text: "في الخامس عشر من آذار الماضي اجتمع الوزيران.",
		want: []want{{"الخامس عشر من آذار الماضي", "2020-03-15", "day", true, false}}},
	{name: "ar ordinal next month name", lang: "ar", pub: "2021-03-03", text: "يعقد الاجتماع في الحادي و العشرين من نيسان المقبل.",
		want: []want{{"الحادي و العشرين من نيسان المقبل", "2021-04-21", "day", true, false}}},
	{name: "ar day of relative month", lang: "ar", pub: "2021-03-05", text: "في 15 من الشهر الماضي وفي الخامس من الشهر الجاري.",
		want: []want{{"15 من الشهر الماضي", "2021-02-15", "day", true, false}, {"الخامس من الشهر الجاري", "2021-03-05", "day", true, false}}},
	{name: "ar day range", lang: "ar", pub: "2021-03-01", text: "الاجتماع المقرر في ٤-٥ آذار.",
		want: []want{{"٤", "2021-03-04", "day", false, false}, {"٥ آذار", "2021-03-05", "day", false, false}}},

	// --- months and years ---
	{name: "en month year", lang: "en", pub: wed, text: "A phone call in October 2021 ended the rift.",
		want: []want{{"October 2021", "2021-10", "month", false, false}}},
	{name: "ar month year levantine", lang: "ar", pub: wed, text: "توترت العلاقات في تشرين الأول ٢٠٢١.",
		want: []want{{"تشرين الأول ٢٠٢١", "2021-10", "month", false, false}}},
	{name: "ar month year double name", lang: "ar", pub: wed, text: "في آذار/مارس 2021 وفي حزيران (يونيو) 2020.",
		want: []want{{"آذار/مارس 2021", "2021-03", "month", false, false}, {"حزيران (يونيو) 2020", "2020-06", "month", false, false}}},
	{name: "en month alone", lang: "en", pub: wed, text: "Talks began in May. They will resume in May. Prices rose in mid-January.",
		want: []want{{"May", "2020-05", "month", false, false}, {"January", "2021-01", "month", false, false}}},
	{name: "en month alone future", lang: "en", pub: wed, text: "They will resume talks in May.",
		want: []want{{"May", "2021-05", "month", false, false}}},
	{name: "en lower case may is no month", lang: "en", pub: wed, text: "They may meet in Jan Egeland's office.",
		none: []string{"may", "Jan"}},
	{name: "ar month with modifier", lang: "ar", pub: wed, text: "منذ أيلول الماضي وحتى شهر آب.",
		want: []want{{"أيلول الماضي", "2020-09", "month", true, false}, {"شهر آب", "2020-08", "month", false, false}}},
	{name: "ar ambiguous month needs support", lang: "ar", pub: wed, text: "مارس الضغط على الحكومة.",
		none: []string{"مارس"}},
	{name: "en last year", lang: "en", pub: wed, text: "Last year, trade fell; next year it may recover. Over the last year it rose.",
		want: []want{{"Last year", "2020", "year", true, false}, {"next year", "2022", "year", true, false}},
		none: []string{"the last year"}},
	{name: "ar last year", lang: "ar", pub: wed, text: "ارتفع التبادل العام الماضي وسينمو خلال السنة المقبلة.",
		want: []want{{"العام الماضي", "2020", "year", true, false}, {"السنة المقبلة", "2022", "year", true, false}}},
	{name: "en relative months", lang: "en", pub: wed, text: "Earlier this month the envoy resigned; last month he was ill.",
		want: []want{{"Earlier this month", "2021-02", "month", true, false}, {"last month", "2021-01", "month", true, false}}},
	{name: "ar relative month", lang: "ar", pub: wed, text: "دخلت الاتفاقية حيز التنفيذ الشهر الماضي.",
		want: []want{{"الشهر الماضي", "2021-01", "month", true, false}}},
	{name: "en years in context", lang: "en", pub: wed,
		text: "In 1967 the war broke out; since 2015 Russia has fought; in the 1967 war; from 2015 to 2019; during a 2019 visit.",
		want: []want{{"1967", "1967", "year", false, false}, {"2015", "2015", "year", false, false},
			{"2019", "2019", "year", false, false}}},
	{name: "en bare numbers are no years", lang: "en", pub: wed, text: "1967 people were counted, and 2015 more at 10:30 on 3.5 km.",
		none: []string{"1967", "2015", "10", "3.5"}},
	{name: "ar years in context", lang: "ar", pub: wed, text: "منذ عام ١٩٦٧ وفي 2019 و2021م.",
		want: []want{{"عام ١٩٦٧", "1967", "year", false, false}, {"2019", "2019", "year", false, false},
			{"2021م", "2021", "year", false, false}}},
	{name: "ar hijri and percent are no years", lang: "ar", pub: wed, text: "في 1442 هـ ارتفع بنسبة 2000% الرقم 1999.",
		none: []string{"1442", "2000", "1999"}},
	{name: "ar june 1967", lang: "ar", pub: wed, text: "على أساس حدود حزيران ١٩٦٧.",
		want: []want{{"حزيران ١٩٦٧", "1967-06", "month", false, false}}},

	// --- full dates ---
	{name: "ar fourth of june 1967", lang: "ar", pub: wed, text: "على أساس حدود الرابع من حزيران ١٩٦٧ وعاصمتها القدس.",
		want: []want{{"الرابع من حزيران ١٩٦٧", "1967-06-04", "day", false, false}}},
	{name: "ar fourth of june 1967 without publication", lang: "ar", text: "على أساس حدود الرابع من حزيران ١٩٦٧ وعاصمتها القدس.",
		want: []want{{"الرابع من حزيران ١٩٦٧", "1967-06-04", "day", false, false}}},
	{name: "en full dates", lang: "en", pub: wed,
		text: "Signed on March 3, 2021, on 3 March 2021, on Dec. 14, 2020, on the 3rd of March, 2021 and on July 4th, 1776.",
		want: []want{{"March 3, 2021", "2021-03-03", "day", false, false}, {"3 March 2021", "2021-03-03", "day", false, false},
			{"Dec. 14, 2020", "2020-12-14", "day", false, false}, {"3rd of March, 2021", "2021-03-03", "day", false, false},
			{"July 4th, 1776", "1776-07-04", "day", false, false}}},
	{name: "ar full dates", lang: "ar", pub: wed, text: "في ١٥ آذار ٢٠٢١ وفي 3 مارس/آذار 2020 وفي الأول من كانون الثاني من عام 2019.",
		want: []want{{"١٥ آذار ٢٠٢١", "2021-03-15", "day", false, false}, {"3 مارس/آذار 2020", "2020-03-03", "day", false, false},
			{"الأول من كانون الثاني من عام 2019", "2019-01-01", "day", false, false}}},
	{name: "en numeric dates", lang: "en", pub: wed, text: "Figures of 3/4/2021, 13/4/2021 and 2021-03-04; version 1.2.3 and 192.168.1.1.",
		want: []want{{"3/4/2021", "2021-03-04", "day", false, false}, {"13/4/2021", "2021-04-13", "day", false, false},
			{"2021-03-04", "2021-03-04", "day", false, false}},
		none: []string{"1.2.3", "192.168.1.1"}},
	{name: "ar numeric dates", lang: "ar", pub: wed, text: "بتاريخ ٣/٤/٢٠٢١ و١٥/٣/٢٠٢١.",
		want: []want{{"٣/٤/٢٠٢١", "2021-04-03", "day", false, false}, {"١٥/٣/٢٠٢١", "2021-03-15", "day", false, false}}},
	{name: "invalid dates", lang: "en", pub: wed, text: "On 30 February 2021 and 31/4/2021 nothing happened.",
		none: []string{"30", "31/4/2021"}},

	// --- counts before publication ---
	{name: "en ago", lang: "en", pub: wed, text: "He left two days ago and came back a year ago.",
		want: []want{{"two days ago", "2021-02-15", "day", true, false}, {"a year ago", "2020", "year", true, false}}},
	{name: "ar ago", lang: "ar", pub: wed, text: "وصل قبل يومين، قبل يومين من الانتخابات، وعاد منذ ثلاثة أشهر.",
		want: []want{{"قبل يومين", "2021-02-15", "day", true, false}, {"منذ ثلاثة أشهر", "2020-11", "month", true, false}},
		none: []string{"يومين من الانتخابات"}},

	// --- without a publication date ---
	{name: "no publication: inferred year and anchored weekday", lang: "en",
		text: "Last year, the two capitals agreed a truce that led to a summit in October 2021. The envoy flew in late on 2 November. He met the king on Thursday.",
		want: []want{{"Last year", "2021", "year", true, true}, {"October 2021", "2021-10", "month", false, false},
			{"2 November", "2022-11-02", "day", false, true}, {"Thursday", "2022-11-03", "day", true, true}}},
	{name: "ar no publication: inferred year", lang: "ar",
		text: "في العام الماضي، توصل البلدان إلى اتفاق في تشرين الأول ٢٠٢١. ووصل المبعوث في الثاني من تشرين الثاني، والتقى الملك يوم الخميس.",
		want: []want{{"العام الماضي", "2021", "year", true, true}, {"الثاني من تشرين الثاني", "2022-11-02", "day", false, true},
			{"يوم الخميس", "2022-11-03", "day", true, true}}},
	{name: "no publication: full dates as written", lang: "en", text: "The treaty was signed on March 3, 2021.",
		want: []want{{"March 3, 2021", "2021-03-03", "day", false, false}}},
	{name: "no publication: weekday unresolved", lang: "en", text: "The two ministers met on Tuesday in Amman.",
		want: []want{{"Tuesday", "", "", true, false}}},
	{name: "ar no publication: weekday unresolved", lang: "ar", text: "التقى الوزيران يوم الثلاثاء في عمان.",
		want: []want{{"يوم الثلاثاء", "", "", true, false}}},
	{name: "no publication: relative days unresolved", lang: "en", text: "He said today that he had arrived yesterday.",
		want: []want{{"today", "", "", true, false}, {"yesterday", "", "", true, false}}},
	{name: "ar no publication: relative days unresolved", lang: "ar", text: "قال اليوم إنه وصل أمس وأول من أمس.",
		want: []want{{"اليوم", "", "", true, false}, {"أمس", "", "", true, false}, {"أول من أمس", "", "", true, false}}},
	{name: "no publication: day month without any year", lang: "en", text: "He arrived late on 2 November.",
		want: []want{{"2 November", "", "", false, false}}},
	{name: "no publication: dateline", lang: "en", text: "AMMAN, March 3, 2021 — The ministers met on Tuesday and will meet again on Friday.",
		want: []want{{"Tuesday", "2021-03-02", "day", true, true}, {"Friday", "2021-03-05", "day", true, true}}},

	// --- other languages try both vocabularies ---
	{name: "und both vocabularies", lang: "und", pub: wed, text: "On 3 March 2021 (١٥ آذار ٢٠٢١) and yesterday أمس.",
		want: []want{{"3 March 2021", "2021-03-03", "day", false, false}, {"١٥ آذار ٢٠٢١", "2021-03-15", "day", false, false},
			{"yesterday", "2021-02-16", "day", true, false}, {"أمس", "2021-02-16", "day", true, false}}},
	{name: "regional code", lang: "en-GB", pub: wed, text: "They met yesterday.",
		want: []want{{"yesterday", "2021-02-16", "day", true, false}}},
}

func TestFind(t *testing.T) {
	for _, tc := range findCases {
		t.Run(tc.name, func(t *testing.T) {
			got := Find(tc.text, tc.lang, Ref{Published: tc.pub})
			checkExprs(t, tc.text, got)
			for _, w := range tc.want {
				e, ok := exprByText(got, w.text)
				if !ok {
					t.Errorf("no expression %q in %s", w.text, describe(got))
					continue
				}
				if e.Value != w.value || e.Granularity != w.gran || e.Relative != w.rel || e.Inferred != w.inf {
					t.Errorf("%q = {%q %q rel=%v inf=%v} (%s), want {%q %q rel=%v inf=%v}",
						w.text, e.Value, e.Granularity, e.Relative, e.Inferred, e.How, w.value, w.gran, w.rel, w.inf)
				}
				if e.How == "" {
					t.Errorf("%q has no explanation", w.text)
				}
				if e.Value != "" && (e.Confidence <= 0 || e.Confidence > 1) {
					t.Errorf("%q: confidence %v out of (0,1]", w.text, e.Confidence)
				}
			}
			for _, n := range tc.none {
				at := strings.Index(tc.text, n)
				if at < 0 {
					t.Fatalf("bad test: %q not in text", n)
				}
				for _, e := range got {
					if e.Start < at+len(n) && at < e.End {
						t.Errorf("%q should not be a date, got %q = %q", n, e.Text, e.Value)
					}
				}
			}
		})
	}
}

// TestConfidenceOrder checks that confidence says what it should: read dates above resolved
// ones above inferred ones, and a weekday that contradicts its date lowers it.
func TestConfidenceOrder(t *testing.T) {
	read := Find("It was signed on 3 March 2021.", "en", Ref{Published: wed})[0]
	resolved := Find("It was signed on 3 March.", "en", Ref{Published: wed})[0]
	inferred := Find("Last year, in October 2021, it began. It was signed on 3 March.", "en", Ref{})
	inf, ok := exprByText(inferred, "3 March")
	if !ok {
		t.Fatalf("no 3 March in %s", describe(inferred))
	}
	if !(read.Confidence > resolved.Confidence && resolved.Confidence > inf.Confidence) {
		t.Errorf("confidences read %v, resolved %v, inferred %v are not decreasing", read.Confidence, resolved.Confidence, inf.Confidence)
	}
	agree := Find("on Tuesday, March 2, 2021", "en", Ref{})[0]
	clash := Find("on Wednesday, March 2, 2021", "en", Ref{})[0]
	if clash.Value != "2021-03-02" || clash.Confidence >= agree.Confidence || !strings.Contains(clash.How, "Tuesday") {
		t.Errorf("a wrong weekday should lower confidence and say so: %+v vs %+v", clash, agree)
	}
	amb := Find("on 3/4/2021", "en", Ref{})[0]
	if amb.Confidence >= read.Confidence || !strings.Contains(amb.How, "ambiguous") {
		t.Errorf("an ambiguous numeric date should say so with a lower confidence: %+v", amb)
	}
}

func TestWeekWithoutSingleDate(t *testing.T) {
	got := Find("Talks resumed this week.", "en", Ref{Published: wed})
	e, ok := exprByText(got, "this week")
	if !ok || e.Value != "" || !e.Relative || !strings.Contains(e.How, "2021-02-15 to 2021-02-21") {
		t.Errorf("this week = %+v, want no value and the week's range in How", e)
	}
}

// TestEveryMonthAndWeekday runs every month and weekday name of the vocabularies.
func TestEveryMonthAndWeekday(t *testing.T) {
	for _, lang := range vocabLangs {
		v := vocabFor(lang)
		months := map[int]bool{}
		weekdays := map[int]bool{}
		for _, es := range v.first {
			for _, e := range es {
				switch e.kind {
				case kMonth:
					months[e.val] = true
					name := displayName(e)
					text := "On 15 " + name + " 2021 it happened."
					got := Find(text, lang, Ref{})
					want := time.Date(2021, time.Month(e.val), 15, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
					if len(got) != 1 || got[0].Value != want {
						t.Errorf("%s %q: got %s, want %s", lang, text, describe(got), want)
					}
				case kWeekday:
					weekdays[e.val] = true
					if e.ambiguous {
						continue
					}
					name := displayName(e)
					text := "The meeting took place " + name + " in the capital."
					got := Find(text, lang, Ref{Published: "2021-02-21"}) // a Sunday
					want := time.Date(2021, 2, 14+e.val, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
					if len(got) != 1 || got[0].Value != want {
						t.Errorf("%s %q: got %s, want %s", lang, text, describe(got), want)
					}
				}
			}
		}
		if len(months) != 12 || len(weekdays) != 7 {
			t.Errorf("%s: %d months and %d weekdays, want 12 and 7", lang, len(months), len(weekdays))
		}
	}
}

// displayName writes a normalised vocabulary phrase the way a text would (capitalised Latin).
func displayName(e *entry) string {
	s := e.key
	if e.caseSensitive && s != "" {
		s = strings.ToUpper(s[:1]) + s[1:]
	}
	return s
}

func TestOffsetsIntoOriginal(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		{"وصل أَمْسِ إلى عمّان", "أَمْسِ"},
		{"وأمس وصل", "أمس"},
		{"\u200fاليوم\u200f وصل", "اليوم"},
		{"في ١٥\u200f آذار ٢٠٢١", "١٥\u200f آذار ٢٠٢١"},
		{"الـــيوم وصل", "الـــيوم"},
		{"يوم الأربعاء", "يوم الأربعاء"},
	}
	for _, tt := range tests {
		got := Find(tt.text, "ar", Ref{Published: wed})
		checkExprs(t, tt.text, got)
		if len(got) != 1 || got[0].Text != tt.want || got[0].Value == "" {
			t.Errorf("Find(%q) = %s, want one resolved %q", tt.text, describe(got), tt.want)
		}
	}
}

func TestInferPublication(t *testing.T) {
	tests := []struct {
		name, lang, text, want string
		minConf, maxConf       float64
	}{
		{"dateline", "en", "BRUSSELS, March 3, 2021 — The ministers met on Tuesday.", "2021-03-03", 0.7, 1},
		{"ar dateline", "ar", "عمّان ٣ آذار ٢٠٢١ - أجرى الوزير محادثات اليوم.", "2021-03-03", 0.7, 1},
		{"relative day next to a full date", "ar", "أعلن الوزير أمس، ١٥ آذار ٢٠٢١، عن خطة جديدة. وقال إن الخطة طموحة.", "2021-03-16", 0.8, 1},
		{"relative day next to a full date en", "en", "The plan was announced. Today, 15 March 2021, the minister spoke.", "2021-03-15", 0.8, 1},
		{"year from last year and a written year", "en",
			"The envoy flew in late on 2 November. Last year, the two capitals agreed a truce that led to a summit in October 2021.",
			"2022", 0.4, 0.7},
		{"latest full date", "en", "The talks went on. A protocol was signed on 2 December 2020 and renewed on 5 January 2021.", "2021-01-05", 0.2, 0.6},
		{"late full date low", "ar", "قال الوزير إن الحل يقوم على الحوار. وأضاف أن الجهود مستمرة. وأكد أهمية الحوار. وذكر أن الاتفاق وقع في الرابع من حزيران ٢٠٢٠.",
			"2020-06-04", 0.1, 0.35},
		{"a date naming a thing is no time of writing", "ar", "وشدد الوزير على حل يقوم على حدود الرابع من حزيران ١٩٦٧.", "", 0, 0},
		{"nothing", "en", "The ministers met on Tuesday and discussed trade.", "", 0, 0},
		{"empty", "ar", "", "", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, c, how := InferPublication(tt.text, tt.lang)
			if d != tt.want || c < tt.minConf || c > tt.maxConf || how == "" {
				t.Errorf("InferPublication = %q, %v, %q; want %q with confidence in [%v, %v]", d, c, how, tt.want, tt.minConf, tt.maxConf)
			}
		})
	}
}

func TestVocabularyLoads(t *testing.T) {
	lv := vocabs()
	if lv.err != nil {
		t.Fatal(lv.err)
	}
	for _, l := range vocabLangs {
		if lv.byLang[l] == nil {
			t.Errorf("no vocabulary for %s", l)
		}
	}
	if _, err := compile(&fileFormat{NumericOrder: "YMD"}); err == nil {
		t.Error("a bad numeric_order should be refused")
	}
	if _, err := compile(&fileFormat{NumericOrder: "DMY", Months: map[string]int{"x": 13}}); err == nil {
		t.Error("month 13 should be refused")
	}
	if _, err := compile(&fileFormat{NumericOrder: "DMY", Relative: map[string]relFormat{"x": {Unit: "fortnight"}}}); err == nil {
		t.Error("an unknown unit should be refused")
	}
}

// --- helpers ---

var valueRE = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

// checkExprs checks the invariants every result must keep.
func checkExprs(t *testing.T, text string, got []Expr) {
	t.Helper()
	prevEnd := 0
	valid := utf8.ValidString(text)
	for _, e := range got {
		if e.Start < 0 || e.End > len(text) || e.Start >= e.End {
			t.Fatalf("bad offsets %d..%d in a text of %d bytes: %+v", e.Start, e.End, len(text), e)
		}
		if e.Start < prevEnd {
			t.Fatalf("expressions overlap or are out of order at %+v", e)
		}
		prevEnd = e.End
		if text[e.Start:e.End] != e.Text {
			t.Fatalf("Text %q is not text[%d:%d] = %q", e.Text, e.Start, e.End, text[e.Start:e.End])
		}
		if valid && (!utf8.RuneStart(text[e.Start]) || (e.End < len(text) && !utf8.RuneStart(text[e.End]))) {
			t.Fatalf("offsets of %q split a rune", e.Text)
		}
		if e.Value == "" {
			if e.Granularity != "" || e.Confidence != 0 || e.Inferred {
				t.Fatalf("unresolved expression with granularity, confidence or inferred: %+v", e)
			}
			continue
		}
		if !valueRE.MatchString(e.Value) {
			t.Fatalf("malformed value %q", e.Value)
		}
		layout := map[string]string{"day": "2006-01-02", "month": "2006-01", "year": "2006"}[e.Granularity]
		if layout == "" || len(layout) != len(e.Value) {
			t.Fatalf("granularity %q does not fit value %q", e.Granularity, e.Value)
		}
		if _, err := time.Parse(layout, e.Value); err != nil {
			t.Fatalf("value %q is not a date: %v", e.Value, err)
		}
		if e.Confidence <= 0 || e.Confidence > 1 {
			t.Fatalf("confidence %v out of (0,1]: %+v", e.Confidence, e)
		}
	}
}

func exprByText(es []Expr, text string) (Expr, bool) {
	for _, e := range es {
		if e.Text == text {
			return e, true
		}
	}
	return Expr{}, false
}

func describe(es []Expr) string {
	var b strings.Builder
	b.WriteString("[")
	for i, e := range es {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(e.Text + "=" + e.Value)
		if e.How != "" {
			b.WriteString(" (" + e.How + ")")
		}
	}
	b.WriteString("]")
	return b.String()
}
