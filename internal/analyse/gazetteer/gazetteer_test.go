package gazetteer

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"storyline/internal/analyse/lang/ar"
)

// ids renders entries as "id/kind" (and "/via" for metonyms) for comparison.
func ids(es []Entry) []string {
	var out []string
	for _, e := range es {
		s := e.ID + "/" + e.Kind
		if e.Via != "" {
			s += "/" + e.Via
		}
		out = append(out, s)
	}
	return out
}

func TestLookup(t *testing.T) {
	g := Default()
	tests := []struct {
		phrase string
		want   []string // entries that must be among the results
		first  string   // the first result's id/kind, when it matters
	}{
		{"Jordan", []string{"country:JOR/name"}, "country:JOR/name"},
		{"الأردن", []string{"country:JOR/name"}, "country:JOR/name"},
		{"Hashemite Kingdom of Jordan", []string{"country:JOR/alias"}, ""},
		{"Hashemite kingdom", []string{"country:JOR/alias"}, ""},
		{"المملكة الأردنية الهاشمية", []string{"country:JOR/alias"}, ""},
		{"Jordanian", []string{"country:JOR/demonym"}, ""},
		{"الأردنية", []string{"country:JOR/demonym"}, ""},
		{"United States", []string{"country:USA/name"}, ""},
		{"US", []string{"country:USA/alias"}, ""},
		{"U.S.", []string{"country:USA/alias"}, ""},
		{"USA", []string{"country:USA/alias"}, ""},
		{"America", []string{"country:USA/alias"}, ""},
		{"the United States", []string{"country:USA/name"}, ""},
		{"Washington", []string{"city:washington/name", "country:USA/metonym/city:washington"}, ""},
		{"UAE", []string{"country:ARE/alias"}, ""},
		{"Emirates", []string{"country:ARE/alias"}, ""},
		{"Russian Federation", []string{"country:RUS/alias"}, ""},
		{"جمهورية روسيا الاتحادية", []string{"country:RUS/alias"}, ""},
		{"Syrian", []string{"country:SYR/demonym"}, ""},
		{"Syrians", []string{"country:SYR/demonym"}, ""},
		{"سوري", []string{"country:SYR/demonym"}, ""},
		{"السوري", []string{"country:SYR/demonym"}, ""},
		{"السورية", []string{"country:SYR/demonym"}, ""},
		{"السوريين", []string{"country:SYR/demonym"}, ""},
		{"السوريون", []string{"country:SYR/demonym"}, ""},
		{"سورية", []string{"country:SYR/alias"}, ""},
		{"سوريا", []string{"country:SYR/name"}, ""},
		{"روسي", []string{"country:RUS/demonym"}, ""},
		{"الروسية", []string{"country:RUS/demonym"}, ""},
		{"الروس", []string{"country:RUS/demonym"}, ""},
		{"الفلسطينية", []string{"country:PSE/demonym"}, ""},
		{"الليبية", []string{"country:LBY/demonym"}, ""},
		{"الإسرائيلي", []string{"country:ISR/demonym"}, ""},
		{"الاسرائيليين", []string{"country:ISR/demonym"}, ""},
		{"Israeli", []string{"country:ISR/demonym"}, ""},
		{"Palestinians", []string{"country:PSE/demonym"}, ""},
		{"American", []string{"country:USA/demonym"}, ""},
		{"الأمريكية", []string{"country:USA/demonym"}, ""},
		{"الأميركية", []string{"country:USA/demonym"}, ""},
		{"Moscow", []string{"city:moscow/name", "country:RUS/metonym/city:moscow"}, "city:moscow/name"},
		{"the Kremlin", []string{"place:kremlin/name", "country:RUS/metonym/place:kremlin"}, ""},
		{"Kremlin", []string{"country:RUS/metonym/place:kremlin"}, ""},
		{"الكرملين", []string{"country:RUS/metonym/place:kremlin"}, ""},
		{"the White House", []string{"country:USA/metonym/place:white-house"}, ""},
		{"البيت الأبيض", []string{"country:USA/metonym/place:white-house"}, ""},
		{"Elysee", []string{"country:FRA/metonym/place:elysee"}, ""},
		{"Élysée", []string{"country:FRA/metonym/place:elysee"}, ""},
		{"Damascus", []string{"city:damascus/name", "country:SYR/metonym/city:damascus"}, ""},
		{"دمشق", []string{"country:SYR/metonym/city:damascus"}, ""},
		{"Amman", []string{"city:amman/name", "country:JOR/metonym/city:amman"}, ""},
		{"عمان", []string{"country:OMN/name", "city:amman/name"}, "country:OMN/name"},
		{"Beijing", []string{"country:CHN/metonym/city:beijing"}, ""},
		{"the Kingdom", []string{"country:JOR/contextual", "country:SAU/contextual"}, ""},
		{"المملكة", []string{"country:JOR/contextual", "country:SAU/contextual"}, ""},
		{"Sochi", []string{"city:sochi/name"}, ""},
		{"Geneva", []string{"city:geneva/name"}, ""},
		{"جنيف", []string{"city:geneva/name"}, ""},
		{"Astana", []string{"city:astana/name"}, ""},
		{"Nur-Sultan", []string{"city:astana/name"}, ""},
		{"Nur Sultan", []string{"city:astana/name"}, ""},
		{"نور سلطان", []string{"city:astana/name"}, ""},
		{"Deraa", []string{"city:daraa/name"}, ""},
		{"Daraa", []string{"city:daraa/name"}, ""},
		{"درعا", []string{"city:daraa/name"}, ""},
		{"Aleppo", []string{"city:aleppo/name"}, ""},
		{"Idlib", []string{"city:idlib/name"}, ""},
		{"إدلب", []string{"city:idlib/name"}, ""},
		{"Rukban", []string{"place:rukban/name"}, ""},
		{"مخيم الركبان", []string{"place:rukban/name"}, ""},
		{"Jerash", []string{"city:jerash/name"}, ""},
		{"Aqaba", []string{"city:aqaba/name"}, ""},
		{"Mosul", []string{"city:mosul/name"}, ""},
		{"Gaza", []string{"city:gaza/name", "region:gaza-strip/name"}, ""},
		{"Ramallah", []string{"city:ramallah/name"}, ""},
		{"Jerusalem", []string{"city:jerusalem/name"}, ""},
		{"القدس", []string{"city:jerusalem/name"}, ""},
		{"the Gulf", []string{"region:gulf/name"}, ""},
		{"Arabian Gulf", []string{"region:gulf/name"}, ""},
		{"Persian Gulf", []string{"region:gulf/name"}, ""},
		{"الخليج العربي", []string{"region:gulf/name"}, ""},
		{"Middle East", []string{"region:middle-east/name"}, ""},
		{"الشرق الأوسط", []string{"region:middle-east/name"}, ""},
		{"West Bank", []string{"region:west-bank/name"}, ""},
		{"الضفة الغربية", []string{"region:west-bank/name"}, ""},
		{"Golan", []string{"region:golan/name"}, ""},
		{"Levant", []string{"region:levant/name"}, ""},
		{"UN", []string{"org:un/acronym"}, ""},
		{"United Nations", []string{"org:un/name"}, ""},
		{"الأمم المتحدة", []string{"org:un/name"}, ""},
		{"UN Security Council", []string{"org:unsc/name"}, ""},
		{"مجلس الأمن", []string{"org:unsc/name"}, ""},
		{"NATO", []string{"org:nato/acronym"}, ""},
		{"Arab League", []string{"org:arab-league/name"}, ""},
		{"جامعة الدول العربية", []string{"org:arab-league/name"}, ""},
		{"OPEC", []string{"org:opec/acronym"}, ""},
		{"OPEC+", []string{"org:opec-plus/name"}, ""},
		{"the Quartet", []string{"org:quartet/name"}, ""},
		{"الرباعية الدولية", []string{"org:quartet/name"}, ""},
		{"ISIS", []string{"org:isis/acronym"}, ""},
		{"ISIL", []string{"org:isis/acronym"}, ""},
		{"Islamic State", []string{"org:isis/name"}, ""},
		{"Daesh", []string{"org:isis/name"}, ""},
		{"داعش", []string{"org:isis/name"}, ""},
		{"تنظيم الدولة", []string{"org:isis/name"}, ""},
		{"Jabhat al-Nusra", []string{"org:nusra/name"}, ""},
		{"جبهة النصرة", []string{"org:nusra/name"}, ""},
		{"Hamas", []string{"org:hamas/name"}, ""},
		{"Hezbollah", []string{"org:hezbollah/name"}, ""},
		{"WHO", []string{"org:who/acronym"}, ""},
		{"IMF", []string{"org:imf/acronym"}, ""},
		{"World Bank", []string{"org:world-bank/name"}, ""},
		{"ICC", []string{"org:icc/acronym"}, ""},
		{"IAEA", []string{"org:iaea/acronym"}, ""},
		{"UNRWA", []string{"org:unrwa/acronym"}, ""},
		{"UNHCR", []string{"org:unhcr/acronym"}, ""},
		{"Red Cross", []string{"org:icrc/name"}, ""},
		{"Red Crescent", []string{"org:ifrc/name"}, ""},
		{"TASS", []string{"org:tass/name"}, ""},
		{"Itar-Tass", []string{"org:tass/name"}, ""},
		{"Reuters", []string{"org:reuters/name"}, ""},
		{"AFP", []string{"org:afp/acronym"}, ""},
		{"AP", []string{"org:ap/acronym"}, ""},
		{"Petra", []string{"org:petra/name"}, ""},
		{"بترا", []string{"org:petra/name"}, ""},
		{"SANA", []string{"org:sana/name"}, ""},
		{"سانا", []string{"org:sana/name"}, ""},
		{"WAFA", []string{"org:wafa/name"}, ""},
		{"KUNA", []string{"org:kuna/name"}, ""},
		{"Xinhua", []string{"org:xinhua/name"}, ""},
		{"Syrian Arab Army", []string{"org:saa/name"}, ""},
		{"SAA", []string{"org:saa/acronym"}, ""},
		{"Turkey", []string{"country:TUR/name"}, ""},
		{"الجزائر", []string{"country:DZA/name", "city:algiers/name"}, "country:DZA/name"},
	}
	for _, tt := range tests {
		got := ids(g.Lookup(tt.phrase))
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("Lookup(%q) = %v, want it to include %s", tt.phrase, got, w)
			}
		}
		if tt.first != "" && (len(got) == 0 || got[0] != tt.first) {
			t.Errorf("Lookup(%q) = %v, want %s first", tt.phrase, got, tt.first)
		}
	}
}

func TestLookupRejects(t *testing.T) {
	g := Default()
	for _, phrase := range []string{
		"us", "who", "is", "turkey", "china", "the", "", "   ", "minister", "وزير", "said", "and",
		"Foreign Ministry", "وزارة الخارجية", "Lavrov", "لافروف", "the the",
	} {
		if got := g.Lookup(phrase); len(got) > 0 {
			t.Errorf("Lookup(%q) = %v, want nothing", phrase, ids(got))
		}
	}
}

func TestLookupCommon(t *testing.T) {
	g := Default()
	for _, tt := range []struct {
		phrase string
		common bool
	}{
		{"المالية", true}, {"مالي", true}, {"Chad", true}, {"Jordan", false}, {"Syria", false}, {"سوريا", false},
	} {
		got := g.Lookup(tt.phrase)
		if len(got) == 0 {
			t.Errorf("Lookup(%q) found nothing", tt.phrase)
			continue
		}
		if got[0].Common != tt.common {
			t.Errorf("Lookup(%q)[0].Common = %v, want %v", tt.phrase, got[0].Common, tt.common)
		}
	}
}

func TestEntry(t *testing.T) {
	g := Default()
	tests := []struct {
		id, name, nameAr, country, typ string
	}{
		{"country:JOR", "Jordan", "الأردن", "JOR", TypeCountry},
		{"country:SYR", "Syria", "سوريا", "SYR", TypeCountry},
		{"country:PSE", "Palestine", "فلسطين", "PSE", TypeCountry},
		{"city:amman", "Amman", "عمان", "JOR", TypeCity},
		{"region:gulf", "Gulf", "الخليج", "", TypeRegion},
		{"org:un", "United Nations", "الأمم المتحدة", "", TypeOrganisation},
	}
	for _, tt := range tests {
		e, ok := g.Entry(tt.id)
		if !ok {
			t.Errorf("Entry(%q) not found", tt.id)
			continue
		}
		if e.Name != tt.name || e.NameAr != tt.nameAr || e.Country != tt.country || e.Type != tt.typ || e.Kind != KindName {
			t.Errorf("Entry(%q) = %+v, want name %q, %q, country %q, type %q", tt.id, e, tt.name, tt.nameAr, tt.country, tt.typ)
		}
	}
	if _, ok := g.Entry("country:XXX"); ok {
		t.Error("Entry(country:XXX) found")
	}
	if forms := g.Forms("country:USA"); !slices.Contains(forms, "U.S.") || !slices.Contains(forms, "الولايات المتحدة") {
		t.Errorf("Forms(country:USA) = %v, want U.S. and الولايات المتحدة among them", forms)
	}
}

// TestCoverage checks the gazetteer covers every ISO 3166 country in both scripts and that every
// country with a capital in places.tsv and every Arab League state has its demonyms.
func TestCoverage(t *testing.T) {
	g := Default()
	countries := 0
	for _, e := range g.entities {
		if e.typ == TypeCountry {
			countries++
			if e.name == "" || e.nameAr == "" {
				t.Errorf("%s lacks an English or Arabic name: %+v", e.id, e)
			}
		}
	}
	if countries < 245 {
		t.Errorf("%d countries, want every ISO 3166-1 country and territory (about 250)", countries)
	}
	capitals := map[string]bool{}
	for _, e := range g.entities {
		if e.class == "capital" {
			capitals[e.country] = true
		}
	}
	if len(capitals) < 190 {
		t.Errorf("capitals of %d countries, want about 195", len(capitals))
	}
	demonyms := map[string]bool{}
	for _, hs := range g.exact {
		for _, h := range hs {
			if kindNames[h.kind] == KindDemonym {
				demonyms[g.entities[h.ent].country] = true
			}
		}
	}
	arabLeague := []string{"DZA", "BHR", "COM", "DJI", "EGY", "IRQ", "JOR", "KWT", "LBN", "LBY", "MRT", "MAR", "OMN", "PSE", "QAT", "SAU", "SOM", "SDN", "SYR", "TUN", "ARE", "YEM"}
	g20 := []string{"ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "KOR", "MEX", "RUS", "SAU", "ZAF", "TUR", "GBR", "USA"}
	for _, c := range append(arabLeague, g20...) {
		if !demonyms[c] {
			t.Errorf("no demonym for %s", c)
		}
	}
	if len(demonyms) < 80 {
		t.Errorf("demonyms for %d countries, want at least 80", len(demonyms))
	}
}

func TestRole(t *testing.T) {
	g := Default()
	tests := []struct{ phrase, want string }{
		{"Foreign Minister", "foreign minister"},
		{"foreign minister", "foreign minister"},
		{"foreign ministers", "foreign minister"},
		{"Minister of Foreign Affairs", "foreign minister"},
		{"Foreign and Expatriates Minister", "foreign minister"},
		{"top diplomat", "foreign minister"},
		{"وزير الخارجية", "foreign minister"},
		{"وزير الخارجية وشؤون المغتربين", "foreign minister"},
		{"وزير خارجية", "foreign minister"},
		{"King", "king"},
		{"His Majesty", "king"},
		{"الملك", "king"},
		{"جلالة الملك", "king"},
		{"President", "president"},
		{"الرئيس", "president"},
		{"فخامة الرئيس", "president"},
		{"Prime Minister", "prime minister"},
		{"PM", "prime minister"},
		{"special envoy", "special envoy"},
		{"المبعوث", "envoy"},
		{"ambassador", "ambassador"},
		{"السفير", "ambassador"},
		{"Secretary-General", "secretary-general"},
		{"Secretary General", "secretary-general"},
		{"Crown Prince", "crown prince"},
		{"ولي العهد", "crown prince"},
		{"Emir", "emir"},
		{"Sultan", "sultan"},
		{"Defence Minister", "defence minister"},
		{"Defense Secretary", "defence minister"},
		{"spokesman", "spokesperson"},
		{"pm", ""},
		{"general", ""},
		{"Lavrov", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := g.Role(tt.phrase)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("Role(%q) = %q, %v, want %q", tt.phrase, got, ok, tt.want)
		}
	}
}

func TestKingdoms(t *testing.T) {
	got := Default().Kingdoms()
	for _, want := range []string{"JOR", "SAU", "MAR", "BHR", "GBR"} {
		if !slices.Contains(got, want) {
			t.Errorf("Kingdoms() = %v, want %s among them", got, want)
		}
	}
	for _, not := range []string{"SYR", "RUS", "USA", "EGY"} {
		if slices.Contains(got, not) {
			t.Errorf("Kingdoms() = %v includes %s", got, not)
		}
	}
	if !slices.IsSorted(got) {
		t.Errorf("Kingdoms() = %v, not sorted", got)
	}
}

func TestGivenNameGroup(t *testing.T) {
	g := Default()
	tests := []struct{ a, b string }{
		{"Sergey", "Sergei"},
		{"Mohammed", "Muhammad"},
		{"Mohamed", "محمد"},
		{"Faisal", "Feisal"},
		{"Faysal", "فيصل"},
		{"Hussein", "Husayn"},
		{"Abdullah", "Abdallah"},
		{"Abdullah", "عبد الله"},
		{"Ayman", "أيمن"},
	}
	for _, tt := range tests {
		ga, gb := g.GivenNameGroup(tt.a), g.GivenNameGroup(tt.b)
		if ga == "" || ga != gb {
			t.Errorf("GivenNameGroup(%q) = %q, GivenNameGroup(%q) = %q, want the same group", tt.a, ga, tt.b, gb)
		}
	}
	if g.GivenNameGroup("Sergei") == g.GivenNameGroup("Mohammed") {
		t.Error("Sergei and Mohammed share a group")
	}
	for _, s := range []string{"Lavrov", "said", "", "sergei"} {
		if got := g.GivenNameGroup(s); got != "" {
			t.Errorf("GivenNameGroup(%q) = %q, want none", s, got)
		}
	}
}

func TestNamePart(t *testing.T) {
	g := Default()
	tests := []struct{ phrase, want string }{
		{"al-", "particle"}, {"Al", "particle"}, {"el-", "particle"}, {"bin", "particle"}, {"ibn", "particle"},
		{"bint", "particle"}, {"Abu", "particle"}, {"Abdul", "particle"}, {"Abd al-", "particle"},
		{"Prince", "title"}, {"Sheikh", "title"}, {"Dr.", "title"}, {"الشيخ", "title"},
		{"His Majesty", "honorific"}, {"His Excellency", "honorific"}, {"فخامة", "honorific"},
		{"جلالة", "honorific"}, {"سمو", "honorific"}, {"معالي", "honorific"},
		{"Lavrov", ""}, {"Safadi", ""},
	}
	for _, tt := range tests {
		if got := g.NamePart(tt.phrase); got != tt.want {
			t.Errorf("NamePart(%q) = %q, want %q", tt.phrase, got, tt.want)
		}
	}
}

func TestMaxPhraseTokens(t *testing.T) {
	n := Default().MaxPhraseTokens()
	if n < 4 || n > 20 {
		t.Errorf("MaxPhraseTokens() = %d, want a handful", n)
	}
	if got := tokenCount("Nur-Sultan"); got != 3 {
		t.Errorf("tokenCount(Nur-Sultan) = %d, want 3", got)
	}
	if got := tokenCount("المملكة الأردنية الهاشمية"); got != 3 {
		t.Errorf("tokenCount(المملكة الأردنية الهاشمية) = %d, want 3", got)
	}
}

func TestKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"U.S.", "us"},
		{"Élysée", "elysee"},
		{"Nur-Sultan", "nur sultan"},
		{"  Sana'a  ", "sanaa"},
		{"Côte d’Ivoire", "cote divoire"},
		{"الأُرْدُنّ", "الاردن"},
		{"إسرائيل", "اسراييل"},
		{"OPEC+", "opec+"},
		{"(Jordan)", "jordan"},
	}
	for _, tt := range tests {
		if got := Key(tt.in); got != tt.want {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLoadLayers(t *testing.T) {
	extra := fstest.MapFS{
		"places-mine.tsv": {Data: []byte("# mine\ncity:zarqa\tcity\tJOR\tZerqa\tالزرقا\nplace:new-camp\tcamp\tJOR\tNew Camp\tالمخيم الجديد\n")},
		"roles_extra.tsv": {Data: []byte("chief negotiator\tchief negotiator\tكبير المفاوضين\n")},
		"unrelated.txt":   {Data: []byte("ignored")},
	}
	g, err := Load(Data(), extra)
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(g.Lookup("Zerqa")); !slices.Contains(got, "city:zarqa/name") {
		t.Errorf("extra spelling: Lookup(Zerqa) = %v", got)
	}
	if got := ids(g.Lookup("Zarqa")); !slices.Contains(got, "city:zarqa/name") {
		t.Errorf("default spelling lost: Lookup(Zarqa) = %v", got)
	}
	if got := ids(g.Lookup("New Camp")); !slices.Contains(got, "place:new-camp/name") {
		t.Errorf("new entry: Lookup(New Camp) = %v", got)
	}
	if r, _ := g.Role("كبير المفاوضين"); r != "chief negotiator" {
		t.Errorf("extra role: %q", r)
	}
	if got := Default().Lookup("Zerqa"); got != nil {
		t.Errorf("the default gazetteer changed: %v", ids(got))
	}
}

func TestLoadErrors(t *testing.T) {
	base := "JOR\tJO\tJordan\tالأردن\n"
	tests := []struct {
		name  string
		files fstest.MapFS
		want  string
	}{
		{"empty", fstest.MapFS{}, "no entries"},
		{"bad iso3", fstest.MapFS{"countries.tsv": {Data: []byte("jo\tJO\tJordan\tالأردن\n")}}, "countries.tsv:1"},
		{"unknown country", fstest.MapFS{"countries.tsv": {Data: []byte(base)}, "places.tsv": {Data: []byte("city:x\tcity\tXXX\tX\t\n")}}, `places.tsv:1: unknown country "XXX"`},
		{"bad id", fstest.MapFS{"countries.tsv": {Data: []byte(base)}, "places.tsv": {Data: []byte("town:x\tcity\tJOR\tX\t\n")}}, "places.tsv:1"},
		{"bad kind", fstest.MapFS{"countries.tsv": {Data: []byte(base)}, "country_forms.tsv": {Data: []byte("JOR\tnickname\tJo\t\n")}}, "country_forms.tsv:1"},
		{"unknown via", fstest.MapFS{"countries.tsv": {Data: []byte(base)}, "metonyms.tsv": {Data: []byte("JOR\tcity:nowhere\t\t\n")}}, "metonyms.tsv:1"},
		{"role conflict", fstest.MapFS{"countries.tsv": {Data: []byte(base)}, "roles.tsv": {Data: []byte("king\tKing\t\nqueen\tking\t\n")}}, "roles.tsv:2"},
		{"invalid utf8", fstest.MapFS{"countries.tsv": {Data: []byte("JOR\tJO\t\xff\xfe\t\n")}}, "not valid UTF-8"},
	}
	for _, tt := range tests {
		_, err := Load(tt.files)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Load error = %v, want one containing %q", tt.name, err, tt.want)
		}
	}
}

func TestConcurrentUse(t *testing.T) {
	g := Default()
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, p := range []string{"Jordan", "السوريين", "the Kingdom", "Moscow", "UN"} {
				if len(g.Lookup(p)) == 0 {
					t.Errorf("Lookup(%q) found nothing", p)
				}
			}
		}()
	}
	wg.Wait()
}

func FuzzLookup(f *testing.F) {
	for _, s := range []string{"Jordan", "السوريين", "U.S.", "the Kingdom", "\u202eالأردن\u200d", "a\u0301", "", "the ", "ال", "\xff"} {
		f.Add(s)
	}
	g := Default()
	f.Fuzz(func(t *testing.T, s string) {
		for _, e := range g.Lookup(s) {
			if e.ID == "" || e.Kind == "" {
				t.Fatalf("Lookup(%q) returned an empty entry %+v", s, e)
			}
		}
		g.Role(s)
		g.GivenNameGroup(s)
		g.NamePart(s)
		_ = Key(s)
	})
}

func BenchmarkLookup(b *testing.B) {
	g := Default()
	phrases := []string{"Jordan", "the", "Foreign Minister", "Ayman", "Safadi", "السوريين", "وزير", "الخارجية", "said", "Moscow", "United Nations Security Council"}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		g.Lookup(phrases[i%len(phrases)])
	}
}

func TestHasWord(t *testing.T) {
	g := Default()
	tests := []struct {
		word string
		want bool
	}{
		{"jordan", true},
		{"syrian", true},
		{"kingdom", true},
		{"minister", true},
		{"majesty", true},
		{Key("الخارجية"), true},
		{Key("السوريين"), true},
		{"discussed", false},
		{Key("محادثات"), false},
	}
	for _, tt := range tests {
		if got := g.HasWord(tt.word); got != tt.want {
			t.Errorf("HasWord(%q) = %v, want %v", tt.word, got, tt.want)
		}
	}
}

// TestHasWordCoversKeys checks the filter never rejects a word of an indexed key.
func TestHasWordCoversKeys(t *testing.T) {
	g := Default()
	for _, m := range []map[string][]hit{g.exact, g.folded} {
		for k := range m {
			for _, w := range strings.Fields(strings.ToLower(strings.TrimPrefix(k, "="))) {
				if !g.HasWord(w) {
					t.Errorf("HasWord(%q) = false for a word of key %q", w, k)
				}
			}
		}
	}
}

// TestArabicKeyFastPath checks that Key's fast path for Arabic gives what the general path gives.
func TestArabicKeyFastPath(t *testing.T) {
	for _, s := range []string{"وزير الخارجية", "الأمم المتحدة", "أوبك+", "سوريا-الأردن", "ليبيا.", "شؤون المغتربين", "عبد الله الثاني", "مؤتمر جنيف 2", "إلى القدس", "Amman عمان", "آل ثاني", "ـالتطويلـ"} {
		n := ar.Normalise(s)
		fast, ok := arabicKey(n)
		if !ok {
			continue
		}
		if slow := generalKey(n); fast != slow {
			t.Errorf("arabicKey(%q) = %q, general path %q", s, fast, slow)
		}
	}
}
