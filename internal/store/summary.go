package store

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
)

// Summarise builds the summary of canonical entity id from its rows (one per article) and their
// mention counts; backends share it so that they agree. CoMentions are left to the caller.
func Summarise(id string, rows []EntityRow, mentions []int) EntitySummary {
	sum := EntitySummary{ID: id, Langs: map[string]int{}}
	articles := map[string]bool{}
	names, namesAr, countries, roles, types := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	forms := map[[2]string]map[string]bool{}
	for i, r := range rows {
		e := r.Entity
		if !articles[r.ArticleID] {
			articles[r.ArticleID] = true
			sum.Langs[r.Lang]++
		}
		sum.Mentions += mentions[i]
		types[e.Type]++
		if e.Name != "" {
			if isArabic(e.Name) {
				namesAr[e.Name]++
			} else {
				names[e.Name]++
			}
		}
		if e.NameAr != "" {
			namesAr[e.NameAr]++
		}
		if e.Country != "" {
			countries[e.Country]++
		}
		if e.Role != "" {
			roles[e.Role]++
		}
		for _, f := range e.Forms {
			k := [2]string{f, r.Lang}
			if forms[k] == nil {
				forms[k] = map[string]bool{}
			}
			forms[k][r.ArticleID] = true
		}
	}
	sum.Articles = len(articles)
	sum.Type = top(types)
	sum.Name = top(names)
	sum.NameAr = top(namesAr)
	if sum.Name == "" {
		sum.Name = sum.NameAr
	}
	sum.Country = top(countries)
	sum.Roles = ranked(roles)
	for k, arts := range forms {
		sum.Forms = append(sum.Forms, Form{Text: k[0], Lang: k[1], Articles: len(arts)})
	}
	sort.Slice(sum.Forms, func(i, j int) bool {
		a, b := sum.Forms[i], sum.Forms[j]
		if a.Articles != b.Articles {
			return a.Articles > b.Articles
		}
		if a.Lang != b.Lang {
			return a.Lang < b.Lang
		}
		return a.Text < b.Text
	})
	return sum
}

// top is the most frequent key, ties broken by the smallest key; "" for an empty map.
func top(m map[string]int) string {
	r := ranked(m)
	if len(r) == 0 {
		return ""
	}
	return r[0]
}

// ranked lists the keys of m by count, most frequent first, ties by key.
func ranked(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	return keys
}

func isArabic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Arabic, r) {
			return true
		}
	}
	return false
}

// StoryAssembler builds a StoryDetail from the story's articles as a backend reads them (in
// date order): events in the order their first article comes, each with its articles and date
// span, and the story's counts and span. Backends share it so that they agree.
type StoryAssembler struct {
	d       StoryDetail
	byEvent map[string]int
}

// NewStoryAssembler starts the story id.
func NewStoryAssembler(id string) *StoryAssembler {
	return &StoryAssembler{d: StoryDetail{StorySummary: StorySummary{ID: id}}, byEvent: map[string]int{}}
}

// Add adds an article of event, with its ingest sequence number.
func (b *StoryAssembler) Add(event string, a ArticleRef, seq int64) {
	d := &b.d
	a.Title = strings.Join(strings.Fields(a.Title), " ")
	i, ok := b.byEvent[event]
	if !ok {
		i = len(d.EventList)
		b.byEvent[event] = i
		d.EventList = append(d.EventList, StoryEvent{ID: event})
	}
	e := &d.EventList[i]
	e.Articles = append(e.Articles, a)
	if a.Published != "" {
		if e.First == "" || a.Published < e.First {
			e.First = a.Published
		}
		e.Last = max(e.Last, a.Published)
		if d.First == "" || a.Published < d.First {
			d.First = a.Published
		}
		d.Last = max(d.Last, a.Published)
	}
	d.Articles++
	d.LastIngest = max(d.LastIngest, seq)
}

// Detail returns the story, or an error wrapping ErrNotFound when no article was added.
func (b *StoryAssembler) Detail() (StoryDetail, error) {
	if b.d.Articles == 0 {
		return b.d, fmt.Errorf("story %q: %w", b.d.ID, ErrNotFound)
	}
	b.d.Events = len(b.d.EventList)
	return b.d, nil
}
