package serve

import (
	"net/http"
	"strconv"
	"strings"

	"storyline/internal/events"
)

// Error statuses most routes may answer.
var (
	readErrors  = []int{http.StatusBadRequest, http.StatusTooManyRequests}
	itemErrors  = []int{http.StatusBadRequest, http.StatusNotFound, http.StatusTooManyRequests}
	writeErrors = []int{http.StatusBadRequest, http.StatusUnauthorized, http.StatusForbidden, http.StatusRequestEntityTooLarge,
		http.StatusUnsupportedMediaType, http.StatusTooManyRequests}
)

var (
	pLang  = param{name: "lang", in: "query", typ: "string", desc: "ISO 639-1 language code (en, ar, ...)"}
	pSince = param{name: "since", in: "query", typ: "date", desc: "on or after this date (YYYY-MM-DD)"}
	pUntil = param{name: "until", in: "query", typ: "date", desc: "on or before this date (YYYY-MM-DD)"}
	pID    = param{name: "id", in: "path", typ: "string", required: true, desc: "article id or a unique prefix of it"}
)

func pLimit(def, hi int) param {
	return param{name: "limit", in: "query", typ: "integer", desc: "page size (default " + itoa(def) + ", at most " + itoa(hi) + ")"}
}

var pOffset = param{name: "offset", in: "query", typ: "integer", desc: "number of items to skip"}

// eventParams are the filters of the event routes, as the CLI's.
func eventParams(actorRequired bool) []param {
	return []param{
		{name: "actor", in: "query", typ: "string", required: actorRequired, desc: "an entity taking part on either side: a name in any script (Lavrov, لافروف), a canonical id (person:sergey-lavrov, country:JOR) or a country, which also matches its people and bodies"},
		{name: "with", in: "query", typ: "string", desc: "the other side, matched like actor (needs actor)"},
		{name: "type", in: "query", typ: "string", desc: "PLOVER type", enum: events.Types},
		pSince, pUntil,
		{name: "lang", in: "query", typ: "string", desc: "only events reported in this language"},
	}
}

// apiRoutes lists every API endpoint under /api/v1.
func apiRoutes() []route {
	return []route{
		{method: "GET", path: "/status", id: "status", summary: "What the server holds",
			desc: "Articles per language, linked articles, stories, events and known entities, the schema version and when the read caches were built.",
			resp: statusAnswerBody{}, errors: []int{http.StatusTooManyRequests}, h: (*Server).getStatus},
		{method: "GET", path: "/articles", id: "listArticles", summary: "List articles in ingest order",
			desc:   "Articles that pass the filters, in the order they were ingested, a page at a time: pass the answer's next as after for the following page.",
			params: []param{pLang, pSince, pUntil, pLimit(50, 200), {name: "after", in: "query", typ: "integer", desc: "continue after this ingest sequence number (the previous page's next)"}},
			resp:   articleList{}, errors: readErrors, h: (*Server).listArticles},
		{method: "POST", path: "/articles", id: "ingestArticles", summary: "Ingest articles (JSON)",
			desc: "One JSON article object or an array of them, with the fields the JSON reader knows (title/headline, text/body/content, date/published, language/lang, url, source/outlet; other keys are kept). " +
				"Each article is analysed, its events extracted, its entities resolved and it is linked into events and stories, as by storyline ingest. Writes are serialised. " +
				"Needs Authorization: Bearer <token> when the server has a token. Answers 201 when an article was new, 200 when all were already stored, 400 when none could be read; each item says what happened to it.",
			body: []map[string]any{}, resp: ingestAnswer{}, status: http.StatusCreated, errors: writeErrors, write: true, h: (*Server).postArticles},
		{method: "GET", path: "/articles/{id}", id: "getArticle", summary: "One article with its analysis, highlights, events and story",
			desc:   "The article, its analysis (entities with mentions, dates, concepts, topics), the canonical id of each entity, highlight spans (character offsets into title or body, ready to mark up), its PLOVER events and its event and story.",
			params: []param{pID}, resp: articleDetail{}, errors: itemErrors, h: (*Server).getArticle},
		{method: "GET", path: "/articles/{id}/related", id: "relatedArticles", summary: "The articles nearest to one, in any language",
			params: []param{pID, {name: "k", in: "query", typ: "integer", desc: "how many (default 10, at most 50)"}},
			resp:   relatedAnswer{}, errors: itemErrors, h: (*Server).getRelated},
		{method: "GET", path: "/articles/{id}/duplicates", id: "duplicateArticles", summary: "Near-duplicates of an article (wire copies, light edits)",
			params: []param{pID}, resp: relatedAnswer{}, errors: itemErrors, h: (*Server).getDuplicates},
		{method: "GET", path: "/similarity", id: "similarity", summary: "How similar two articles are, and why",
			desc: "SemEval-2022 Task 8 dimensions (geography, entities, time, narrative, overall; 1 very similar … 4 very dissimilar) with the evidence.",
			params: []param{{name: "a", in: "query", typ: "string", required: true, desc: "article id or prefix"},
				{name: "b", in: "query", typ: "string", required: true, desc: "article id or prefix"}},
			resp: similarityAnswer{}, errors: itemErrors, h: (*Server).getSimilarity},
		{method: "GET", path: "/stories", id: "listStories", summary: "Stories: what is new and growing",
			desc: "Stories (threads of events) with their articles per language and titles. sort: latest (newest publication first, default), growing (most articles published in the last 14 days before the newest article in the store), new (most recently started), size.",
			params: []param{{name: "sort", in: "query", typ: "string", desc: "order", enum: storySorts}, pLang,
				{name: "min_articles", in: "query", typ: "integer", desc: "only stories with at least this many articles"}, pLimit(20, 200), pOffset},
			resp: storyList{}, errors: readErrors, h: (*Server).listStories},
		{method: "GET", path: "/stories/{id}", id: "getStory", summary: "One story: its events, its articles per language, its PLOVER events",
			params: []param{{name: "id", in: "path", typ: "string", required: true, desc: "story id (st-...)"}},
			resp:   storyAnswer{}, errors: itemErrors, h: (*Server).getStory},
		{method: "GET", path: "/events", id: "listEvents", summary: "PLOVER events merged across articles and languages",
			desc:   "Events in chronological order (undated last), filtered as by storyline events.",
			params: append(eventParams(false), pLimit(50, 500), pOffset), resp: eventList{}, errors: readErrors, h: (*Server).listEvents},
		{method: "GET", path: "/timeline", id: "timeline", summary: "The events of an actor (with another), in order",
			params: append(eventParams(true), pLimit(200, 1000)), resp: eventList{}, errors: readErrors, h: (*Server).getTimeline},
		{method: "GET", path: "/entities", id: "listEntities", summary: "Canonical entities, most frequent first",
			params: []param{{name: "type", in: "query", typ: "string", desc: "entity type", enum: entityTypes}, pLimit(50, 200)},
			resp:   entityList{}, errors: readErrors, h: (*Server).listEntities},
		{method: "GET", path: "/entities/{id}", id: "getEntity", summary: "One entity: variants across scripts, timeline, co-mentions graph",
			desc:   "The entity by canonical id (person:sergey-lavrov, country:JOR), or by a name in any script, resolved as search resolves names.",
			params: []param{{name: "id", in: "path", typ: "string", required: true, desc: "canonical id or name"}},
			resp:   entityAnswer{}, errors: itemErrors, h: (*Server).getEntity},
		{method: "GET", path: "/search", id: "search", summary: "Search across languages",
			desc: "Full text (Arabic clitics and English stems folded), the entities the query names in any script (Lavrov finds لافروف) and the concepts its words share across languages (two-state solution ~ حل الدولتين). Ranked; each hit says what it matched.",
			params: []param{{name: "q", in: "query", typ: "string", desc: "the query, in any language"}, pLang, pSince, pUntil,
				{name: "entity", in: "query", typ: "string", desc: "only articles mentioning this canonical entity"},
				{name: "topic", in: "query", typ: "string", desc: "only articles on this topic id (refugees, syrian-crisis, ...)"},
				{name: "story", in: "query", typ: "string", desc: "only articles of this story"}, pLimit(20, 200), pOffset},
			resp: SearchAnswer{}, errors: readErrors, h: (*Server).getSearch},
	}
}

var entityTypes = []string{"person", "country", "city", "place", "region", "organisation"}

func itoa(n int) string { return strconv.Itoa(n) }

// dirOf is the writing direction of a language.
func dirOf(lang string) string {
	switch strings.ToLower(lang) {
	case "ar", "fa", "he", "ur", "ps", "yi", "dv", "ckb":
		return "rtl"
	}
	return "ltr"
}
