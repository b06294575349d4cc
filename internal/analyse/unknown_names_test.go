package analyse

import (
	"context"
	"testing"

	"storyline/internal/ingest"
)

// mentionCase is a sentence with the mentions it must yield, by entity type, and the texts that
// must be no mention of anything.
type mentionCase struct {
	name, lang, body string
	persons, orgs    []string
	places           []string
	// absent are texts that must be no mention; notPerson texts must be no person's.
	absent, notPerson []string
}

func runMentionCases(t *testing.T, cases []mentionCase) {
	t.Helper()
	a := New(Options{})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			art := ingest.Article{ID: tc.name, Body: tc.body, Lang: tc.lang}
			an, err := a.Analyse(context.Background(), art)
			if err != nil {
				t.Fatal(err)
			}
			checkOffsets(t, art, an)
			typeOf := map[string][]string{}
			for _, e := range an.Entities {
				for _, m := range e.Mentions {
					typeOf[m.Text] = append(typeOf[m.Text], e.Type)
				}
			}
			has := func(text string, types ...string) bool {
				for _, got := range typeOf[text] {
					for _, w := range types {
						if got == w {
							return true
						}
					}
				}
				return false
			}
			for _, p := range tc.persons {
				if !has(p, TypePerson) {
					t.Errorf("no person %q; got %s", p, describe(an))
				}
			}
			for _, o := range tc.orgs {
				if !has(o, TypeOrganisation) {
					t.Errorf("no organisation %q; got %s", o, describe(an))
				}
			}
			for _, p := range tc.places {
				if !has(p, TypePlace, TypeCity, TypeCountry, TypeRegion) {
					t.Errorf("no place %q; got %s", p, describe(an))
				}
			}
			for _, x := range tc.absent {
				if len(typeOf[x]) > 0 {
					t.Errorf("mention %q found (%v), want none", x, typeOf[x])
				}
			}
			for _, x := range tc.notPerson {
				if has(x, TypePerson) {
					t.Errorf("%q taken for a person", x)
				}
			}
		})
	}
}

// TestUnknownNamesArabic covers Arabic people and organisations no gazetteer knows, found by the
// roles, bodies and titles around them (sentences written for this test).
func TestUnknownNamesArabic(t *testing.T) {
	runMentionCases(t, []mentionCase{
		{name: "role, body by pattern, name", lang: "ar",
			body:    "وأكد رئيس هيئة الاستثمار الأردنية خلدون الوشاح أن المشروع سيوفر ألف فرصة عمل.",
			persons: []string{"خلدون الوشاح"}, orgs: []string{"هيئة الاستثمار"}},
		{name: "role, gazetteer organisation, name", lang: "ar",
			body:    "وقال الأمين العام لحركة فتح جبريل الرجوب إن الانتخابات ستجري في موعدها.",
			persons: []string{"جبريل الرجوب"}},
		{name: "role, construct, company, name", lang: "ar",
			body:    "وقال رئيس مجلس إدارة شركة الكهرباء الوطنية أمجد الرواشدة إن الشبكة مستقرة.",
			persons: []string{"أمجد الرواشدة"}, orgs: []string{"الكهرباء الوطنية"},
			absent: []string{"الكهرباء الوطنية أمجد الرواشدة"}},
		{name: "quoted company before the name", lang: "ar",
			body:    "وقال مدير شركة \"نور الشرق\" سامي الخطيب إن العقد وقع.",
			persons: []string{"سامي الخطيب"}, orgs: []string{"نور الشرق"}},
		{name: "ministry between role and name", lang: "ar",
			body:    "ووقع الاتفاقية عن الجانب الأردني أمين عام وزارة المياه جهاد المحاميد.",
			persons: []string{"جهاد المحاميد"}},
		{name: "nationality inside a union's name", lang: "ar",
			body:    "ودعا الأمين العام للاتحاد العام التونسي للشغل نور الدين الطبوبي إلى الحوار.",
			persons: []string{"نور الدين الطبوبي"}, orgs: []string{"للاتحاد العام التونسي للشغل"}},
		{name: "an indefinite word ends the name", lang: "ar",
			body: "وأعلن اتحاد العمال العام إضرابا شاملا يوم الثلاثاء.",
			orgs: []string{"اتحاد العمال العام"}, absent: []string{"اتحاد العمال العام إضرابا شاملا"}},
		{name: "place in the genitive ends a company's name", lang: "ar",
			body: "وأعلنت شركة طيران الخليج استئناف رحلاتها، وقال المهندس عمر الكردي، مدير شركة مياه الأردن، إن الضخ سيعود.",
			orgs: []string{"طيران الخليج", "مياه الأردن"}, persons: []string{"عمر الكردي"}},
		{name: "head noun with و keeps it", lang: "ar",
			body: "ونقلت وكالة الأنباء الرسمية عن مصدر في الوزارة قوله إن المحادثات مستمرة.",
			orgs: []string{"وكالة الأنباء الرسمية"}, absent: []string{"كالة الأنباء الرسمية"}},
		{name: "ambassador accredited to a country", lang: "ar",
			body:    "وقال سفير فرنسا لدى لبنان هيرفيه ماغرو إن باريس مستعدة للمساعدة.",
			persons: []string{"هيرفيه ماغرو"}, places: []string{"فرنسا", "لبنان"}},
		{name: "ambassador in a city", lang: "ar",
			body:    "واستقبل الوزير السفير الأمريكي في عمان ستيفن فاجن.",
			persons: []string{"ستيفن فاجن"}},
		{name: "no name after role and place", lang: "ar",
			body:      "واستقبل الرئيس في عمان وفدا من رجال الأعمال.",
			notPerson: []string{"وفدا"}},
		{name: "mayor of a place", lang: "ar",
			body:    "وقال رئيس بلدية غزة يحيى السراج إن المياه مقطوعة.",
			persons: []string{"يحيى السراج"}},
		{name: "nationality as a family name", lang: "ar",
			body:    "وقال المتحدث باسم وزارة الداخلية العقيد خالد المصري إن قوات الأمن اعتقلت ثلاثة أشخاص.",
			persons: []string{"خالد المصري"}, absent: []string{"المصري"}},
		{name: "nationality after a role stays the country", lang: "ar",
			body:    "وقال وزير الخارجية المصري سامح شكري إن القاهرة ترفض التهجير.",
			persons: []string{"سامح شكري"}, places: []string{"المصري"}},
		{name: "place name that is a given name after a definite role", lang: "ar",
			body:    "وقالت الوزيرة هند الصبيحي إن البرنامج سيشمل ألف أسرة.",
			persons: []string{"هند الصبيحي"}, absent: []string{"هند"}},
		{name: "titles of profession", lang: "ar",
			body:    "وشارك في الندوة الباحث محمد أبو رمان.",
			persons: []string{"محمد أبو رمان"}},
		{name: "military spokesman", lang: "ar",
			body:    "وقال المتحدث العسكري باسم الحوثيين يحيى سريع إن الجماعة استهدفت سفينة.",
			persons: []string{"يحيى سريع"}},
		{name: "syndicate head", lang: "ar",
			body:    "وقال نقيب المعلمين ناصر النواصرة إن المطالب عادلة.",
			persons: []string{"ناصر النواصرة"}},
		{name: "weekdays, months and common words are no one", lang: "ar",
			body:      "في يوم الأحد الماضي، قال مصدر مطلع إن الاجتماع تأجل إلى شهر أيار، وأكد رئيس الهيئة أن العمل مستمر.",
			notPerson: []string{"الأحد", "أيار", "مصدر مطلع", "العمل"}},
	})
}
