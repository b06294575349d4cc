package events

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// CSVHeader lists the columns WriteCSV writes, in order. The names follow PLOVER/POLECAT where
// they have one (event_id, event_date, event_type, event_mode, source/target actor and country,
// location, language, confidence); see docs/events.md for each column.
var CSVHeader = []string{
	"event_id", "event_date", "date_inferred", "event_type", "event_mode",
	"source_actor", "source_actor_name", "source_actor_type", "source_actor_country",
	"target_actor", "target_actor_name", "target_actor_type", "target_actor_country",
	"location", "location_name", "location_country",
	"topics", "confidence", "language", "source_count", "sources", "supporting_text", "trigger", "why",
}

// Record is one merged event in the export schema (one JSON Lines record; the CSV columns are its
// scalar fields, lists joined with ";").
type Record struct {
	EventID            string         `json:"event_id"`
	EventDate          string         `json:"event_date"`
	DateInferred       bool           `json:"date_inferred"`
	DateText           string         `json:"date_text,omitempty"`
	FirstDate          string         `json:"first_date,omitempty"`
	LastDate           string         `json:"last_date,omitempty"`
	EventType          string         `json:"event_type"`
	EventMode          string         `json:"event_mode"`
	SourceActor        string         `json:"source_actor"`
	SourceActorName    string         `json:"source_actor_name"`
	SourceActorType    string         `json:"source_actor_type"`
	SourceActorCountry string         `json:"source_actor_country"`
	SourceActorRole    string         `json:"source_actor_role,omitempty"`
	TargetActor        string         `json:"target_actor"`
	TargetActorName    string         `json:"target_actor_name"`
	TargetActorType    string         `json:"target_actor_type"`
	TargetActorCountry string         `json:"target_actor_country"`
	TargetActorRole    string         `json:"target_actor_role,omitempty"`
	Location           string         `json:"location"`
	LocationName       string         `json:"location_name"`
	LocationCountry    string         `json:"location_country"`
	Topics             []string       `json:"topics"`
	Confidence         float64        `json:"confidence"`
	Language           []string       `json:"language"`
	SourceCount        int            `json:"source_count"`
	Sources            []RecordSource `json:"sources"`
	SupportingText     string         `json:"supporting_text"`
	Trigger            string         `json:"trigger"`
	Outcomes           []Outcome      `json:"outcomes,omitempty"`
	Why                string         `json:"why"`
}

// RecordSource is one report of an exported event: the article, and the supporting sentence with
// its character offsets into the article's field.
type RecordSource struct {
	ArticleID    string  `json:"article_id"`
	EventID      string  `json:"event_id"`
	Language     string  `json:"language"`
	EventDate    string  `json:"event_date,omitempty"`
	DateInferred bool    `json:"date_inferred,omitempty"`
	Published    string  `json:"publication_date,omitempty"`
	Field        string  `json:"field,omitempty"`
	Start        int     `json:"start"`
	End          int     `json:"end"`
	Text         string  `json:"text"`
	Trigger      string  `json:"trigger,omitempty"`
	Confidence   float64 `json:"confidence"`
}

// ToRecord converts a merged event to the export schema.
func ToRecord(m Merged) Record {
	e := &m.Event
	r := Record{
		EventID: m.ID, EventDate: e.Date, DateInferred: e.DateInferred, DateText: e.DateText,
		FirstDate: m.First, LastDate: m.Last, EventType: e.Type, EventMode: e.Mode,
		SourceActor: e.Actor.Key, SourceActorName: e.Actor.Name, SourceActorType: e.Actor.Type,
		SourceActorCountry: countryOf(e.Actor), SourceActorRole: e.Actor.Role,
		TargetActor: e.Recipient.Key, TargetActorName: e.Recipient.Name, TargetActorType: e.Recipient.Type,
		TargetActorCountry: countryOf(e.Recipient), TargetActorRole: e.Recipient.Role,
		Topics: e.Topics, Confidence: e.Confidence, SourceCount: len(m.Sources), Trigger: e.Trigger,
		Outcomes: e.Outcomes, Why: m.Why,
	}
	if r.Topics == nil {
		r.Topics = []string{}
	}
	if e.Location != nil {
		r.Location, r.LocationName, r.LocationCountry = e.Location.Key, e.Location.Name, countryOf(*e.Location)
	}
	if len(e.Sentences) > 0 {
		r.SupportingText = e.Sentences[0].Text
	}
	langs := map[string]bool{}
	for _, s := range m.Sources {
		r.Sources = append(r.Sources, RecordSource{ArticleID: s.ArticleID, EventID: s.EventID, Language: s.Lang,
			EventDate: s.Date, DateInferred: s.DateInferred, Published: s.Published, Field: s.Field, Start: s.Start,
			End: s.End, Text: s.Sentence, Trigger: s.Trigger, Confidence: s.Confidence})
		if s.Lang != "" {
			langs[s.Lang] = true
		}
	}
	if r.Sources == nil {
		r.Sources = []RecordSource{}
	}
	for l := range langs {
		r.Language = append(r.Language, l)
	}
	sort.Strings(r.Language)
	if r.Language == nil {
		r.Language = []string{}
	}
	return r
}

// WriteJSONL writes one Record per merged event, one JSON object a line.
func WriteJSONL(w io.Writer, ms []Merged) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i, m := range ms {
		if err := enc.Encode(ToRecord(m)); err != nil {
			return fmt.Errorf("write event %d (%s) as JSON Lines: %w", i, m.ID, err)
		}
	}
	return nil
}

// WriteCSV writes a header row (CSVHeader) and one row per merged event. Lists are joined with
// ";" (topics, languages, source article ids); supporting_text is the representative's first
// sentence.
func WriteCSV(w io.Writer, ms []Merged) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return fmt.Errorf("write CSV header: %w", err)
	}
	for i, m := range ms {
		r := ToRecord(m)
		var ids []string
		for _, s := range r.Sources {
			if !contains(ids, s.ArticleID) {
				ids = append(ids, s.ArticleID)
			}
		}
		row := []string{
			r.EventID, r.EventDate, strconv.FormatBool(r.DateInferred), r.EventType, r.EventMode,
			r.SourceActor, r.SourceActorName, r.SourceActorType, r.SourceActorCountry,
			r.TargetActor, r.TargetActorName, r.TargetActorType, r.TargetActorCountry,
			r.Location, r.LocationName, r.LocationCountry,
			strings.Join(r.Topics, ";"), strconv.FormatFloat(r.Confidence, 'f', 3, 64), strings.Join(r.Language, ";"),
			strconv.Itoa(r.SourceCount), strings.Join(ids, ";"), csvSafe(r.SupportingText), r.Trigger, r.Why,
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("write event %d (%s) as CSV: %w", i, m.ID, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	return nil
}

// csvSafe keeps a spreadsheet from reading a cell as a formula.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
		return "'" + s
	}
	return s
}
