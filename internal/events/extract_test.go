package events

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"storyline/internal/analyse"
	"storyline/internal/ingest"
)

// want is the expected reading of one event; empty fields are not checked.
type want struct {
	typ, mode, actor, recipient, date, location string
	inferred                                    bool
	sentences                                   int
	outcomes                                    int
}

func (w want) String() string {
	return fmt.Sprintf("%s/%s %s -> %s date=%s loc=%s", w.typ, w.mode, w.actor, w.recipient, w.date, w.location)
}

func describe(ev Event) string {
	loc := ""
	if ev.Location != nil {
		loc = ev.Location.Key
	}
	return fmt.Sprintf("%s/%s %s -> %s date=%s(inferred=%v) loc=%s sentences=%d outcomes=%d trigger=%q",
		ev.Type, ev.Mode, ev.Actor.Key, ev.Recipient.Key, ev.Date, ev.DateInferred, loc, len(ev.Sentences),
		len(ev.Outcomes), ev.Trigger)
}

func matches(ev Event, w want) bool {
	if ev.Type != w.typ || w.mode != "" && ev.Mode != w.mode {
		return false
	}
	if ev.Actor.Key != w.actor || ev.Recipient.Key != w.recipient {
		return false
	}
	if w.date != "" && (ev.Date != w.date || ev.DateInferred != w.inferred) {
		return false
	}
	if w.location != "" && (ev.Location == nil || ev.Location.Key != w.location) {
		return false
	}
	if w.sentences > 0 && len(ev.Sentences) != w.sentences {
		return false
	}
	return w.outcomes == 0 || len(ev.Outcomes) == w.outcomes
}

type extractCase struct {
	name       string
	lang       string
	published  string
	dateline   string
	text       string
	want       []want
	background bool
}

// People and places of the test sentences (written for these tests).
const (
	safadi    = "[Ayman Safadi|person:safadi|JOR|foreign minister]"
	lavrov    = "[Sergey Lavrov|person:lavrov|RUS|foreign minister]"
	jordanian = "[Jordanian|country:JOR|||demonym]"
	russian   = "[Russian|country:RUS|||demonym]"
)

var englishCases = []extractCase{
	{
		name: "phone call, coordinated subject, date in the sentence",
		text: "Foreign Minister " + safadi + " and " + russian + " Foreign Minister " + lavrov +
			" {on Tuesday|2020-03-31} discussed regional developments over the phone.",
		want: []want{{typ: Consult, mode: ModePhone, actor: "person:safadi", recipient: "person:lavrov", date: "2020-03-31"}},
	},
	{
		name: "telephone call noun with the other side after with",
		text: "In a telephone call with his " + jordanian + " counterpart " + safadi + ", " + lavrov +
			" stressed the need for calm.",
		want: []want{{typ: Consult, mode: ModePhone, actor: "person:lavrov", recipient: "person:safadi"}},
	},
	{
		name: "arrival: the visitor acts, the host country receives, the city is the place",
		text: lavrov + " arrived in the " + jordanian + " capital [Amman|city:amman|JOR] {late on 2 November|2022-11-02|inferred}.",
		want: []want{{typ: Consult, mode: ModeVisit, actor: "person:lavrov", recipient: "country:JOR",
			date: "2022-11-02", inferred: true, location: "city:amman"}},
	},
	{
		name: "received: the guest is the actor",
		text: "King [Abdullah II|person:abdullah|JOR|king] received " + russian + " Foreign Minister " + lavrov +
			" at the palace in [Amman|city:amman|JOR] {on Thursday|2019-04-11}.",
		want: []want{{typ: Consult, mode: ModeVisit, actor: "person:lavrov", recipient: "person:abdullah",
			date: "2019-04-11", location: "city:amman"}},
	},
	{
		name: "meeting in one side's capital is a visit by the other side",
		text: lavrov + " met " + safadi + " in [Moscow|city:moscow|RUS] {on Saturday|2017-05-20}.",
		want: []want{{typ: Consult, mode: ModeVisit, actor: "person:safadi", recipient: "person:lavrov",
			location: "city:moscow", date: "2017-05-20"}},
	},
	{
		name:     "meeting placed by the dateline",
		dateline: "MOSCOW",
		text: "During a meeting with his " + jordanian + " counterpart " + safadi + ", " + lavrov +
			" said cooperation was vital.",
		want: []want{{typ: Consult, mode: ModeVisit, actor: "person:safadi", recipient: "person:lavrov", location: "city:moscow"}},
	},
	{
		name: "meeting on neutral ground",
		text: lavrov + " held talks with " + safadi + " in [Geneva|city:geneva|CHE].",
		want: []want{{typ: Consult, mode: ModeMeeting, actor: "person:lavrov", recipient: "person:safadi", location: "city:geneva"}},
	},
	{
		name: "readiness to cooperate with a capital standing for its country",
		text: lavrov + " said [Russia|country:RUS] is ready to cooperate with [Washington|country:USA|||metonym] on the crisis.",
		want: []want{{typ: Agree, mode: "intent-to-cooperate", actor: "country:RUS", recipient: "country:USA"}},
	},
	{
		name: "capitals act for their countries, but a dateline is no actor",
		text: "[MOSCOW|city:moscow|RUS] — [Moscow|city:moscow|RUS] accused [Washington|city:washington|USA] of blocking a settlement.",
		want: []want{{typ: Accuse, mode: "allege", actor: "country:RUS", recipient: "country:USA"}},
	},
	{
		name: "condemnation is ACCUSE/disapprove",
		text: "[Jordan|country:JOR] strongly condemned [Israel|country:ISR] over the raid.",
		want: []want{{typ: Accuse, mode: "disapprove", actor: "country:JOR", recipient: "country:ISR"}},
	},
	{
		name: "accusation",
		text: "[Moscow|country:RUS|||metonym] accused [Washington|country:USA|||metonym] of blocking a settlement.",
		want: []want{{typ: Accuse, mode: "allege", actor: "country:RUS", recipient: "country:USA"}},
	},
	{
		name: "request",
		text: safadi + " urged [Israel|country:ISR] to halt settlement construction.",
		want: []want{{typ: Request, actor: "person:safadi", recipient: "country:ISR"}},
	},
	{
		name: "called on",
		text: "The [United Nations|org:un] called on [Syria|country:SYR] to allow aid convoys.",
		want: []want{{typ: Request, actor: "org:un", recipient: "country:SYR"}},
	},
	{
		name: "sanctions",
		text: "The [European Union|org:eu] imposed new sanctions on [Russia|country:RUS] {on Monday|2022-02-28}.",
		want: []want{{typ: Sanction, actor: "org:eu", recipient: "country:RUS", date: "2022-02-28"}},
	},
	{
		name: "expulsion of a nationality's diplomats",
		text: "[Poland|country:POL] expelled 45 " + russian + " diplomats.",
		want: []want{{typ: Sanction, actor: "country:POL", recipient: "country:RUS"}},
	},
	{
		name: "aid",
		text: "[Russia|country:RUS] sent humanitarian aid to [Syria|country:SYR].",
		want: []want{{typ: Aid, actor: "country:RUS", recipient: "country:SYR"}},
	},
	{
		name: "threat",
		text: "[Iran|country:IRN] threatened [Israel|country:ISR] with retaliation.",
		want: []want{{typ: Threaten, actor: "country:IRN", recipient: "country:ISR"}},
	},
	{
		name: "support",
		text: "[Turkey|country:TUR] backed [Azerbaijan|country:AZE] in the dispute.",
		want: []want{{typ: Support, actor: "country:TUR", recipient: "country:AZE"}},
	},
	{
		name: "rejection",
		text: "[Iran|country:IRN] rejected the [US|country:USA] proposal.",
		want: []want{{typ: Reject, actor: "country:IRN", recipient: "country:USA"}},
	},
	{
		name: "protest",
		text: "[Students|org:students] protested against the [government|org:gov] in the capital.",
		want: []want{{typ: Protest, actor: "org:students", recipient: "org:gov"}},
	},
	{
		name: "signed agreement is COOPERATE",
		text: "[Egypt|country:EGY] signed a trade agreement with [Jordan|country:JOR].",
		want: []want{{typ: Cooperate, actor: "country:EGY", recipient: "country:JOR"}},
	},
	{
		name:      "a date after publication belongs to a plan; a summit cue far from the trigger is not the mode",
		published: "2023-03-06",
		text:      safadi + " and [Sameh Shoukry|person:shoukry|EGY|foreign minister] held talks {on Sunday|2023-03-05} and agreed to hold a summit {next month|2023-04}.",
		want:      []want{{typ: Consult, mode: ModeMeeting, actor: "person:safadi", recipient: "person:shoukry", date: "2023-03-05", outcomes: 1}},
	},
	{
		name: "numbers and nationalities in the object",
		text: "The [United States|country:USA] imposed sanctions on five [Iranian|country:IRN|||demonym] officials.",
		want: []want{{typ: Sanction, actor: "country:USA", recipient: "country:IRN"}},
	},
	{
		name: "a title with of before the name",
		text: "Secretary of State [Antony Blinken|person:blinken|USA|foreign minister] urged [Iran|country:IRN] to release detained journalists.",
		want: []want{{typ: Request, actor: "person:blinken", recipient: "country:IRN"}},
	},
	{
		name: "the other side is no possessor",
		text: "[Al Sharpton|person:sharpton|USA] met with [Horton|person:horton|USA]'s family.",
		want: nil,
	},
	{
		name: "a traveller's arrival is no visit",
		text: "[Hasim Rahman|person:rahman] arrived in [Germany|country:DEU] on Monday.",
		want: nil,
	},
	{
		name: "condemning a nation's act accuses the nation",
		text: "[Christopher Gunness|person:gunness|GBR] slammed the [Israeli|country:ISR|||demonym] attack on the school.",
		want: []want{{typ: Accuse, mode: "disapprove", actor: "person:gunness", recipient: "country:ISR"}},
	},
	{
		name: "an infinitive shares the clause's subject; a credit in brackets is no actor",
		text: "[BAGHDAD|city:baghdad|IRQ] ([AP|org:ap]) — [Iraq|country:IRQ] summoned the [US|country:USA] ambassador to protest against the [American|country:USA|||demonym] strike.",
		want: []want{{typ: Protest, actor: "country:IRQ", recipient: "country:USA"}},
	},
	{
		name: "his country",
		text: lavrov + " said his country was ready for dialogue with [Ukraine|country:UKR].",
		want: []want{{typ: Agree, mode: "intent-to-meet", actor: "country:RUS", recipient: "country:UKR"}},
	},
	{
		name: "on the sidelines of a summit, anywhere in the sentence",
		text: safadi + " met with his [Iranian|country:IRN|||demonym] counterpart [Mohammad Javad Zarif|person:zarif|IRN|foreign minister] on the sidelines of the UN General Assembly.",
		want: []want{{typ: Consult, mode: ModeMultilateral, actor: "person:safadi", recipient: "person:zarif"}},
	},
	{
		name: "a reception after an arrival takes the arrival's date",
		text: "[Faisal bin Farhan|person:faisal|SAU|foreign minister] arrived in [Damascus|city:damascus|SYR] {on Tuesday|2023-04-18}, the first visit since the war began {in 2011|2011}. " +
			"He was received by President [Bashar al-Assad|person:assad|SYR|president]. The two sides discussed the return of refugees.",
		want: []want{
			{typ: Consult, mode: ModeVisit, actor: "person:faisal", recipient: "country:SYR", date: "2023-04-18", location: "city:damascus"},
			{typ: Consult, mode: ModeVisit, actor: "person:faisal", recipient: "person:assad", date: "2023-04-18", sentences: 2},
		},
	},
	{
		name: "a verb coordinated with another shares its subject",
		text: "[Antony Blinken|person:blinken|USA|foreign minister] met [Benjamin Netanyahu|person:netanyahu|ISR|prime minister] in [Tel Aviv|city:tel-aviv|ISR] and urged [Israel|country:ISR] to reduce civilian casualties.",
		want: []want{
			{typ: Consult, mode: ModeVisit, actor: "person:blinken", recipient: "person:netanyahu", location: "city:tel-aviv"},
			{typ: Request, actor: "person:blinken", recipient: "country:ISR"},
		},
	},
	{
		name: "an object pronoun is the other person of the story",
		text: lavrov + " arrived in [Amman|city:amman|JOR] {on Sunday|2022-11-06}. King [Abdullah II|person:abdullah|JOR|king] received him at the palace.",
		want: []want{
			{typ: Consult, mode: ModeVisit, actor: "person:lavrov", recipient: "country:JOR", location: "city:amman"},
			{typ: Consult, mode: ModeVisit, actor: "person:lavrov", recipient: "person:abdullah", date: "2022-11-06"},
		},
	},
	{name: "negated meeting", text: lavrov + " did not meet " + safadi + ".", want: nil},
	{name: "planned meeting", text: lavrov + " will meet " + safadi + " next week.", want: nil},
	{name: "nationality adjective is no participant", text: lavrov + " discussed the " + russian + " position and the [Syrian|country:SYR|||demonym] crisis.", want: nil},
	{
		name: "passive: the agent acts",
		text: lavrov + " was received by King [Abdullah II|person:abdullah|JOR|king] in [Amman|city:amman|JOR].",
		want: []want{{typ: Consult, mode: ModeVisit, actor: "person:lavrov", recipient: "person:abdullah", location: "city:amman"}},
	},
	{
		name: "passive: a relative clause without an agent is no event",
		text: "[Jordan|country:JOR] supports a solution to the [Syrian|country:SYR|||demonym] crisis that is accepted by the [Syrian|country:SYR|||demonym] people.",
		want: nil,
	},
	{
		name: "passive condemnation with an agent",
		text: "[Syria|country:SYR] was strongly condemned by [Russia|country:RUS] for the attack.",
		want: []want{{typ: Accuse, mode: "disapprove", actor: "country:RUS", recipient: "country:SYR"}},
	},
	{name: "passive accusation has no known accuser", text: "Militants accused of harbouring [ISIS|org:isis] fighters were arrested.", want: nil},
	{
		name: "repeated mentions collapse; the two sides' agreement is an outcome",
		text: safadi + " and " + lavrov + " held talks in [Amman|city:amman|JOR] {on Monday|2021-03-01}. " +
			"The two ministers agreed to continue coordination. They also discussed the situation in [Syria|country:SYR].",
		want: []want{{typ: Consult, actor: "person:lavrov", recipient: "person:safadi", date: "2021-03-01",
			sentences: 2, outcomes: 1, mode: ModeVisit, location: "city:amman"}},
	},
	{
		name: "description resolves to the article's person; a meeting during a visit is part of it",
		text: lavrov + " arrived in [Amman|city:amman|JOR] {late on 2 November|2022-11-02|inferred}. " +
			"The [Kremlin|country:RUS|||metonym] official met his " + jordanian + " counterpart, " + safadi +
			", {on Thursday|2022-11-03|inferred}.",
		want: []want{
			{typ: Consult, mode: ModeVisit, actor: "person:lavrov", recipient: "country:JOR", date: "2022-11-02", inferred: true, location: "city:amman"},
			{typ: Consult, mode: ModeVisit, actor: "person:lavrov", recipient: "person:safadi", date: "2022-11-03", inferred: true, location: "city:amman"},
		},
	},
	{
		name: "photo captions are no news",
		text: "FILE – " + lavrov + " meeting with King [Abdullah II|person:abdullah|JOR|king] during a visit to [Jordan|country:JOR]. (Photo credit: Twitter)",
		want: nil,
	},
	{
		name:      "background interactions are left out",
		published: "2022-11-03",
		text:      "Last year, King [Abdullah|person:abdullah|JOR|king] and President [Bashar al-Assad|person:assad|SYR|president] held a phone call {in October 2021|2021-10}.",
		want:      nil,
	},
	{
		name:       "background kept on request",
		published:  "2022-11-03",
		background: true,
		text:       "Last year, King [Abdullah|person:abdullah|JOR|king] and President [Bashar al-Assad|person:assad|SYR|president] held a phone call {in October 2021|2021-10}.",
		want:       []want{{typ: Consult, mode: ModePhone, actor: "person:abdullah", recipient: "person:assad", date: "2021-10"}},
	},
	{
		name: "between X and Y",
		text: "[Moscow|country:RUS|||metonym] brokered talks between [Jordan|country:JOR] and [Syria|country:SYR].",
		want: []want{{typ: Consult, actor: "country:JOR", recipient: "country:SYR"}},
	},
	{
		name: "pronoun subject",
		text: lavrov + " spoke to reporters. He later phoned " + safadi + ".",
		want: []want{{typ: Consult, mode: ModePhone, actor: "person:lavrov", recipient: "person:safadi"}},
	},
}

var arabicCases = []extractCase{
	{
		name: "verb first with a coordinated subject and the conjunction on the second name",
		lang: "ar",
		text: "وبحث [الصفدي|person:safadi|JOR|foreign minister] و[لافروف|person:lavrov|RUS|foreign minister] {اليوم|2020-08-22} خلال اتصال هاتفي العلاقات الثنائية.",
		want: []want{{typ: Consult, mode: ModePhone, actor: "person:safadi", recipient: "person:lavrov", date: "2020-08-22"}},
	},
	{
		name: "talks held by two ministers with their titles; the dual verb agrees later",
		lang: "ar",
		text: "أجرى وزير الخارجية [أيمن الصفدي|person:safadi|JOR|foreign minister] ووزير خارجية [روسيا|country:RUS] [سيرغي لافروف|person:lavrov|RUS|foreign minister] محادثات عبر الهاتف. " +
			"واتفقا على استمرار التشاور والتنسيق.",
		want: []want{{typ: Consult, mode: ModePhone, actor: "person:safadi", recipient: "person:lavrov", outcomes: 1}},
	},
	{
		name: "the two ministers discussed",
		lang: "ar",
		text: "التقى [الصفدي|person:safadi|JOR] [لافروف|person:lavrov|RUS] في [موسكو|city:moscow|RUS]. وبحث الوزيران الأزمة [السورية|country:SYR|||demonym].",
		want: []want{{typ: Consult, mode: ModeVisit, actor: "person:safadi", recipient: "person:lavrov", location: "city:moscow", sentences: 2}},
	},
	{
		name: "received: the guest is the actor",
		lang: "ar",
		text: "استقبل جلالة [الملك عبدالله الثاني|person:abdullah|JOR|king] وزير الخارجية [الروسي|country:RUS|||demonym] [سيرغي لافروف|person:lavrov|RUS|foreign minister] في [عمان|city:amman|JOR].",
		want: []want{{typ: Consult, mode: ModeVisit, actor: "person:lavrov", recipient: "person:abdullah", location: "city:amman"}},
	},
	{
		name: "arrival with the preposition on its own",
		lang: "ar",
		text: "وصل [لافروف|person:lavrov|RUS] إلى [عمان|city:amman|JOR] في زيارة رسمية.",
		want: []want{{typ: Consult, mode: ModeVisit, actor: "person:lavrov", recipient: "country:JOR", location: "city:amman"}},
	},
	{
		name: "call with a counterpart described by nationality",
		lang: "ar",
		text: "تلقى [الصفدي|person:safadi|JOR] اتصالا هاتفيا من نظيره [الروسي|country:RUS|||demonym] [سيرغي لافروف|person:lavrov|RUS].",
		want: []want{{typ: Consult, mode: ModePhone, actor: "person:lavrov", recipient: "person:safadi"}},
	},
	{
		name: "readiness to cooperate, the possessor after the noun",
		lang: "ar",
		text: "أكد [لافروف|person:lavrov|RUS] استعداد [روسيا|country:RUS] للتعاون مع [الأردن|country:JOR].",
		want: []want{{typ: Agree, mode: "intent-to-cooperate", actor: "country:RUS", recipient: "country:JOR"}},
	},
	{
		name: "request",
		lang: "ar",
		text: "طالب [الصفدي|person:safadi|JOR] [إسرائيل|country:ISR] بوقف الاستيطان.",
		want: []want{{typ: Request, actor: "person:safadi", recipient: "country:ISR"}},
	},
	{
		name: "accusation",
		lang: "ar",
		text: "اتهمت [روسيا|country:RUS] [الولايات المتحدة|country:USA] بعرقلة الحل.",
		want: []want{{typ: Accuse, mode: "allege", actor: "country:RUS", recipient: "country:USA"}},
	},
	{
		name: "condemnation with the object after the preposition clitic",
		lang: "ar",
		text: "ندد [الأردن|country:JOR] ب[إسرائيل|country:ISR] بعد الهجوم.",
		want: []want{{typ: Accuse, mode: "disapprove", actor: "country:JOR", recipient: "country:ISR"}},
	},
	{
		name: "sanctions",
		lang: "ar",
		text: "فرض [الاتحاد الأوروبي|org:eu] عقوبات جديدة على [روسيا|country:RUS].",
		want: []want{{typ: Sanction, actor: "org:eu", recipient: "country:RUS"}},
	},
	{
		name: "aid",
		lang: "ar",
		text: "أرسلت [روسيا|country:RUS] مساعدات إنسانية إلى [سوريا|country:SYR].",
		want: []want{{typ: Aid, actor: "country:RUS", recipient: "country:SYR"}},
	},
	{
		name: "threat",
		lang: "ar",
		text: "هددت [إيران|country:IRN] [إسرائيل|country:ISR] بالرد.",
		want: []want{{typ: Threaten, actor: "country:IRN", recipient: "country:ISR"}},
	},
	{
		name: "condemning the violations of a nation",
		lang: "ar",
		text: "وأدان [الصفدي|person:safadi|JOR] الانتهاكات [الإسرائيلية|country:ISR|||demonym] في القدس.",
		want: []want{{typ: Accuse, mode: "disapprove", actor: "person:safadi", recipient: "country:ISR"}},
	},
	{
		name: "a call received from someone with a long title",
		lang: "ar",
		text: "تلقى وزير الخارجية وشؤون المغتربين [أيمن الصفدي|person:safadi|JOR] اليوم الأربعاء اتصالا هاتفيا من وزير الخارجية [الأمريكي|country:USA|||demonym] [أنتوني بلينكن|person:blinken|USA].",
		want: []want{{typ: Consult, mode: ModePhone, actor: "person:blinken", recipient: "person:safadi"}},
	},
	{
		name: "his country ready for dialogue",
		lang: "ar",
		text: "وقال [لافروف|person:lavrov|RUS] إن بلاده مستعدة للحوار مع [أوكرانيا|country:UKR].",
		want: []want{{typ: Agree, mode: "intent-to-meet", actor: "country:RUS", recipient: "country:UKR"}},
	},
	{
		name: "an agency credit between dashes; honorifics before the names",
		lang: "ar",
		text: "[الكويت|city:kuwait|KWT] - [كونا|org:kuna] - التقى سمو ولي العهد الشيخ [مشعل الأحمد|person:mishal|KWT|crown prince] اليوم رئيس مجلس الوزراء [العراقي|country:IRQ|||demonym] [مصطفى الكاظمي|person:kadhimi|IRQ|prime minister] في [الكويت|city:kuwait|KWT].",
		want: []want{{typ: Consult, mode: ModeVisit, actor: "person:kadhimi", recipient: "person:mishal", location: "city:kuwait"}},
	},
	{
		name: "a title the analyser leaves out of the name",
		lang: "ar",
		text: "بحث وزير الخارجية والمغتربين الدكتور [فيصل المقداد|person:mekdad|SYR|foreign minister] مع وزير الخارجية [الروسي|country:RUS|||demonym] [سيرغي لافروف|person:lavrov|RUS|foreign minister] في اتصال هاتفي العلاقات الثنائية.",
		want: []want{{typ: Consult, mode: ModePhone, actor: "person:mekdad", recipient: "person:lavrov"}},
	},
	{
		name: "a verb with an object suffix",
		lang: "ar",
		text: "وصل [لافروف|person:lavrov|RUS|foreign minister] إلى [عمان|city:amman|JOR]. واستقبله [الملك عبدالله الثاني|person:abdullah|JOR|king] في قصر الحسينية.",
		want: []want{
			{typ: Consult, mode: ModeVisit, actor: "person:lavrov", recipient: "country:JOR", location: "city:amman"},
			{typ: Consult, mode: ModeVisit, actor: "person:lavrov", recipient: "person:abdullah"},
		},
	},
	{
		name: "future prefix makes a plan",
		lang: "ar",
		text: "سيلتقي [لافروف|person:lavrov|RUS] [الصفدي|person:safadi|JOR] الأسبوع المقبل.",
		want: nil,
	},
	{
		name: "negated",
		lang: "ar",
		text: "لم يلتق [لافروف|person:lavrov|RUS] [الصفدي|person:safadi|JOR].",
		want: nil,
	},
	{
		name: "the noun research is no verb",
		lang: "ar",
		text: "نشر [البحث|org:study] نتائج جديدة عن [سوريا|country:SYR].",
		want: nil,
	},
}

func runCases(t *testing.T, cases []extractCase) {
	plain := NewExtractor()
	keep := NewExtractorWith(Options{KeepBackground: true})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			lang := tc.lang
			if lang == "" {
				lang = "en"
			}
			art, an := annotated(t, "t1", lang, tc.published, tc.text)
			art.Dateline = tc.dateline
			x := plain
			if tc.background {
				x = keep
			}
			got := x.Extract(art, an)
			var desc []string
			for _, ev := range got {
				desc = append(desc, describe(ev))
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %d events, want %d:\n  %s\nwant:\n  %v", len(got), len(tc.want), strings.Join(desc, "\n  "), tc.want)
			}
			for i, w := range tc.want {
				if !matches(got[i], w) {
					t.Errorf("event %d:\n  got  %s\n  want %v", i, desc[i], w)
				}
			}
			for _, ev := range got {
				checkEvidence(t, art.Body, ev)
			}
		})
	}
}

func TestExtractEnglish(t *testing.T) { runCases(t, englishCases) }
func TestExtractArabic(t *testing.T)  { runCases(t, arabicCases) }

// checkEvidence verifies that the evidence offsets slice the text they quote.
func checkEvidence(t testing.TB, body string, ev Event) {
	t.Helper()
	rs := []rune(body)
	if len(ev.Sentences) == 0 {
		t.Errorf("event %s has no evidence", ev.ID)
	}
	for _, e := range ev.Sentences {
		if e.Field != "body" {
			continue
		}
		if e.Start < 0 || e.End > len(rs) || e.Start >= e.End {
			t.Errorf("evidence offsets [%d,%d) outside the body (%d characters)", e.Start, e.End, len(rs))
			continue
		}
		if string(rs[e.Start:e.End]) != e.Text {
			t.Errorf("evidence text %q != body[%d:%d] %q", e.Text, e.Start, e.End, string(rs[e.Start:e.End]))
		}
	}
	if ev.ID == "" || ev.Confidence <= 0 || ev.Confidence > 1 {
		t.Errorf("event %+v: bad id or confidence", ev)
	}
}

// TestExtractConcurrent runs one extractor from several goroutines (run with -race).
func TestExtractConcurrent(t *testing.T) {
	x := NewExtractor()
	type in struct {
		art ingest.Article
		an  analyse.Analysis
	}
	var ins []in
	for _, tc := range append(append([]extractCase{}, englishCases...), arabicCases...) {
		lang := tc.lang
		if lang == "" {
			lang = "en"
		}
		art, an := annotated(t, "c", lang, tc.published, tc.text)
		ins = append(ins, in{art, an})
	}
	want := make([]int, len(ins))
	for i, x2 := range ins {
		want[i] = len(x.Extract(x2.art, x2.an))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 4*len(ins))
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, x2 := range ins {
				if n := len(x.Extract(x2.art, x2.an)); n != want[i] {
					errs <- fmt.Sprintf("case %d: %d events concurrently, %d alone", i, n, want[i])
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
