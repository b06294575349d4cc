package lexicon

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

// words splits a phrase into tokens as a simple tokenizer would, with punctuation apart.
func words(s string) []string {
	var out []string
	for _, f := range strings.Fields(s) {
		trail := ""
		for len(f) > 1 && strings.ContainsAny(f[len(f)-1:], ".,;:!?") {
			trail = f[len(f)-1:] + trail
			f = f[:len(f)-1]
		}
		out = append(out, f)
		if trail != "" {
			out = append(out, trail)
		}
	}
	return out
}

func keySet(cs []Concept) map[string]bool {
	m := map[string]bool{}
	for _, c := range cs {
		m[c.Key] = true
	}
	return m
}

func TestSharedConcepts(t *testing.T) {
	l := Default()
	tests := []struct {
		en, ar string
		shared []string // keys both must have
	}{
		{"two-state solution", "حل الدولتين", []string{"solut", "state"}},
		{"two state solution", "حل الدولتين", []string{"solut", "state"}},
		{"refugees", "اللاجئين", []string{"refuge"}},
		{"refugee", "لاجئ", []string{"refuge"}},
		{"refugees", "للاجئين", []string{"refuge"}},
		{"ceasefire", "وقف إطلاق النار", []string{"ceasefir"}},
		{"cease-fire", "لوقف إطلاق النار", []string{"ceasefir"}},
		{"terrorism", "الإرهاب", []string{"terror"}},
		{"terrorism", "والإرهاب", []string{"terror"}},
		{"cooperation", "التعاون", []string{"cooper"}},
		{"cooperation", "بالتعاون", []string{"cooper"}},
		{"negotiations", "مفاوضات", []string{"negoti"}},
		{"negotiations", "والمفاوضات", []string{"negoti"}},
		{"the foreign minister", "وزير الخارجية", []string{"foreign", "minist"}},
		{"the return of refugees", "عودة اللاجئين", []string{"return", "refuge"}},
		{"Security Council", "مجلس الأمن", []string{"secur", "council"}},
		{"peace", "السلام", []string{"peac"}},
		{"sanctions", "العقوبات", []string{"sanction"}},
		{"elections", "الانتخابات", []string{"elect"}},
		{"oil", "النفط", []string{"oil"}},
		{"war", "الحرب", []string{"war"}},
		{"visit", "زيارة", []string{"visit"}},
		{"crisis", "الأزمة", []string{"crisi"}},
		{"talks", "محادثات", []string{"talk"}},
		{"truce", "هدنة", []string{"truce"}},
		{"humanitarian aid", "المساعدات الإنسانية", []string{"humanitarian", "aid"}},
	}
	for _, tt := range tests {
		en := keySet(l.Concepts("en", words(tt.en)))
		ar := keySet(l.Concepts("ar", words(tt.ar)))
		for _, k := range tt.shared {
			if !en[k] || !ar[k] {
				t.Errorf("%q and %q: key %q in English %v, in Arabic %v; want both", tt.en, tt.ar, k, en[k], ar[k])
			}
		}
	}
}

func TestConceptsEnglish(t *testing.T) {
	l := Default()
	got := l.Concepts("en", words("The UN said on Tuesday that Lavrov and Safadi discussed the refugees' return."))
	keys := keySet(got)
	for _, k := range []string{"discuss", "refuge", "return"} {
		if !keys[k] {
			t.Errorf("missing %q in %v", k, got)
		}
	}
	for _, k := range []string{"the", "said", "on", "that", "and", "lavrov", "safadi"} {
		if keys[k] {
			t.Errorf("stop word or name %q gave a concept: %v", k, got)
		}
	}
	// Spans index the tokens.
	toks := words("cease - fire agreed")
	cs := l.Concepts("en", toks)
	if len(cs) == 0 || cs[0].Key != "ceasefir" || cs[0].Start != 0 || cs[0].End != 3 {
		t.Errorf("cease - fire: %+v, want ceasefir over tokens 0..3", cs)
	}
	// "sea son" is not season: compound parts need four letters.
	if keySet(l.Concepts("en", words("sea son")))["season"] {
		t.Error(`"sea son" read as season`)
	}
	if got := l.Concepts("fr", words("la paix")); got != nil {
		t.Errorf("unsupported language gave %v", got)
	}
	if got := l.Concepts("en", nil); got != nil {
		t.Errorf("no tokens gave %v", got)
	}
}

func TestConceptsArabic(t *testing.T) {
	l := Default()
	toks := words("قال وزير الخارجية إن الأردن يدعم وقف إطلاق النار في سوريا")
	cs := l.Concepts("ar", toks)
	keys := keySet(cs)
	for _, k := range []string{"foreign", "minist", "ceasefir"} {
		if !keys[k] {
			t.Errorf("missing %q in %v", k, cs)
		}
	}
	for _, c := range cs {
		if c.Start < 0 || c.End > len(toks) || c.Start >= c.End || c.Weight <= 0 || c.Weight > 1.0001 {
			t.Errorf("bad concept %+v", c)
		}
		if toks[c.Start] == "قال" || toks[c.Start] == "في" || toks[c.Start] == "إن" {
			t.Errorf("stop word %q gave %+v", toks[c.Start], c)
		}
		if c.Key == "ceasefir" && (toks[c.Start] != "وقف" || c.End-c.Start != 3) {
			t.Errorf("ceasefire phrase span %+v", c)
		}
	}
	// The weights of one word's keys sum to at most 1.
	sum := map[int]float64{}
	for _, c := range cs {
		sum[c.Start] += c.Weight
	}
	for i, s := range sum {
		if s > 1.0001 {
			t.Errorf("token %d (%s): weights sum to %f", i, toks[i], s)
		}
	}
	// Diacritics and tatweel do not matter.
	a := keySet(l.Concepts("ar", []string{"اللاجِئِين"}))
	b := keySet(l.Concepts("ar", []string{"اللاجـئين"}))
	if !a["refuge"] || !b["refuge"] {
		t.Errorf("diacritics/tatweel: %v %v", a, b)
	}
}

func TestTopics(t *testing.T) {
	l := Default()
	tests := []struct {
		lang, text string
		want       []string // topics that must be found
		first      string   // the best topic, when it matters
		not        []string // topics that must not be found
	}{
		{"en", "Health officials reported new COVID-19 cases as the coronavirus pandemic forced another lockdown; the vaccine rollout continues.",
			[]string{"covid-19"}, "covid-19", []string{"sport", "trade"}},
		{"ar", "أعلنت وزارة الصحة تسجيل إصابات جديدة بفيروس كورونا، وقالت إن حملة التطعيم باللقاحات مستمرة لمواجهة الجائحة.",
			[]string{"covid-19"}, "covid-19", []string{"sport"}},
		{"en", "The ministers backed a two-state solution and an independent Palestinian state on the 1967 borders, with East Jerusalem as its capital, and condemned settlement expansion in the West Bank.",
			[]string{"israeli-palestinian-conflict"}, "israeli-palestinian-conflict", []string{"covid-19", "sport"}},
		{"ar", "أكد الوزيران دعمهما لحل الدولتين وإقامة الدولة الفلسطينية المستقلة على خطوط الرابع من حزيران وعاصمتها القدس الشرقية، ورفضهما للاستيطان في الضفة الغربية.",
			[]string{"israeli-palestinian-conflict"}, "israeli-palestinian-conflict", []string{"covid-19"}},
		{"en", "Talks on the Syrian crisis focused on a political solution under resolution 2254, the Constitutional Committee in Geneva, the situation in Idlib and the return of refugees.",
			[]string{"syrian-crisis", "refugees"}, "syrian-crisis", nil},
		{"ar", "بحث الجانبان تطورات الأزمة السورية والحل السياسي وفق القرار 2254 وعمل اللجنة الدستورية والأوضاع في إدلب وعودة اللاجئين السوريين إلى بلادهم.",
			[]string{"syrian-crisis", "refugees"}, "syrian-crisis", nil},
		{"en", "A magnitude 7.8 earthquake struck the region; rescue teams searched the rubble as the death toll rose and floods hit the coast.",
			[]string{"disasters"}, "disasters", []string{"elections"}},
		{"ar", "ضرب زلزال بقوة 7.8 درجات على مقياس ريختر المنطقة، وواصلت فرق الإنقاذ البحث تحت الأنقاض مع ارتفاع حصيلة الضحايا.",
			[]string{"disasters"}, "disasters", nil},
		{"en", "Washington imposed new sanctions on the central bank and froze assets under an export embargo.",
			[]string{"sanctions"}, "sanctions", nil},
		{"ar", "فرضت واشنطن عقوبات جديدة على البنك المركزي وجمدت الأصول ضمن الحصار.",
			[]string{"sanctions"}, "sanctions", nil},
		{"en", "Voters went to the polls in the presidential election; turnout was high and the candidates awaited the ballot count.",
			[]string{"elections"}, "elections", nil},
		{"ar", "توجه الناخبين إلى صناديق الاقتراع في الانتخابات الرئاسية وسط نسبة مشاركة مرتفعة.",
			[]string{"elections"}, "elections", nil},
		{"en", "The two foreign ministers held talks on bilateral relations and cooperation during the visit, and met their counterparts at a joint press conference.",
			[]string{"bilateral-relations"}, "bilateral-relations", nil},
		{"ar", "عقد وزيرا الخارجية مباحثات حول العلاقات الثنائية والتعاون بين البلدين خلال الزيارة، وعقدا مؤتمرا صحفيا مشتركا.",
			[]string{"bilateral-relations"}, "bilateral-relations", nil},
		{"en", "The ceasefire held in the de-escalation zone as peace talks resumed.",
			[]string{"ceasefire"}, "ceasefire", nil},
		{"ar", "صمد وقف إطلاق النار في منطقة خفض التصعيد مع استئناف محادثات السلام.",
			[]string{"ceasefire"}, "ceasefire", nil},
		{"en", "Oil prices rose after OPEC+ agreed to cut crude oil production by two million barrels a day.",
			[]string{"energy"}, "energy", nil},
		{"ar", "ارتفعت أسعار النفط بعد أن اتفق تحالف أوبك+ على خفض إنتاج النفط الخام.",
			[]string{"energy"}, "energy", nil},
		{"en", "Real Madrid won the match 2-1 to reach the final of the tournament; the coach praised his players.",
			[]string{"sport"}, "sport", []string{"military", "terrorism"}},
	}
	for _, tt := range tests {
		got := l.Topics(tt.lang, tt.text)
		var ids []string
		for _, tp := range got {
			ids = append(ids, tp.ID)
			if tp.Score <= 0 || tp.Score >= 1 || len(tp.Cues) == 0 || tp.Label == "" || tp.LabelAr == "" {
				t.Errorf("bad topic %+v", tp)
			}
		}
		for _, w := range tt.want {
			if !slices.Contains(ids, w) {
				t.Errorf("%s %q…: topics %v, want %s", tt.lang, tt.text[:40], ids, w)
			}
		}
		if tt.first != "" && (len(ids) == 0 || ids[0] != tt.first) {
			t.Errorf("%s %q…: topics %v, want %s first", tt.lang, tt.text[:40], ids, tt.first)
		}
		for _, n := range tt.not {
			if slices.Contains(ids, n) {
				t.Errorf("%s %q…: topics %v include %s", tt.lang, tt.text[:40], ids, n)
			}
		}
		for i := 1; i < len(got); i++ {
			if got[i].Score > got[i-1].Score {
				t.Errorf("topics not best first: %v", ids)
			}
		}
	}
}

func TestTopicsNone(t *testing.T) {
	l := Default()
	for _, tt := range []struct{ lang, text string }{
		{"en", ""}, {"ar", ""}, {"en", "The cat sat on the mat."}, {"ar", "جلس القط على الحصيرة."},
		{"fr", "La guerre en Ukraine"}, {"en", "who is who"},
	} {
		if got := l.Topics(tt.lang, tt.text); len(got) != 0 {
			t.Errorf("Topics(%s, %q) = %+v, want none", tt.lang, tt.text, got)
		}
	}
}

func TestTaxonomy(t *testing.T) {
	l := Default()
	ids := l.TopicIDs()
	if len(ids) < 25 {
		t.Errorf("%d topics, want at least 25", len(ids))
	}
	perLang := map[string]map[int]int{"en": {}, "ar": {}}
	for _, c := range l.cues.cues {
		for lang, m := range perLang {
			if firstKey(l, c) == lang {
				m[c.topic]++
			}
		}
	}
	for ti, id := range ids {
		if perLang["en"][ti] < 5 || perLang["ar"][ti] < 5 {
			t.Errorf("topic %s has %d English and %d Arabic cues, want at least 5 of each", id, perLang["en"][ti], perLang["ar"][ti])
		}
	}
}

// firstKey returns the language under which cue c is filed.
func firstKey(l *Lexicon, c cue) string {
	for _, idx := range []map[string]map[string][]int{l.cues.exact, l.cues.prefix} {
		for lang, m := range idx {
			for _, cis := range m {
				for _, ci := range cis {
					if l.cues.cues[ci].text == c.text && l.cues.cues[ci].topic == c.topic {
						return lang
					}
				}
			}
		}
	}
	return ""
}

func TestLoadLayers(t *testing.T) {
	extra := fstest.MapFS{
		"concepts-mine.tsv":     {Data: []byte("# mine\nالمنطقة العازلة\tbuffer zone\nbuffer zone\tbuffer zone\n")},
		"topics-mine.tsv":       {Data: []byte("buffer-zones\tBuffer zones\tالمناطق العازلة\n")},
		"topic_cues-mine.tsv":   {Data: []byte("buffer-zones\ten\t3\tbuffer zone\nbuffer-zones\tar\t3\tالمنطقة العازلة\n")},
		"stopwords_en-mine.txt": {Data: []byte("solution\n")},
	}
	l, err := Load(Data(), extra)
	if err != nil {
		t.Fatal(err)
	}
	if k := keySet(l.Concepts("ar", words("المنطقة العازلة"))); !k["buffer"] || !k["zone"] {
		t.Errorf("user Arabic phrase: %v", k)
	}
	if k := keySet(l.Concepts("en", words("a buffer zone"))); !k["buffer"] || !k["zone"] {
		t.Errorf("user English phrase: %v", k)
	}
	if k := keySet(l.Concepts("en", words("solution"))); k["solut"] {
		t.Errorf("user stop word ignored: %v", k)
	}
	tp := l.Topics("ar", "أقيمت المنطقة العازلة على الحدود")
	if len(tp) == 0 || tp[0].ID != "buffer-zones" {
		t.Errorf("user topic: %+v", tp)
	}
	if k := keySet(Default().Concepts("en", words("solution"))); !k["solut"] {
		t.Errorf("the default lexicon changed: %v", k)
	}
}

func TestLoadErrors(t *testing.T) {
	base := fstest.MapFS{"concepts.tsv": {Data: []byte("سلام\tpeac\n")}}
	with := func(files ...string) fstest.MapFS {
		m := fstest.MapFS{}
		for k, v := range base {
			m[k] = v
		}
		for i := 0; i+1 < len(files); i += 2 {
			m[files[i]] = &fstest.MapFile{Data: []byte(files[i+1])}
		}
		return m
	}
	tests := []struct {
		name  string
		files fstest.MapFS
		want  string
	}{
		{"empty", fstest.MapFS{}, "no concepts"},
		{"bad weight", with("concepts-x.tsv", "حرب\twar:abc\n"), "concepts-x.tsv:1"},
		{"bad key", with("concepts-x.tsv", "حرب\tWar\n"), "concepts-x.tsv:1"},
		{"no keys", with("concepts-x.tsv", "حرب\n"), "concepts-x.tsv:1"},
		{"unknown topic", with("topic_cues.tsv", "nope\ten\t1\tword\n"), `topic_cues.tsv:1: unknown topic "nope"`},
		{"bad lang", with("topics.tsv", "t\tT\tت\n", "topic_cues.tsv", "t\tfr\t1\tmot\n"), "topic_cues.tsv:1"},
		{"bad cue weight", with("topics.tsv", "t\tT\tت\n", "topic_cues.tsv", "t\ten\t99\tword\n"), "topic_cues.tsv:1"},
		{"bad topic id", with("topics.tsv", "Bad Id\tT\tت\n"), "topics.tsv:1"},
		{"invalid utf8", with("concepts-x.tsv", "\xff\tx\n"), "not valid UTF-8"},
		{"bad gzip", with("concepts.tsv.gz", "not gzip"), "concepts.tsv.gz"},
	}
	for _, tt := range tests {
		_, err := Load(tt.files)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Load error = %v, want one containing %q", tt.name, err, tt.want)
		}
	}
}

func TestConcurrentUse(t *testing.T) {
	l := Default()
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if len(l.Concepts("ar", words("حل الدولتين"))) == 0 || len(l.Topics("en", article3K)) == 0 {
				t.Error("no concepts or topics")
			}
		}()
	}
	wg.Wait()
}

func FuzzConcepts(f *testing.F) {
	for _, s := range []string{"two-state solution", "حل الدولتين", "لوقف إطلاق النار", "\u202eالأردن\u200d", "a\u0301", "", "- - -", "لل", "و", "\xff\xfe"} {
		f.Add(s)
	}
	l := Default()
	f.Fuzz(func(t *testing.T, s string) {
		for _, lang := range []string{"en", "ar"} {
			toks := strings.Fields(s)
			for _, c := range l.Concepts(lang, toks) {
				if c.Start < 0 || c.End > len(toks) || c.Start >= c.End || c.Key == "" {
					t.Fatalf("Concepts(%s, %q): bad concept %+v", lang, toks, c)
				}
			}
			for _, tp := range l.Topics(lang, s) {
				if tp.Score <= 0 || tp.Score >= 1 {
					t.Fatalf("Topics(%s, %q): score %v", lang, s, tp.Score)
				}
			}
		}
	})
}

func FuzzTopics(f *testing.F) {
	f.Add("en", article3K[:200])
	f.Add("ar", articleAr[:200])
	f.Add("ar", "ال ال لل وو")
	l := Default()
	f.Fuzz(func(t *testing.T, lang, s string) {
		l.Topics(lang, s)
	})
}

// article3K is a 3 KB English news article written for these tests.
var article3K = strings.Repeat(`Foreign ministers from the region met in the capital on Tuesday for talks on the Syrian crisis,
the return of refugees and a political solution to the conflict. The ministers said a lasting ceasefire in the
north-west and the delivery of humanitarian aid across the border were priorities, and called for the
Constitutional Committee to resume its work in Geneva under UN Security Council resolution 2254. They also
discussed bilateral cooperation in trade, energy and water, and the economic situation after the pandemic.
`, 6)[:3072]

// articleAr is an Arabic news text of about 3 KB written for these tests.
var articleAr = strings.Repeat(`التقى وزراء خارجية دول المنطقة في العاصمة يوم الثلاثاء لإجراء مباحثات حول الأزمة السورية وعودة
اللاجئين والحل السياسي للصراع. وقال الوزراء إن وقف إطلاق النار في الشمال الغربي وإيصال المساعدات الإنسانية عبر
الحدود من الأولويات، ودعوا اللجنة الدستورية إلى استئناف عملها في جنيف وفق قرار مجلس الأمن 2254. كما بحثوا التعاون
الثنائي في التجارة والطاقة والمياه والوضع الاقتصادي بعد الجائحة.
`, 6)[:3072]

func BenchmarkTopics(b *testing.B) {
	l := Default()
	for _, bc := range []struct{ name, lang, text string }{{"en", "en", article3K}, {"ar", "ar", articleAr}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.text)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				l.Topics(bc.lang, bc.text)
			}
		})
	}
}

func BenchmarkConcepts(b *testing.B) {
	l := Default()
	for _, bc := range []struct{ name, lang, text string }{{"en", "en", article3K}, {"ar", "ar", articleAr}} {
		toks := words(bc.text)
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.text)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				l.Concepts(bc.lang, toks)
			}
		})
	}
}
