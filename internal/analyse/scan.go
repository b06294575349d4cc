package analyse

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"storyline/internal/analyse/gazetteer"
)

// gazMatch is a phrase of a field that the gazetteer knows.
type gazMatch struct {
	f       *field
	ti, tj  int // the tokens it covers
	s, e    int // the mention's bytes in the field
	entries []gazetteer.Entry
	// whole is set for a hyphenated compound named by its first part (US-led).
	whole bool
	// chosen is the reading picked from entries in context (nil: dropped); kind is its kind.
	chosen *gazetteer.Entry
	kind   string
}

// roleSpan is a role cue, title or honorific of a field.
type roleSpan struct {
	f      *field
	ti, tj int
	role   string // role id for kind "role"
	kind   string // "role", "title", "honorific"
}

// wordsOK reports whether every word of a folded token may belong to a gazetteer phrase.
func wordsOK(g *gazetteer.Gazetteer, fold string) bool {
	if fold == "" {
		return false
	}
	if strings.IndexByte(fold, ' ') < 0 {
		return g.HasWord(fold)
	}
	for _, w := range strings.Fields(fold) {
		if !g.HasWord(w) {
			return false
		}
	}
	return true
}

// firstForms returns the lookup forms of token i that may start a gazetteer phrase, with the bytes
// of clitics each leaves out of the mention (-1: the whole token is the mention).
func (d *doc) firstForms(f *field, i int) (forms []string, strip []int) {
	g := d.a.gaz
	t := &f.toks[i]
	if t.script == scriptArabic {
		cands := t.candidates()
		for _, c := range cands {
			if containsString(cands, "ال"+c) {
				// A word the text writes with the article is looked up with it (the gazetteer
				// tries it without where that is right): السيول "the floods" is not سيول, Seoul.
				continue
			}
			if wordsOK(g, c) {
				forms = append(forms, c)
				strip = append(strip, t.strippedBytes(c))
			}
		}
		return forms, strip
	}
	if wordsOK(g, t.fold) {
		return []string{t.bare()}, []int{0}
	}
	return nil, nil
}

// extent returns the end of the longest run of tokens after i that may continue a phrase.
func (d *doc) extent(f *field, i, maxTok int) int {
	g := d.a.gaz
	j := i + 1
	if f.toks[i].poss > 0 {
		return j
	}
	for k := i + 1; k < len(f.toks) && k-i < maxTok; k++ {
		u := &f.toks[k]
		if u.gap != gapSpace || u.lab != labNone || !wordsOK(g, u.fold) {
			break
		}
		j = k + 1
		if u.poss > 0 {
			break
		}
	}
	return j
}

// scanGazetteer finds the gazetteer's places and organisations in a field by longest match.
func (d *doc) scanGazetteer(f *field) {
	g := d.a.gaz
	maxTok := g.MaxPhraseTokens()
	f.gazAt = make([]*gazMatch, len(f.toks))
	for i := 0; i < len(f.toks); {
		if f.toks[i].lab != labNone {
			i++
			continue
		}
		ms := d.gazAt(f, i, maxTok)
		if len(ms) == 0 {
			ms = d.lowerContextual(f, i)
		}
		if len(ms) == 0 {
			i++
			continue
		}
		// An overlapping match that starts one token later and ends later wins: في منطقة الخليج
		// العربي is the Gulf as الخليج العربي, not منطقة الخليج and a stray word.
		if ms[0].tj > i+1 && ms[0].tj < len(f.toks) {
			if next := d.gazAt(f, i+1, maxTok); len(next) > 0 && next[0].tj > ms[0].tj && next[0].ti == i+1 {
				i++
				continue
			}
		}
		end := ms[0].tj
		for k := i; k < end; k++ {
			f.toks[k].lab = labGaz
			f.gazAt[k] = ms[0]
		}
		d.gaz = append(d.gaz, ms...)
		i = end
	}
}

// gazAt returns the gazetteer match starting at token i, or the matches of the parts of a
// hyphenated token (Palestinian-Israeli), or nil.
func (d *doc) gazAt(f *field, i, maxTok int) []*gazMatch {
	g := d.a.gaz
	t := &f.toks[i]
	forms, strip := d.firstForms(f, i)
	if len(forms) > 0 {
		jmax := d.extent(f, i, maxTok)
		for j := jmax; j > i; j-- {
			last := &f.toks[j-1]
			rest := ""
			if j > i+1 {
				rest = f.text[t.e : last.e-last.poss]
			}
			for k, form := range forms {
				if j == i+1 && t.script == scriptLatin && d.cues.has(cueArticle, t.fold) {
					break // "the" alone
				}
				ents := g.Lookup(form + rest)
				if len(ents) == 0 {
					continue
				}
				m := &gazMatch{f: f, ti: i, tj: j, s: t.s, e: last.e, entries: ents}
				if strip[k] > 0 {
					m.s = t.s + strip[k]
				}
				if t.script == scriptLatin && j > i+1 && d.cues.has(cueArticle, t.fold) {
					// "the Kingdom", "the United States": the article is not part of the match, nor
					// of the mention unless the name needs it (The Hague).
					m.ti = i + 1
					if len(g.Lookup(f.text[f.toks[i+1].s:last.e-last.poss])) > 0 || isContextual(ents) {
						m.s = f.toks[i+1].s
					}
				}
				return []*gazMatch{m}
			}
		}
	}
	return d.hyphenParts(f, i)
}

// lowerContextual reads "the kingdom" in lower case as the contextual form the gazetteer has in
// capitals ("the Kingdom"): English news writes both. Like it, it names a country only when
// the context tells which (resolveContextual).
func (d *doc) lowerContextual(f *field, i int) []*gazMatch {
	t := &f.toks[i]
	if t.script != scriptLatin || t.upper || i == 0 || f.toks[i].gap != gapSpace || !d.cues.has(cueArticle, f.toks[i-1].fold) {
		return nil
	}
	ents := d.a.gaz.Lookup("the " + strings.ToUpper(t.fold[:1]) + t.fold[1:])
	if !isContextual(ents) {
		return nil
	}
	return []*gazMatch{{f: f, ti: i, tj: i + 1, s: t.s, e: t.e, entries: ents}}
}

func isContextual(ents []gazetteer.Entry) bool {
	for _, e := range ents {
		if e.Kind == gazetteer.KindContextual {
			return true
		}
	}
	return false
}

// hyphenParts looks up the parts of a hyphenated Latin token. A compound whose first part is a
// place and whose other parts are lower-case words (US-led, Saudi-backed) is one mention of the
// whole token; otherwise each part that names something is a mention of its own.
func (d *doc) hyphenParts(f *field, i int) []*gazMatch {
	t := &f.toks[i]
	word := t.bare()
	if t.script != scriptLatin || strings.IndexByte(word, '-') < 0 {
		return nil
	}
	g := d.a.gaz
	if parts := strings.SplitN(word, "-", 2); articleParticle(strings.ToLower(parts[0])) {
		return nil // al-Houthi, el-Sisi: a name with its article, not a compound of places
	}
	var out []*gazMatch
	off := 0
	lowerRest := true
	firstMatched := false
	for pi, part := range strings.Split(word, "-") {
		start := off
		off += len(part) + 1
		if part == "" {
			continue
		}
		var ents []gazetteer.Entry
		if wordsOK(g, gazetteer.Key(part)) {
			ents = g.Lookup(part)
		}
		if len(ents) == 0 {
			r, _ := utf8.DecodeRuneInString(part)
			if !unicode.IsLower(r) {
				lowerRest = false
			}
			continue
		}
		if pi == 0 {
			firstMatched = true
		}
		out = append(out, &gazMatch{f: f, ti: i, tj: i + 1, s: t.s + start, e: t.s + start + len(part), entries: ents})
	}
	if len(out) == 1 && firstMatched && lowerRest {
		out[0].e = t.e
		out[0].whole = true
	}
	if len(out) > 1 {
		// Palestinian-Israeli, Jordan-Syria: the compound names a relation between places (a
		// conflict, a border), not the places themselves; it claims the token and names nothing.
		return []*gazMatch{{f: f, ti: i, tj: i + 1, s: t.s, e: t.e}}
	}
	return out
}

// scanRoles finds role cues ("Foreign Minister", "وزير الخارجية"), titles and honorifics.
func (d *doc) scanRoles(f *field) {
	g := d.a.gaz
	const maxRoleTok = 8
	f.roleStart, f.roleEnd = map[int]*roleSpan{}, map[int]*roleSpan{}
	defer func() {
		for _, r := range d.roles {
			if r.f == f {
				f.roleStart[r.ti], f.roleEnd[r.tj] = r, r
			}
		}
	}()
	for i := 0; i < len(f.toks); {
		t := &f.toks[i]
		if t.lab != labNone || (t.script == scriptOther) {
			i++
			continue
		}
		forms, _ := d.firstForms(f, i)
		found := false
		if len(forms) > 0 {
			jmax := d.extent(f, i, maxRoleTok)
		outer:
			for j := jmax; j > i; j-- {
				last := &f.toks[j-1]
				rest := ""
				if j > i+1 {
					rest = f.text[t.e : last.e-last.poss]
				}
				for _, form := range forms {
					phrase := form + rest
					if r, ok := g.Role(phrase); ok {
						if t.script == scriptLatin && j == i+1 && !t.upper && d.cues.has(cueCapitalRole, t.fold) {
							continue
						}
						if t.script == scriptArabic && j == i+1 && d.cues.has(cueNotRole, strings.TrimLeft(t.text, "وف")) {
							continue // أمام "in front of", not إمام
						}
						d.roles = append(d.roles, &roleSpan{f: f, ti: i, tj: j, role: r, kind: "role"})
						found = true
					} else if j-i <= 3 {
						switch g.NamePart(phrase) {
						case "title":
							d.roles = append(d.roles, &roleSpan{f: f, ti: i, tj: j, kind: "title"})
							found = true
						case "honorific":
							if t.script == scriptLatin && !t.upper {
								continue // "excellency" in running text is no honorific of a name
							}
							d.roles = append(d.roles, &roleSpan{f: f, ti: i, tj: j, kind: "honorific"})
							found = true
						}
					}
					if found {
						for k := i; k < j; k++ {
							f.toks[k].lab = labRole
						}
						i = j
						break outer
					}
				}
			}
		}
		if !found {
			i++
		}
	}
}
