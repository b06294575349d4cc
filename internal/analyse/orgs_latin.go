package analyse

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Organisations the gazetteer lacks, found by the words around them: a lower-case noun that says
// what they are ("the company Medco Energy", "the APS news agency"), the role of someone who
// speaks for them ("a spokesman for Horizon Telecom"), and the acronym a text defines for them
// ("the Independent Electoral Commission (IEC)") and uses afterwards.

// orgContext reports whether the capitalised run f.toks[a:b] is an organisation by the words
// around it: an organisation noun just before it (after "called" or "named" too) or just after
// it, or a role and "for" or "at" before it (a spokesman for ..., chief economist at ...).
func (d *doc) orgContext(f *field, a, b int) bool {
	if d.roleEndingAt(f, a) != nil || !d.orgCue(f, a, b) {
		return false
	}
	return len(d.kb.peopleMatching(strings.Join(foldedTokens(f, a, b), " "))) == 0 // a known person stays one
}

// orgCue reports whether the words around f.toks[a:b] say it names an organisation (orgContext).
func (d *doc) orgCue(f *field, a, b int) bool {
	if b-a == 1 && (f.toks[a].known || f.toks[a].first || strings.ContainsRune(f.toks[a].text, '-') || pluralAcronym(f.toks[a].bare()) ||
		adjectiveShape(f.toks[a].fold)) {
		// one word the lexicon knows, at a sentence start or hyphenated, or a plural acronym is
		// rather a word that qualifies the noun: "the Islamist group", "insurance company CEOs"
		return false
	}
	lowerAt := func(k int) *tok {
		if k < 0 || k >= len(f.toks) {
			return nil
		}
		t := &f.toks[k]
		if t.script != scriptLatin || t.upper || t.lab != labNone && t.lab != labRole {
			return nil
		}
		return t
	}
	if f.toks[a].gap == gapSpace {
		k := a - 1
		if t := lowerAt(k); t != nil && (t.fold == "called" || t.fold == "named") && f.toks[k].gap == gapSpace {
			k--
		}
		if t := lowerAt(k); t != nil && t.lab == labNone && d.cues.has(cueOrgNounBefore, t.fold) {
			return true
		}
		// a role and "for" or "at": the body the person speaks or works for
		k = a - 1
		if t := lowerAt(k); t != nil && d.cues.has(cueArticle, t.fold) && f.toks[k].gap == gapSpace {
			k--
		}
		if t := lowerAt(k); t != nil && t.lab == labNone && d.cues.has(cueOrgPrep, t.fold) && f.toks[k].gap == gapSpace {
			if r := d.roleEndingAt(f, k); r != nil && r.kind == "role" && bodyRoles[r.role] && d.a.gaz.GivenNameGroup(f.toks[a].bare()) == "" {
				return true
			}
		}
	}
	if joined := lowerAt(a - 1); joined != nil && (joined.fold == "and" || joined.fold == "of") {
		return false // "Forces of Freedom and Change coalition": the end of a longer name
	}
	if last := &f.toks[b-1]; last.poss == 0 && b < len(f.toks) && f.toks[b].gap == gapSpace {
		if art := lowerAt(a - 1); art != nil && (art.fold == "a" || art.fold == "an") {
			return false // "a Colorado newspaper": a description, not a name
		}
		if t := lowerAt(b); t != nil && t.lab == labNone && d.orgNounAfter(f, b) {
			return true
		}
	}
	return false
}

// adjectiveShape reports whether a folded word ends like an English adjective of belief, origin or
// kind (Islamist, Christian, Maronite is not caught; Lebanese, Kurdish, Islamic, Western).
func adjectiveShape(w string) bool {
	for _, suf := range []string{"ist", "ian", "ese", "ish", "ic", "ern"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			return true
		}
	}
	return false
}

// pluralAcronym reports whether a word is an acronym with a plural s (CEOs, MPs).
func pluralAcronym(w string) bool {
	return len(w) >= 3 && strings.HasSuffix(w, "s") && strings.ToUpper(w[:len(w)-1]) == w[:len(w)-1]
}

// bodyRoles are the roles whose holder speaks or works for a body named after for or at (a
// lawyer or an adviser for someone names a person).
var bodyRoles = map[string]bool{"spokesperson": true, "director": true, "chairman": true, "official": true,
	"secretary-general": true, "coordinator": true, "journalist": true, "commander": true}

// orgNounAfter reports whether an organisation noun starts at token k: "group", or "news agency"
// and "state company" (a lower-case word before the noun).
func (d *doc) orgNounAfter(f *field, k int) bool {
	t := &f.toks[k]
	if d.cues.has(cueOrgNoun, t.fold) {
		return true
	}
	if (t.fold == "news" || t.fold == "state" || t.fold == "oil" || t.fold == "energy") && k+1 < len(f.toks) {
		n := &f.toks[k+1]
		return n.gap == gapSpace && n.script == scriptLatin && !n.upper && n.lab == labNone && d.cues.has(cueOrgNoun, n.fold)
	}
	return false
}

// isAcronym reports whether a Latin token is an acronym: two to six capital letters (and 's).
func isAcronym(t *tok) bool {
	w := t.bare()
	n := utf8.RuneCountInString(w)
	if t.script != scriptLatin || n < 2 || n > 6 {
		return false
	}
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// acronymOrgs finds acronyms the gazetteer lacks that an organisation noun after them names as
// organisations ("the official APS news agency").
func (d *doc) acronymOrgs(f *field) {
	for i := range f.toks {
		t := &f.toks[i]
		if t.lab != labNone || !isAcronym(t) || d.cues.has(cueRegnal, t.fold) || d.cues.has(cueSkip, t.fold) {
			continue
		}
		if i == 0 || f.toks[i].gap != gapSpace || f.toks[i-1].script != scriptLatin || f.toks[i-1].upper {
			continue // "the official APS news agency"; not "the CBS (NYSE: CBS) TV network"
		}
		if i+1 < len(f.toks) && f.toks[i+1].gap == gapSpace && f.toks[i+1].script == scriptLatin && !f.toks[i+1].upper &&
			f.toks[i+1].lab == labNone && d.orgNounAfter(f, i+1) {
			d.addOther(f, i, i+1, TypeOrganisation)
		}
	}
}

// acronyms reads the acronyms an article defines in parentheses after an organisation found by
// pattern ("the National Union of Port Workers (NUPW)", "رابطة المصارف (ربط)") and makes them and
// their later uses mentions of it.
func (d *doc) acronyms() {
	defs := map[string]string{} // acronym as written → organisation key
	n := len(d.others)
	for _, o := range d.others[:n] {
		f := o.f
		k := o.tj
		if o.typ != TypeOrganisation || k >= len(f.toks) || f.toks[k].lab != labNone || !parenthesised(f, k) {
			continue
		}
		t := &f.toks[k]
		if t.script == scriptLatin && !isAcronym(t) || t.script == scriptOther {
			continue
		}
		key := o.key
		if key == "" {
			key = "org:" + slug(f.text[o.s:o.e])
		}
		if _, seen := defs[t.fold]; !seen {
			defs[t.fold] = key
		}
	}
	// An organisation of the gazetteer defines one too: وكالة الأنباء العراقية (واع).
	for _, m := range d.gaz {
		f, k := m.f, m.tj
		o := orgOf(m)
		if o == nil || countryOf(m) != "" || k >= len(f.toks) || f.toks[k].lab != labNone || !parenthesised(f, k) {
			continue
		}
		t := &f.toks[k]
		if t.script == scriptLatin && !isAcronym(t) || t.script == scriptOther {
			continue
		}
		if _, seen := defs[t.fold]; !seen {
			defs[t.fold] = o.ID
		}
	}
	if len(defs) == 0 {
		return
	}
	for _, f := range d.fields {
		for k := range f.toks {
			t := &f.toks[k]
			key, ok := defs[t.fold]
			if !ok || t.lab != labNone || t.script == scriptLatin && !isAcronym(t) {
				continue
			}
			t.lab = labOrg
			d.others = append(d.others, &omention{f: f, ti: k, tj: k + 1, s: t.s, e: t.e - t.poss, typ: TypeOrganisation, key: key})
		}
	}
}

// parenthesised reports whether token k of f stands alone in parentheses.
func parenthesised(f *field, k int) bool {
	if k == 0 || !strings.Contains(f.text[f.toks[k-1].e:f.toks[k].s], "(") {
		return false
	}
	end := len(f.text)
	if k+1 < len(f.toks) {
		end = f.toks[k+1].s
	}
	return strings.HasPrefix(strings.TrimSpace(f.text[f.toks[k].e:end]), ")")
}
