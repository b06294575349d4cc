package eval

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"storyline/internal/analyse"
	"storyline/internal/analyse/lang/ar"
)

// SystemArticle is what the system made of one article of the articles folder.
type SystemArticle struct {
	// Name is the article's file name in the articles folder (the gold's key).
	Name     string
	Analysis analyse.Analysis
	// Canonical maps an entity Key of the analysis to its global id (from analyse.Resolve);
	// a key missing from it is its own global id.
	Canonical map[string]string
}

// typeClass maps an entity type to the class it is scored in: country, city, place and region
// all count as places.
func typeClass(t string) string {
	switch t {
	case analyse.TypeCountry, analyse.TypeCity, analyse.TypePlace, analyse.TypeRegion:
		return "place"
	case analyse.TypePerson:
		return "person"
	case analyse.TypeOrganisation, "organization":
		return "organisation"
	}
	return t
}

var folder = cases.Fold()

// normSurface folds a surface form for comparison: Unicode NFC, Arabic normalisation
// (ar.Normalise), case folding, white space runs collapsed and trimmed.
func normSurface(s string) string {
	s = norm.NFC.String(s)
	s = ar.Normalise(s)
	s = folder.String(s)
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// found is a gold entity of an article found by a system entity.
type found struct {
	article string
	lang    string
	goldID  string
	sysKey  string
}

// matchArticle matches one article's gold entities to its system entities. It returns, for each
// gold entity found, the system entity that found it (of the same exact type if one did, then the
// one with the most mentions whose text is a gold surface form, then the first key), and for each
// system entity whether it matches some gold entity.
func matchArticle(ga *GoldArticle, an *analyse.Analysis) (gold map[int]int, sysMatched []bool) {
	gold = map[int]int{}
	sysMatched = make([]bool, len(an.Entities))
	surfaces := make([]map[string]bool, len(ga.Entities))
	for i, ge := range ga.Entities {
		surfaces[i] = map[string]bool{}
		for _, s := range ge.Surface {
			surfaces[i][normSurface(s)] = true
		}
	}
	mentionTexts := make([][]string, len(an.Entities))
	for j, se := range an.Entities {
		for _, m := range se.Mentions {
			mentionTexts[j] = append(mentionTexts[j], normSurface(m.Text))
		}
	}
	for i, ge := range ga.Entities {
		best, bestN := -1, 0
		for j, se := range an.Entities {
			if typeClass(se.Type) != typeClass(ge.Type) {
				continue
			}
			n := 0
			for _, t := range mentionTexts[j] {
				if surfaces[i][t] {
					n++
				}
			}
			if n == 0 {
				continue
			}
			sysMatched[j] = true
			// The same exact type first (a city for a city, a country for a country), then the
			// most mentions with a gold surface form, then the first key.
			better := best < 0
			if best >= 0 {
				bt, jt := an.Entities[best].Type == ge.Type, se.Type == ge.Type
				switch {
				case jt != bt:
					better = jt
				case n != bestN:
					better = n > bestN
				default:
					better = se.Key < an.Entities[best].Key
				}
			}
			if better {
				best, bestN = j, n
			}
		}
		if best >= 0 {
			gold[i] = best
		}
	}
	return gold, sysMatched
}

// scored reports whether a system entity's type is one the entity scores count.
func scored(t string) bool {
	switch typeClass(t) {
	case "person", "place", "organisation":
		return true
	}
	return false
}

// ScoreEntities fills r's entity figures, as ../shared/corpus/README.md specifies: per article
// with an "entities" key, a gold entity is found when a system entity of a compatible type (all
// place types are one) has a mention whose text equals one of its surface forms after Unicode
// NFC, Arabic normalisation and case folding; precision counts the system entities that match
// no gold entity. Overall, per type class (person, place, organisation) and per language.
func ScoreEntities(g *Gold, sys []SystemArticle, r *Report) {
	byName := indexSystem(sys)
	total := &counts{}
	byType := map[string]*counts{}
	byLang := map[string]*counts{}
	get := func(m map[string]*counts, k string) *counts {
		if m[k] == nil {
			m[k] = &counts{}
		}
		return m[k]
	}
	for _, name := range sortedArticles(g) {
		ga := g.Articles[name]
		if !ga.HasEntities {
			continue
		}
		r.scoredArticles++
		sa := byName[name]
		lang := ga.Language
		if lang == "" {
			lang = "und"
		}
		var an analyse.Analysis
		if sa != nil {
			an = sa.Analysis
		} else {
			r.Missing = append(r.Missing, name)
		}
		foundGold, sysMatched := matchArticle(ga, &an)
		for i, ge := range ga.Entities {
			_, ok := foundGold[i]
			if !ok {
				r.NotFound = append(r.NotFound, fmt.Sprintf("%s: %s %s %q", name, ge.Type, ge.ID, ge.Surface))
			}
			for _, c := range []*counts{total, get(byType, typeClass(ge.Type)), get(byLang, lang)} {
				c.gold++
				if ok {
					c.found++
				}
			}
		}
		for j, se := range an.Entities {
			if !scored(se.Type) {
				continue
			}
			if !sysMatched[j] {
				r.Unmatched = append(r.Unmatched, fmt.Sprintf("%s: %s %s %q", name, se.Type, se.Key, se.Forms))
			}
			for _, c := range []*counts{total, get(byType, typeClass(se.Type)), get(byLang, lang)} {
				c.system++
				if sysMatched[j] {
					c.matched++
				}
			}
		}
	}
	if r.scoredArticles == 0 {
		return
	}
	r.Entities = total.prf()
	r.EntitiesByType = map[string]PRF{}
	for k, c := range byType {
		r.EntitiesByType[k] = c.prf()
	}
	r.EntitiesByLang = map[string]PRF{}
	for k, c := range byLang {
		r.EntitiesByLang[k] = c.prf()
	}
}

// ScoreLinking fills r's linking figures: over all pairs of gold entities found (as in
// ScoreEntities) in different articles, the gold says same or not (same id), the system says
// same or not (same canonical id of the system entities that found them); pairwise P/R/F1, and
// separately over the pairs whose articles differ in language.
func ScoreLinking(g *Gold, sys []SystemArticle, r *Report) {
	byName := indexSystem(sys)
	var fs []found
	any := false
	for _, name := range sortedArticles(g) {
		ga := g.Articles[name]
		if !ga.HasEntities {
			continue
		}
		any = true
		sa := byName[name]
		if sa == nil {
			continue
		}
		foundGold, _ := matchArticle(ga, &sa.Analysis)
		for i, j := range foundGold {
			key := sa.Analysis.Entities[j].Key
			canon := key
			if c, ok := sa.Canonical[key]; ok && c != "" {
				canon = c
			}
			fs = append(fs, found{article: name, lang: ga.Language, goldID: ga.Entities[i].ID, sysKey: canon})
		}
	}
	if !any {
		return
	}
	all := pairCounts(fs, false)
	cross := pairCounts(fs, true)
	r.Linking = all.prf()
	r.LinkingCrosslingual = cross.prf()
}

// linkCounts are pairwise link counts.
type linkCounts struct{ tp, fp, fn int }

func (c linkCounts) prf() PRF {
	p := &counts{gold: c.tp + c.fn, found: c.tp, system: c.tp + c.fp, matched: c.tp}
	return p.prf()
}

// pairCounts counts the pairs of found entities in different articles (or, with cross, in
// different languages) by grouping, in time linear in the number of entities: pairs that share a
// gold id, a system id, or both.
func pairCounts(fs []found, cross bool) linkCounts {
	count := func(key func(found) string) int {
		groups := map[string][]found{}
		for _, f := range fs {
			groups[key(f)] = append(groups[key(f)], f)
		}
		n := 0
		for _, g := range groups {
			n += pairsApart(g, cross)
		}
		return n
	}
	gold := count(func(f found) string { return f.goldID })
	sys := count(func(f found) string { return f.sysKey })
	both := count(func(f found) string { return f.goldID + "\x00" + f.sysKey })
	return linkCounts{tp: both, fp: sys - both, fn: gold - both}
}

// pairsApart counts the pairs of a group in different articles (or languages).
func pairsApart(g []found, cross bool) int {
	n := len(g)
	total := n * (n - 1) / 2
	same := map[string]int{}
	for _, f := range g {
		k := f.article
		if cross {
			k = f.lang
		}
		same[k]++
	}
	for _, m := range same {
		total -= m * (m - 1) / 2
	}
	return total
}

func indexSystem(sys []SystemArticle) map[string]*SystemArticle {
	m := make(map[string]*SystemArticle, len(sys))
	for i := range sys {
		m[sys[i].Name] = &sys[i]
	}
	return m
}

func sortedArticles(g *Gold) []string {
	names := make([]string, 0, len(g.Articles))
	for n := range g.Articles {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
