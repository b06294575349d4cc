// Package dates finds date expressions in English and Arabic news text and resolves them against
// the article's publication date.
//
// It handles full dates in words and digits ("March 3, 2021", "3rd of March 2021", "3/3/2021",
// "2021-03-03", "١٥ آذار ٢٠٢١", "الرابع من حزيران ١٩٦٧", "15 آذار/مارس 2021"); a day and month
// without a year ("late on 2 November", "Dec. 14", "في الخامس عشر من آذار الماضي"); a month and
// year ("October 2021", "حزيران ١٩٦٧"); a month alone in a date context ("in May", "last
// March", "آذار الماضي", "شهر آب"); a year alone in a date context ("in 1967", "since 2015",
// "عام ١٩٦٧"); weekdays ("on Tuesday", "next Tuesday", "Tuesday night", "مساء الثلاثاء",
// "يوم الخميس الماضي", and a weekday with a date: "Tuesday, March 3"); relative days, weeks,
// months and years ("today", "yesterday", "last night", "last year", "earlier this month",
// اليوم، أمس، أول من أمس، غداً، الأسبوع الماضي، العام الماضي, "15 من الشهر الماضي"); and counts
// before publication ("two days ago", "قبل يومين"). Standard (يناير…) and Levantine
// (كانون الثاني، شباط، آذار … كانون الأول) Arabic month names are both known, as are North
// African forms (جانفي، جويلية…).
//
// # Resolution
//
// With a publication date P: today/اليوم is P, yesterday/أمس P−1, أول من أمس P−2; a weekday in
// a past-tense clause is the latest such day on or before P, in a future-tense clause (will,
// expected to, سوف, سيلتقي) the first on or after P ("last"/الماضي strictly before, "next"/
// المقبل strictly after); a day and month take P's year, or the year before when that would put
// them more than about two months after P; a month alone is the nearest such month consistent
// with the clause's tense (in a future-tense clause the first on or after P's month, in a
// past-tense one the last on or before it, else the nearest, the earlier on a tie: "will meet
// in June" and "before June" published in February 2024 are 2024-06, "met in June" 2023-06);
// "last year" is P's year minus one. Without P, full
// dates resolve as written; a month (and day) without a year takes a year inferred from the
// text's other dates (a dateline; a relative year next to a written one: "Last year … in
// October 2021" means the text was written in 2022; the latest full date; the latest year),
// marked Inferred with a lower confidence, and a year written earlier in the same clause wins
// ("last year after an incident on 14 November"); a weekday is taken from a dateline by the
// tense, or else as the first such day on or after the nearest earlier day-date of the text
// ("arrived on 2 November … met on Thursday"); relative days stay unresolved. Every Expr says
// How it was resolved. InferPublication guesses the publication date itself. Nothing is ever
// filled from today's date: the package never reads the clock.
//
// Arabic text is matched after folding each rune with lang/ar.NormaliseRune (hamza forms,
// diacritics, tatweel, Eastern Arabic digits, bidi controls), and each word is also looked up
// without a leading conjunction and preposition (وأمس، بالأمس، للعام), but the offsets of every
// expression point into the original text. Scanning is one pass over the tokens, each matcher
// looking at a bounded number of tokens: time is linear in the input.
//
// # Vocabulary data
//
// The words of each language live in data/<lang>.json (embedded; hand-written, no generator).
// Every word or phrase is written naturally (hamza, diacritics and case do not matter: the
// loader normalises them as text is normalised); phrases are tokens separated by spaces. Fields:
//
//	lang                   ISO 639-1 code
//	case_sensitive_names   month and weekday names count only when capitalised ("May", "Sun")
//	numeric_order          "DMY" or "MDY": how to read an ambiguous numeric date such as 3/4/2021
//	months                 name → month number 1..12 (multi-word names allowed: "كانون الثاني")
//	ambiguous_months       names that are also common words: they need a day, a year, a month
//	                       word (شهر) or a modifier next to them ("Jan", "آب", "مارس")
//	weekdays               name → ISO weekday 1 (Monday) .. 7 (Sunday)
//	ambiguous_weekdays     names that count only with a date in apposition ("Sun", "Wed")
//	ordinals               ordinal word or phrase → day 1..31 ("fourth", "الخامس عشر",
//	                       "الحادي والعشرين"; "الحادي و العشرين" with a spaced و matches too)
//	ordinal_suffixes       letters after a day number: 3rd → "rd"
//	relative               phrase → {"unit": day|week|month|year, "offset": n, "confidence": c}
//	exclude_next           phrase → next words that cancel it (اليوم التالي is not "today")
//	exclude_prev           phrase → previous words that cancel it (بين الاثنين is "the two")
//	ago                    {"before": [قبل، منذ], "after": [ago], "block_next": words after the
//	                       unit that make another event the reference (قبل يومين من ...),
//	                       "numbers": word → count, "units": word → {"unit", "count"} where count
//	                       is the count implied by the word alone (يومين = 2, "days" = none)}
//	prefix_modifiers       word before a month or weekday → past|future|this ("last", "next")
//	suffix_modifiers       word after one → past|future|this (الماضي، المقبل، الجاري)
//	day_words, month_words words that announce a weekday or month (يوم، شهر)
//	year_words             words that announce a year ("the year", عام، العام، سنة)
//	links                  words between day, month and year ("of", من)
//	appositions            what may join a weekday to its date ("," "(" الموافق)
//	range_links            what joins the two ends of a range ("-", "to", و، إلى)
//	year_context           words after which a bare four-digit number is a year ("in", منذ)
//	month_context          words after which a month name alone is a month ("in", "mid", في)
//	day_context            words that introduce the date of an event ("on", في); InferPublication
//	                       takes only such dates (or a dateline) for the time of writing
//	articles               articles allowed between a context word and a year ("in the 1967 war")
//	year_suffixes          era words after a year (AD, م)
//	year_block_suffixes    words after a number that make it no year (هـ for Hijri, "%")
//	time_before            time-of-day words before a day (late, early, صباح، مساء)
//	time_after             time-of-day words after a day (morning, night)
//	future_markers         words or phrases that put a clause in the future (will, سوف,
//	                       "من المقرر"); "'ll" matches the end of a word
//	past_markers           words that put it in the past (said, met, قال، أكد)
//	control_verbs          past verbs whose "to"-infinitive puts what follows after them
//	                       ("urged it to complete the link before June" is ahead)
//	infinitive             the infinitive marker ("to") those verbs take
//	past_suffix            a word ending that marks the past ("ed"), except after
//	past_suffix_not_after  these words ("to be sentenced" is no past)
//	future_prefix          a verb prefix that marks the future (س), with
//	future_prefix_exclude  the words it does not apply to (سياسة، سنة ...)
//	clause_breaks          words where the search for a tense marker stops ("that", أن)
//	abbreviations          words whose full stop does not end a sentence ("Mr", "Gen")
//	clitics                {"conjunctions": [و، ف], "prepositions": [ب، ل، ك]} stripped for lookup
//	possessives            endings stripped for lookup ("'s": "Tuesday's")
//
// To add a language, add data/<code>.json and its code to vocabLangs.
package dates
