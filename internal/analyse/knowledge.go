package analyse

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"storyline/internal/analyse/gazetteer"
	"storyline/internal/analyse/lang/ar"
	"storyline/internal/analyse/names"
)

//go:embed data/*.tsv data/README.md
var dataFS embed.FS

// Data returns the analyser's embedded data files: people.tsv, outlets.tsv, cues_en.tsv,
// cues_ar.tsv and name_tokens.tsv (see data/README.md).
func Data() fs.FS {
	sub, err := fs.Sub(dataFS, "data")
	if err != nil {
		panic(err) // the embedded tree always has data/
	}
	return sub
}

// Cue kinds of the cue files (data/cues_<lang>.tsv).
const (
	cueSkip          = "skip"
	cueRegnal        = "regnal"
	cueLocative      = "locative"
	cueActor         = "actor"
	cueActorBefore   = "actor_before"
	cueSpeech        = "speech"
	cueCounterpart   = "counterpart"
	cueOrgHead       = "org_head"
	cuePlaceHead     = "place_head"
	cueNotEntity     = "not_entity"
	cueArticle       = "article"
	cueBlocker       = "blocker"
	cueModifier      = "modifier"
	cueTypeCue       = "type_cue"
	cueRoyal         = "royal"
	cueCapitalRole   = "capital_role"
	cuePlacePrep     = "place_prep"
	cueRoleOf        = "role_of"
	cueSpeechOpen    = "speech_open"
	cuePlaceStart    = "place_start"
	cueNotRole       = "not_role"
	cuePlaceNoun     = "place_noun"
	cueThingNoun     = "thing_noun"
	cueOrgNoun       = "org_noun"
	cueOrgType       = "org_type"
	cueOrgPrep       = "org_prep"
	cueOrgNounBefore = "org_noun_before"
	cueCityNoun      = "city_noun"
	cuePlaceNounAr   = "place_noun"
	cueCityNouns     = "city_nouns"
	cuePlaceNounsAr  = "place_nouns"
	cueDescriptive   = "descriptive"
	cueOfficeOfState = "office_of_state"
)

// cueSet holds one language's cues: kind → folded phrase → true.
type cueSet map[string]map[string]bool

func (c cueSet) has(kind, folded string) bool { return c[kind][folded] }

// person is one row of the people gazetteer.
type person struct {
	id      string
	country string
	roles   []string
	en      []string // English forms, display first
	ar      []string // Arabic forms, display first
	// family is the folded family name of each form (Latin and Arabic), for surname look-ups.
	familyEn, familyAr string
	givenEn            []string // folded given names of the English forms
	regnal             string   // regnal number of a royal, in Latin form ("ii"), or ""
	familyOverride     string   // folded family name given by the data (Xi of Xi Jinping)
}

// knowledge is the analyser's own data, parsed once and shared read-only.
type knowledge struct {
	cues map[string]cueSet // lang → cues
	// people
	people       []*person
	peopleByFull map[string][]int // folded full form (Latin or Arabic) → people indices
	peopleByFam  map[string][]int // folded family name → people indices
	peopleByKey  map[string][]int // names.Key of family → people indices
	peopleFirst  map[string]bool  // first folded word of every form
	// royalsByGiven indexes royals (king, emir, pope ...) by their folded given name, Latin and
	// Arabic.
	royalsByGiven map[string][]int
	regnalAr      map[string]string // Arabic regnal ordinal → Latin number
	peopleByID    map[string]int    // id → index
	maxPeopleTok  int
	// outlets: folded form → country
	outlets map[string]string
	// nameTokens: folded Latin name tokens and normalised Arabic ones with their counts in the
	// name-pair data (how name-like a token is).
	nameTokens map[string]int
}

var defaultKnowledge = sync.OnceValues(func() (*knowledge, error) { return loadKnowledge(Data()) })

// loadKnowledge parses the data files of fsys.
func loadKnowledge(fsys fs.FS) (*knowledge, error) {
	k := &knowledge{
		cues:          map[string]cueSet{},
		peopleByFull:  map[string][]int{},
		peopleByFam:   map[string][]int{},
		peopleByKey:   map[string][]int{},
		peopleFirst:   map[string]bool{},
		royalsByGiven: map[string][]int{},
		regnalAr:      map[string]string{},
		peopleByID:    map[string]int{},
		outlets:       map[string]string{},
		nameTokens:    map[string]int{},
	}
	for _, lang := range []string{"en", "ar"} {
		cs := cueSet{}
		err := readTSV(fsys, "cues_"+lang+".tsv", 2, func(f []string) error {
			kind, phrase := f[0], foldCue(lang, f[1])
			if kind == cueNotRole {
				phrase = strings.TrimSpace(f[1]) // compared as written: أمام is no إمام
			}
			if phrase == "" {
				return fmt.Errorf("empty phrase")
			}
			if cs[kind] == nil {
				cs[kind] = map[string]bool{}
			}
			cs[kind][phrase] = true
			if kind == cueRegnal && len(f) > 2 && f[2] != "" {
				k.regnalAr[phrase] = strings.ToLower(f[2])
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		k.cues[lang] = cs
	}
	err := readTSV(fsys, "people.tsv", 5, func(f []string) error {
		p := &person{id: f[0], country: f[1], roles: splitForms(f[2]), en: splitForms(f[3])}
		if len(f) > 4 {
			p.ar = splitForms(f[4])
		}
		if p.id == "" || len(p.en) == 0 {
			return fmt.Errorf("a person needs an id and an English form")
		}
		if len(f) > 5 && f[5] != "" {
			p.familyOverride = strings.Join(latinNameTokens(f[5]), "")
		}
		i := len(k.people)
		if _, dup := k.peopleByID[p.id]; dup {
			return fmt.Errorf("person id %q repeated", p.id)
		}
		k.peopleByID[p.id] = i
		k.people = append(k.people, p)
		for _, form := range p.en {
			k.indexForm(i, p, stripTitles(latinNameTokens(form)), false)
		}
		for _, form := range p.ar {
			k.indexForm(i, p, stripTitles(arabicNameTokens(form)), true)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readTSV(fsys, "outlets.tsv", 2, func(f []string) error {
		for _, form := range splitForms(f[1]) {
			if key := gazetteer.Key(form); key != "" {
				k.outlets[key] = f[0]
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readTSV(fsys, "name_tokens.tsv", 2, func(f []string) error {
		var n int
		if _, err := fmt.Sscan(f[1], &n); err != nil {
			return fmt.Errorf("count %q: %w", f[1], err)
		}
		k.nameTokens[foldName(f[0])] += n
		return nil
	})
	if err != nil {
		return nil, err
	}
	return k, nil
}

func appendIdx(s []int, i int) []int {
	if len(s) > 0 && s[len(s)-1] == i {
		return s
	}
	return append(s, i)
}

// readTSV calls fn with the tab-separated fields of every line of a file that is neither blank
// nor a comment; a line with fewer than min fields, or an error from fn, is reported with the
// file and line.
func readTSV(fsys fs.FS, name string, min int, fn func([]string) error) error {
	f, err := fsys.Open(name)
	if err != nil {
		return fmt.Errorf("analyse data: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Split(text, "\t")
		for len(fields) < min && min > 2 && len(fields) >= min-1 {
			fields = append(fields, "") // a trailing empty column
		}
		if len(fields) < min {
			return fmt.Errorf("analyse data: %s:%d: %d columns, want %d", name, line, len(fields), min)
		}
		for i := range fields {
			fields[i] = strings.TrimSpace(fields[i])
		}
		if err := fn(fields); err != nil {
			return fmt.Errorf("analyse data: %s:%d: %w", name, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("analyse data: %s: %w", name, err)
	}
	return nil
}

func splitForms(s string) []string {
	var out []string
	for _, f := range strings.Split(s, "|") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// foldCue folds a cue phrase as tokens are folded for cue look-ups.
func foldCue(lang, s string) string {
	if lang == "ar" {
		return strings.Join(strings.Fields(ar.Normalise(s)), " ")
	}
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// peopleMatching returns the indices of the people whose folded full form is full.
func (k *knowledge) peopleMatching(full string) []int { return k.peopleByFull[full] }

// stripTitles drops the role cues, titles and honorifics a name form starts with (King, Sheikh,
// Crown Prince, الملك, ولي العهد الأمير), keeping at least one word.
func stripTitles(toks []string) []string {
	g := gazetteer.Default()
	for len(toks) > 1 {
		n := 0
		for k := min(3, len(toks)-1); k >= 1; k-- {
			phrase := strings.Join(toks[:k], " ")
			if _, ok := g.Role(phrase); ok {
				n = k
				break
			}
			if p := g.NamePart(phrase); p == "title" || p == "honorific" {
				n = k
				break
			}
		}
		if n == 0 {
			break
		}
		toks = toks[n:]
	}
	return toks
}

// royal reports whether a role list has a royal role.
func royal(roles []string) bool { return anyRoyal(roles) }

// regnalLatin gives the Latin form of a folded regnal number or ordinal (الثاني → ii).
func (k *knowledge) regnalLatin(t string) string {
	if !isArabicText(t) {
		return t
	}
	return k.regnalAr[t]
}

// personByID returns the index of the person with the given id, or -1.
func (k *knowledge) personByID(id string) int {
	if i, ok := k.peopleByID[id]; ok {
		return i
	}
	return -1
}

// indexForm indexes one folded form of person i: as a full name, by its first word, by its family
// name and that name's phonetic key, and a royal by given name.
func (k *knowledge) indexForm(i int, p *person, toks []string, arabic bool) {
	if len(toks) == 0 {
		return
	}
	full := strings.Join(toks, " ")
	k.peopleByFull[full] = appendIdx(k.peopleByFull[full], i)
	k.peopleFirst[toks[0]] = true
	if len(toks) > k.maxPeopleTok {
		k.maxPeopleTok = len(toks)
	}
	given, family := k.splitName(toks)
	if p.familyOverride != "" && !arabic {
		given, family = nil, p.familyOverride
		for _, t := range toks {
			if t != family {
				given = append(given, t)
			}
		}
	}
	if royal(p.roles) && len(given) > 0 {
		k.royalsByGiven[given[0]] = appendIdx(k.royalsByGiven[given[0]], i)
		for _, t := range toks {
			if k.isRegnal(t) && p.regnal == "" && !arabic {
				p.regnal = t
			}
		}
	}
	if family == "" {
		return
	}
	if arabic && p.familyAr == "" {
		p.familyAr = family
	}
	if !arabic && p.familyEn == "" {
		p.familyEn, p.givenEn = family, given
	}
	k.peopleByFam[family] = appendIdx(k.peopleByFam[family], i)
	k.peopleByKey[names.Key(family)] = appendIdx(k.peopleByKey[names.Key(family)], i)
}
