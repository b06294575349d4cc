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
		{name: "party official after في", lang: "ar",
			body:    "واتهم القيادي في الحركة سامي أبو زهري إسرائيل بالمماطلة، وقال عضو المكتب السياسي لحركة حماس موسى أبو مرزوق إن المفاوضات متوقفة.",
			persons: []string{"سامي أبو زهري", "موسى أبو مرزوق"}},
		{name: "name the lexicon knows after a body", lang: "ar",
			body:    "وتحدث رئيس اتحاد الغرف التجارية نائل الكباريتي.",
			persons: []string{"نائل الكباريتي"}, orgs: []string{"اتحاد الغرف التجارية"}},
		{name: "foreign name after a role and a modifier", lang: "ar",
			body:    "وقالت المنسقة الأممية جينين هينيس بلاسخارت إن الوضع هش.",
			persons: []string{"جينين هينيس بلاسخارت"}},
		{name: "a name of two words with الله", lang: "ar",
			body:    "وأكد مدير الأمن العام اللواء عبيد الله المعايطة أن الأمن مستقر.",
			persons: []string{"عبيد الله المعايطة"}},
		{name: "newspaper by its title", lang: "ar",
			body: "ونقلت صحيفة الغد عن مصدر حكومي قوله إن القرار سيصدر.",
			orgs: []string{"الغد"}},
		{name: "the organisation's name stops at its head's name", lang: "ar",
			body:    "وقال المدير التنفيذي لمنظمة العفو الدولية محمد الحسن إن الانتهاكات موثقة.",
			persons: []string{"محمد الحسن"}},
		{name: "verbs and common words after a role are no name", lang: "ar",
			body:      "وقال الرئيس يستقبل وفدا من رجال الأعمال. وأكد الوزير استعداد الحكومة للتعاون. وقال السفير خلال لقائه الطلاب إن بلاده تدعم التعليم. وقالت رئيسة اللجنة إن التقرير سيقدم قريبا.",
			notPerson: []string{"يستقبل وفدا", "يستقبل", "استعداد الحكومة", "خلال لقائه", "اللجنة"}},
		{name: "a pair of nouns in a body before the holder's name", lang: "ar",
			body:    "كشف مدير عام مؤسسة الغذاء والدواء نزار مهيدات عن ضبط شحنة.",
			persons: []string{"نزار مهيدات"}, orgs: []string{"مؤسسة الغذاء والدواء"}},
		{name: "a name the lexicon knows after a title", lang: "ar",
			body:    "وقالت السيدة سلمى النمس إن اللجنة تعمل.",
			persons: []string{"سلمى النمس"}},
		{name: "given name and an unknown family name without a cue", lang: "ar",
			body:    "وبحث الوزير مع سامر الحوراني سبل التعاون بحضور كريم الجبوري.",
			persons: []string{"سامر الحوراني", "كريم الجبوري"}},
		{name: "given names that are common words before common words", lang: "ar",
			body:      "وأكد الطرفان على حسن الجوار، وأعرب عن أمل الحكومة في التوصل إلى اتفاق يحقق السلام الدائم.",
			notPerson: []string{"حسن الجوار", "أمل الحكومة", "السلام الدائم"}},
		{name: "definite head and a nationality name an organisation", lang: "ar",
			body:   "وقال البنك المركزي المصري إن التضخم تراجع، وأعلنت الجامعة الأردنية تعليق الدوام، وقدمت الوكالة الأمريكية للتنمية الدولية منحة.",
			orgs:   []string{"البنك المركزي المصري", "الجامعة الأردنية", "الوكالة الأمريكية للتنمية الدولية"},
			places: []string{"المصري", "الأردنية"}},
		{name: "a definite head alone refers back", lang: "ar",
			body:   "وقالت المنظمة الدولية إن المساعدات تأخرت، وأكدت الشركة أن العمل مستمر.",
			absent: []string{"المنظمة الدولية", "الشركة"}},
		{name: "a role word inside an organisation's name cues no name", lang: "ar",
			body:      "وأصدرت نقابة الصحفيين بيانا، وقالت النقابة إن الاعتقال مرفوض.",
			orgs:      []string{"نقابة الصحفيين"},
			notPerson: []string{"بيانا"}, absent: []string{"نقابة الصحفيين بيانا"}},
		{name: "descriptive titles before names", lang: "ar",
			body:    "واستشهد الشاب محمد أبو عيشة برصاص الاحتلال، وأفرج عن الأسير خليل عواودة بعد إضراب طويل.",
			persons: []string{"محمد أبو عيشة", "خليل عواودة"}, absent: []string{"خليل"}},
		{name: "a preposition on a common word ends a name", lang: "ar",
			body:   "وأصيب الطفل أحمد بجروح طفيفة، وقال المواطن إن المياه مقطوعة.",
			absent: []string{"أحمد بجروح", "المواطن"}},
		{name: "places that start like names are no one", lang: "ar",
			body:      "وقال سكان في دير البلح إن القصف تواصل، فيما اقتحمت القوات بلدة بيت حانون.",
			places:    []string{"بيت حانون"},
			notPerson: []string{"دير البلح", "بيت حانون"}},
		{name: "weekdays, months and common words are no one", lang: "ar",
			body:      "في يوم الأحد الماضي، قال مصدر مطلع إن الاجتماع تأجل إلى شهر أيار، وأكد رئيس الهيئة أن العمل مستمر.",
			notPerson: []string{"الأحد", "أيار", "مصدر مطلع", "العمل"}},
	})
}

// TestUnknownNamesEnglish covers English organisations and people no gazetteer knows, found by
// the nouns, roles, titles and acronyms around them (sentences written for this test).
func TestUnknownNamesEnglish(t *testing.T) {
	runMentionCases(t, []mentionCase{
		{name: "organisation noun before the name", lang: "en",
			body: "The money went to the Lebanese company Medco Energy, according to the ministry.",
			orgs: []string{"Medco Energy"}, notPerson: []string{"Medco Energy"}},
		{name: "a firm called", lang: "en",
			body: "He was described as a manager for a firm called Kestrel Rotor Works, which makes parts.",
			orgs: []string{"Kestrel Rotor Works"}},
		{name: "acronym before news agency", lang: "en",
			body: "In a statement carried by the official KPL news agency, the ministry condemned the decision.",
			orgs: []string{"KPL"}},
		{name: "spokesperson for a company", lang: "en",
			body: "A spokesperson for Horizon Telecom declined to comment.",
			orgs: []string{"Horizon Telecom"}},
		{name: "spokesman for a person stays a person", lang: "en",
			body:    "A spokesman for President Joe Biden said the United States would respond.",
			persons: []string{"Joe Biden"}},
		{name: "head of the name for", lang: "en",
			body:    "Dr. Leila Sarraf, director of the National Centre for Epidemiology, warned of a new wave.",
			persons: []string{"Leila Sarraf"}, orgs: []string{"National Centre for Epidemiology"}},
		{name: "and one more word ends the name", lang: "en",
			body: "The Sudanese Professionals Association rejected the deal, while the Forces of Freedom and Change coalition welcomed it.",
			orgs: []string{"Sudanese Professionals Association", "Forces of Freedom and Change"}, absent: []string{"Change"}},
		{name: "acronym defined and used again", lang: "en",
			body: "The National Union of Port Workers (NUPW) called a strike on Monday. The NUPW's leaders met later.",
			orgs: []string{"National Union of Port Workers", "NUPW"}},
		{name: "abbreviated titles with a full stop", lang: "en",
			body:    "On Wednesday, Mr. Haddad returned to Beirut, said Sgt. Omar Fadel.",
			persons: []string{"Haddad", "Omar Fadel"}, absent: []string{"Mr. Haddad", "Sgt. Omar Fadel"}},
		{name: "descriptions and adjectives before a noun are no organisations", lang: "en",
			body:   "He wrote to a Colorado newspaper. Israel said the Islamist group could stop. Insurance company CEOs objected. The CBS (NYSE: CBS) TV network was hit.",
			absent: []string{"Colorado", "Islamist", "CEOs", "TV"}},
		{name: "company heads and appositions with new roles", lang: "en",
			body:    "Orascom Construction won the contract. Nadia Karam, a lawyer representing the families, said the court would rule. Activist Lina Attalah was detained.",
			orgs:    []string{"Orascom Construction"},
			persons: []string{"Nadia Karam", "Lina Attalah"}, notPerson: []string{"Orascom Construction"}},
		{name: "a lawyer for a person names a person", lang: "en",
			body:      "\"He is innocent,\" said a lawyer for Subryan. The federation National Coach resigned.",
			absent:    []string{"National Coach"},
			notPerson: []string{"National Coach"}},
		{name: "district attorney is a role, the county a place", lang: "en",
			body:    "Albany County District Attorney David Soares said charges would follow.",
			persons: []string{"David Soares"}, absent: []string{"Albany County District"}},
		{name: "words the lexicon knows after a role or a descriptive noun", lang: "en",
			body:    "The talks went on for three hours. Ambassador Julian Whitfield met the minister, and British aid worker Hope Rivers was released on Monday.",
			persons: []string{"Julian Whitfield", "Hope Rivers"}},
		{name: "a capital role before one common word", lang: "en",
			body:   "The General Manager resigned on Friday after the board met to discuss the results of the company.",
			absent: []string{"Manager", "General Manager"}},
		{name: "places that start like names are no one", lang: "en",
			body:      "Israeli forces raided homes in Sheikh Jarrah and Beit Hanoun on Tuesday, residents said, while Tal Afar remained calm and officials said more rounds of talks would follow in the capital.",
			places:    []string{"Beit Hanoun", "Tal Afar"},
			notPerson: []string{"Beit Hanoun", "Tal Afar"}},
		{name: "a place that is also a given name, with a person's cue", lang: "en",
			body:    "Israel said the operation would continue, and Chad Daniels, a spokesman for the charity, agreed.",
			persons: []string{"Chad Daniels"}, places: []string{"Israel"}, absent: []string{"Chad"}},
		{name: "a place that is also a given name, without one", lang: "en",
			body:      "Amman Stock Exchange said trading was suspended, and Jordan said on Monday it would reopen the crossing.",
			places:    []string{"Jordan"},
			notPerson: []string{"Amman Stock Exchange", "Jordan"}},
		{name: "months, weekdays and common words are no one", lang: "en",
			body:      "The minister said in March that the group would meet in Cairo on Tuesday, and the union agreed.",
			notPerson: []string{"March", "Tuesday", "Cairo"}, absent: []string{"March", "Tuesday"}},
	})
}
