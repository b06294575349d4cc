package analyse

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"storyline/internal/ingest"
)

// wantEnt describes an entity a test expects: its key (or, for people the test does not know
// the key of, "person:" and a slug), and optionally its type, country, role and mention texts.
type wantEnt struct {
	key      string
	country  string
	role     string
	mentions []string // texts that must all be mentions of it
}

type analyseCase struct {
	name     string
	lang     string
	title    string
	body     string
	dateline string
	outlet   string
	want     []wantEnt
	// absent are keys (or mention texts, prefixed "text:") that must not be found.
	absent []string
}

func runCases(t *testing.T, cases []analyseCase) {
	t.Helper()
	a := New(Options{})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			art := ingest.Article{ID: tc.name, Title: tc.title, Body: tc.body, Lang: tc.lang, Dateline: tc.dateline, Outlet: tc.outlet}
			an, err := a.Analyse(context.Background(), art)
			if err != nil {
				t.Fatal(err)
			}
			checkOffsets(t, art, an)
			byKey := map[string]*Entity{}
			for i := range an.Entities {
				byKey[an.Entities[i].Key] = &an.Entities[i]
			}
			for _, w := range tc.want {
				e := byKey[w.key]
				if e == nil {
					t.Errorf("no entity %s; got %s", w.key, describe(an))
					continue
				}
				if w.country != "" && e.Country != w.country {
					t.Errorf("%s: country %q, want %q", w.key, e.Country, w.country)
				}
				if w.role != "" && e.Role != w.role {
					t.Errorf("%s: role %q, want %q", w.key, e.Role, w.role)
				}
				for _, m := range w.mentions {
					if !hasMention(e, m) {
						t.Errorf("%s: no mention %q; mentions %q", w.key, m, e.Forms)
					}
				}
			}
			for _, k := range tc.absent {
				if text, ok := strings.CutPrefix(k, "text:"); ok {
					for _, e := range an.Entities {
						if hasMention(&e, text) {
							t.Errorf("mention %q found in %s, want none", text, e.Key)
						}
					}
					continue
				}
				if byKey[k] != nil {
					t.Errorf("entity %s found (%q), want none", k, byKey[k].Forms)
				}
			}
		})
	}
}

func hasMention(e *Entity, text string) bool {
	for _, m := range e.Mentions {
		if m.Text == text {
			return true
		}
	}
	return false
}

func describe(an Analysis) string {
	var parts []string
	for _, e := range an.Entities {
		parts = append(parts, fmt.Sprintf("%s(%s/%s)%q", e.Key, e.Country, e.Role, e.Forms))
	}
	return strings.Join(parts, " ")
}

// checkOffsets checks that every offset of an analysis is in bounds and that every mention's text
// is its field's slice at its character offsets.
func checkOffsets(t *testing.T, art ingest.Article, an Analysis) {
	t.Helper()
	fields := map[string][]rune{FieldTitle: []rune(art.Title), FieldBody: []rune(art.Body)}
	inBounds := func(what, field string, s, e int) bool {
		f, ok := fields[field]
		if !ok || s < 0 || e < s || e > len(f) {
			t.Errorf("%s: span %s[%d:%d] out of bounds (%d characters)", what, field, s, e, len(f))
			return false
		}
		return true
	}
	for i, s := range an.Sentences {
		inBounds(fmt.Sprintf("sentence %d", i), s.Field, s.Start, s.End)
	}
	for _, e := range an.Entities {
		for _, m := range e.Mentions {
			if !inBounds("mention "+m.Text, m.Field, m.Start, m.End) {
				continue
			}
			if got := string(fields[m.Field][m.Start:m.End]); got != m.Text && strings.ToValidUTF8(m.Text, "\uFFFD") == m.Text {
				t.Errorf("mention %q of %s: field slice [%d:%d] is %q", m.Text, e.Key, m.Start, m.End, got)
			}
			if m.Sentence < 0 || m.Sentence >= len(an.Sentences) {
				t.Errorf("mention %q: sentence %d of %d", m.Text, m.Sentence, len(an.Sentences))
			}
		}
	}
	for _, d := range an.Dates {
		if inBounds("date "+d.Text, d.Field, d.Start, d.End) {
			if got := string(fields[d.Field][d.Start:d.End]); got != d.Text && strings.ToValidUTF8(d.Text, "\uFFFD") == d.Text {
				t.Errorf("date %q: field slice is %q", d.Text, got)
			}
		}
	}
}

func TestAnalyseEnglish(t *testing.T) {
	runCases(t, []analyseCase{
		{
			name: "role and country before the name",
			lang: "en",
			body: "Russian Foreign Minister Sergey Lavrov met his Jordanian counterpart Ayman Safadi in Amman on Tuesday.",
			want: []wantEnt{
				{key: "person:sergey-lavrov", country: "RUS", role: "foreign minister", mentions: []string{"Sergey Lavrov"}},
				{key: "person:ayman-safadi", country: "JOR", role: "foreign minister", mentions: []string{"Ayman Safadi"}},
				{key: "country:RUS", mentions: []string{"Russian"}},
				{key: "country:JOR", mentions: []string{"Jordanian"}},
				{key: "city:amman", mentions: []string{"Amman"}},
			},
			absent: []string{"text:Tuesday"},
		},
		{
			name: "unknown people: role, counterpart, surname",
			lang: "en",
			body: "Kenyan Foreign Minister Amina Wanjiru held talks with her Egyptian counterpart, Tarek Fathallah, in Cairo. " +
				"Wanjiru said the two countries would work together. Fathallah agreed.",
			want: []wantEnt{
				{key: "person:amina-wanjiru", country: "KEN", role: "foreign minister", mentions: []string{"Amina Wanjiru", "Wanjiru"}},
				{key: "person:tarek-fathallah", country: "EGY", role: "foreign minister", mentions: []string{"Tarek Fathallah", "Fathallah"}},
				{key: "city:cairo"},
			},
		},
		{
			name: "apposition after the name",
			lang: "en",
			body: "Omar Haddad, Lebanon's foreign minister, said on Monday that talks would resume. Nadia Karam, the Tunisian prime minister, disagreed.",
			want: []wantEnt{
				{key: "person:omar-haddad", country: "LBN", role: "foreign minister"},
				{key: "person:nadia-karam", country: "TUN", role: "prime minister"},
			},
		},
		{
			name: "particles and a joined article",
			lang: "en",
			body: "Interior Minister Khalid bin Rashid al-Mansouri visited Doha. Al-Mansouri later met reporters, and Mansouri said the visit went well.",
			want: []wantEnt{
				{key: "person:khalid-bin-rashid-al-mansouri", role: "interior minister", mentions: []string{"Khalid bin Rashid al-Mansouri", "Al-Mansouri", "Mansouri"}},
				{key: "city:doha"},
			},
		},
		{
			name:     "regnal numbers, honorifics and the king's title",
			lang:     "en",
			dateline: "Amman",
			body:     "AMMAN — His Majesty King Abdullah II received the delegation. King Abdullah stressed the Kingdom's support for a two-state solution.",
			want: []wantEnt{
				{key: "person:abdullah-ii", country: "JOR", role: "king", mentions: []string{"King Abdullah II", "King Abdullah"}},
				{key: "country:JOR", mentions: []string{"Kingdom's"}},
				{key: "city:amman", mentions: []string{"AMMAN"}},
			},
			absent: []string{"text:His Majesty King Abdullah II"},
		},
		{
			name:     "the kingdom in lower case",
			lang:     "en",
			dateline: "Riyadh",
			body:     "RIYADH - Officials said the kingdom's oil output would rise, and the kingdom would host the summit.",
			want:     []wantEnt{{key: "country:SAU", mentions: []string{"kingdom's", "kingdom"}}},
		},
		{
			name:   "the kingdom without a context names nothing",
			lang:   "en",
			body:   "Officials said the kingdom would host the summit.",
			absent: []string{"text:kingdom"},
		},
		{
			name:     "an unknown king takes the kingdom of the context",
			lang:     "en",
			dateline: "Rabat",
			body:     "RABAT - King Idris IV opened the new port. The Kingdom plans more investment.",
			want: []wantEnt{
				{key: "person:idris-iv", country: "MAR", role: "king", mentions: []string{"King Idris IV"}},
				{key: "country:MAR", mentions: []string{"Kingdom"}},
			},
		},
		{
			name: "capitals as governments and as places",
			lang: "en",
			body: "Moscow said on Monday it was ready to talk. The Kremlin official arrived in Moscow late at night, and Washington's response was cautious.",
			want: []wantEnt{
				{key: "country:RUS", mentions: []string{"Moscow", "Kremlin"}},
				{key: "city:moscow", mentions: []string{"Moscow"}},
				{key: "country:USA", mentions: []string{"Washington's"}},
			},
		},
		{
			name:     "unqualified officials take the dateline's country",
			lang:     "en",
			dateline: "Damascus",
			body:     "DAMASCUS - Foreign Minister Walid Saleh met the Iraqi envoy on Sunday.",
			want: []wantEnt{
				{key: "person:walid-saleh", country: "SYR", role: "foreign minister"},
				{key: "city:damascus", mentions: []string{"DAMASCUS"}},
				{key: "country:IRQ", mentions: []string{"Iraqi"}},
			},
		},
		{
			name: "hyphenated compounds",
			lang: "en",
			body: "The US-led coalition discussed the Israeli-Palestinian conflict with Saudi-backed groups.",
			want: []wantEnt{
				{key: "country:USA", mentions: []string{"US-led"}},
				{key: "country:SAU", mentions: []string{"Saudi-backed"}},
			},
			absent: []string{"country:ISR", "country:PSE"},
		},
		{
			name:   "no entities in lower-case text",
			lang:   "en",
			body:   "the minister said the talks were useful and that the jordan river and turkey farms were not discussed. president and king were words.",
			absent: []string{"country:JOR", "country:TUR", "text:jordan", "text:turkey"},
		},
		{
			name:   "sentence starters, months and weekdays are not names",
			lang:   "en",
			body:   "During the meeting, officials spoke. According to the statement, the talks ended. On Monday, May 5, they met again. The ministers left.",
			absent: []string{"person:during", "person:according", "person:monday", "person:may", "text:The"},
		},
		{
			name:  "a Title Case headline",
			lang:  "en",
			title: "Jordanian Minister Ayman Safadi Meets Lavrov In Moscow",
			body:  "The meeting lasted two hours.",
			want: []wantEnt{
				{key: "person:ayman-safadi", mentions: []string{"Ayman Safadi"}},
				{key: "person:sergey-lavrov", mentions: []string{"Lavrov"}},
			},
			absent: []string{"person:ayman-safadi-meets"},
		},
		{
			name: "an unknown organisation and an unknown place",
			lang: "en",
			body: "The Northern Valley Relief Association sent aid to families near Wadi Hamra, officials said.",
			want: []wantEnt{
				{key: "org:northern-valley-relief-association"},
				{key: "place:wadi-hamra"},
			},
		},
		{
			name: "an Arabic name quoted in English text",
			lang: "en",
			body: "The statement was signed by Jordan's foreign minister (وزير الخارجية أيمن الصفدي) on Monday.",
			want: []wantEnt{
				{key: "person:ayman-safadi", mentions: []string{"أيمن الصفدي"}},
				{key: "country:JOR", mentions: []string{"Jordan's"}},
			},
		},
	})
}

func TestAnalyseArabic(t *testing.T) {
	runCases(t, []analyseCase{
		{
			name: "role, demonym and counterpart",
			lang: "ar",
			body: "التقى وزير الخارجية الأردني أيمن الصفدي نظيره الروسي سيرغي لافروف في موسكو أمس.",
			want: []wantEnt{
				{key: "person:ayman-safadi", country: "JOR", role: "foreign minister", mentions: []string{"أيمن الصفدي"}},
				{key: "person:sergey-lavrov", country: "RUS", role: "foreign minister", mentions: []string{"سيرغي لافروف"}},
				{key: "city:moscow", mentions: []string{"موسكو"}},
				{key: "country:JOR", mentions: []string{"الأردني"}},
			},
		},
		{
			name: "surnames with clitics",
			lang: "ar",
			body: "بحث وزير الخارجية الأردني أيمن الصفدي ووزير الخارجية الروسي سيرغي لافروف العلاقات الثنائية. وأكد الصفدي ولافروف أهمية التنسيق. وقال لافروف إن الحوار مستمر.",
			want: []wantEnt{
				{key: "person:ayman-safadi", mentions: []string{"أيمن الصفدي", "الصفدي"}},
				{key: "person:sergey-lavrov", mentions: []string{"سيرغي لافروف", "لافروف"}},
			},
			absent: []string{"text:ولافروف"},
		},
		{
			name:   "honorifics, the king and the Kingdom from the outlet",
			lang:   "ar",
			outlet: "بترا",
			body:   "استقبل جلالة الملك عبدالله الثاني اليوم وفداً رسمياً، وأكد دعم المملكة لجهود السلام.",
			want: []wantEnt{
				{key: "person:abdullah-ii", country: "JOR", role: "king", mentions: []string{"الملك عبدالله الثاني"}},
				{key: "country:JOR", mentions: []string{"المملكة"}},
			},
			absent: []string{"text:جلالة الملك عبدالله الثاني"},
		},
		{
			name: "an unknown minister after a role and a demonym",
			lang: "ar",
			body: "قال وزير الخارجية المصري كريم عبد الرحيم إن المحادثات كانت مثمرة. وأضاف عبد الرحيم أن التعاون سيستمر.",
			want: []wantEnt{
				{key: "country:EGY", mentions: []string{"المصري"}},
			},
		},
		{
			name: "a capital as its government, and as a place",
			lang: "ar",
			body: "أكدت دمشق رفضها للعقوبات. ووصل الوفد إلى دمشق مساء الأحد.",
			want: []wantEnt{
				{key: "country:SYR", mentions: []string{"دمشق"}},
				{key: "city:damascus", mentions: []string{"دمشق"}},
			},
		},
		{
			name: "organisations and a region with clitics",
			lang: "ar",
			body: "رحب الوزيران بدور الأمم المتحدة وبحثا الأوضاع في منطقة الخليج العربي وفي ليبيا.",
			want: []wantEnt{
				{key: "org:un", mentions: []string{"الأمم المتحدة"}},
				{key: "region:gulf", mentions: []string{"الخليج العربي"}},
				{key: "country:LBY", mentions: []string{"ليبيا"}},
			},
		},
		{
			name:   "no names in plain prose",
			lang:   "ar",
			body:   "أكد المشاركون أهمية العمل المشترك وتعزيز التعاون في مختلف المجالات خلال الفترة المقبلة.",
			absent: []string{"text:المشاركون", "text:العمل"},
		},
		{
			name: "Latin names inside Arabic text",
			lang: "ar",
			body: "قال الوزير في مقابلة مع وكالة رويترز إن Sergey Lavrov سيزور عمان الأسبوع المقبل.",
			want: []wantEnt{
				{key: "person:sergey-lavrov", mentions: []string{"Sergey Lavrov"}},
			},
		},
	})
}

func TestAnalyseOtherLanguages(t *testing.T) {
	runCases(t, []analyseCase{
		{
			name: "French: gazetteer places only",
			lang: "fr",
			body: "Le ministre jordanien a rencontré son homologue à Paris. La Jordanie et la Syrie ont discuté.",
			want: []wantEnt{{key: "city:paris", mentions: []string{"Paris"}}},
		},
		{
			name: "unknown language code",
			lang: "",
			body: "Amman and Damascus.",
			want: []wantEnt{{key: "city:amman"}, {key: "city:damascus"}},
		},
	})
}

func TestAnalyseFields(t *testing.T) {
	a := New(Options{})
	art := ingest.Article{ID: "x", Title: "Lavrov in Amman", Body: "Russian Foreign Minister Sergey Lavrov arrived in Amman.\n\nHe met officials.", Lang: "en"}
	an, err := a.Analyse(context.Background(), art)
	if err != nil {
		t.Fatal(err)
	}
	checkOffsets(t, art, an)
	if len(an.Sentences) != 3 || an.Sentences[0].Field != FieldTitle || an.Sentences[1].Field != FieldBody {
		t.Errorf("sentences %+v, want one title and two body sentences", an.Sentences)
	}
	var lavrov *Entity
	for i := range an.Entities {
		if an.Entities[i].Key == "person:sergey-lavrov" {
			lavrov = &an.Entities[i]
		}
	}
	if lavrov == nil {
		t.Fatalf("no Lavrov: %s", describe(an))
	}
	if lavrov.Mentions[0].Field != FieldTitle || lavrov.Mentions[0].Sentence != 0 {
		t.Errorf("first mention %+v, want the title's", lavrov.Mentions[0])
	}
	if lavrov.Salience <= 0 || lavrov.Salience > 1 {
		t.Errorf("salience %v out of (0,1]", lavrov.Salience)
	}
	if lavrov.Given != "Sergey" || lavrov.Family != "Lavrov" || lavrov.NameAr == "" {
		t.Errorf("name parts %q %q %q", lavrov.Given, lavrov.Family, lavrov.NameAr)
	}
	if an.Version != Version || an.Lang != "en" || an.ArticleID != "x" {
		t.Errorf("header %+v", an)
	}
}

func TestAnalyseDatesAndPublication(t *testing.T) {
	a := New(Options{})
	ctx := context.Background()
	an, err := a.Analyse(ctx, ingest.Article{Body: "The ministers met on Tuesday.", Lang: "en", Published: "2021-02-17", PublishedFrom: "metadata"})
	if err != nil {
		t.Fatal(err)
	}
	if an.Published != "2021-02-17" || an.PublishedFrom != "metadata" || an.PublishedConf != 1 {
		t.Errorf("publication %q %q %v", an.Published, an.PublishedFrom, an.PublishedConf)
	}
	if len(an.Dates) != 1 || an.Dates[0].Value != "2021-02-16" || an.Dates[0].Text != "on Tuesday" && an.Dates[0].Text != "Tuesday" {
		t.Errorf("dates %+v, want Tuesday 2021-02-16", an.Dates)
	}
	// Without metadata the date is inferred from the text, and says so; never today's date.
	an, err = a.Analyse(ctx, ingest.Article{Body: "AMMAN, March 3, 2021 - The ministers met today.", Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if an.Published != "2021-03-03" || an.PublishedFrom != PublishedInferred || an.PublishedConf <= 0 || an.PublishedConf > 1 {
		t.Errorf("inferred publication %q %q %v", an.Published, an.PublishedFrom, an.PublishedConf)
	}
	an, err = a.Analyse(ctx, ingest.Article{Body: "The ministers met on Tuesday.", Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if an.Published != "" {
		t.Errorf("publication %q from a text with no date", an.Published)
	}
	for _, d := range an.Dates {
		if d.Value != "" {
			t.Errorf("date %+v resolved without a reference", d)
		}
	}
}

func TestAnalyseConceptsAndTopics(t *testing.T) {
	a := New(Options{})
	ctx := context.Background()
	en, err := a.Analyse(ctx, ingest.Article{Body: "The ministers discussed the return of refugees and a two-state solution. Refugees need aid.", Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	ar, err := a.Analyse(ctx, ingest.Article{Body: "بحث الوزيران عودة اللاجئين وحل الدولتين. اللاجئون بحاجة إلى المساعدات.", Lang: "ar"})
	if err != nil {
		t.Fatal(err)
	}
	keys := func(an Analysis) map[string]float64 {
		m := map[string]float64{}
		for _, c := range an.Concepts {
			m[c.Key] = c.Weight
		}
		return m
	}
	ke, ka := keys(en), keys(ar)
	if ke["refuge"] == 0 || ka["refuge"] == 0 {
		t.Errorf("refuge missing: en %v, ar %v", en.Concepts, ar.Concepts)
	}
	for _, an := range []Analysis{en, ar} {
		if len(an.Concepts) == 0 || an.Concepts[0].Weight != 1 {
			t.Errorf("concepts %v: the strongest should weigh 1", an.Concepts)
		}
		for i := 1; i < len(an.Concepts); i++ {
			if an.Concepts[i].Weight > an.Concepts[i-1].Weight {
				t.Errorf("concepts not sorted: %v", an.Concepts)
			}
		}
		found := false
		for _, tp := range an.Topics {
			if tp.ID == "refugees" {
				found = true
			}
		}
		if !found {
			t.Errorf("topic refugees missing in %+v", an.Topics)
		}
	}
}

func TestAnalyseCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := New(Options{}).Analyse(ctx, ingest.Article{Body: "Amman", Lang: "en"}); err == nil {
		t.Error("no error from a cancelled context")
	}
}

func TestAnalyseEmpty(t *testing.T) {
	an, err := New(Options{}).Analyse(context.Background(), ingest.Article{Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if len(an.Entities) != 0 || an.Entities == nil || an.Sentences == nil {
		t.Errorf("empty article: %+v", an)
	}
}
