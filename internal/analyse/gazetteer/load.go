package gazetteer

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"unicode/utf8"
)

// File stems, in the order they are read. A file belongs to a stem when its name is stem.tsv or
// starts with the stem followed by "-" or "_" and ends in .tsv (places-extra.tsv).
const (
	fileCountries     = "countries"
	fileCountryForms  = "country_forms"
	filePlaces        = "places"
	fileOrganisations = "organisations"
	fileMetonyms      = "metonyms"
	fileRoles         = "roles"
	fileNameParts     = "name_parts"
	fileGivenNames    = "given_names"
	fileHomographs    = "homographs"
)

// maxFileSize bounds one data file, so that a wrong path cannot exhaust memory.
const maxFileSize = 32 << 20

// row is one data line with where it came from.
type row struct {
	file   string
	line   int
	fields []string
}

func (r row) errorf(format string, args ...any) error {
	return fmt.Errorf("%s:%d: %s", r.file, r.line, fmt.Sprintf(format, args...))
}

// field returns column i, "" when the row is shorter.
func (r row) field(i int) string {
	if i < len(r.fields) {
		return strings.TrimSpace(r.fields[i])
	}
	return ""
}

// forms splits a "|"-separated column into its non-empty forms.
func (r row) forms(i int) []string {
	var out []string
	for _, f := range strings.Split(r.field(i), "|") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// builder accumulates a Gazetteer.
type builder struct {
	g *Gazetteer
}

// Load builds a Gazetteer from the data files in the root of each layer, in order; later layers
// add entries and forms to earlier ones. Load(Data()) is the default gazetteer;
// Load(Data(), os.DirFS(dir)) extends it with a user's files. Errors name the file and line.
func Load(layers ...fs.FS) (*Gazetteer, error) {
	b := &builder{
		g: &Gazetteer{
			byID:    map[string]int32{},
			exact:   map[string][]hit{},
			folded:  map[string][]hit{},
			roles:   map[string]string{},
			rolesAr: map[string]string{},
			parts:   map[string]string{},
			given:   map[string]string{},
			forms:   map[int32][]string{},
			common:  map[string]bool{},
		},
	}
	steps := []struct {
		stem string
		fn   func(row) error
	}{
		{fileCountries, b.country},
		{fileCountryForms, b.countryForm},
		{filePlaces, b.place},
		{fileOrganisations, b.organisation},
		{fileMetonyms, b.metonym},
		{fileRoles, b.role},
		{fileNameParts, b.namePart},
		{fileGivenNames, b.givenName},
		{fileHomographs, b.homograph},
	}
	for _, st := range steps {
		for li, layer := range layers {
			rows, err := readStem(layer, st.stem)
			if err != nil {
				return nil, fmt.Errorf("gazetteer: layer %d: %w", li, err)
			}
			for _, r := range rows {
				if err := st.fn(r); err != nil {
					return nil, fmt.Errorf("gazetteer: %w", err)
				}
			}
		}
	}
	if len(b.g.entities) == 0 {
		return nil, errors.New("gazetteer: no entries: the layers hold no countries.tsv, places.tsv or organisations.tsv")
	}
	b.g.kingdoms = b.kingdoms()
	b.g.indexWords()
	return b.g, nil
}

// readStem reads every file of a stem in the root of fsys, sorted by name.
func readStem(fsys fs.FS, stem string) ([]row, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("reading folder: %w", err)
	}
	var rows []row
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !matchStem(name, stem) {
			continue
		}
		info, err := e.Info()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if info.Size() > maxFileSize {
			return nil, fmt.Errorf("%s: %d bytes is larger than the %d allowed", name, info.Size(), maxFileSize)
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		rs, err := parseTSV(name, data)
		if err != nil {
			return nil, err
		}
		rows = append(rows, rs...)
	}
	return rows, nil
}

func matchStem(name, stem string) bool {
	if path.Ext(name) != ".tsv" {
		return false
	}
	base := strings.TrimSuffix(name, ".tsv")
	if base == stem {
		return true
	}
	return strings.HasPrefix(base, stem) && len(base) > len(stem) && (base[len(stem)] == '-' || base[len(stem)] == '_')
}

// parseTSV splits data into rows, skipping blank lines and lines starting with "#".
func parseTSV(name string, data []byte) ([]row, error) {
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("%s: not valid UTF-8", name)
	}
	var rows []row
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		rows = append(rows, row{file: name, line: n, fields: strings.Split(line, "\t")})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, n+1, err)
	}
	return rows, nil
}

// entity returns the index of id, creating the entity when it is new, and merging display fields.
func (b *builder) entity(r row, id, typ, country, class string, en, ar []string) (int32, error) {
	g := b.g
	if i, ok := g.byID[id]; ok {
		e := &g.entities[i]
		if e.typ != typ {
			return 0, r.errorf("%s is already a %s, not a %s", id, e.typ, typ)
		}
		if country != "" && e.country != "" && country != e.country {
			return 0, r.errorf("%s is already in %s, not %s", id, e.country, country)
		}
		if e.country == "" {
			e.country = country
		}
		if e.class == "" {
			e.class = class
		}
		if e.name == "" && len(en) > 0 {
			e.name = en[0]
		}
		if e.nameAr == "" && len(ar) > 0 {
			e.nameAr = ar[0]
		}
		return i, nil
	}
	if len(en) == 0 && len(ar) == 0 {
		return 0, r.errorf("%s has no English or Arabic form", id)
	}
	e := entity{id: id, typ: typ, country: country, class: class}
	if len(en) > 0 {
		e.name = en[0]
	}
	if len(ar) > 0 {
		e.nameAr = ar[0]
	}
	if e.name == "" {
		e.name = e.nameAr
	}
	i := int32(len(g.entities))
	g.entities = append(g.entities, e)
	g.byID[id] = i
	return i, nil
}

// add indexes forms of entity ent under kind.
func (b *builder) add(ent int32, kind string, via int32, forms ...string) {
	k, _ := kindIndex(kind)
	g := b.g
	for _, f := range forms {
		key := Key(f)
		if key == "" {
			continue
		}
		if kind == KindName || kind == KindAlias || kind == KindAcronym {
			g.forms[ent] = append(g.forms[ent], f)
		}
		if n := tokenCount(f); n > g.maxTok {
			g.maxTok = n
		}
		h := hit{ent: ent, via: via, kind: k, capital: startsUpper(f)}
		if ak := acronymKey(f); ak != "" {
			g.exact[ak] = appendUnique(g.exact[ak], h)
			continue
		}
		g.exact[key] = appendUnique(g.exact[key], h)
		if isArabicKey(key) {
			fk := foldAr(key)
			h.bare = !strings.HasPrefix(key, "ال")
			g.folded[fk] = appendUnique(g.folded[fk], h)
		}
	}
}

func appendUnique(hs []hit, h hit) []hit {
	for i, x := range hs {
		if x.ent == h.ent && x.kind == h.kind && x.via == h.via {
			if !h.capital {
				hs[i].capital = false
			}
			if !h.bare {
				hs[i].bare = false
			}
			return hs
		}
	}
	return append(hs, h)
}

func (b *builder) countryCode(r row, code string) (int32, error) {
	if code == "" {
		return 0, r.errorf("no country code")
	}
	i, ok := b.g.byID["country:"+code]
	if !ok {
		return 0, r.errorf("unknown country %q (ISO 3166-1 alpha-3 codes as in countries.tsv)", code)
	}
	return i, nil
}

// country: iso3, iso2, English forms, Arabic forms.
func (b *builder) country(r row) error {
	iso3 := r.field(0)
	if len(iso3) != 3 || strings.ToUpper(iso3) != iso3 {
		return r.errorf("%q is not an ISO 3166-1 alpha-3 code", iso3)
	}
	en, ar := r.forms(2), r.forms(3)
	i, err := b.entity(r, "country:"+iso3, TypeCountry, iso3, "", en, ar)
	if err != nil {
		return err
	}
	b.add(i, KindName, -1, en...)
	b.add(i, KindName, -1, ar...)
	return nil
}

// countryForm: iso3, kind, English forms, Arabic forms. Kind name also sets the display names.
func (b *builder) countryForm(r row) error {
	i, err := b.countryCode(r, r.field(0))
	if err != nil {
		return err
	}
	kind := r.field(1)
	switch kind {
	case KindName, KindAlias, KindDemonym, KindContextual:
	default:
		return r.errorf("kind %q is not one of name, alias, demonym, contextual", kind)
	}
	en, ar := r.forms(2), r.forms(3)
	if len(en) == 0 && len(ar) == 0 {
		return r.errorf("no forms")
	}
	if kind == KindName {
		e := &b.g.entities[i]
		if len(en) > 0 {
			e.name = en[0]
		}
		if len(ar) > 0 {
			e.nameAr = ar[0]
		}
	}
	b.add(i, kind, -1, en...)
	b.add(i, kind, -1, ar...)
	return nil
}

// place: id, class, country, English forms, Arabic forms.
func (b *builder) place(r row) error {
	id := r.field(0)
	var typ string
	switch {
	case strings.HasPrefix(id, "city:"):
		typ = TypeCity
	case strings.HasPrefix(id, "place:"):
		typ = TypePlace
	case strings.HasPrefix(id, "region:"):
		typ = TypeRegion
	default:
		return r.errorf("id %q does not start with city:, place: or region:", id)
	}
	if err := checkID(r, id); err != nil {
		return err
	}
	country := r.field(2)
	if country != "" {
		if _, err := b.countryCode(r, country); err != nil {
			return err
		}
	}
	en, ar := r.forms(3), r.forms(4)
	i, err := b.entity(r, id, typ, country, r.field(1), en, ar)
	if err != nil {
		return err
	}
	b.add(i, KindName, -1, en...)
	b.add(i, KindName, -1, ar...)
	return nil
}

// organisation: id, class, country, English forms, Arabic forms, acronyms.
func (b *builder) organisation(r row) error {
	id := r.field(0)
	if !strings.HasPrefix(id, "org:") {
		return r.errorf("id %q does not start with org:", id)
	}
	if err := checkID(r, id); err != nil {
		return err
	}
	country := r.field(2)
	if country != "" {
		if _, err := b.countryCode(r, country); err != nil {
			return err
		}
	}
	en, ar, acr := r.forms(3), r.forms(4), r.forms(5)
	if len(en) == 0 && len(acr) > 0 {
		en = acr[:1]
	}
	i, err := b.entity(r, id, TypeOrganisation, country, r.field(1), en, ar)
	if err != nil {
		return err
	}
	b.add(i, KindName, -1, en...)
	b.add(i, KindName, -1, ar...)
	b.add(i, KindAcronym, -1, acr...)
	return nil
}

// metonym: iso3, via, English forms, Arabic forms (empty: the via entry's names).
func (b *builder) metonym(r row) error {
	i, err := b.countryCode(r, r.field(0))
	if err != nil {
		return err
	}
	via, ok := b.g.byID[r.field(1)]
	if !ok {
		return r.errorf("unknown place %q (ids as in places.tsv)", r.field(1))
	}
	forms := append(r.forms(2), r.forms(3)...)
	if len(forms) == 0 {
		forms = b.g.forms[via]
	}
	b.add(i, KindMetonym, via, forms...)
	return nil
}

// role: role, English cues, Arabic cues.
func (b *builder) role(r row) error {
	role := r.field(0)
	if role == "" || strings.ToLower(role) != role {
		return r.errorf("role %q must be a non-empty lower-case id", role)
	}
	for _, cue := range append(r.forms(1), r.forms(2)...) {
		k := Key(cue)
		if k == "" {
			continue
		}
		if ak := acronymKey(cue); ak != "" {
			k = ak
		}
		if old, ok := b.g.roles[k]; ok && old != role {
			return r.errorf("cue %q is already role %q", cue, old)
		}
		b.g.roles[k] = role
		if isArabicKey(k) {
			fk := foldAr(k)
			if _, ok := b.g.rolesAr[fk]; !ok {
				b.g.rolesAr[fk] = role
			}
		}
	}
	return nil
}

// namePart: kind, English forms, Arabic forms.
func (b *builder) namePart(r row) error {
	kind := r.field(0)
	switch kind {
	case "particle", "title", "honorific":
	default:
		return r.errorf("kind %q is not one of particle, title, honorific", kind)
	}
	for _, f := range append(r.forms(1), r.forms(2)...) {
		if k := Key(f); k != "" {
			if old, ok := b.g.parts[k]; ok && old != kind {
				return r.errorf("%q is already a %s", f, old)
			}
			b.g.parts[k] = kind
		}
	}
	return nil
}

// givenName: group, English variants, Arabic variants.
func (b *builder) givenName(r row) error {
	group := r.field(0)
	if group == "" || Key(group) != group {
		return r.errorf("group %q must be a non-empty lower-case id", group)
	}
	for _, f := range append([]string{group}, append(r.forms(1), r.forms(2)...)...) {
		k := Key(f)
		if k == "" {
			continue
		}
		if old, ok := b.g.given[k]; ok && old != group {
			return r.errorf("%q is already in group %q", f, old)
		}
		b.g.given[k] = group
	}
	return nil
}

// homograph: form, what else it means.
func (b *builder) homograph(r row) error {
	k := Key(r.field(0))
	if k == "" {
		return r.errorf("no form")
	}
	b.g.common[k] = true
	b.g.common[foldAr(k)] = true
	return nil
}

// checkID accepts ids of the form prefix:slug with a lower-case ASCII slug.
func checkID(r row, id string) error {
	_, slug, _ := strings.Cut(id, ":")
	if slug == "" {
		return r.errorf("id %q has no name after the colon", id)
	}
	for _, c := range slug {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '+') {
			return r.errorf("id %q: use lower-case ASCII letters, digits and - only", id)
		}
	}
	return nil
}

// kingdoms lists the countries that "the Kingdom" or "المملكة" may refer to.
func (b *builder) kingdoms() []string {
	seen := map[string]bool{}
	for _, f := range []string{"the kingdom", "kingdom", Key("المملكة")} {
		for _, h := range b.g.exact[f] {
			if kindNames[h.kind] == KindContextual {
				seen[b.g.entities[h.ent].country] = true
			}
		}
	}
	out := make([]string, 0, len(seen))
	for c := range seen {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// Forms returns the names, aliases and acronyms of an entry as written in the data, in both
// scripts, in the order the data lists them; nil for an unknown id.
func (g *Gazetteer) Forms(id string) []string {
	i, ok := g.byID[id]
	if !ok {
		return nil
	}
	return append([]string(nil), g.forms[i]...)
}
