// Package events turns analysed articles into event records in the PLOVER ontology — who met,
// called, visited, backed, asked, accused, rejected, aided, threatened, sanctioned or protested
// against whom, when, where and about what — and merges the records that several articles, in any
// language, give of one real-world event.
//
// Extraction works sentence by sentence on the analysis of an article (its entity mentions,
// resolved dates and topics) and the sentence text. Triggers and cues are per-language phrase
// dictionaries, embedded from data/en.tsv and data/ar.tsv (format in data/README.md); the
// argument rules (who is the actor, who the recipient) are language-independent apart from word
// order, which the dictionaries' prepositions and the clitic analysis of lang/ar handle.
//
// Design decisions, each a general rule rather than a fit to any sample:
//   - One event per interaction and article: repeated mentions of the same interaction (same type,
//     same participants, compatible dates) collapse into one event with several supporting
//     sentences.
//   - Agreements, support, cooperation and aid that the two sides of a consultation state towards
//     each other in the article reporting it are outcomes of that consultation: they are kept on
//     the CONSULT event (Outcomes), not reported as events of their own.
//   - Condemnation, denunciation and criticism are ACCUSE (mode "disapprove"), as PLOVER folds
//     CAMEO's DISAPPROVE into ACCUSE; accusations proper are ACCUSE (mode "allege"). REJECT is kept
//     for rejecting a proposal, demand or party.
//   - For visits the visitor is the actor and the host the recipient, also for "X received Y" and
//     for meetings held in one side's country.
//   - Planned or expected interactions ("will meet", "ahead of a planned meeting") and negated ones
//     are not events; they only add evidence to an event of the same participants that did happen.
//   - Background is not news: interactions the article dates more than BackgroundDays before its
//     own time, and photo captions, are left out (Options.KeepBackground keeps them).
//   - Dates come only from the analysis: a date expression in the sentence, else the date of the
//     interaction reported just before, else a day named in the sentence before; never a date
//     after publication; nothing is filled from the clock.
package events

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
)

// Version is the extractor's version: events stored by an older version should be extracted
// again (the store keeps it beside an article's events, as it does the analyser's).
const Version = 1

// PLOVER event types that the extractor reports.
const (
	Agree     = "AGREE"
	Consult   = "CONSULT"
	Support   = "SUPPORT"
	Request   = "REQUEST"
	Accuse    = "ACCUSE"
	Reject    = "REJECT"
	Aid       = "AID"
	Cooperate = "COOPERATE"
	Threaten  = "THREATEN"
	Sanction  = "SANCTION"
	Protest   = "PROTEST"
)

// Types lists the event types in a fixed order.
var Types = []string{Agree, Consult, Support, Request, Accuse, Reject, Aid, Cooperate, Threaten, Sanction, Protest}

// Modes of CONSULT events.
const (
	ModePhone        = "phone"
	ModeVisit        = "visit"
	ModeMultilateral = "multilateral"
	ModeThirdParty   = "third-party"
	ModeMeeting      = "meeting"
)

// IsType reports whether t is one of Types.
func IsType(t string) bool {
	for _, x := range Types {
		if x == t {
			return true
		}
	}
	return false
}

// Symmetric reports whether events of type t have no direction, so that actor and recipient may
// be swapped (CONSULT, COOPERATE).
func Symmetric(t string) bool { return t == Consult || t == Cooperate }

// EntityRef names an actor, recipient or place of an event.
type EntityRef struct {
	// Key is the entity's canonical key from the analysis ("person:sergei-lavrov", "country:JOR",
	// "city:amman"); Merge replaces people's keys with the global ids of the link stage.
	Key string `json:"key"`
	// Name is the display name; Type the entity type (person, country, city, place, region,
	// organisation).
	Name   string `json:"name"`
	NameAr string `json:"name_ar,omitempty"`
	Type   string `json:"type"`
	// Country is the entity's country, ISO 3166-1 alpha-3: a person's affiliation, a city's
	// country, a country's own code.
	Country string `json:"country,omitempty"`
	// Role is a person's normalised role ("foreign minister").
	Role string `json:"role,omitempty"`
	// Text is the mention the event was read from, as written ("his Jordanian counterpart").
	Text string `json:"text,omitempty"`
}

// IsZero reports whether r names nothing.
func (r EntityRef) IsZero() bool { return r.Key == "" }

// Evidence is one supporting sentence of an event.
type Evidence struct {
	// Sentence is the index into the analysis's sentences, -1 for the title.
	Sentence int    `json:"sentence"`
	Field    string `json:"field"`
	// Start and End are character (code point) offsets into Field.
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	// Trigger is the phrase that fired in this sentence, as written.
	Trigger string `json:"trigger,omitempty"`
}

// Outcome is a statement folded into a consultation: an agreement, support, cooperation or aid
// between its two sides, reported in the same article.
type Outcome struct {
	Type      string   `json:"type"`
	Mode      string   `json:"mode,omitempty"`
	Actor     string   `json:"actor"`     // entity key
	Recipient string   `json:"recipient"` // entity key
	Trigger   string   `json:"trigger"`
	Evidence  Evidence `json:"evidence"`
}

// Event is one event as one article reports it.
type Event struct {
	// ID is stable: a hash of the article id, type, actor, recipient and first supporting sentence.
	ID        string `json:"id"`
	ArticleID string `json:"article_id"`
	Type      string `json:"type"`
	// Mode refines the type: for CONSULT phone, visit, multilateral, third-party or meeting; for
	// AGREE intent-to-cooperate, intent-to-meet, offer; for ACCUSE allege or disapprove; ...
	Mode      string    `json:"mode,omitempty"`
	Actor     EntityRef `json:"actor"`
	Recipient EntityRef `json:"recipient"`
	// Date is YYYY-MM-DD, YYYY-MM or YYYY, "" when the text does not fix it. DateInferred is set
	// when part of it (typically the year) was inferred rather than read; DateText is the
	// expression as written; DateHow says where it came from.
	Date         string `json:"date,omitempty"`
	DateInferred bool   `json:"date_inferred,omitempty"`
	DateText     string `json:"date_text,omitempty"`
	DateHow      string `json:"date_how,omitempty"`
	// Published is the article's publication date (YYYY-MM-DD or ""), kept for merging and
	// ordering undated events.
	Published string     `json:"published,omitempty"`
	Location  *EntityRef `json:"location,omitempty"`
	Topics    []string   `json:"topics,omitempty"`
	// Sentences are the supporting sentences, in text order.
	Sentences []Evidence `json:"sentences"`
	// Trigger is the phrase that fired first, as written.
	Trigger string `json:"trigger"`
	// Outcomes are statements folded into a consultation (see the package documentation).
	Outcomes   []Outcome `json:"outcomes,omitempty"`
	Confidence float64   `json:"confidence"`
	Lang       string    `json:"lang"`
}

// eventID is the stable id of an event.
func eventID(article, typ, actor, recipient string, sentence int) string {
	h := sha256.New()
	for _, s := range []string{article, typ, actor, recipient, strconv.Itoa(sentence)} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return "ev-" + hex.EncodeToString(h.Sum(nil))[:16]
}

// countryOf returns the country an entity belongs to or is.
func countryOf(r EntityRef) string {
	if r.Type == "country" {
		if c, ok := strings.CutPrefix(r.Key, "country:"); ok && len(c) == 3 {
			return c
		}
	}
	return r.Country
}
