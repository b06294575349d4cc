package analyse

import (
	"strings"
	"testing"
)

// TestNamesByPattern covers names the gazetteers lack, found by the words around them, and the
// words that look like names but are not.
func TestNamesByPattern(t *testing.T) {
	runCases(t, []analyseCase{
		{name: "ar org after head noun", lang: "ar",
			body:   "وقدمت مؤسسة الأمير حمزة للتنمية والتعليم المهني منحاً للطلاب في مدينة الكرك.",
			want:   []wantEnt{{key: "org:موسسه-الامير-حمزه-للتنميه-والتعليم-المهني", mentions: []string{"مؤسسة الأمير حمزة للتنمية والتعليم المهني"}}},
			absent: []string{"text:الأمير حمزة"}},
		{name: "ar quoted company, type noun outside", lang: "ar",
			body: "وقعت الوزارة عقداً مع شركة \"نور الشرق\" للمقاولات لبناء المدارس.",
			want: []wantEnt{{key: "org:نور-الشرق", mentions: []string{"نور الشرق"}}}},
		{name: "ar indefinite noun is no name", lang: "ar",
			body:   "وقالت جمعية خيرية إن منطقة عسكرية أغلقت الطريق.",
			absent: []string{"text:خيرية", "text:عسكرية"}},
		{name: "ar national society keyed by movement and country", lang: "ar",
			body: "أرسلت جمعية الهلال الأحمر القطري قافلة، وقال متطوعو الهلال الأحمر إنها وصلت.",
			want: []wantEnt{{key: "org:ifrc-qat", mentions: []string{"جمعية الهلال الأحمر القطري", "الهلال الأحمر"}}}},
		{name: "ar places after plural place noun", lang: "ar",
			body: "ضربت العاصفة ولايات سنار والنيل الأبيض، وانقطعت الطرق إلى مدينة الدمازين.",
			want: []wantEnt{{key: "place:سنار", mentions: []string{"سنار"}}, {key: "place:الدمازين", mentions: []string{"الدمازين"}}}},
		{name: "ar singular place noun takes no list", lang: "ar",
			body:   "وبحث الوزيران الأوضاع في منطقة الساحل وأكدا أهمية التنسيق.",
			absent: []string{"text:أكدا"}},
		{name: "ar the article makes floods no Seoul", lang: "ar",
			body:   "جرفت السيول عشرات المنازل في القرية.",
			absent: []string{"city:seoul", "country:KOR"}},
		{name: "ar role complement before the name", lang: "ar",
			body:   "وقال وزير الزراعة خالد الحنيفات إن الموسم جيد، فيما أكدت مديرة الإدارة رنا حداد ذلك.",
			want:   []wantEnt{{key: "person:khalid-al-hanevat", mentions: []string{"خالد الحنيفات"}}},
			absent: []string{"text:الزراعة خالد الحنيفات"}},
		{name: "ar bin inside a name and a nisba family name", lang: "ar",
			body: "وترأس الوفد الدكتور ناصر بن علي الهاجري، حيث التقى المسؤولين.",
			want: []wantEnt{{key: "person:nasser-ben-ali-al-hagri", mentions: []string{"ناصر بن علي الهاجري"}}}},
		{name: "ar no name after a cue: conjunction, comma, preposition homograph", lang: "ar",
			body:   "استقبل رئيس الوزراء اللبناني ويستمع إلى المطالب. وألقت رئيسة النقابة كلمة أمام المتظاهرين.",
			absent: []string{"text:ويستمع", "text:المتظاهرين"}},
		{name: "ar counterpart without a name", lang: "ar",
			body:   "الصفدي يبحث مع نظيره العراقي ملف المياه والحدود",
			absent: []string{"text:ملف المياه"}},
		{name: "ar Sheikh is part of a royal's name", lang: "ar",
			body: "وتلقى الرئيس رسالة من الشيخ محمد بن زايد آل نهيان رئيس دولة الإمارات.",
			want: []wantEnt{{key: "person:mohamed-bin-zayed", mentions: []string{"الشيخ محمد بن زايد آل نهيان"}}}},
		{name: "en organisation of a place", lang: "en",
			body: "The Central Bank of Jordan held rates, and the University of Baghdad reopened.",
			want: []wantEnt{{key: "org:central-bank-of-jordan"}, {key: "org:university-of-baghdad"}}},
		{name: "en national society and joint bodies", lang: "en",
			body: "The Iraqi Red Crescent sent teams. The Jordanian-Syrian Higher Committee met, and the Arab League Economic Council approved the plan.",
			want: []wantEnt{{key: "org:ifrc-irq", mentions: []string{"Iraqi Red Crescent"}},
				{key: "org:jordanian-syrian-higher-committee"}, {key: "org:arab-league-economic-council"}}},
		{name: "en head noun after a capitalised run", lang: "en",
			body:   "Rescuers reached the Wadi Dawasir oasis and Taroudant province, near the New Capital project.",
			want:   []wantEnt{{key: "place:wadi-dawasir"}, {key: "place:taroudant"}},
			absent: []string{"place:new-capital", "text:New Capital"}},
		{name: "en no person takes the article", lang: "en",
			body:   "Crowds gathered around the Grand Bazaar on Friday.",
			absent: []string{"person:grand-bazaar"}},
		{name: "en Sheikh kept, attributive group name no person", lang: "en",
			body: "President Sheikh Mohamed bin Zayed Al Nahyan spoke. A Houthi official said the Houthi movement would reply.",
			want: []wantEnt{{key: "person:mohamed-bin-zayed", mentions: []string{"Sheikh Mohamed bin Zayed Al Nahyan"}},
				{key: "org:houthis", mentions: []string{"Houthi"}}},
			absent: []string{"person:abdul-malik-al-houthi"}},
		{name: "en government department is no organisation", lang: "en",
			body:   "The State Department said the Justice Department would investigate.",
			absent: []string{"org:state-department", "org:justice-department"}},
	})
}

// TestResolvePlacesAcrossScripts links a place the gazetteer lacks, found in Arabic and in English.
func TestResolvePlacesAcrossScripts(t *testing.T) {
	refs := []EntityRef{
		{ArticleID: "a", Entity: Entity{Key: "place:taroudant", Type: TypePlace, Name: "Taroudant"}},
		{ArticleID: "b", Entity: Entity{Key: "place:تارودانت", Type: TypePlace, Name: "تارودانت"}},
		{ArticleID: "b", Entity: Entity{Key: "place:سنار", Type: TypePlace, Name: "سنار"}},
		{ArticleID: "c", Entity: Entity{Key: "city:amman", Type: TypeCity, Name: "Amman"}},
	}
	ids := Resolve(refs, nil)
	if ids[1] != "place:taroudant" {
		t.Errorf("تارودانت resolved to %s, want place:taroudant", ids[1])
	}
	if ids[2] != "place:سنار" || ids[3] != "city:amman" {
		t.Errorf("ids %v: a place with no Latin counterpart keeps its key, a gazetteer place too", ids)
	}
	if strings.Join(Resolve(refs[1:2], nil), "") != "place:تارودانت" {
		t.Error("alone, the Arabic place keeps its key")
	}
}

// TestResolveOrganisationsAcrossScripts links an organisation the gazetteer lacks, found in Arabic
// by its transliterated name and in English with a head word after it.
func TestResolveOrganisationsAcrossScripts(t *testing.T) {
	refs := []EntityRef{
		{ArticleID: "a", Entity: Entity{Key: "org:kestrel-rotor-works", Type: TypeOrganisation, Name: "Kestrel Rotor Works"}},
		{ArticleID: "b", Entity: Entity{Key: "org:بارس-روتور", Type: TypeOrganisation, Name: "بارس روتور"}},
		{ArticleID: "c", Entity: Entity{Key: "org:pars-rotor-engineering", Type: TypeOrganisation, Name: "Pars Rotor Engineering"}},
		{ArticleID: "d", Entity: Entity{Key: "org:pars-rotor-cars", Type: TypeOrganisation, Name: "Pars Rotor Cars"}},
		{ArticleID: "e", Entity: Entity{Key: "org:جمعيه-حمايه-المستهلك", Type: TypeOrganisation, Name: "جمعية حماية المستهلك"}},
	}
	ids := Resolve(refs, nil)
	if ids[1] != "org:pars-rotor-engineering" {
		t.Errorf("بارس روتور resolved to %s, want org:pars-rotor-engineering (Cars is no head word)", ids[1])
	}
	if ids[4] != refs[4].Entity.Key || ids[0] != refs[0].Entity.Key {
		t.Errorf("ids %v: names that match nothing keep their keys", ids)
	}
}

// TestBlockPlacesAndOrganisations checks that a place or an organisation found by pattern shares
// its resolution block with its spelling in the other script, and that gazetteer entries have none.
func TestBlockPlacesAndOrganisations(t *testing.T) {
	for _, c := range []struct {
		a, b Entity
		same bool
	}{
		{Entity{Key: "place:ورزازات", Type: TypePlace, Name: "ورزازات"}, Entity{Key: "place:ouarzazate", Type: TypeCity, Name: "Ouarzazate"}, true},
		{Entity{Key: "org:بارس-روتور", Type: TypeOrganisation, Name: "بارس روتور"}, Entity{Key: "org:pars-rotor-engineering", Type: TypeOrganisation, Name: "Pars Rotor Engineering"}, true},
		{Entity{Key: "org:بارس-روتور", Type: TypeOrganisation, Name: "بارس روتور"}, Entity{Key: "place:pars", Type: TypePlace, Name: "Pars"}, false},
	} {
		ba, bb := Block(c.a), Block(c.b)
		if ba == "" || (ba == bb) != c.same {
			t.Errorf("Block(%s) = %q, Block(%s) = %q; same = %v wanted", c.a.Name, ba, c.b.Name, bb, c.same)
		}
	}
	if b := Block(Entity{Key: "city:amman", Type: TypeCity, Name: "Amman"}); b != "" {
		t.Errorf("a gazetteer city has block %q, want none", b)
	}
}
