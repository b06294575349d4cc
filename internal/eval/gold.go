// Package eval scores Storyline against annotated data in the format of
// ../shared/corpus/README.md: entities (per article, by surface form), cross-article and
// cross-lingual linking of entities, events, similarity and event
// clustering. Figures no annotated article carries are reported as null ("no gold").
package eval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
)

// maxGoldBytes bounds a gold file.
const maxGoldBytes = 64 << 20

// Gold is an annotated set: its articles by file name, similarity pairs and the expected
// partition into events. Unknown keys are ignored.
type Gold struct {
	Articles map[string]*GoldArticle `json:"articles"`
	Pairs    []GoldPair              `json:"pairs"`
	// HasPairs is set when the file has a "pairs" key.
	HasPairs bool `json:"-"`
	// EventsExpected is the partition of the articles into real-world events.
	EventsExpected [][]string `json:"events_expected"`
	// HasEventsExpected is set when the file has an "events_expected" key.
	HasEventsExpected bool `json:"-"`
}

// GoldArticle is the annotation of one article.
type GoldArticle struct {
	Language        string       `json:"language"`
	PublicationDate *string      `json:"publication_date"`
	Entities        []GoldEntity `json:"entities"`
	Events          []GoldEvent  `json:"events"`
	// HasEntities and HasEvents are set when the article entry has the key: an entry without
	// "entities" is not scored for entities nor linking, without "events" not for events.
	HasEntities bool `json:"-"`
	HasEvents   bool `json:"-"`
}

// GoldEntity is one annotated entity of an article.
type GoldEntity struct {
	ID      string   `json:"id"`
	Type    string   `json:"type"`
	Surface []string `json:"surface"`
	Country string   `json:"country,omitempty"`
	Role    string   `json:"role,omitempty"`
}

// GoldEvent is one annotated event of an article.
type GoldEvent struct {
	Type      string   `json:"type"`
	Mode      string   `json:"mode,omitempty"`
	Actor     string   `json:"actor"`
	Recipient string   `json:"recipient"`
	Location  string   `json:"location,omitempty"`
	Date      *string  `json:"date"`
	Topics    []string `json:"topics,omitempty"`
}

// GoldPair is a pair of articles with their similarity on the SemEval-2022 Task 8 scale (1 very
// similar … 4 very dissimilar).
type GoldPair struct {
	A         string  `json:"a"`
	B         string  `json:"b"`
	Overall   float64 `json:"overall"`
	SameEvent bool    `json:"same_event"`
}

// UnmarshalJSON reads an article entry and notes which keys it has.
func (a *GoldArticle) UnmarshalJSON(b []byte) error {
	type plain GoldArticle
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(b, &keys); err != nil {
		return err
	}
	*a = GoldArticle(p)
	_, a.HasEntities = keys["entities"]
	_, a.HasEvents = keys["events"]
	return nil
}

// UnmarshalJSON reads a gold file and notes which keys it has.
func (g *Gold) UnmarshalJSON(b []byte) error {
	type plain Gold
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(b, &keys); err != nil {
		return err
	}
	*g = Gold(p)
	_, g.HasPairs = keys["pairs"]
	_, g.HasEventsExpected = keys["events_expected"]
	return nil
}

// LoadGold reads and checks a gold file.
func LoadGold(path string) (*Gold, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("gold %s: %w", path, err)
	}
	if info.IsDir() {
		return nil, fmt.Errorf("gold %s: is a directory, not a gold JSON file", path)
	}
	if info.Size() > maxGoldBytes {
		return nil, fmt.Errorf("gold %s: %d bytes is larger than the %d allowed", path, info.Size(), maxGoldBytes)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("gold %s: %w", path, err)
	}
	g, err := ParseGold(data)
	if err != nil {
		return nil, fmt.Errorf("gold %s: %w", path, err)
	}
	return g, nil
}

// ParseGold parses and checks the bytes of a gold file.
func ParseGold(data []byte) (*Gold, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var g Gold
	if err := json.Unmarshal(data, &g); err != nil {
		return nil, fmt.Errorf("not valid gold JSON: %w", err)
	}
	if g.Articles == nil {
		return nil, fmt.Errorf(`no "articles" object`)
	}
	for name, a := range g.Articles {
		if a == nil {
			return nil, fmt.Errorf("article %q: null entry", name)
		}
		for i, e := range a.Entities {
			if e.ID == "" {
				return nil, fmt.Errorf("article %q: entity %d has no id", name, i)
			}
			if e.Type == "" {
				return nil, fmt.Errorf("article %q: entity %q has no type", name, e.ID)
			}
		}
		for i, ev := range a.Events {
			if ev.Type == "" || ev.Actor == "" {
				return nil, fmt.Errorf("article %q: event %d needs a type and an actor", name, i)
			}
		}
	}
	for i, p := range g.Pairs {
		if p.A == "" || p.B == "" {
			return nil, fmt.Errorf("pair %d: needs a and b", i)
		}
	}
	return &g, nil
}
