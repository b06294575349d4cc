package store

import (
	"sort"
)

// EntityStatsVersion is the version of the entity summaries that stores keep at write time
// (EntityDelta, SummaryFromCounts). A store whose summaries were counted by another version
// recounts them from its entity rows when it opens.
const EntityStatsVersion = 1

// Kinds of EntityCount. Counts of kind CountArticles, CountLang, CountForm and CountLabel are
// numbers of articles; the others count entity rows (CountMentions: mentions), as Summarise does.
const (
	CountArticles = "articles" // articles naming the entity
	CountMentions = "mentions" // mentions in all its rows
	CountLang     = "lang"     // Value: a language; articles in it
	CountForm     = "form"     // Value: a surface form (Entity.Forms), Lang its article's language
	CountLabel    = "label"    // Value: a form or the row's Name, Lang: the language (EntityForms)
	CountName     = "name"     // Value: a name not in Arabic script; rows
	CountNameAr   = "name_ar"  // Value: an Arabic-script name (Name or NameAr); rows
	CountCountry  = "country"  // Value: a country code; rows
	CountRole     = "role"     // Value: a role; rows
	CountType     = "type"     // Value: an entity type; rows
)

// EntityCount names one counter of a canonical entity's summary.
type EntityCount struct {
	ID    string // canonical id
	Kind  string // one of the Count* kinds
	Value string // "" for CountArticles and CountMentions
	Lang  string // for CountForm and CountLabel; "" otherwise
}

// EntityPair names the co-mention counter of two canonical entities: the number of articles
// naming both. Stores keep it in both directions, (A, B) and (B, A).
type EntityPair struct{ A, B string }

// EntityDelta is what a change of entity rows does to the summaries a store keeps: counters to
// add to (negative to remove), per canonical entity and per pair of co-mentioned entities.
// A backend computes it from the rows an article had and has, in the transaction that changes
// them, and applies it there; Summarise over the rows and SummaryFromCounts over the counters
// then give the same summary.
type EntityDelta struct {
	Counts map[EntityCount]int
	Pairs  map[EntityPair]int
}

// NewEntityDelta returns an empty delta.
func NewEntityDelta() *EntityDelta {
	return &EntityDelta{Counts: map[EntityCount]int{}, Pairs: map[EntityPair]int{}}
}

// Add adds sign (+1 or -1) times the contribution of one article's entity rows: rows must all
// belong to one article (an article's rows as stored, or as they are about to be).
func (d *EntityDelta) Add(rows []EntityRow, sign int) {
	if len(rows) == 0 {
		return
	}
	type seen struct{ id, value, lang string }
	once := map[seen]bool{}
	first := func(k seen) bool {
		if once[k] {
			return false
		}
		once[k] = true
		return true
	}
	var ids []string
	for _, r := range rows {
		id := rowID(r)
		e := r.Entity
		if first(seen{id, "\x00article", ""}) {
			ids = append(ids, id)
			d.Counts[EntityCount{ID: id, Kind: CountArticles}] += sign
			d.Counts[EntityCount{ID: id, Kind: CountLang, Value: r.Lang}] += sign
		}
		d.Counts[EntityCount{ID: id, Kind: CountMentions}] += sign * len(e.Mentions)
		d.Counts[EntityCount{ID: id, Kind: CountType, Value: e.Type}] += sign
		if e.Name != "" {
			if isArabic(e.Name) {
				d.Counts[EntityCount{ID: id, Kind: CountNameAr, Value: e.Name}] += sign
			} else {
				d.Counts[EntityCount{ID: id, Kind: CountName, Value: e.Name}] += sign
			}
		}
		if e.NameAr != "" {
			d.Counts[EntityCount{ID: id, Kind: CountNameAr, Value: e.NameAr}] += sign
		}
		if e.Country != "" {
			d.Counts[EntityCount{ID: id, Kind: CountCountry, Value: e.Country}] += sign
		}
		if e.Role != "" {
			d.Counts[EntityCount{ID: id, Kind: CountRole, Value: e.Role}] += sign
		}
		for _, f := range e.Forms {
			if first(seen{id, "\x00form\x00" + f, r.Lang}) {
				d.Counts[EntityCount{ID: id, Kind: CountForm, Value: f, Lang: r.Lang}] += sign
			}
		}
		for _, f := range append(e.Forms, e.Name) {
			if f != "" && first(seen{id, "\x00label\x00" + f, r.Lang}) {
				d.Counts[EntityCount{ID: id, Kind: CountLabel, Value: f, Lang: r.Lang}] += sign
			}
		}
	}
	for i, a := range ids {
		for _, b := range ids[i+1:] {
			d.Pairs[EntityPair{a, b}] += sign
			d.Pairs[EntityPair{b, a}] += sign
		}
	}
}

// Compact drops the counters the delta leaves unchanged.
func (d *EntityDelta) Compact() {
	for k, n := range d.Counts {
		if n == 0 {
			delete(d.Counts, k)
		}
	}
	for k, n := range d.Pairs {
		if n == 0 {
			delete(d.Pairs, k)
		}
	}
}

// IDs returns the canonical ids whose counters the delta changes, sorted.
func (d *EntityDelta) IDs() []string {
	set := map[string]bool{}
	for k := range d.Counts {
		set[k.ID] = true
	}
	out := make([]string, 0, len(set))
	for id := range set {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// SortedCounts returns the delta's counters in one order (by id, kind, value, language), so that
// backends touch rows in the same order and concurrent transactions do not deadlock.
func (d *EntityDelta) SortedCounts() []EntityCount {
	out := make([]EntityCount, 0, len(d.Counts))
	for k := range d.Counts {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.ID != b.ID {
			return a.ID < b.ID
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		if a.Value != b.Value {
			return a.Value < b.Value
		}
		return a.Lang < b.Lang
	})
	return out
}

// SortedPairs returns the delta's pairs in order.
func (d *EntityDelta) SortedPairs() []EntityPair {
	out := make([]EntityPair, 0, len(d.Pairs))
	for k := range d.Pairs {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].A != out[j].A {
			return out[i].A < out[j].A
		}
		return out[i].B < out[j].B
	})
	return out
}

// rowID is the canonical id a row is stored under.
func rowID(r EntityRow) string {
	if r.CanonicalID != "" {
		return r.CanonicalID
	}
	return r.Entity.Key
}

// EntityHead is what a store's entities table keeps of one canonical entity, for listing
// entities and naming co-mentions without reading their counters.
type EntityHead struct {
	ID       string
	Type     string
	Name     string
	Articles int
	Mentions int
}

// CountValue is a counter with its value.
type CountValue struct {
	EntityCount
	N int
}

// SummaryFromCounts builds the summary of a canonical entity from its counters (all of its
// counters, of every kind), as Summarise builds it from its rows. ok is false when the entity
// has no article. CoMentions are left to the caller.
func SummaryFromCounts(id string, counts []CountValue) (sum EntitySummary, ok bool) {
	sum = EntitySummary{ID: id, Langs: map[string]int{}}
	names, namesAr, countries, roles, types := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	for _, c := range counts {
		if c.N <= 0 {
			continue
		}
		switch c.Kind {
		case CountArticles:
			sum.Articles = c.N
		case CountMentions:
			sum.Mentions = c.N
		case CountLang:
			sum.Langs[c.Value] = c.N
		case CountForm:
			sum.Forms = append(sum.Forms, Form{Text: c.Value, Lang: c.Lang, Articles: c.N})
		case CountName:
			names[c.Value] = c.N
		case CountNameAr:
			namesAr[c.Value] = c.N
		case CountCountry:
			countries[c.Value] = c.N
		case CountRole:
			roles[c.Value] = c.N
		case CountType:
			types[c.Value] = c.N
		}
	}
	if sum.Articles <= 0 {
		return EntitySummary{}, false
	}
	sum.Type = top(types)
	sum.Name = top(names)
	sum.NameAr = top(namesAr)
	if sum.Name == "" {
		sum.Name = sum.NameAr
	}
	sum.Country = top(countries)
	sum.Roles = ranked(roles)
	sortForms(sum.Forms)
	return sum, true
}

// HeadOf is the entities-table row of a summary.
func HeadOf(sum EntitySummary) EntityHead {
	return EntityHead{ID: sum.ID, Type: sum.Type, Name: sum.Name, Articles: sum.Articles, Mentions: sum.Mentions}
}

// MaxCoMentions is how many co-mentioned entities a summary lists.
const MaxCoMentions = 10

func sortForms(fs []Form) {
	sort.Slice(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Articles != b.Articles {
			return a.Articles > b.Articles
		}
		if a.Lang != b.Lang {
			return a.Lang < b.Lang
		}
		return a.Text < b.Text
	})
}
