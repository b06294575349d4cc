package analyse

import (
	"context"
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"storyline/internal/ingest"
)

// Sentence templates for generated articles, written for the benchmarks: %[1]s and %[2]s are
// people, %[3]s a country, %[4]s a city, %[5]s a demonym.
var enTemplates = []string{
	"%[5]s Foreign Minister %[1]s met his counterpart %[2]s in %[4]s on Tuesday to discuss the crisis.",
	"%[1]s said the two countries would continue to coordinate on regional issues, including the situation in %[3]s.",
	"According to a statement by the foreign ministry, %[2]s stressed the importance of a political solution.",
	"The talks, held late on 2 November, also covered trade, energy and the return of refugees to %[3]s.",
	"%[2]s thanked %[1]s for %[3]s's support and invited him to visit %[4]s next year.",
	"Last year, officials from both sides signed an agreement on security cooperation in October 2021.",
	"The ministers expressed concern over the humanitarian situation and called for a ceasefire.",
	"Speaking to reporters, %[1]s said that Moscow and Washington had a shared interest in stability.",
	"The United Nations envoy is expected to brief the Security Council on the talks later this month.",
	"Analysts said the meeting signalled a new phase in relations between the two governments.",
}

var arTemplates = []string{
	"بحث وزير الخارجية %[5]s %[1]s مع نظيره %[2]s في %[4]s اليوم سبل تعزيز التعاون بين البلدين.",
	"وأكد %[1]s خلال اللقاء ضرورة التوصل إلى حل سياسي للأزمة في %[3]s يحفظ وحدتها واستقرارها.",
	"من جهته، أعرب %[2]s عن تقديره لموقف %[3]s الداعم للحوار والتعاون الإقليمي.",
	"واستعرض الطرفان مستجدات المنطقة ومساعي الوصول إلى سلام دائم يقوم على حل الدولتين.",
	"واتفق الوزيران على استمرار التنسيق والتشاور إزاء القضايا الإقليمية والدولية ذات الاهتمام المشترك.",
	"وكان الرئيس قد استقبل الوفد في %[4]s أمس بحضور عدد من المسؤولين.",
	"وشدد الجانبان على أهمية دور الأمم المتحدة في دعم جهود السلام ووقف إطلاق النار.",
	"وأشار %[1]s إلى أن العلاقات بين البلدين تشهد تطوراً مستمراً في مختلف المجالات.",
}

var enPeople = []string{"Sergey Lavrov", "Ayman Safadi", "Hakan Fidan", "Maria Kovacs", "Tomasz Brenner", "Adel Haddad", "Laila Nasser", "Jonas Whitfield"}
var arPeople = []string{"سيرغي لافروف", "أيمن الصفدي", "هاكان فيدان", "سامي الخطيب", "ليلى منصور", "كريم الزعبي", "فراس النعيمي", "منى الحسيني"}
var enPlaces = [][3]string{{"Jordan", "Amman", "Jordanian"}, {"Syria", "Damascus", "Syrian"}, {"Turkey", "Ankara", "Turkish"}, {"Egypt", "Cairo", "Egyptian"}, {"Lebanon", "Beirut", "Lebanese"}}
var arPlaces = [][3]string{{"الأردن", "عمان", "الأردني"}, {"سوريا", "دمشق", "السوري"}, {"تركيا", "أنقرة", "التركي"}, {"مصر", "القاهرة", "المصري"}, {"لبنان", "بيروت", "اللبناني"}}

// genArticle writes an article of about size bytes from the templates.
func genArticle(r *rand.Rand, lang string, size int) ingest.Article {
	tpl, ppl, plc := enTemplates, enPeople, enPlaces
	if lang == "ar" {
		tpl, ppl, plc = arTemplates, arPeople, arPlaces
	}
	a, b := ppl[r.Intn(len(ppl))], ppl[r.Intn(len(ppl))]
	p := plc[r.Intn(len(plc))]
	var sb strings.Builder
	for sb.Len() < size {
		sb.WriteString(fmt.Sprintf(tpl[r.Intn(len(tpl))], a, b, p[0], p[1], p[2]))
		if r.Intn(4) == 0 {
			sb.WriteString("\n\n")
		} else {
			sb.WriteString(" ")
		}
	}
	return ingest.Article{ID: fmt.Sprintf("gen-%s-%d", lang, r.Int()), Body: sb.String(), Lang: lang}
}

// BenchmarkAnalyse measures analysis throughput on generated articles of about 3 KB, English and
// Arabic, and reports articles per second (per core: run with -cpu 1).
func BenchmarkAnalyse(b *testing.B) {
	for _, lang := range []string{"en", "ar"} {
		b.Run(lang, func(b *testing.B) {
			r := rand.New(rand.NewSource(1))
			arts := make([]ingest.Article, 64)
			bytes := 0
			for i := range arts {
				arts[i] = genArticle(r, lang, 3000)
				bytes += len(arts[i].Body)
			}
			an := New(Options{})
			ctx := context.Background()
			if _, err := an.Analyse(ctx, arts[0]); err != nil { // load the data outside the timing
				b.Fatal(err)
			}
			b.SetBytes(int64(bytes / len(arts)))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := an.Analyse(ctx, arts[i%len(arts)]); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
		})
	}
	// Arabic articles each naming two people never seen before: their keys need
	// names.Matcher.Romanise, which is slow, once per new word.
	b.Run("ar-new-names", func(b *testing.B) {
		r := rand.New(rand.NewSource(2))
		an := New(Options{})
		ctx := context.Background()
		syll := []string{"سا", "مر", "كي", "لو", "دا", "نو", "ري", "تا", "بو", "زي", "فا", "هي"}
		word := func() string {
			w := ""
			for i := 0; i < 3; i++ {
				w += syll[r.Intn(len(syll))]
			}
			return w
		}
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			art := genArticle(r, "ar", 3000)
			for _, p := range arPeople {
				art.Body = strings.ReplaceAll(art.Body, p, word()+" "+word())
			}
			b.StartTimer()
			if _, err := an.Analyse(ctx, art); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	})
}
