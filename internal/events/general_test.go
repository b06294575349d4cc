package events

import (
	"slices"
	"testing"
)

// Cases for the general rules added for unseen news: definite titles and organisation nouns as
// anaphors, delegations and their heads, aid sent "to" someone, offers and reactions that take
// their recipient from the article, Arabic participles of circumstance, subject-first Arabic
// headlines and protests. Sentences written for these tests.
var generalEnglishCases = []extractCase{
	{
		name:      "a dateline's date is the filing day, not the event's when the sentence gives one",
		published: "2025-03-06",
		text:      "[OSLO|city:oslo|NOR], {March 6|2025-03-06} — [Chile|country:CHL] signed a fisheries deal with [Norway|country:NOR] at a ceremony in the capital {on Wednesday|2025-03-05}.",
		want:      []want{{typ: Cooperate, actor: "country:CHL", recipient: "country:NOR", date: "2025-03-05"}},
	},
	{
		name:      "a dateline's date is the event's when the sentence gives no other",
		published: "2025-03-06",
		text:      "[OSLO|city:oslo|NOR], {March 6|2025-03-06} — [Norway|country:NOR] and [Chile|country:CHL] signed a fisheries deal.",
		want:      []want{{typ: Cooperate, actor: "country:NOR", recipient: "country:CHL", date: "2025-03-06"}},
	},
	{
		name: "a headline sanction on targets named by their affiliation is the body's sanction on the named targets",
		text: "[Canada|country:CAN] sanctions [Wagner|org:wagner] gold traders.\n[Canada|country:CAN] {on Monday|2025-02-03} imposed sanctions on the [Kivu Mining Company|org:kivu], a trader of gold.",
		want: []want{{typ: Sanction, actor: "country:CAN", recipient: "org:kivu"}},
	},
	{
		name: "a threat in the content of a warning to a named addressee is the warning",
		text: "A spokesman, [Omar Saleh|person:saleh|SDN|spokesman], warned [Chad|country:TCD] that the [Rapid Support Forces|org:rsf] would respond to any [Chadian|country:TCD|||demonym] aggression.",
		want: []want{{typ: Threaten, actor: "person:saleh", recipient: "country:TCD"}},
	},
	{
		name: "a body's spokesman warns after a coordinated verb; the body in the content is no second threat",
		text: "An [RSF|org:rsf] spokesman, [Omar Saleh|person:saleh|SDN|spokesman], said the measures would change nothing and warned [Chad|country:TCD] that the group would respond to any [Chadian|country:TCD|||demonym] aggression.",
		want: []want{{typ: Threaten, actor: "person:saleh", recipient: "country:TCD"}},
	},
	{
		name: "a warning with no addressee leaves the threat to the clause's subject",
		text: "The [European Union|org:eu] imposed sanctions on [Belarus|country:BLR]. The spokesman [Ivan Petrov|person:petrov|BLR|spokesman] warned that [Minsk|country:BLR|||metonym] would respond.",
		want: []want{
			{typ: Sanction, actor: "org:eu", recipient: "country:BLR"},
			{typ: Threaten, actor: "country:BLR", recipient: "org:eu"},
		},
	},
	{
		name: "the king: a definite title for the person of that role",
		text: "[Norwegian|country:NOR|||demonym] King [Harald V|person:harald|NOR|king] met [Finnish|country:FIN|||demonym] President [Alexander Stubb|person:stubb|FIN|president] in [Oslo|city:oslo|NOR] {on Monday|2025-03-03}. " +
			"The king also held talks with [Swedish|country:SWE|||demonym] Prime Minister [Ulf Kristersson|person:kristersson|SWE|prime minister].",
		want: []want{
			{typ: Consult, actor: "person:stubb", recipient: "person:harald"},
			{typ: Consult, actor: "person:harald", recipient: "person:kristersson"},
		},
	},
	{
		name: "a delegation led by someone: its head",
		text: "Mayor [Paulo Reis|person:reis|PRT|mayor] {on Friday|2025-04-04} received a delegation of the union led by retired Colonel [Rui Costa|person:costa|PRT].",
		want: []want{{typ: Consult, actor: "person:costa", recipient: "person:reis", date: "2025-04-04"}},
	},
	{
		name: "a delegation from an organisation visits",
		text: "[Kenyan|country:KEN|||demonym] President [William Ruto|person:ruto|KEN|president] {on Tuesday|2025-02-11} received a delegation from the [African Development Bank|org:afdb] in [Nairobi|city:nairobi|KEN].",
		want: []want{{typ: Consult, actor: "org:afdb", recipient: "person:ruto"}},
	},
	{
		name: "aid goes where it is sent",
		text: "[Norway|country:NOR] {on Friday|2025-01-10} sent three planes loaded with blankets and medicine to [Chile|country:CHL].",
		want: []want{{typ: Aid, actor: "country:NOR", recipient: "country:CHL", date: "2025-01-10"}},
	},
	{
		name: "an offer with no recipient goes where the aid went; the offered help is no aid yet",
		text: "[Norway|country:NOR] {on Friday|2025-01-10} sent relief supplies to [Chile|country:CHL]. " +
			"[Peru|country:PER] offered {on Saturday|2025-01-11} to send a team of firefighters.",
		want: []want{
			{typ: Aid, actor: "country:NOR", recipient: "country:CHL"},
			{typ: Agree, mode: "offer", actor: "country:PER", recipient: "country:CHL", date: "2025-01-11"},
		},
	},
	{
		name: "a threat answers the other side of a sanction; the speaker only reports it",
		text: "The [European Union|org:eu] imposed sanctions on [Belarus|country:BLR] {on Monday|2025-05-12}. " +
			"[Minsk|country:BLR|||metonym] would respond with its own measures, the spokesman [Ivan Petrov|person:petrov|BLR|spokesman] warned.",
		want: []want{
			{typ: Sanction, actor: "org:eu", recipient: "country:BLR"},
			{typ: Threaten, actor: "country:BLR", recipient: "org:eu"},
		},
	},
	{
		name: "the bloc: the organisation the article names",
		text: "The [African Union|org:au] suspended [Niger|country:NER]. [Niamey|country:NER|||metonym] accused the bloc of bias {on Sunday|2025-06-01}.",
		want: []want{{typ: Accuse, actor: "country:NER", recipient: "org:au"}},
	},
	{
		name: "warning against something is no threat",
		text: "[Peruvian|country:PER|||demonym] President [Dina Boluarte|person:boluarte|PER|president] warned against an [Chilean|country:CHL|||demonym] border closure.",
		want: nil,
	},
	{
		name: "a protest against someone, staged away from the subject",
		text: "The [Farmers Union|org:farmers-union] protested outside parliament in [Lima|city:lima|PER] {on Thursday|2025-07-03} against Agriculture Minister [Ana Ruiz|person:ruiz|PER|minister].",
		want: []want{{typ: Protest, actor: "org:farmers-union", recipient: "person:ruiz", date: "2025-07-03"}},
	},
	{
		name: "a meeting the sentence only mentions is not one between the parties of a mediation",
		text: "The meeting covered the mediation between [Egypt|country:EGY] and [Qatar|country:QAT].",
		want: nil,
	},
	{
		name: "the subject before a relative clause set off by commas",
		text: "The [Sahrawi Front|org:front], which seeks independence with [Algerian|country:DZA|||demonym] backing, rejected the [Spanish|country:ESP|||demonym] position.",
		want: []want{{typ: Reject, actor: "org:front", recipient: "country:ESP"}},
	},
	{
		name: "a clause after a conjunction has its own subject",
		text: "[Chile|country:CHL] recalled its envoy a day after [Argentine|country:ARG|||demonym] President [Javier Milei|person:milei|ARG|president] backed [Bolivia|country:BOL].",
		want: []want{{typ: Support, actor: "person:milei", recipient: "country:BOL"}},
	},
	{
		name: "reaching an agreement",
		text: "The [World Bank|org:wb] and [Ghana|country:GHA] reached a financing agreement {on Monday|2025-02-03}.",
		want: []want{{typ: Agree, actor: "org:wb", recipient: "country:GHA", date: "2025-02-03"}},
	},
	{
		name: "a visit a relative clause says was planned",
		text: "[Peruvian|country:PER|||demonym] President [Dina Boluarte|person:boluarte|PER|president]'s visit to [Chile|country:CHL], which had been planned for the spring, now looks unlikely.",
		want: nil,
	},
	{
		name: "a phone call received from a leader whose nationality is written before the title",
		text: "President [Gustavo Petro|person:petro|COL|president] received a phone call {on Tuesday|2025-03-11} from [Brazilian|country:BRA|||alias] President [Lula da Silva|person:lula|BRA|president].",
		want: []want{{typ: Consult, mode: ModePhone, actor: "person:lula", recipient: "person:petro", date: "2025-03-11"}},
	},
	{
		name: "meeting a visiting leader: the visitor is the guest",
		text: "[Petro|person:petro|COL|president] met with visiting [Ecuadorian|country:ECU|||demonym] President [Daniel Noboa|person:noboa|ECU|president] in [Bogota|city:bogota|COL] {on Wednesday|2025-03-12}.",
		want: []want{{typ: Consult, actor: "person:noboa", recipient: "person:petro", location: "city:bogota"}},
	},
	{
		name: "calling a leader is a phone call; pledging aid to someone is aid",
		text: "[Petro|person:petro|COL|president] called [Chilean|country:CHL|||demonym] President [Gabriel Boric|person:boric|CHL|president] {on Monday|2025-03-10}. " +
			"[Spain|country:ESP] pledged 20 million euros in humanitarian aid to [Haiti|country:HTI].",
		want: []want{
			{typ: Consult, mode: ModePhone, actor: "person:petro", recipient: "person:boric"},
			{typ: Aid, actor: "country:ESP", recipient: "country:HTI"},
		},
	},
	{
		name: "a visit by a mission led by someone",
		text: "The loan follows a week-long visit to [Accra|city:accra|GHA] by a mission led by [Jana Novak|person:novak].",
		want: []want{{typ: Consult, mode: ModeVisit, actor: "person:novak", recipient: "country:GHA", location: "city:accra"}},
	},
	{
		name: "two offers in one sentence each take the recipient of the aid",
		text: "[Japan|country:JPN] sent rescue teams to [Nepal|country:NPL] {on Monday|2025-04-28}. " +
			"[India|country:IND] offered on Tuesday to send doctors, and the [European Union|org:eu] said it stood ready to help.",
		want: []want{
			{typ: Aid, actor: "country:JPN", recipient: "country:NPL"},
			{typ: Agree, mode: "offer", actor: "country:IND", recipient: "country:NPL"},
			{typ: Agree, mode: "offer", actor: "org:eu", recipient: "country:NPL"},
		},
	},
	{
		name: "telling someone in a phone call; the reported support is its outcome",
		text: "[Kenyan|country:KEN|||demonym] President [William Ruto|person:ruto|KEN|president] told [Samia Suluhu Hassan|person:samia|TZA|president] in a phone call {on Monday|2025-09-15} that [Kenya|country:KEN] supports [Tanzania|country:TZA]'s stability.",
		want: []want{{typ: Consult, mode: ModePhone, actor: "person:ruto", recipient: "person:samia", date: "2025-09-15", outcomes: 1}},
	},
	{
		name: "rejecting a statement by a body",
		text: "[Morocco|country:MAR] {on Tuesday|2025-09-16} rejected a statement by the [European Parliament|org:ep].",
		want: []want{{typ: Reject, actor: "country:MAR", recipient: "org:ep", date: "2025-09-16"}},
	},
	{
		name: "a loan approved for a country is aid; condolences are no offer",
		text: "The [World Bank|org:wb] {on Tuesday|2025-10-07} approved a $300 million loan to [Ghana|country:GHA]. " +
			"[Nigeria|country:NGA] offered condolences to the families of the victims.",
		want: []want{{typ: Aid, actor: "org:wb", recipient: "country:GHA", date: "2025-10-07"}},
	},
	{
		name:      "the two ministers are the people of the last call, not the countries of a later visit",
		published: "2025-03-05",
		text: "[Ghanaian|country:GHA|||demonym] Foreign Minister [Samuel Ablakwa|person:ablakwa|GHA|foreign minister] held a telephone conversation {on Monday|2025-03-03} with his [Nigerian|country:NGA|||demonym] counterpart [Yusuf Tuggar|person:tuggar|NGA|foreign minister]. " +
			"The call came a week after a [Ghanaian|country:GHA|||demonym] trade delegation travelled to [Abuja|city:abuja|NGA]. " +
			"The two ministers also discussed border trade.",
		want: []want{
			{typ: Consult, mode: ModePhone, actor: "person:ablakwa", recipient: "person:tuggar", sentences: 2},
			{typ: Consult, mode: ModeVisit, actor: "country:GHA", recipient: "country:NGA", sentences: 1},
		},
	},
	{
		name: "flying somewhere for talks with someone; complaints, suspended aid and calls for someone to act",
		text: "[Kenyan|country:KEN|||demonym] Foreign Minister [Musalia Mudavadi|person:mudavadi|KEN|foreign minister] flew to [Kampala|city:kampala|UGA] {on Tuesday|2025-11-11} for talks with [Ugandan|country:UGA|||demonym] President [Yoweri Museveni|person:museveni|UGA|president]. " +
			"[Somalia|country:SOM] lodged a complaint against [Ethiopia|country:ETH] with the [African Union|org:au]. " +
			"The [United States|country:USA] suspended military aid to [Mali|country:MLI]. " +
			"[Ghana|country:GHA] called for [Togo|country:TGO] to reopen the border.",
		want: []want{
			{typ: Consult, mode: ModeVisit, actor: "person:mudavadi", recipient: "country:UGA", location: "city:kampala"},
			{typ: Consult, mode: ModeVisit, actor: "person:mudavadi", recipient: "person:museveni"},
			{typ: Accuse, actor: "country:SOM", recipient: "country:ETH"},
			{typ: Sanction, actor: "country:USA", recipient: "country:MLI"},
			{typ: Request, actor: "country:GHA", recipient: "country:TGO"},
		},
	},
	{
		name: "a body's head named after it; threats to target someone",
		text: "[Egyptian|country:EGY|||demonym] President [Abdel Fattah al-Sisi|person:sisi|EGY|president] discussed the crisis with [Libyan Presidential Council|org:lpc] head [Mohamed al-Menfi|person:menfi|LBY] by phone {on Monday|2025-12-01}. " +
			"The [Houthis|org:houthis] threatened to target [American|country:USA|||demonym] warships.",
		want: []want{
			{typ: Consult, mode: ModePhone, actor: "person:sisi", recipient: "person:menfi"},
			{typ: Threaten, actor: "org:houthis", recipient: "country:USA"},
		},
	},
	{
		name: "an office of state belongs to the country of the sentence's subject, not the dateline's",
		text: "[TRIPOLI|city:tripoli|LBY] — [Lebanon|country:LBN]'s main teachers' union accused the government of ignoring its demands.",
		want: nil,
	},
	{
		name: "the object singled out among several",
		text: "The [Teachers Union|org:tu] urged donors, especially the [European Union|org:eu], to fund teachers' salaries.",
		want: []want{{typ: Request, actor: "org:tu", recipient: "org:eu"}},
	},
	{
		name:      "a protest against someone, then who called it",
		published: "2025-02-07",
		text: "Hundreds of nurses protested outside the government headquarters in central [Lima|city:lima|PER|||metonym] {on Thursday|2025-02-06} against Health Minister [Ana Ruiz|person:ruiz|PER|minister]. " +
			"The protest was called by the [Nurses Federation|org:nurses].",
		want: []want{{typ: Protest, actor: "org:nurses", recipient: "person:ruiz", date: "2025-02-06"}},
	},
	{
		name:      "urging a body named before as it; a deadline is not the day it happened",
		published: "2025-02-15",
		text:      "{On Tuesday|2025-02-11} [Ghanaian|country:GHA|||demonym] President [John Mahama|person:mahama|GHA|president] received a delegation from the [West African Power Pool|org:wapp], and urged it to finish the new line before {June|2024-06}.",
		want: []want{
			{typ: Consult, actor: "org:wapp", recipient: "person:mahama", date: "2025-02-11"},
			{typ: Request, actor: "person:mahama", recipient: "org:wapp", date: "2025-02-11"},
		},
	},
	{
		name: "condemning an attack on an embassy accuses no one",
		text: "The [Gulf Cooperation Council|org:gcc] condemned the attack on the [Saudi|country:SAU|||demonym] embassy in [Khartoum|city:khartoum|SDN].",
		want: nil,
	},
	{
		name: "a king of a country backs: the king, not the country; asking a body for help",
		text: "King [Mswati III|person:mswati|SWZ|king] of [Eswatini|country:SWZ] backed [South Africa|country:ZAF]'s mediation plan. " +
			"The [Malawian|country:MWI|||demonym] government requested assistance from the [World Food Programme|org:wfp].",
		want: []want{
			{typ: Support, actor: "person:mswati", recipient: "country:ZAF"},
			{typ: Request, actor: "country:MWI", recipient: "org:wfp"},
		},
	},
}

var generalArabicCases = []extractCase{
	{
		name: "a rejection named as a verbal noun takes no recipient from the article",
		lang: "ar",
		text: "وأدانت [تشيلي|country:CHL] قرار [البيرو|country:PER] إغلاق الحدود. وأكد الناطق باسم الخارجية [خوان بيريز|person:perez|CHL|spokesman] رفض [تشيلي|country:CHL] المطلق وإدانتها لهذه الإجراءات.",
		want: []want{{typ: Accuse, actor: "country:CHL", recipient: "country:PER"}},
	},
	{
		name: "a rejection as a verb still answers the other side",
		lang: "ar",
		text: "وأدانت [تشيلي|country:CHL] قرار [البيرو|country:PER] إغلاق الحدود. ورفضت [البيرو|country:PER] الاتهامات.",
		want: []want{
			{typ: Accuse, actor: "country:CHL", recipient: "country:PER"},
			{typ: Reject, actor: "country:PER", recipient: "country:CHL"},
		},
	},
	{
		name: "asking for a body's help",
		lang: "ar",
		text: "وطلبت الحكومة [الملاوية|country:MWI|||demonym] مساعدة [برنامج الأغذية العالمي|org:wfp] لمواجهة الجفاف.",
		want: []want{{typ: Request, actor: "country:MWI", recipient: "org:wfp"}},
	},
	{
		name: "a place with a compass word before it is where, not who; a title opens the object's description",
		lang: "ar",
		text: "والتقى الرئيس [ميشال عون|person:aoun|LBN|president] في جنوب [لبنان|country:LBN] {اليوم|2025-03-03} قائد القوات الدولية [أرولدو لاثارو|person:lazaro|ESP].",
		want: []want{{typ: Consult, mode: ModeVisit, actor: "person:lazaro", recipient: "person:aoun", location: "country:LBN"}},
	},
	{
		name: "a threat addressed to the subject of its condition",
		lang: "ar",
		text: "وهددت [نقابة الممرضين|org:nurses] بالإضراب المفتوح إذا لم تستجب الحكومة [البيروفية|country:PER|||demonym] لمطالبها.",
		want: []want{{typ: Threaten, actor: "org:nurses", recipient: "country:PER"}},
	},
	{
		name: "the object singled out with ولا سيما",
		lang: "ar",
		text: "وطالبت [النقابة|org:union] الجهات المانحة، ولا سيما [الاتحاد الأوروبي|org:eu]، بدعم رواتب المعلمين.",
		want: []want{{typ: Request, actor: "org:union", recipient: "org:eu"}},
	},
	{
		name: "money earmarked as aid for a country",
		lang: "ar",
		text: "وأعلن [الاتحاد الأوروبي|org:eu] {أمس|2025-12-02} تخصيص ٥ ملايين يورو مساعدات طارئة ل[ليبيا|country:LBY].",
		want: []want{{typ: Aid, actor: "org:eu", recipient: "country:LBY", date: "2025-12-02"}},
	},
	{
		name: "a meeting during a visit the report describes, though it is datelined at home",
		lang: "ar",
		text: "[عمان|city:amman|JOR] - توجه وزير الخارجية [أيمن الصفدي|person:safadi|JOR|foreign minister] {اليوم|2025-11-11} إلى [دمشق|city:damascus|SYR]، حيث التقى الرئيس [السوري|country:SYR|||demonym] [أحمد الشرع|person:sharaa|SYR|president]. " +
			"وشجبت [جامعة الدول العربية|org:arab-league] الاعتداء [الإسرائيلي|country:ISR|||demonym] على [سوريا|country:SYR].",
		want: []want{
			{typ: Consult, mode: ModeVisit, actor: "person:safadi", recipient: "country:SYR", location: "city:damascus"},
			{typ: Consult, mode: ModeVisit, actor: "person:safadi", recipient: "person:sharaa"},
			{typ: Accuse, actor: "org:arab-league", recipient: "country:ISR"},
		},
	},
	{
		name: "a subject before an auxiliary and its verb",
		lang: "ar",
		text: "يذكر أن وفداً تجارياً [غانياً|country:GHA|||demonym] رفيع المستوى كان قد زار [أبوجا|city:abuja|NGA] الشهر الماضي.",
		want: []want{{typ: Consult, mode: ModeVisit, actor: "country:GHA", recipient: "country:NGA"}},
	},
	{
		name:      "a meeting dated after publication has not happened",
		lang:      "ar",
		published: "2025-10-08",
		text:      "يستقبل الرئيس [عبد الفتاح السيسي|person:sisi|EGY|president] {غداً الخميس|2025-10-09} رئيس وزراء [اليونان|country:GRC] [كيرياكوس ميتسوتاكيس|person:kmits|GRC|prime minister].",
		want:      nil,
	},
	{
		name: "search and rescue teams are aid, not a discussion",
		lang: "ar",
		text: "وأرسلت [تركيا|country:TUR] فرق بحث وإنقاذ إلى [المغرب|country:MAR] عقب الزلزال. وأعربت المملكة العربية [السعودية|country:SAU] عن تضامنها مع [المغرب|country:MAR].",
		want: []want{
			{typ: Aid, actor: "country:TUR", recipient: "country:MAR"},
			{typ: Support, actor: "country:SAU", recipient: "country:MAR"},
		},
	},
	{
		name: "a phone call during which the subject spoke; sanctions on several individuals",
		lang: "ar",
		text: "وأكد الرئيس [الكيني|country:KEN|||demonym] [وليام روتو|person:ruto|KEN|president] خلال اتصال هاتفي مع نظيرته [التنزانية|country:TZA|||demonym] [سامية صولحو حسن|person:samia|TZA|president] أهمية التعاون. " +
			"وفرض [الاتحاد الأوروبي|org:eu] {أمس الاثنين|2025-05-12} عقوبات على ستة أفراد وثلاث شركات [إيرانية|country:IRN|||demonym].",
		want: []want{
			{typ: Consult, mode: ModePhone, actor: "person:ruto", recipient: "person:samia"},
			{typ: Sanction, actor: "org:eu", recipient: "country:IRN", date: "2025-05-12"},
		},
	},
	{
		name: "condemning an attack on an embassy does not accuse the embassy's country",
		lang: "ar",
		text: "وأدان [مجلس التعاون الخليجي|org:gcc] الهجوم على السفارة [السعودية|country:SAU] في [الخرطوم|city:khartoum|SDN].",
		want: nil,
	},
	{
		name: "a long description of the other side after مع",
		lang: "ar",
		text: "وبحث وزير الخارجية [الأردني|country:JOR|||demonym] [أيمن الصفدي|person:safadi|JOR|foreign minister] هاتفياً مع المفوض السامي لشؤون اللاجئين في [الأمم المتحدة|org:un] [فيليبو غراندي|person:grandi] أوضاع اللاجئين.",
		want: []want{{typ: Consult, mode: ModePhone, actor: "person:safadi", recipient: "person:grandi"}},
	},
	{
		name: "a verb with its subject earlier in the sentence and the one met after it",
		lang: "ar",
		text: "وشارك [الملك محمد السادس|person:m6|MAR|king] في القمة الأفريقية، حيث التقى على هامشها الرئيس [السنغالي|country:SEN|||demonym] [باسيرو ديوماي فاي|person:faye|SEN|president].",
		want: []want{{typ: Consult, mode: ModeMultilateral, actor: "person:m6", recipient: "person:faye"}},
	},
	{
		name: "support for a country's efforts; a warning to a country, not a warning of something",
		lang: "ar",
		text: "وأعربت [الكويت|country:KWT] عن دعمها الكامل لجهود [الأردن|country:JOR]. وحذرت [إيران|country:IRN] [الولايات المتحدة|country:USA] من أي هجوم. وحذر [العراق|country:IRQ] من تدهور الأوضاع.",
		want: []want{
			{typ: Support, actor: "country:KWT", recipient: "country:JOR"},
			{typ: Threaten, actor: "country:IRN", recipient: "country:USA"},
		},
	},
	{
		name: "an arrival with a long subject between the verb and the destination; a body in a title",
		lang: "ar",
		text: "ووصلت رئيسة [المفوضية الأوروبية|org:ec] [أورسولا فون دير لاين|person:vdl||president] {اليوم|2025-06-04} إلى [القاهرة|city:cairo|EGY]، حيث استقبلها الرئيس [عبد الفتاح السيسي|person:sisi|EGY|president].",
		want: []want{
			{typ: Consult, mode: ModeVisit, actor: "person:vdl", recipient: "country:EGY", location: "city:cairo"},
			{typ: Consult, mode: ModeVisit, actor: "person:vdl", recipient: "person:sisi"},
		},
	},
	{
		name: "an office of state with no country named acts for the dateline's country",
		lang: "ar",
		text: "[الرباط|city:rabat|MAR] - أدانت وزارة الخارجية بأشد العبارات قرار الحكومة [الإسبانية|country:ESP|||demonym] إغلاق المعبر.",
		want: []want{{typ: Accuse, actor: "country:MAR", recipient: "country:ESP"}},
	},
	{
		name: "a participle of circumstance shares the clause's subject",
		lang: "ar",
		text: "ندد المتحدث باسم الخارجية [البيلاروسية|country:BLR|||demonym] [إيفان بيتروف|person:petrov|BLR|spokesman] {اليوم|2025-05-13} بالقرار، متهماً [الاتحاد الأوروبي|org:eu] بالكيل بمكيالين.",
		want: []want{{typ: Accuse, actor: "person:petrov", recipient: "org:eu", date: "2025-05-13"}},
	},
	{
		name: "a subject-first headline",
		lang: "ar",
		text: "[الرئيس التونسي|person:saied|TUN|president] يستقبل وزير الخارجية [الجزائري|country:DZA|||demonym] [أحمد عطاف|person:attaf|DZA|foreign minister]",
		want: []want{{typ: Consult, mode: ModeVisit, actor: "person:attaf", recipient: "person:saied"}},
	},
	{
		name: "a delegation headed by someone",
		lang: "ar",
		text: "استقبل وزير الصحة [سامي فرح|person:farah|LBN|minister] {اليوم|2025-03-05} وفداً من النقابة برئاسة الدكتورة [ريم حداد|person:haddad|LBN].",
		want: []want{{typ: Consult, actor: "person:haddad", recipient: "person:farah", date: "2025-03-05"}},
	},
	{
		name: "aid dispatched to a country",
		lang: "ar",
		text: "سيّرت [الكويت|country:KWT] {اليوم|2025-02-02} ثلاث طائرات محملة بالمواد الغذائية إلى [الأردن|country:JOR].",
		want: []want{{typ: Aid, actor: "country:KWT", recipient: "country:JOR", date: "2025-02-02"}},
	},
	{
		name: "aid provided by a body to a people",
		lang: "ar",
		text: "وصلت الشحنة الثانية من المساعدات المقدمة من [الهلال الأحمر القطري|org:qrcs] للشعب [الصومالي|country:SOM|||demonym] {أمس|2025-02-01}.",
		want: []want{{typ: Aid, actor: "org:qrcs", recipient: "country:SOM"}},
	},
	{
		name: "a country accuses an armed group of its own",
		lang: "ar",
		text: "اتهم الجيش [السوداني|country:SDN|||demonym] {أمس|2025-01-20} [قوات الدعم السريع|org:rsf|SDN] بقصف الأحياء السكنية.",
		want: []want{{typ: Accuse, actor: "country:SDN", recipient: "org:rsf", date: "2025-01-20"}},
	},
	{
		name: "a sit-in in protest against a minister's decision; the union named by its head noun",
		lang: "ar",
		text: "نفذت [نقابة الممرضين|org:nurses-union] {صباح اليوم|2025-04-09} اعتصاماً أمام المستشفى احتجاجاً على قرار وزير الصحة [سامي فرح|person:farah|LBN|minister]. " +
			"والتقى [فرح|person:farah|LBN|minister] وفداً من النقابة بعد الظهر.",
		want: []want{
			{typ: Protest, actor: "org:nurses-union", recipient: "person:farah", date: "2025-04-09"},
			{typ: Consult, actor: "person:farah", recipient: "org:nurses-union"},
		},
	},
	{
		name: "two people of one country named together are no pair",
		lang: "ar",
		text: "شكر الوزير [سامي فرح|person:farah|LBN|minister] الرئيس [جوزاف عون|person:aoun|LBN|president] ورئيس الحكومة [نواف سلام|person:salam|LBN|prime minister]. واتفق الجانبان على مواصلة العمل.",
		want: []want{{typ: Support, actor: "person:farah", recipient: "person:aoun"}},
	},
}

func TestExtractGeneralEnglish(t *testing.T) { runCases(t, generalEnglishCases) }
func TestExtractGeneralArabic(t *testing.T)  { runCases(t, generalArabicCases) }

// TestDatelineCityBeforeCountry checks that a visit filed under a dateline takes the city the
// dateline names, not the country the same word stands for elsewhere ("MOSCOW —" and "Moscow is
// ready"), whatever order the analysis lists the two entities in.
func TestDatelineCityBeforeCountry(t *testing.T) {
	art, an := annotated(t, "t1", "en", "", "[MOSCOW|city:moscow|RUS] — [Jordanian|country:JOR|||demonym] Foreign Minister "+
		"[Ayman Safadi|person:safadi|JOR|foreign minister] met [Russian|country:RUS|||demonym] Foreign Minister "+
		"[Sergey Lavrov|person:lavrov|RUS|foreign minister] {on Saturday|2017-09-09}. [Moscow|country:RUS|||metonym] is ready to help.")
	art.Dateline = "MOSCOW"
	for _, order := range []string{"as written", "country first"} {
		if order == "country first" {
			slices.Reverse(an.Entities)
		}
		found := false
		for _, ev := range NewExtractor().Extract(art, an) {
			if ev.Type != Consult {
				continue
			}
			found = true
			if ev.Location == nil || ev.Location.Key != "city:moscow" {
				t.Errorf("%s: the meeting's location is %+v, want city:moscow", order, ev.Location)
			}
		}
		if !found {
			t.Errorf("%s: no meeting found", order)
		}
	}
}
