package eval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
)

// PRF is a precision, recall and F1 with the counts behind them; a nil figure is one that
// cannot be computed (nothing to count) and is reported as null.
type PRF struct {
	P, R, F1 *float64
	// Gold is the number of gold items, Found how many of them the system found, System the
	// number of system items and Matched how many of them match gold.
	Gold, Found, System, Matched int
}

// counts accumulate a PRF.
type counts struct{ gold, found, system, matched int }

func (c *counts) prf() PRF {
	out := PRF{Gold: c.gold, Found: c.found, System: c.system, Matched: c.matched}
	if c.system > 0 {
		out.P = ptr(float64(c.matched) / float64(c.system))
	}
	if c.gold > 0 {
		out.R = ptr(float64(c.found) / float64(c.gold))
	}
	switch {
	case out.P != nil && out.R != nil && *out.P+*out.R > 0:
		out.F1 = ptr(2 * *out.P * *out.R / (*out.P + *out.R))
	case out.P != nil && out.R != nil:
		out.F1 = ptr(0)
	}
	return out
}

func ptr(x float64) *float64 { return &x }

// Report holds the figures of an evaluation. It marshals to one JSON object whose keys are those
// of ../shared/corpus/README.md ("entities.p", "entities.r", "entities.f1", "linking.p", …,
// "clustering.bcubed_f1"), written flat with dots as the project's other reports are, plus
// breakdowns under extra keys ("entities.person.f1", "entities.lang.ar.f1", counts). A figure
// the system cannot produce yet, or that no article carries, is null.
type Report struct {
	Entities            PRF
	EntitiesByType      map[string]PRF // person, place, organisation
	EntitiesByLang      map[string]PRF // ISO 639-1
	Linking             PRF
	LinkingCrosslingual PRF
	// Events, similarity and clustering figures; nil until their stages exist.
	EventsP, EventsR, EventsF1, EventsDateAccuracy *float64
	SimilarityPearson, SimilaritySpearman          *float64
	ClusteringPairwiseF1, ClusteringBCubedF1       *float64
	// Articles is the number of articles the system analysed; Missing lists gold articles the
	// articles folder lacks (scored as found nothing); Errors the inputs that failed.
	Articles int
	Missing  []string
	Errors   []string
	// NotFound lists the gold entities no system entity found and Unmatched the system entities
	// that match no gold entity ("article: type key [forms]"), for error analysis.
	NotFound  []string
	Unmatched []string

	scoredArticles int
}

type kv struct {
	k string
	v any
}

func round(x *float64) any {
	if x == nil {
		return nil
	}
	return math.Round(*x*10000) / 10000
}

func prfPairs(prefix string, p PRF, withCounts bool) []kv {
	out := []kv{{prefix + ".p", round(p.P)}, {prefix + ".r", round(p.R)}, {prefix + ".f1", round(p.F1)}}
	if withCounts {
		out = append(out, kv{prefix + ".gold", p.Gold}, kv{prefix + ".found", p.Found}, kv{prefix + ".system", p.System}, kv{prefix + ".matched", p.Matched})
	}
	return out
}

func (r *Report) pairs() []kv {
	var out []kv
	out = append(out, prfPairs("entities", r.Entities, false)...)
	out = append(out, prfPairs("linking", r.Linking, false)...)
	out = append(out, prfPairs("linking_crosslingual", r.LinkingCrosslingual, false)...)
	out = append(out,
		kv{"events.p", round(r.EventsP)}, kv{"events.r", round(r.EventsR)}, kv{"events.f1", round(r.EventsF1)},
		kv{"events.date_accuracy", round(r.EventsDateAccuracy)},
		kv{"similarity.pearson", round(r.SimilarityPearson)}, kv{"similarity.spearman", round(r.SimilaritySpearman)},
		kv{"clustering.pairwise_f1", round(r.ClusteringPairwiseF1)}, kv{"clustering.bcubed_f1", round(r.ClusteringBCubedF1)},
	)
	// Extra keys: counts and breakdowns.
	out = append(out, kv{"entities.gold", r.Entities.Gold}, kv{"entities.found", r.Entities.Found},
		kv{"entities.system", r.Entities.System}, kv{"entities.matched", r.Entities.Matched})
	for _, t := range sortedPRFKeys(r.EntitiesByType) {
		out = append(out, prfPairs("entities."+t, r.EntitiesByType[t], true)...)
	}
	for _, l := range sortedPRFKeys(r.EntitiesByLang) {
		out = append(out, prfPairs("entities.lang."+l, r.EntitiesByLang[l], true)...)
	}
	out = append(out, kv{"linking.pairs_gold", r.Linking.Gold}, kv{"linking.pairs_system", r.Linking.System},
		kv{"linking.pairs_correct", r.Linking.Matched},
		kv{"linking_crosslingual.pairs_gold", r.LinkingCrosslingual.Gold},
		kv{"linking_crosslingual.pairs_system", r.LinkingCrosslingual.System},
		kv{"linking_crosslingual.pairs_correct", r.LinkingCrosslingual.Matched},
		kv{"articles", r.Articles})
	if len(r.Missing) > 0 {
		out = append(out, kv{"missing", r.Missing})
	}
	if len(r.Errors) > 0 {
		out = append(out, kv{"errors", r.Errors})
	}
	if len(r.NotFound) > 0 {
		out = append(out, kv{"entities.not_found", r.NotFound})
	}
	if len(r.Unmatched) > 0 {
		out = append(out, kv{"entities.unmatched", r.Unmatched})
	}
	return out
}

func sortedPRFKeys(m map[string]PRF) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// withGroups adds, after the flat keys, one object per group of the README's figures
// ("entities": {"p": …, "r": …, "f1": …}), so that readers that expect nested objects and readers
// that expect dotted keys both find them.
func withGroups(flat []kv) []kv {
	groups := map[string]map[string]any{}
	var order []string
	for _, p := range flat {
		g, k, ok := strings.Cut(p.k, ".")
		if !ok || strings.Contains(k, ".") || !specGroups[g] {
			continue
		}
		if groups[g] == nil {
			groups[g] = map[string]any{}
			order = append(order, g)
		}
		groups[g][k] = p.v
	}
	for _, g := range order {
		flat = append(flat, kv{g, groups[g]})
	}
	return flat
}

// specGroups are the figure groups ../shared/corpus/README.md names.
var specGroups = map[string]bool{"entities": true, "linking": true, "linking_crosslingual": true, "events": true,
	"similarity": true, "clustering": true}

// MarshalJSON writes the report as one JSON object, keys in a fixed order: the README's figures as
// dotted keys ("entities.f1") and again grouped ("entities": {"f1": …}), plus breakdowns.
func (r *Report) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, p := range withGroups(r.pairs()) {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(p.k)
		v, err := json.Marshal(p.v)
		if err != nil {
			return nil, fmt.Errorf("report key %s: %w", p.k, err)
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// noGold is what the text report says of a figure no annotated article carries.
const noGold = "no gold (none of the articles is annotated for it)"

// WriteText writes the report for people: one line per figure, "no gold" for figures none of
// the annotated articles carries (the JSON report has null for them). WriteErrors lists the entity errors.
func (r *Report) WriteText(w io.Writer) error {
	var b bytes.Buffer
	num := func(x *float64) string {
		if x == nil {
			return "  -  "
		}
		return fmt.Sprintf("%.3f", *x)
	}
	line := func(name string, p PRF, detail string) {
		if p.P == nil && p.R == nil {
			fmt.Fprintf(&b, "%-24s %s\n", name, noGold)
			return
		}
		fmt.Fprintf(&b, "%-24s P %s  R %s  F1 %s   %s\n", name, num(p.P), num(p.R), num(p.F1), detail)
	}
	fmt.Fprintf(&b, "articles analysed        %d\n", r.Articles)
	line("entities", r.Entities, fmt.Sprintf("(gold %d, found %d; system %d, matched %d)", r.Entities.Gold, r.Entities.Found, r.Entities.System, r.Entities.Matched))
	for _, t := range sortedPRFKeys(r.EntitiesByType) {
		p := r.EntitiesByType[t]
		line("  "+t, p, fmt.Sprintf("(gold %d, found %d; system %d, matched %d)", p.Gold, p.Found, p.System, p.Matched))
	}
	for _, l := range sortedPRFKeys(r.EntitiesByLang) {
		p := r.EntitiesByLang[l]
		line("  lang "+l, p, fmt.Sprintf("(gold %d, found %d; system %d, matched %d)", p.Gold, p.Found, p.System, p.Matched))
	}
	line("linking", r.Linking, fmt.Sprintf("(pairs: gold %d, system %d, correct %d)", r.Linking.Gold, r.Linking.System, r.Linking.Matched))
	line("linking cross-lingual", r.LinkingCrosslingual, fmt.Sprintf("(pairs: gold %d, system %d, correct %d)", r.LinkingCrosslingual.Gold, r.LinkingCrosslingual.System, r.LinkingCrosslingual.Matched))
	opt := func(name string, xs ...*float64) {
		allNil := true
		for _, x := range xs {
			if x != nil {
				allNil = false
			}
		}
		if allNil {
			fmt.Fprintf(&b, "%-24s %s\n", name, noGold)
			return
		}
		fmt.Fprintf(&b, "%-24s", name)
		for _, x := range xs {
			fmt.Fprintf(&b, " %s", num(x))
		}
		b.WriteByte('\n')
	}
	opt("events (P R F1 date)", r.EventsP, r.EventsR, r.EventsF1, r.EventsDateAccuracy)
	opt("similarity (r, rho)", r.SimilarityPearson, r.SimilaritySpearman)
	opt("clustering (pw, B3)", r.ClusteringPairwiseF1, r.ClusteringBCubedF1)
	for _, m := range r.Missing {
		fmt.Fprintf(&b, "missing article          %s\n", m)
	}
	for _, e := range r.Errors {
		fmt.Fprintf(&b, "error                    %s\n", e)
	}
	_, err := w.Write(b.Bytes())
	return err
}

// WriteErrors writes the gold entities not found and the system entities matching no gold.
func (r *Report) WriteErrors(w io.Writer) error {
	var b bytes.Buffer
	for _, x := range r.NotFound {
		fmt.Fprintf(&b, "not found   %s\n", x)
	}
	for _, x := range r.Unmatched {
		fmt.Fprintf(&b, "unmatched   %s\n", x)
	}
	_, err := w.Write(b.Bytes())
	return err
}
