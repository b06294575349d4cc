// Package gazetteer holds the places, organisations, roles and name parts that the analysis stage
// looks things up in, in English and Arabic, with a small, fast, immutable lookup API that is safe
// for concurrent use.
//
// The data are tab-separated files embedded from data/ (see data/README.md for every column).
// countries.tsv is generated from the Unicode CLDR names in golang.org/x/text/language/display by
// `go run ./internal/analyse/gazetteer/gen`; the other files are curated by hand:
//
//	countries.tsv        iso3, iso2, English forms, Arabic forms            (generated)
//	country_forms.tsv    iso3, kind (name|alias|demonym|contextual), English forms, Arabic forms
//	places.tsv           id (city:|place:|region:), class, country, English forms, Arabic forms
//	metonyms.tsv         iso3, via (a place id), English forms, Arabic forms
//	organisations.tsv    id (org:), class, country, English forms, Arabic forms, acronyms
//	roles.tsv            role, English cues, Arabic cues
//	name_parts.tsv       kind (particle|title|honorific), English forms, Arabic forms
//	given_names.tsv      group, English variants, Arabic variants
//
// Forms within a column are separated by "|"; the first English and the first Arabic form are the
// display names. Lines starting with "#" and blank lines are ignored. Users extend the gazetteer by
// adding files whose names start with the same stem (places-mine.tsv, roles_extra.tsv) in a folder
// of their own and loading it on top of the defaults: Load(Data(), os.DirFS("my-gazetteer")).
// A row whose id is already known adds forms to that entry.
//
// Matching folds case (except that short all-capital acronyms such as US, UN and WHO match only in
// capitals, and a lower-case phrase never matches a capitalised form: "turkey" is not Turkey),
// Latin accents and punctuation (Key); Arabic goes through ar.Normalise and may also match without
// a leading ال and with nisba endings folded (السورية, السوريين, السوريون → سوري). Clitics such as
// و, ب and ل are the caller's to strip.
package gazetteer

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"
)

// Entity types of an Entry.
const (
	TypeCountry      = "country"
	TypeCity         = "city"
	TypePlace        = "place"
	TypeRegion       = "region"
	TypeOrganisation = "organisation"
)

// Kinds of forms: how a matched phrase names its entry.
const (
	KindName       = "name"       // a name of the entry (Jordan, الأردن, Amman)
	KindAlias      = "alias"      // another name: short or official long form (US, Hashemite Kingdom of Jordan)
	KindDemonym    = "demonym"    // adjective or people (Syrian, Syrians, السوري, السوريين)
	KindMetonym    = "metonym"    // a place standing for the country's government (Moscow, the Kremlin); see Entry.Via
	KindAcronym    = "acronym"    // an acronym of an organisation (UN, NATO, داعش)
	KindContextual = "contextual" // a form that needs context to resolve (the Kingdom, المملكة)
)

// Entry is one thing a phrase may name.
type Entry struct {
	// ID is the canonical key, the same in every language: "country:JOR", "city:amman",
	// "region:gulf", "org:un".
	ID string `json:"id"`
	// Type is country, city, place, region or organisation.
	Type string `json:"type"`
	// Name is the English display name, NameAr the Arabic one.
	Name   string `json:"name"`
	NameAr string `json:"name_ar,omitempty"`
	// Country is the ISO 3166-1 alpha-3 code of the country of a city, place or organisation, or of
	// the country itself; "" for regions and international bodies.
	Country string `json:"country,omitempty"`
	// Class refines the type: capital, city, camp, crossing, province, sea for places; igo, un-body,
	// armed-group, news-agency, military, party, ngo, company for organisations; "" for countries.
	Class string `json:"class,omitempty"`
	// Kind says how the looked-up phrase names the entry (name, alias, demonym, metonym, acronym,
	// contextual); an entry returned by Entry has kind name.
	Kind string `json:"kind"`
	// Via is, for a metonym, the id of the place that stands for the country (city:moscow,
	// place:kremlin); "" otherwise.
	Via string `json:"via,omitempty"`
	// Common is set when the matched phrase is also a common word (homographs.tsv: مالي is Mali
	// and "financial", Chad is a country and a given name): take it as a name only with support
	// from context.
	Common bool `json:"common,omitempty"`
}

// entity is an entry without the per-form kind.
type entity struct {
	id, typ, name, nameAr, country, class string
}

// hit is one indexed form of an entity.
type hit struct {
	ent     int32
	via     int32 // entity index of a metonym's place, or -1
	kind    uint8
	capital bool // the form starts with a capital: lower-case phrases do not match it
	// bare is set for an Arabic form (of the folded index) whose first word has no article:
	// the same word written with the article is something else unless it is a nisba adjective
	// or a country's name (السيول "the floods" is not سيول, Seoul; السوري is سوري).
	bare bool
}

var kindNames = []string{KindName, KindAlias, KindDemonym, KindMetonym, KindAcronym, KindContextual}

func kindIndex(k string) (uint8, bool) {
	for i, n := range kindNames {
		if n == k {
			return uint8(i), true
		}
	}
	return 0, false
}

// Gazetteer is an immutable index of places, organisations, roles and name parts. Its methods are
// safe for concurrent use.
type Gazetteer struct {
	entities []entity
	byID     map[string]int32
	exact    map[string][]hit // Key(form), and "="+form for capital acronyms
	folded   map[string][]hit // foldAr(Key(form)) for Arabic forms
	maxTok   int
	roles    map[string]string // Key(cue), and "="+cue for capital acronyms (PM, FM) → role
	rolesAr  map[string]string // foldAr(Key(cue)) of Arabic cues → role
	parts    map[string]string // Key(form) → particle|title|honorific
	given    map[string]string // Key(variant) → group
	kingdoms []string
	common   map[string]bool    // keys of forms that are also common words
	forms    map[int32][]string // names, aliases and acronyms of each entity as written
	words    map[string]bool    // every word of every key above, for HasWord
}

//go:embed data/*.tsv data/README.md
var dataFS embed.FS

// Data returns the embedded default data files, for loading them together with a user's own.
func Data() fs.FS {
	sub, err := fs.Sub(dataFS, "data")
	if err != nil {
		panic(err) // the embedded tree always has data/
	}
	return sub
}

// defaultGazetteer loads the embedded data once; the result is immutable.
var defaultGazetteer = sync.OnceValue(func() *Gazetteer {
	g, err := Load(Data())
	if err != nil {
		panic(fmt.Sprintf("gazetteer: embedded data: %v", err)) // checked by the package tests
	}
	return g
})

// Default returns the gazetteer built from the embedded data, loaded on first use and shared.
func Default() *Gazetteer { return defaultGazetteer() }

// Lookup returns the entries whose forms equal phrase after normalisation (see Key), best first:
// names before aliases, demonyms, acronyms, metonyms and contextual forms, and within a kind
// countries before organisations, regions, cities and places. For an Arabic phrase
// that matches nothing as written it also tries the phrase without a leading ال and with nisba
// endings folded; for an English one, without a leading "the". It returns nil when nothing matches.
func (g *Gazetteer) Lookup(phrase string) []Entry {
	if len(phrase) > 400 {
		return nil
	}
	k := Key(phrase)
	if k == "" {
		return nil
	}
	capital := startsUpper(phrase)
	var hits []hit
	if ak := acronymKey(phrase); ak != "" {
		hits = append(hits, g.exact[ak]...)
	}
	hits = appendHits(hits, g.exact[k], capital)
	matched := k
	if len(hits) == 0 && strings.HasPrefix(k, "the ") {
		matched = k[4:]
		hits = appendHits(hits, g.exact[matched], startsUpper(afterFirstWord(phrase)))
	}
	if len(hits) == 0 && isArabicKey(k) {
		matched = foldAr(k)
		articled := strings.HasPrefix(k, "ال")
		for _, h := range g.folded[matched] {
			kind := kindNames[h.kind]
			if articled && h.bare && kind != KindDemonym && (g.entities[h.ent].typ != TypeCountry || kind == KindMetonym) {
				continue
			}
			hits = append(hits, h)
		}
	}
	if len(hits) == 0 {
		return nil
	}
	out := g.entries(hits)
	if g.common[matched] {
		for i := range out {
			out[i].Common = true
		}
	}
	return out
}

func appendHits(dst, src []hit, capital bool) []hit {
	for _, h := range src {
		if h.capital && !capital {
			continue
		}
		dst = append(dst, h)
	}
	return dst
}

// entries turns hits into entries, one per (id, kind, via), ordered by kind then id.
func (g *Gazetteer) entries(hits []hit) []Entry {
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].kind != hits[j].kind {
			return kindRank(hits[i].kind) < kindRank(hits[j].kind)
		}
		if ti, tj := typeRank(g.entities[hits[i].ent].typ), typeRank(g.entities[hits[j].ent].typ); ti != tj {
			return ti < tj
		}
		if hits[i].ent != hits[j].ent {
			return g.entities[hits[i].ent].id < g.entities[hits[j].ent].id
		}
		return hits[i].via < hits[j].via
	})
	out := make([]Entry, 0, len(hits))
	for i, h := range hits {
		if i > 0 && h.ent == hits[i-1].ent && h.kind == hits[i-1].kind && h.via == hits[i-1].via {
			continue
		}
		e := g.entry(h.ent)
		e.Kind = kindNames[h.kind]
		if h.via >= 0 {
			e.Via = g.entities[h.via].id
		}
		out = append(out, e)
	}
	return out
}

// kindRank orders kinds for Lookup: name, alias, demonym, acronym, metonym, contextual.
func kindRank(k uint8) int {
	switch kindNames[k] {
	case KindName:
		return 0
	case KindAlias:
		return 1
	case KindDemonym:
		return 2
	case KindAcronym:
		return 3
	case KindMetonym:
		return 4
	}
	return 5
}

// typeRank orders types within a kind: a country before an organisation, a region, a city, a place
// (الجزائر is Algeria before it is Algiers).
func typeRank(t string) int {
	switch t {
	case TypeCountry:
		return 0
	case TypeOrganisation:
		return 1
	case TypeRegion:
		return 2
	case TypeCity:
		return 3
	}
	return 4
}

func (g *Gazetteer) entry(i int32) Entry {
	e := g.entities[i]
	return Entry{ID: e.id, Type: e.typ, Name: e.name, NameAr: e.nameAr, Country: e.country, Class: e.class, Kind: KindName}
}

// MaxPhraseTokens is an upper bound on the number of tokens of the longest form, counting a
// punctuation mark inside a form as a token of its own, for the analyser's longest-match scan.
func (g *Gazetteer) MaxPhraseTokens() int { return g.maxTok }

// Entry returns the entry with the given id ("country:JOR", "city:amman") with kind name.
func (g *Gazetteer) Entry(id string) (Entry, bool) {
	i, ok := g.byID[id]
	if !ok {
		return Entry{}, false
	}
	return g.entry(i), true
}

// Len returns the number of entries (countries, places and organisations).
func (g *Gazetteer) Len() int { return len(g.entities) }

// Role returns the normalised role ("foreign minister", "king", "president", "envoy") that phrase
// names, as in "Foreign Minister", "Minister of Foreign Affairs", "وزير الخارجية" or "جلالة الملك".
// Matching ignores case, except for acronyms (PM, FM); English plurals ("foreign ministers") and
// Arabic forms with or without ال and with nisba endings folded also match.
func (g *Gazetteer) Role(phrase string) (role string, ok bool) {
	if len(phrase) > 400 {
		return "", false
	}
	k := Key(phrase)
	if k == "" {
		return "", false
	}
	if ak := acronymKey(phrase); ak != "" {
		if r, ok := g.roles[ak]; ok {
			return r, true
		}
	}
	if r, ok := g.roles[k]; ok {
		return r, true
	}
	if strings.HasPrefix(k, "the ") {
		if r, ok := g.roles[k[4:]]; ok {
			return r, true
		}
	}
	if isArabicKey(k) {
		r, ok := g.rolesAr[foldAr(k)]
		return r, ok
	}
	if strings.HasSuffix(k, "s") {
		if r, ok := g.roles[strings.TrimSuffix(k, "s")]; ok {
			return r, true
		}
	}
	return "", false
}

// Kingdoms returns the ISO 3166-1 alpha-3 codes of the countries that a bare "the Kingdom" or
// "المملكة" may refer to, sorted; the analyser picks one from context (dateline, outlet).
func (g *Gazetteer) Kingdoms() []string {
	return append([]string(nil), g.kingdoms...)
}

// GivenNameGroup returns the canonical group id of a given name's spelling variants (Sergey and
// Sergei → "sergei"; Mohammed, Muhammad, Mohamed and محمد → "muhammad"), or "" when the name is in
// no group or is written in lower case ("said" is a verb, "Said" a name).
func (g *Gazetteer) GivenNameGroup(name string) string {
	if len(name) > 200 || !startsUpper(name) {
		return ""
	}
	return g.given[Key(name)]
}

// NamePart says whether phrase is a person-name particle ("particle": al-, bin, ibn, abu, Abdul),
// a title to strip from a name ("title": Prince, Sheikh, Dr) or an honorific to skip ("honorific":
// His Majesty, فخامة, معالي), and returns "" otherwise.
func (g *Gazetteer) NamePart(phrase string) string {
	if len(phrase) > 200 {
		return ""
	}
	k := Key(phrase)
	if p, ok := g.parts[k]; ok {
		return p
	}
	return ""
}

// HasWord reports whether w, one word folded as Key folds it ("syrian", "الخارجيه"), occurs in
// some form, role cue, name part or given name, as written or (for Arabic) without a leading ال
// and with its nisba ending folded as Lookup folds it. It is a cheap filter for the analyser's
// longest-match scan: a phrase with a word for which HasWord is false matches nothing in Lookup,
// Role or NamePart, so it need not be looked up.
func (g *Gazetteer) HasWord(w string) bool {
	if g.words[w] {
		return true
	}
	if isArabicKey(w) {
		return g.words[foldArWord(w)]
	}
	return false
}

// indexWords fills g.words from every key the gazetteer matches phrases against.
func (g *Gazetteer) indexWords() {
	g.words = map[string]bool{}
	add := func(k string) {
		k = strings.TrimPrefix(k, "=")
		for _, w := range strings.Fields(strings.ToLower(k)) {
			g.words[w] = true
			if isArabicKey(w) {
				g.words[foldArWord(w)] = true
			}
		}
	}
	for k := range g.exact {
		add(k)
	}
	for k := range g.folded {
		add(k)
	}
	for k := range g.roles {
		add(k)
	}
	for k := range g.rolesAr {
		add(k)
	}
	for k := range g.parts {
		add(k)
	}
	for k := range g.given {
		add(k)
	}
}

// afterFirstWord returns phrase without its first word and the spaces after it.
func afterFirstWord(phrase string) string {
	f := strings.TrimSpace(phrase)
	if i := strings.IndexAny(f, " \t\n"); i >= 0 {
		return strings.TrimSpace(f[i:])
	}
	return ""
}
