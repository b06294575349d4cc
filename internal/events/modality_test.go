package events

import "testing"

// Planned, hoped-for, conditional and denied interactions are no events
// (testdata/goldsets/README.md, "Not events"), unless the same interaction is also reported as
// done. Sentences written for these tests.
var modalityCases = []extractCase{
	{
		name: "en: is expected to visit",
		text: "[Chilean|country:CHL|||demonym] President [Gabriel Boric|person:boric|CHL|president] is expected to visit [Peru|country:PER] {next week|2025-03-10}.",
	},
	{
		name: "en: plans to meet",
		text: "[Gabriel Boric|person:boric|CHL|president] plans to meet [Peruvian|country:PER|||demonym] President [Dina Boluarte|person:boluarte|PER|president] in [Lima|city:lima|PER].",
	},
	{
		name: "en: hopes to meet",
		text: "[Gabriel Boric|person:boric|CHL|president] said he hopes to meet [Dina Boluarte|person:boluarte|PER|president] soon.",
	},
	{
		name: "en: will travel to",
		text: "[Gabriel Boric|person:boric|CHL|president] will travel to [Peru|country:PER] {on Monday|2025-03-10}.",
	},
	{
		name: "en: a meeting that would take place only on a condition",
		text: "[Gabriel Boric|person:boric|CHL|president] would meet [Dina Boluarte|person:boluarte|PER|president] if the border reopens.",
	},
	{
		name: "en: denied meeting",
		text: "[Gabriel Boric|person:boric|CHL|president] denied meeting [Dina Boluarte|person:boluarte|PER|president] in [Lima|city:lima|PER].",
	},
	{
		name: "en: denied that he had met",
		text: "[Gabriel Boric|person:boric|CHL|president] denied that he had met [Dina Boluarte|person:boluarte|PER|president].",
	},
	{
		name: "en: did not meet",
		text: "[Gabriel Boric|person:boric|CHL|president] did not meet [Dina Boluarte|person:boluarte|PER|president] during the summit.",
	},
	{
		name:      "en: a plan, then the meeting reported as done",
		published: "2025-03-12",
		text: "[Gabriel Boric|person:boric|CHL|president] had planned to meet [Dina Boluarte|person:boluarte|PER|president]. " +
			"[Gabriel Boric|person:boric|CHL|president] met [Dina Boluarte|person:boluarte|PER|president] in [Lima|city:lima|PER] {on Tuesday|2025-03-11}.",
		want: []want{{typ: Consult, actor: "person:boric", recipient: "person:boluarte", date: "2025-03-11"}},
	},
	{
		name: "en: intends to visit",
		text: "[Gabriel Boric|person:boric|CHL|president] intends to visit [Peru|country:PER] in March.",
	},
	{
		name: "en: is scheduled to hold talks",
		text: "[Gabriel Boric|person:boric|CHL|president] is scheduled to hold talks with [Dina Boluarte|person:boluarte|PER|president] {on Monday|2025-03-10}.",
	},
	{
		name: "en: could meet",
		text: "[Gabriel Boric|person:boric|CHL|president] could meet [Dina Boluarte|person:boluarte|PER|president] at the summit.",
	},
	{
		name: "en: a meeting called off",
		text: "A meeting between [Gabriel Boric|person:boric|CHL|president] and [Dina Boluarte|person:boluarte|PER|president] was called off {on Monday|2025-03-10}.",
	},
	{
		name: "en: a visit postponed",
		text: "[Gabriel Boric|person:boric|CHL|president] postponed his visit to [Peru|country:PER].",
	},
	{
		name: "en: denies having talked",
		text: "[Gabriel Boric|person:boric|CHL|president] denies having held talks with [Dina Boluarte|person:boluarte|PER|president].",
	},
	{
		name: "en: never visited",
		text: "[Gabriel Boric|person:boric|CHL|president] has never visited [Peru|country:PER].",
	},
	{
		name:      "en: a denied meeting, then a meeting reported as done elsewhere in the article",
		published: "2025-03-12",
		text: "[Gabriel Boric|person:boric|CHL|president] met [Dina Boluarte|person:boluarte|PER|president] in [Lima|city:lima|PER] {on Tuesday|2025-03-11}. " +
			"He denied that he had met [Evo Morales|person:morales|BOL|former president].",
		want: []want{{typ: Consult, actor: "person:boric", recipient: "person:boluarte", date: "2025-03-11"}},
	},
	{
		name: "ar: تعتزم",
		lang: "ar",
		text: "وتعتزم [تشيلي|country:CHL] إرسال مساعدات إلى [البيرو|country:PER].",
	},
	{
		name: "ar: من المتوقع أن",
		lang: "ar",
		text: "ومن المتوقع أن يزور [غابرييل بوريك|person:boric|CHL|president] [البيرو|country:PER] {الأسبوع المقبل|2025-03-10}.",
	},
	{
		name: "ar: إلغاء اللقاء",
		lang: "ar",
		text: "وألغي اللقاء الذي كان مقررا بين [غابرييل بوريك|person:boric|CHL|president] و[دينا بولوارتي|person:boluarte|PER|president].",
	},
	{
		name: "ar: لم يلتق with the vowel of the jussive",
		lang: "ar",
		text: "ولم يلتقِ [غابرييل بوريك|person:boric|CHL|president] [دينا بولوارتي|person:boluarte|PER|president].",
	},
	{
		name: "ar: أرجأ زيارته",
		lang: "ar",
		text: "وأرجأ [غابرييل بوريك|person:boric|CHL|president] زيارته إلى [البيرو|country:PER].",
	},
	{
		name: "ar: تأجيل اللقاء",
		lang: "ar",
		text: "وأعلنت الرئاسة تأجيل اللقاء بين [غابرييل بوريك|person:boric|CHL|president] و[دينا بولوارتي|person:boluarte|PER|president].",
	},
	{
		name: "ar: تنفي",
		lang: "ar",
		text: "وتنفي [تشيلي|country:CHL] أن تكون قد أرسلت مساعدات إلى [البيرو|country:PER].",
	},
	{
		name: "en: an interaction inside an if-clause",
		text: "If [Gabriel Boric|person:boric|CHL|president] meets [Dina Boluarte|person:boluarte|PER|president], the two will discuss the border.",
	},
	{
		name: "en: unless",
		text: "[Chile|country:CHL] will not send aid to [Peru|country:PER] unless the border reopens.",
	},
	{
		name: "en: denied reports that he had met",
		text: "[Gabriel Boric|person:boric|CHL|president] denied reports that he had met [Dina Boluarte|person:boluarte|PER|president].",
	},
	{
		name: "ar: في حال",
		lang: "ar",
		text: "وفي حال التقى [غابرييل بوريك|person:boric|CHL|president] [دينا بولوارتي|person:boluarte|PER|president] فإنهما سيبحثان ملف الحدود.",
	},
	{
		name: "ar: إذا",
		lang: "ar",
		text: "وقال إنه إذا زار [غابرييل بوريك|person:boric|CHL|president] [البيرو|country:PER] فسيبحث ملف الحدود.",
	},
	{
		name: "ar: نفى حصول لقاء",
		lang: "ar",
		text: "ونفى [غابرييل بوريك|person:boric|CHL|president] حصول أي لقاء مع [دينا بولوارتي|person:boluarte|PER|president].",
	},
	{
		name: "en: agreeing to meet is an intent to meet, not a meeting",
		text: "[Gabriel Boric|person:boric|CHL|president] and [Dina Boluarte|person:boluarte|PER|president] agreed {on Monday|2025-03-10} to meet again in April.",
		want: []want{{typ: Agree, mode: "intent-to-meet", actor: "person:boric", recipient: "person:boluarte"}},
	},
	{
		name: "ar: الاتفاق على اللقاء",
		lang: "ar",
		text: "واتفق [غابرييل بوريك|person:boric|CHL|president] و[دينا بولوارتي|person:boluarte|PER|president] على عقد لقاء جديد في نيسان المقبل.",
		want: []want{{typ: Agree, mode: "intent-to-meet", actor: "person:boric", recipient: "person:boluarte"}},
	},
	{
		name: "ar: نفى لقاءه",
		lang: "ar",
		text: "ونفى [غابرييل بوريك|person:boric|CHL|president] لقاءه [دينا بولوارتي|person:boluarte|PER|president] في [ليما|city:lima|PER].",
	},
	{
		name: "ar: نفت أي اتصال",
		lang: "ar",
		text: "ونفت [تشيلي|country:CHL] إجراء أي اتصال مع [البيرو|country:PER].",
	},
	{
		name: "en: denied any contact",
		text: "[Chile|country:CHL] denied any contact with [Peru|country:PER].",
	},
	{
		name: "ar: a denial does not negate the accusation after it",
		lang: "ar",
		text: "ونفت [تشيلي|country:CHL] الاتهامات واتهمت [البيرو|country:PER] بالتحريض.",
		want: []want{{typ: Accuse, actor: "country:CHL", recipient: "country:PER"}},
	},
	{
		name: "en: a denial does not negate the accusation after it",
		text: "[Chile|country:CHL] denied the claims and accused [Peru|country:PER] of incitement.",
		want: []want{{typ: Accuse, actor: "country:CHL", recipient: "country:PER"}},
	},
	{
		name: "en: the act a request asks for has not happened",
		text: "The [Teachers Union|org:tu] urged donors, especially the [European Union|org:eu], to send aid to [Peru|country:PER].",
		want: []want{{typ: Request, actor: "org:tu", recipient: "org:eu"}},
	},
	{
		name: "ar: the act a request asks for has not happened",
		lang: "ar",
		text: "وطالبت [النقابة|org:tu] الجهات المانحة، ولا سيما [الاتحاد الأوروبي|org:eu]، بتخصيص جزء من المساعدات المقدمة إلى [البيرو|country:PER].",
		want: []want{{typ: Request, actor: "org:tu", recipient: "org:eu"}},
	},
	{
		name: "en: aid sent in its own sentence after a request is an event",
		text: "The [Teachers Union|org:tu] urged the [European Union|org:eu] to help. The [European Union|org:eu] sent aid to [Peru|country:PER].",
		want: []want{
			{typ: Request, actor: "org:tu", recipient: "org:eu"},
			{typ: Aid, actor: "org:eu", recipient: "country:PER"},
		},
	},
	{
		name: "ar: يعتزم",
		lang: "ar",
		text: "ويعتزم الرئيس [التشيلي|country:CHL|||demonym] [غابرييل بوريك|person:boric|CHL|president] زيارة [البيرو|country:PER] {الأسبوع المقبل|2025-03-10}.",
	},
	{
		name: "ar: من المقرر أن",
		lang: "ar",
		text: "ومن المقرر أن يلتقي [غابرييل بوريك|person:boric|CHL|president] الرئيسة [دينا بولوارتي|person:boluarte|PER|president] في [ليما|city:lima|PER].",
	},
	{
		name: "ar: يأمل",
		lang: "ar",
		text: "وقال [غابرييل بوريك|person:boric|CHL|president] إنه يأمل أن يلتقي [دينا بولوارتي|person:boluarte|PER|president] قريبا.",
	},
	{
		name: "ar: سيزور",
		lang: "ar",
		text: "وسيزور [غابرييل بوريك|person:boric|CHL|president] [البيرو|country:PER] {الاثنين المقبل|2025-03-10}.",
	},
	{
		name: "ar: نفى أن يكون قد التقى",
		lang: "ar",
		text: "ونفى [غابرييل بوريك|person:boric|CHL|president] أن يكون قد التقى [دينا بولوارتي|person:boluarte|PER|president] في [ليما|city:lima|PER].",
	},
	{
		name: "ar: لم يلتق",
		lang: "ar",
		text: "ولم يلتق [غابرييل بوريك|person:boric|CHL|president] [دينا بولوارتي|person:boluarte|PER|president] خلال القمة.",
	},
	{
		name: "ar: a meeting only on a condition",
		lang: "ar",
		text: "وقال [غابرييل بوريك|person:boric|CHL|president] إنه سيلتقي [دينا بولوارتي|person:boluarte|PER|president] إذا أعيد فتح الحدود.",
	},
}

func TestExtractModality(t *testing.T) { runCases(t, modalityCases) }
