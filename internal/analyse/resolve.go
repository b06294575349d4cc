package analyse

import (
	"fmt"
	"sort"
	"strings"

	"storyline/internal/analyse/gazetteer"
	"storyline/internal/analyse/names"
)

// EntityRef is one entity of one article, as Resolve reads it.
type EntityRef struct {
	ArticleID string
	Entity    Entity
	Lang      string
	Published string
	// Weight is how many identical refs this one stands for (0 counts as 1): a store may pass each
	// distinct person once, with the number of articles that name them so, and get the same ids.
	Weight int
}

// Resolve gives every ref a canonical global id, in the order of refs. Places and organisations
// keep their keys (gazetteer ids are the same in every language), except a place the gazetteer
// lacks named in Arabic, which takes the key of the one place named in Latin script whose name
// the matcher reads as the same, word for word (ورزازات is Ouarzazate). People are resolved across
// articles and scripts: refs are blocked by the phonetic key (names.Key) of the family name
// (royals by their given name); two refs are one person when their family names match (Latin by
// LatinSimilar, Arabic against Latin by m.Score, Arabic against Arabic after normalisation) and
// their given names agree (spelling variants and given-name variant groups), or when only the
// family names match but the role and the country are the same (a misnamed first name); nothing
// may conflict (two countries, two incompatible roles, two different people of the people
// gazetteer). A surname alone joins the one compatible person of its block. Merges are made
// strongest first in an order fixed by the refs' content, so the result does not depend on the
// order of refs. A person's id is "person:" and the slug of the most frequent Latin full name of
// its refs (ties: the lexicographically first). A nil m means names.Default().
func Resolve(refs []EntityRef, m *names.Matcher) []string {
	if m == nil {
		m = names.Default()
	}
	ids := make([]string, len(refs))
	r := &resolver{cmp: nameComparer{m: m, g: gazetteer.Default()}}
	var people []int
	for i, ref := range refs {
		if ref.Entity.Type != TypePerson {
			ids[i] = ref.Entity.Key
			continue
		}
		people = append(people, i)
	}
	r.resolvePlaces(refs, ids)
	if len(people) == 0 {
		return ids
	}
	// A fixed order from content.
	feats := make([]*rfeat, len(people))
	for k, i := range people {
		feats[k] = r.features(i, &refs[i])
	}
	sort.SliceStable(feats, func(a, b int) bool { return feats[a].sortKey < feats[b].sortKey })
	uf := newUnionFind(feats)
	// 1. The same person of the people gazetteer.
	byKnown := map[string][]int{}
	for k, f := range feats {
		if f.known != "" {
			byKnown[f.known] = append(byKnown[f.known], k)
		}
	}
	for _, ks := range sortedGroups(byKnown) {
		for _, k := range ks[1:] {
			uf.union(ks[0], k)
		}
	}
	// 2. Full names within blocks, strongest pairs first.
	blocks := map[string][]int{}
	for k, f := range feats {
		if f.block != "" {
			blocks[f.block] = append(blocks[f.block], k)
		}
	}
	type cand struct {
		a, b  int
		score float64
	}
	var cands []cand
	for _, ks := range sortedGroups(blocks) {
		for x := 0; x < len(ks); x++ {
			for y := x + 1; y < len(ks); y++ {
				a, b := feats[ks[x]], feats[ks[y]]
				if a.surnameOnly || b.surnameOnly {
					continue
				}
				if s := r.match(a, b); s > 0 {
					cands = append(cands, cand{ks[x], ks[y], s})
				}
			}
		}
	}
	sort.SliceStable(cands, func(i, j int) bool {
		if cands[i].score != cands[j].score {
			return cands[i].score > cands[j].score
		}
		if cands[i].a != cands[j].a {
			return cands[i].a < cands[j].a
		}
		return cands[i].b < cands[j].b
	})
	for _, c := range cands {
		uf.unionIfCompatible(c.a, c.b)
	}
	// 3. Surnames alone join the one compatible person of their block, decided against the
	// clusters of step 2 so that no surname's choice depends on another's.
	joins := map[int]int{}
	for _, ks := range sortedGroups(blocks) {
		for _, k := range ks {
			f := feats[k]
			if !f.surnameOnly || f.known != "" {
				continue
			}
			var roots []int
			seen := map[int]bool{}
			for _, o := range ks {
				g := feats[o]
				if g.surnameOnly && g.known == "" || !r.sameFamily(f, g) {
					continue
				}
				root := uf.find(o)
				if seen[root] || !uf.compatibleWith(root, f) {
					continue
				}
				seen[root] = true
				roots = append(roots, root)
			}
			if len(roots) > 1 {
				// Several people share the surname: the one of the same role and country.
				var exact []int
				for _, root := range roots {
					if f.country != "" && f.role != "" && uf.countries[root][f.country] && uf.roles[root][f.role] {
						exact = append(exact, root)
					}
				}
				roots = exact
			}
			if len(roots) == 1 {
				joins[k] = roots[0]
			}
		}
	}
	for _, k := range sortedKeys(joins) {
		uf.union(joins[k], k)
	}
	// Lone surnames no one claimed: one person per family name and context.
	for _, ks := range sortedGroups(blocks) {
		for x := 0; x < len(ks); x++ {
			for y := x + 1; y < len(ks); y++ {
				a, b := feats[ks[x]], feats[ks[y]]
				if a.surnameOnly && b.surnameOnly && uf.find(ks[x]) != uf.find(ks[y]) && r.sameFamily(a, b) {
					if _, ja := joins[ks[x]]; ja {
						continue
					}
					if _, jb := joins[ks[y]]; jb {
						continue
					}
					uf.unionIfCompatible(ks[x], ks[y])
				}
			}
		}
	}
	// Ids: the slug of the most frequent Latin full name of each cluster.
	clusters := map[int][]int{}
	for k := range feats {
		root := uf.find(k)
		clusters[root] = append(clusters[root], k)
	}
	for _, ks := range clusters {
		id := clusterID(feats, ks)
		for _, k := range ks {
			ids[feats[k].idx] = id
		}
	}
	return ids
}

// rfeat is what Resolve compares of a person ref.
type rfeat struct {
	weight      int
	idx         int
	sortKey     string
	known       string // people-gazetteer key, or ""
	latin       string // Latin full name as written (not romanised)
	roman       string // romanised or display name of an Arabic-only person
	arabic      string // Arabic full name
	given       []string
	family      string // folded, no article
	royal       bool
	surnameOnly bool
	country     string
	role        string
	block       string
}

type resolver struct {
	cmp nameComparer
}

func (r *resolver) features(i int, ref *EntityRef) *rfeat {
	e := &ref.Entity
	f := &rfeat{idx: i, role: e.Role, weight: max(ref.Weight, 1)}
	if e.CountryFrom != CountryArticle {
		f.country = e.Country // a guessed country neither conflicts nor agrees
	}
	kb, err := defaultKnowledge()
	if err == nil && strings.HasPrefix(e.Key, "person:") {
		id := strings.TrimPrefix(e.Key, "person:")
		if kb.personByID(id) >= 0 {
			f.known = e.Key
		}
	}
	if e.Name != "" && !isArabicText(e.Name) {
		if hasLatinMention(e) || f.known != "" {
			f.latin = e.Name
		} else {
			f.roman = e.Name
		}
	}
	f.arabic = e.NameAr
	for _, w := range strings.Fields(e.Given) {
		f.given = append(f.given, foldName(w))
	}
	f.family = stripArticle(strings.ReplaceAll(foldName(e.Family), " ", ""))
	if fw := strings.Fields(foldName(e.Family)); len(fw) > 1 && isParticle(fw[0]) {
		f.family = stripArticle(strings.Join(fw[1:], ""))
	}
	f.royal = royalRoles[e.Role] && e.Family == ""
	switch {
	case f.family != "":
		f.block = "f:" + names.Key(f.family)
		f.surnameOnly = len(f.given) == 0
	case len(f.given) > 0:
		f.block = "g:" + names.Key(f.given[0])
		f.royal = true
	}
	f.sortKey = fmt.Sprintf("%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%s", e.Key, e.Name, e.NameAr, e.Given, e.Family,
		e.Country, e.Role, ref.ArticleID, ref.Lang, ref.Published)
	return f
}

// hasLatinMention reports whether some mention of an entity is in Latin script.
func hasLatinMention(e *Entity) bool {
	for _, m := range e.Mentions {
		if !isArabicText(m.Text) {
			return true
		}
	}
	return len(e.Mentions) == 0
}

// sameFamily compares two refs' family names across scripts.
func (r *resolver) sameFamily(a, b *rfeat) bool { return r.sameWord(a.family, b.family) }

func (r *resolver) sameWord(x, y string) bool { return r.cmp.sameWord(x, y, 0.85) }

// match scores two full-name refs of a block: 3 for names that agree, 2 for a family name with
// the same role and country, 0 for no match or a conflict.
func (r *resolver) match(a, b *rfeat) float64 {
	if a.known != "" && b.known != "" && a.known != b.known {
		return 0
	}
	if a.country != "" && b.country != "" && a.country != b.country {
		return 0
	}
	if !rolesCompatible(a.role, b.role) {
		return 0
	}
	if a.royal || b.royal {
		if a.royal && b.royal && len(a.given) > 0 && len(b.given) > 0 && r.sameWord(a.given[0], b.given[0]) {
			return 3
		}
		return 0
	}
	if !r.sameFamily(a, b) {
		return 0
	}
	if r.cmp.givenAgree(a.given, b.given) {
		return 3
	}
	if a.country != "" && a.country == b.country && a.role != "" && a.role == b.role {
		return 2
	}
	return 0
}

// unionFind keeps clusters with the countries, roles and known people of their members.
type unionFind struct {
	parent    []int
	countries []map[string]bool
	roles     []map[string]bool
	known     []map[string]bool
}

func newUnionFind(feats []*rfeat) *unionFind {
	u := &unionFind{parent: make([]int, len(feats))}
	u.countries = make([]map[string]bool, len(feats))
	u.roles = make([]map[string]bool, len(feats))
	u.known = make([]map[string]bool, len(feats))
	for i, f := range feats {
		u.parent[i] = i
		u.countries[i] = map[string]bool{}
		u.roles[i] = map[string]bool{}
		u.known[i] = map[string]bool{}
		if f.country != "" {
			u.countries[i][f.country] = true
		}
		if f.role != "" {
			u.roles[i][f.role] = true
		}
		if f.known != "" {
			u.known[i][f.known] = true
		}
	}
	return u
}

func (u *unionFind) find(x int) int {
	for u.parent[x] != x {
		u.parent[x] = u.parent[u.parent[x]]
		x = u.parent[x]
	}
	return x
}

// union joins two clusters; the smaller index stays the root, so roots are deterministic.
func (u *unionFind) union(a, b int) {
	ra, rb := u.find(a), u.find(b)
	if ra == rb {
		return
	}
	if rb < ra {
		ra, rb = rb, ra
	}
	u.parent[rb] = ra
	for k := range u.countries[rb] {
		u.countries[ra][k] = true
	}
	for k := range u.roles[rb] {
		u.roles[ra][k] = true
	}
	for k := range u.known[rb] {
		u.known[ra][k] = true
	}
}

// unionIfCompatible joins two clusters unless together they would hold two countries, two
// incompatible roles or two people of the people gazetteer.
func (u *unionFind) unionIfCompatible(a, b int) {
	ra, rb := u.find(a), u.find(b)
	if ra == rb {
		return
	}
	if len(union(u.countries[ra], u.countries[rb])) > 1 || len(union(u.known[ra], u.known[rb])) > 1 {
		return
	}
	for x := range u.roles[ra] {
		for y := range u.roles[rb] {
			if !rolesCompatible(x, y) {
				return
			}
		}
	}
	u.union(ra, rb)
}

// compatibleWith reports whether ref f may join the cluster rooted at root.
func (u *unionFind) compatibleWith(root int, f *rfeat) bool {
	if f.country != "" && len(u.countries[root]) > 0 && !u.countries[root][f.country] {
		return false
	}
	if f.known != "" && len(u.known[root]) > 0 && !u.known[root][f.known] {
		return false
	}
	for x := range u.roles[root] {
		if !rolesCompatible(x, f.role) {
			return false
		}
	}
	return true
}

func union(a, b map[string]bool) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}

// sortedGroups returns the groups of a map in key order.
func sortedGroups(m map[string][]int) [][]int {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([][]int, len(keys))
	for i, k := range keys {
		out[i] = m[k]
	}
	return out
}

func sortedKeys(m map[int]int) []int {
	out := make([]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Ints(out)
	return out
}

// clusterID is "person:" and the slug of the most frequent Latin full name of a cluster: names
// written in Latin script first, then romanised ones, then surnames; ties lexicographic.
func clusterID(feats []*rfeat, ks []int) string {
	for _, pick := range []func(*rfeat) string{
		func(f *rfeat) string {
			if len(f.given) > 0 || f.royal {
				return f.latin
			}
			return ""
		},
		func(f *rfeat) string {
			if len(f.given) > 0 || f.royal {
				return f.roman
			}
			return ""
		},
		func(f *rfeat) string {
			if f.latin != "" {
				return f.latin
			}
			return f.roman
		},
	} {
		counts := map[string]int{}
		for _, k := range ks {
			if n := pick(feats[k]); n != "" {
				counts[n] += feats[k].weight
			}
		}
		best, bestN := "", 0
		for n, c := range counts {
			if c > bestN || c == bestN && n < best {
				best, bestN = n, c
			}
		}
		if best != "" {
			if s := slug(best); s != "" {
				return "person:" + s
			}
		}
	}
	// No Latin name at all: the Arabic one, as written.
	names := make([]string, 0, len(ks))
	for _, k := range ks {
		if feats[k].arabic != "" {
			names = append(names, feats[k].arabic)
		}
	}
	sort.Strings(names)
	if len(names) > 0 {
		return "person:" + slug(names[0])
	}
	return "person:unknown"
}

// resolvePlaces gives a place found by pattern in Arabic the key of the one place found by pattern
// in Latin script that has as many name words, each the same name by the matcher (score 0.6 or
// more, the article and al-/el- aside), and an organisation found by pattern in Arabic the key of
// the one organisation found by pattern in Latin script whose name starts with as many such words
// and goes on, if at all, with the head words of organisations' names only (بارس روتور is Pars
// Rotor Engineering).
func (r *resolver) resolvePlaces(refs []EntityRef, ids []string) {
	isPlace := func(t string) bool { return t == TypePlace || t == TypeCity || t == TypeRegion }
	r.resolveByName(refs, ids, isPlace, nil)
	var heads cueSet
	if kb, err := defaultKnowledge(); err == nil {
		heads = kb.cues["en"]
	}
	r.resolveByName(refs, ids, func(t string) bool { return t == TypeOrganisation }, func(rest []string) bool {
		for _, w := range rest {
			if !heads.has(cueOrgHead, w) {
				return false
			}
		}
		return true
	})
}

// resolveByName gives an entity of a kind found by pattern in Arabic the key of the one entity of
// that kind found by pattern in Latin script whose name words match its own, word for word; with
// rest, the Latin name may go on with words that rest accepts.
func (r *resolver) resolveByName(refs []EntityRef, ids []string, isKind func(string) bool, rest func([]string) bool) {
	words := resolveWords
	type named struct {
		key   string
		words []string
	}
	var latin []named
	seen := map[string]bool{}
	var arabic []int
	for i := range refs {
		e := &refs[i].Entity
		if !isKind(e.Type) || known(r.cmp.g, e.Key) {
			continue
		}
		if isArabicText(e.Name) {
			arabic = append(arabic, i)
		} else if !seen[e.Key] {
			seen[e.Key] = true
			latin = append(latin, named{e.Key, words(e.Name)})
		}
	}
	sort.Slice(latin, func(a, b int) bool { return latin[a].key < latin[b].key })
	for _, i := range arabic {
		ws := words(refs[i].Entity.Name)
		if len(ws) == 0 {
			continue
		}
		match := ""
		for _, l := range latin {
			if len(l.words) != len(ws) && (rest == nil || len(l.words) < len(ws) || !rest(l.words[len(ws):])) {
				continue
			}
			ok := true
			for k := range ws {
				if r.cmp.m.Score(ws[k], l.words[k]) < 0.6 {
					ok = false
					break
				}
			}
			if ok {
				if match != "" {
					match = ""
					break
				}
				match = l.key
			}
		}
		if match != "" {
			ids[i] = match
		}
	}
}

// known reports whether the gazetteer has an entry of that id.
func known(g *gazetteer.Gazetteer, id string) bool {
	_, ok := g.Entry(id)
	return ok
}
