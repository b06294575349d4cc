package analyse

import (
	"strings"

	"storyline/internal/analyse/gazetteer"
	"storyline/internal/analyse/lang/ar"
	"storyline/internal/analyse/names"
)

// Block returns the resolution block of an entity: Resolve only merges entities of the same block
// (or people of the same people-gazetteer entry, whose key is already global), so a store can
// re-resolve just the blocks a batch touched. People are blocked by the phonetic key of their
// family name; places and organisations found by pattern by the phonetic key (names.Key, the same
// across scripts) of the first word of their name, so that ورزازات meets Ouarzazate and بارس روتور
// Pars Rotor Engineering. It is "" for entities whose key is global already: places and
// organisations of the gazetteer.
func Block(e Entity) string {
	if e.Type != TypePerson {
		return nameBlock(e)
	}
	r := &resolver{}
	return r.features(0, &EntityRef{Entity: e}).block
}

// nameBlock is the block of a place or an organisation the gazetteer lacks ("" otherwise).
func nameBlock(e Entity) string {
	class := ""
	switch e.Type {
	case TypePlace, TypeCity, TypeRegion:
		class = "p"
	case TypeOrganisation:
		class = "o"
	default:
		return ""
	}
	if known(gazetteer.Default(), e.Key) {
		return ""
	}
	ws := resolveWords(e.Name)
	if len(ws) == 0 {
		return ""
	}
	k := names.Key(ws[0])
	if k == "" {
		return ""
	}
	return "n" + class + ":" + k
}

// resolveWords returns the words of a place's or an organisation's name as resolution compares them:
// Arabic normalised without the article, Latin folded without article particles (al-, el-).
func resolveWords(name string) []string {
	var out []string
	for _, w := range strings.Fields(name) {
		if isArabicText(w) {
			if w = stripArticle(ar.Normalise(w)); w != "" {
				out = append(out, w)
			}
			continue
		}
		for _, t := range latinNameTokens(w) {
			if !articleParticle(t) {
				out = append(out, t)
			}
		}
	}
	return out
}
