// Package analyse turns a stored article into structured, language-independent facts: sentences,
// named entities with roles and canonical keys, resolved dates, concepts shared across languages,
// and topics. Per-language code lives under lang/ (lang/en, lang/ar), in the manner of Bleve's
// analysis/lang; cross-script name matching lives in names, dates in dates, and the data the
// analysis looks things up in in gazetteer and lexicon.
package analyse

// Version is the analyser's version; stored analyses made by an older version are recomputed.
const Version = 1

// Entity types.
const (
	TypePerson       = "person"
	TypeCountry      = "country"
	TypeCity         = "city"
	TypePlace        = "place"
	TypeRegion       = "region"
	TypeOrganisation = "organisation"
)

// How a person's country was found (Entity.CountryFrom), strongest first.
const (
	CountryText    = "text"
	CountryPeople  = "people"
	CountryContext = "context"
	CountryArticle = "article"
)

// Fields of an article that offsets refer to.
const (
	FieldTitle = "title"
	FieldBody  = "body"
)

// Analysis is everything the analysis stage learns about one article.
type Analysis struct {
	ArticleID string `json:"article_id"`
	Lang      string `json:"lang"`
	Version   int    `json:"version"`
	// Published is the article's publication date as used for resolving dates (YYYY-MM-DD, or ""),
	// with how it was obtained: from the article's metadata, or inferred from its text.
	Published     string  `json:"published,omitempty"`
	PublishedFrom string  `json:"published_from,omitempty"`
	PublishedConf float64 `json:"published_confidence,omitempty"`
	// Context is the country the article is written from or about (dateline, outlet), ISO 3166-1
	// alpha-3, used to resolve "the Kingdom" and unqualified officials; "" when unknown.
	Context   string    `json:"context_country,omitempty"`
	Sentences []Span    `json:"sentences"`
	Entities  []Entity  `json:"entities"`
	Dates     []Date    `json:"dates"`
	Concepts  []Concept `json:"concepts"`
	Topics    []Topic   `json:"topics"`
}

// Span is a stretch of a field, in character (code point) offsets.
type Span struct {
	Field string `json:"field"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Entity is one entity of an article with all its mentions there.
type Entity struct {
	// Key is the canonical key: a gazetteer id ("country:JOR", "city:amman", "org:un") shared by
	// every language, or for people "person:" and a slug of the Latin form of the fullest name.
	// The link stage resolves people across articles and scripts into global canonical ids.
	Key  string `json:"key"`
	Type string `json:"type"`
	// Name is the display name (English where known); NameAr the Arabic one where known.
	Name   string `json:"name"`
	NameAr string `json:"name_ar,omitempty"`
	// Country is the entity's country (ISO 3166-1 alpha-3): a person's affiliation, a city's country.
	Country string `json:"country,omitempty"`
	// CountryFrom says how a person's country was found: CountryText (written next to a mention:
	// "Russian Foreign Minister", "his Jordanian counterpart"), CountryPeople (the people
	// gazetteer), CountryContext (the dateline's or outlet's country, for an unqualified official)
	// or CountryArticle (a guess: the country the article mentions most); "" for places,
	// organisations and people without a country.
	CountryFrom string `json:"country_from,omitempty"`
	// Role is the normalised role or title of a person ("foreign minister", "king", "president").
	Role string `json:"role,omitempty"`
	// Given and Family are a person's name parts as written in the fullest mention (Family without
	// particles such as al-), for cross-article resolution.
	Given  string `json:"given,omitempty"`
	Family string `json:"family,omitempty"`
	// Forms are the distinct surface forms, Mentions every occurrence.
	Forms    []string  `json:"forms"`
	Mentions []Mention `json:"mentions"`
	// Salience is how central the entity is to the article, 0..1 (mentions, title, first sentence).
	Salience float64 `json:"salience"`
}

// Mention is one occurrence of an entity.
type Mention struct {
	Text     string `json:"text"`
	Field    string `json:"field"`
	Start    int    `json:"start"` // character offset into the field
	End      int    `json:"end"`
	Sentence int    `json:"sentence"` // index into Analysis.Sentences (title sentences come first)
	// Kind says how the mention names the entity: name, surname, alias, demonym, metonym,
	// acronym, contextual ("the Kingdom").
	Kind string `json:"kind"`
}

// Date is a date expression of the article and its resolution.
type Date struct {
	Text        string  `json:"text"`
	Field       string  `json:"field"`
	Start       int     `json:"start"`
	End         int     `json:"end"`
	Sentence    int     `json:"sentence"`
	Value       string  `json:"value,omitempty"` // YYYY-MM-DD, YYYY-MM or YYYY; "" when not fixed
	Granularity string  `json:"granularity,omitempty"`
	Relative    bool    `json:"relative,omitempty"`
	Inferred    bool    `json:"inferred,omitempty"`
	Confidence  float64 `json:"confidence"`
	How         string  `json:"how,omitempty"`
}

// Concept is a language-independent concept key with its weight in the article.
type Concept struct {
	Key    string  `json:"key"`
	Weight float64 `json:"weight"`
}

// Topic is a topic of the taxonomy with its score in the article and the cues that fired.
type Topic struct {
	ID    string   `json:"id"`
	Label string   `json:"label"`
	Score float64  `json:"score"`
	Cues  []string `json:"cues,omitempty"`
}
