package dates

import (
	"strings"
	"unicode/utf8"

	"storyline/internal/analyse/lang/ar"
)

// match is a vocabulary entry found at a token.
type match struct {
	e    *entry
	end  int32 // index of the token after the phrase
	skip int32 // bytes of clitics (و، ف، ب، ل، ك) at the start of the first token
}

// lookup finds, for every token, the vocabulary phrases that start there. Each token is looked
// up as written and, for languages with clitics, with a conjunction and/or preposition
// stripped (وأمس → أمس, بالأمس → الأمس, للعام → العام); English possessives and
// contractions are tried too (Tuesday's → tuesday, he'll → 'll).
func (ts *tokens) lookup(s string, v *vocab) {
	var vars [12]variant
	for i := range ts.toks {
		t := &ts.toks[i]
		t.m0 = int32(len(ts.matches))
		if t.kind != tNum {
			n := variants(t.norm, v, vars[:0])
			for _, va := range n {
				for _, e := range v.first[va.w] {
					if e.caseSensitive && (!t.upper || va.runes > 0) {
						continue
					}
					end, ok := ts.matchRest(i, e.rest, v)
					if !ok || ts.excluded(i, end, e, v) {
						continue
					}
					skip := 0
					if va.runes > 0 {
						skip = skipRunes(s[t.start:t.end], va.runes)
					}
					ts.matches = append(ts.matches, match{e: e, end: int32(end), skip: int32(skip)})
				}
			}
		}
		t.m1 = int32(len(ts.matches))
	}
}

// variant is one lookup form of a token: the word and how many leading runes were stripped.
type variant struct {
	w     string
	runes int
}

// variants lists the lookup forms of a normalised word.
func variants(w string, v *vocab, out []variant) []variant {
	out = append(out, variant{w, 0})
	for _, p := range v.possessives {
		if len(w) > len(p) && strings.HasSuffix(w, p) {
			out = append(out, variant{w[:len(w)-len(p)], 0})
		}
	}
	if k := strings.LastIndexByte(w, '\''); k > 0 {
		out = append(out, variant{w[k:], 0})
	}
	if len(v.conj) == 0 && len(v.prep) == 0 {
		return out
	}
	bases := [2]variant{{w, 0}}
	nb := 1
	for _, c := range v.conj {
		if len(w) > len(c)+2 && strings.HasPrefix(w, c) {
			bases[1] = variant{w[len(c):], 1}
			nb = 2
			out = append(out, bases[1])
			break
		}
	}
	for _, b := range bases[:nb] {
		for _, p := range v.prep {
			if len(b.w) > len(p)+2 && strings.HasPrefix(b.w, p) {
				rest := b.w[len(p):]
				out = append(out, variant{rest, b.runes + 1})
				// ل before the article elides its alef: للعام = ل + العام.
				if p == "ل" && strings.HasPrefix(rest, "ل") {
					out = append(out, variant{"ا" + rest, b.runes + 1})
				}
				break
			}
		}
	}
	return out
}

// skipRunes returns the byte length of the first n runes of the original token s that survive
// normalisation (dropped runes such as tashkeel do not count).
func skipRunes(s string, n int) int {
	i := 0
	for i < len(s) && n > 0 {
		r, size := utf8.DecodeRuneInString(s[i:])
		if ar.NormaliseRune(r) != 0 {
			n--
		}
		i += size
	}
	// Skip marks that belong to the last stripped letter.
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if ar.NormaliseRune(r) != 0 {
			break
		}
		i += size
	}
	return i
}

// matchRest matches the tokens of a phrase after its first, from token i+1. A conjunction
// written apart from its word ("الحادي و العشرين") matches the joined form.
func (ts *tokens) matchRest(i int, rest []string, v *vocab) (int, bool) {
	j := i + 1
	for _, want := range rest {
		if j >= len(ts.toks) {
			return 0, false
		}
		if ts.toks[j].norm == want {
			j++
			continue
		}
		ok := false
		for _, c := range v.conj {
			if ts.toks[j].norm == c && len(want) > len(c) && strings.HasPrefix(want, c) &&
				j+1 < len(ts.toks) && ts.toks[j+1].norm == want[len(c):] {
				j += 2
				ok = true
				break
			}
		}
		if !ok {
			return 0, false
		}
	}
	return j, true
}

// excluded reports whether the words around a phrase cancel it (اليوم التالي is "the next
// day", not today).
func (ts *tokens) excluded(i, end int, e *entry, v *vocab) bool {
	if m := v.excludeNext[e.key]; m != nil && end < len(ts.toks) {
		if m[ts.toks[end].norm] || m[stripConj(ts.toks[end].norm, v)] {
			return true
		}
	}
	if m := v.excludePrev[e.key]; m != nil && i > 0 {
		if m[ts.toks[i-1].norm] || m[stripConj(ts.toks[i-1].norm, v)] {
			return true
		}
	}
	return false
}

func stripConj(w string, v *vocab) string {
	for _, c := range v.conj {
		if len(w) > len(c) && strings.HasPrefix(w, c) {
			return w[len(c):]
		}
	}
	return w
}

// at returns the longest match of kind k at token i.
func (ts *tokens) at(i int, k kind) (match, bool) { return ts.atWith(i, k, true) }

// atNoClitic returns the longest match of kind k at token i found without stripping a clitic.
func (ts *tokens) atNoClitic(i int, k kind) (match, bool) { return ts.atWith(i, k, false) }

func (ts *tokens) atWith(i int, k kind, clitics bool) (match, bool) {
	var best match
	found := false
	if i < 0 || i >= len(ts.toks) {
		return best, false
	}
	t := &ts.toks[i]
	for _, m := range ts.matches[t.m0:t.m1] {
		if m.e.kind == k && (clitics || m.skip == 0) && (!found || m.end > best.end) {
			best = m
			found = true
		}
	}
	return best, found
}

// is reports whether token i starts a phrase of kind k.
func (ts *tokens) is(i int, k kind) bool {
	_, ok := ts.at(i, k)
	return ok
}

// oneAt reports whether a one-token phrase of kind k is at token i (used when looking back).
func (ts *tokens) oneAt(i int, k kind) bool {
	m, ok := ts.at(i, k)
	return ok && int(m.end) == i+1
}

// canStart reports whether a word or mark at token i can begin an expression.
func (ts *tokens) canStart(i int) bool {
	t := &ts.toks[i]
	for _, m := range ts.matches[t.m0:t.m1] {
		switch m.e.kind {
		case kOrdinal, kMonth, kPrefixMod, kMonthWord, kTimeBefore, kDayWord, kWeekday, kRelative,
			kAgoBefore, kAgoNumber, kYearWord:
			return true
		}
	}
	return false
}
