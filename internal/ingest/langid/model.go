package langid

import (
	"bufio"
	_ "embed"
	"fmt"
	"math/bits"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"
)

// script is a writing system, as far as language identification needs to tell them apart.
type script uint8

const (
	scriptNone script = iota
	scriptLatin
	scriptArabic
	scriptCyrillic
	scriptHebrew
	scriptCJK   // Han ideographs and Japanese kana
	scriptOther // any other script: Greek, Hangul, Devanagari, Thai, ...
	nScripts
)

// language is one language the model knows. Unsupported languages are reject classes: they
// compete like the others, and when one wins Detect answers Und.
type language struct {
	code      string
	script    script
	supported bool
}

// languages lists the supported languages first, in the order Supported reports them, then the
// reject classes. At most 31 entries: bit 31 of a mask stands for "a language not listed".
var languages = []language{
	{"en", scriptLatin, true},
	{"ar", scriptArabic, true},
	{"fr", scriptLatin, true},
	{"de", scriptLatin, true},
	{"es", scriptLatin, true},
	{"ru", scriptCyrillic, true},
	{"tr", scriptLatin, true},
	{"it", scriptLatin, true},
	{"pt", scriptLatin, true},
	{"nl", scriptLatin, true},
	{"fa", scriptArabic, true},
	{"ur", scriptArabic, true},
	{"uk", scriptCyrillic, true},
	{"he", scriptHebrew, true},
	{"zh", scriptCJK, true},
	{"ja", scriptCJK, true},
	// Reject classes with a function-word list in data/words.tsv.
	{"pl", scriptLatin, false},
	{"sv", scriptLatin, false},
	{"id", scriptLatin, false},
	{"ro", scriptLatin, false},
	{"cs", scriptLatin, false},
	{"da", scriptLatin, false},
	{"hu", scriptLatin, false},
	{"hr", scriptLatin, false},
	{"bg", scriptCyrillic, false},
	{"sr", scriptCyrillic, false},
}

// mask is a set of languages: bit i is languages[i], bit 31 (foreign) any language not listed.
type mask uint32

const foreign mask = 1 << 31

func init() {
	if len(languages) > 31 {
		panic("langid: too many languages for a mask")
	}
}

// bit returns the mask of the language with the given code; it panics on an unknown code, which
// only a mistake in this file can cause.
func bit(codes ...string) mask {
	var m mask
	for _, c := range codes {
		if c == "xx" {
			m |= foreign
			continue
		}
		i, ok := langIndex(c)
		if !ok {
			panic("langid: unknown language " + c)
		}
		m |= 1 << i
	}
	return m
}

// model is the immutable data Detect reads: function words and letter cues.
type model struct {
	words map[string]mask // lower-case function word → languages that use it
	// apostropheSuffix maps what may follow an apostrophe inside a word (Ankara'da, Jordan's) to
	// the languages that write it so.
	apostropheSuffix map[string]mask
	letters          map[rune]mask   // lower-case letter → languages that use it (only telling letters)
	letterTab        [0x700]mask     // letters for runes below 0x700 (Latin, Cyrillic, Arabic)
	suffixes         map[string]mask // word ending → languages whose words end so
	maxSuffix        int             // longest ending in suffixes, in runes
	trigramLang      map[whatlanggo.Lang]int
	// trigramOptions restricts the trigram vote, per script, to the languages listed here.
	trigramOptions [nScripts]whatlanggo.Options
}

//go:embed data/words.tsv
var wordsTSV string

//go:embed data/suffixes.tsv
var suffixesTSV string

var getModel = sync.OnceValue(func() *model {
	m, err := buildModel(wordsTSV, suffixesTSV)
	if err != nil {
		panic(err) // the embedded list is checked by tests and by gen; this cannot happen at run time
	}
	return m
})

// parseWords reads the list format of data/words.tsv and data/suffixes.tsv: comment lines
// starting with '#', blank lines, and "code<TAB>word word ..." lines.
func parseWords(src string) (map[string][]string, []string, error) {
	lists := map[string][]string{}
	var order []string
	sc := bufio.NewScanner(strings.NewReader(src))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		code, words, ok := strings.Cut(line, "\t")
		if !ok {
			return nil, nil, fmt.Errorf("line %d: no tab after the language code", n)
		}
		if _, ok := langIndex(code); !ok {
			return nil, nil, fmt.Errorf("line %d: unknown language %q", n, code)
		}
		if _, dup := lists[code]; dup {
			return nil, nil, fmt.Errorf("line %d: language %q listed twice", n, code)
		}
		lists[code] = strings.Fields(words)
		order = append(order, code)
	}
	return lists, order, sc.Err()
}

func buildModel(wordsSrc, suffixesSrc string) (*model, error) {
	lists, _, err := parseWords(wordsSrc)
	if err != nil {
		return nil, fmt.Errorf("data/words.tsv: %w", err)
	}
	ends, _, err := parseWords(suffixesSrc)
	if err != nil {
		return nil, fmt.Errorf("data/suffixes.tsv: %w", err)
	}
	m := &model{
		words:            map[string]mask{},
		apostropheSuffix: map[string]mask{},
		letters:          map[rune]mask{},
		suffixes:         map[string]mask{},
		trigramLang:      map[whatlanggo.Lang]int{},
	}
	// Persian and Urdu text is often typed with the Arabic forms of yeh and kaf: their words
	// are looked up in both spellings.
	arabicForms := strings.NewReplacer("ی", "ي", "ک", "ك")
	for code, ws := range lists {
		b := bit(code)
		for _, w := range ws {
			m.words[w] |= b
			if code == "fa" || code == "ur" {
				m.words[arabicForms.Replace(w)] |= b
			}
		}
	}
	for code, es := range ends {
		b := bit(code)
		for _, e := range es {
			m.suffixes[e] |= b
			m.maxSuffix = max(m.maxSuffix, utf8.RuneCountInString(e))
		}
	}
	// Turkish case endings after a proper name (Ankara'da, Putin'in, Suriye'deki), English
	// possessive and contractions (Jordan's, don't).
	for _, s := range strings.Fields("a e ı i u ü ya ye yı yi yu yü da de ta te dan den tan ten " +
		"nda nde ndan nden in ın un ün nin nın nun nün na ne la le yla yle daki deki taki teki " +
		"ndaki ndeki lar ler ları leri lara lere dır dir tır tir") {
		m.apostropheSuffix[s] |= bit("tr")
	}
	for _, s := range []string{"s", "t", "re", "ve", "ll", "d", "m"} {
		m.apostropheSuffix[s] |= bit("en")
	}
	cue := func(letters string, codes ...string) {
		b := bit(codes...)
		for _, r := range letters {
			m.letters[r] |= b
		}
	}
	// Latin letters that only some languages use. A non-ASCII Latin letter missing here belongs
	// to no supported language (ł, ř, å, ș, ...) and counts for "foreign".
	cue("ß", "de")
	cue("ä", "de", "sv", "xx")
	cue("öü", "de", "tr", "sv", "hu", "xx")
	cue("ğı", "tr")
	cue("ş", "tr", "ro")
	cue("ç", "fr", "pt", "tr", "xx")
	cue("ñ", "es")
	cue("ãõ", "pt")
	cue("â", "fr", "pt", "tr", "ro")
	cue("êô", "fr", "pt")
	cue("î", "fr", "ro")
	cue("ûÿœ", "fr")
	cue("è", "fr", "it")
	cue("à", "fr", "it", "pt")
	cue("ìò", "it")
	cue("ù", "it", "fr")
	cue("é", "fr", "es", "it", "pt", "nl", "hu", "cs")
	cue("á", "es", "pt", "hu", "cs", "xx")
	cue("íóú", "es", "pt", "hu", "cs", "pl", "xx")
	cue("ëï", "fr", "nl")
	cue("ăâș", "ro")
	cue("ąćęłńśźż", "pl")
	cue("åø", "sv", "da", "xx")
	cue("æ", "da", "xx")
	cue("čšž", "cs", "hr", "xx")
	cue("ěřůťď", "cs")
	cue("őű", "hu")
	cue("đ", "hr", "xx")
	// Arabic script.
	cue("ةيكىإأ", "ar")
	cue("پچگکی", "fa", "ur", "xx")
	cue("ژ", "fa", "xx")
	cue("ٹڈڑںےہۃ", "ur")
	cue("ھ", "ur", "xx")
	cue("ټډړږښځڅېۍڼګەێۆڵڕڤۇۈۋٻڄڃڇڊڍڏڙڦڪڱڳ", "xx")
	// Cyrillic script.
	cue("ыэё", "ru", "xx")
	cue("ъ", "ru", "bg")
	cue("і", "uk", "xx")
	cue("їєґ", "uk")
	cue("ўјљњћђџѓќѕ", "sr", "xx")
	for r := rune(0x0460); r <= 0x052F; r++ {
		if _, set := m.letters[r]; !set && unicode.IsLetter(r) && unicode.IsLower(r) {
			m.letters[r] = foreign
		}
	}
	for r, lm := range m.letters {
		if r < rune(len(m.letterTab)) {
			m.letterTab[r] = lm
		}
	}
	for i, l := range languages {
		if wl, ok := trigramCode[l.code]; ok {
			m.trigramLang[wl] = i
			o := &m.trigramOptions[l.script]
			if o.Whitelist == nil {
				o.Whitelist = map[whatlanggo.Lang]bool{}
			}
			o.Whitelist[wl] = true
		}
	}
	return m, nil
}

// trigramCode maps the codes of languages to whatlanggo's identifiers, for the trigram vote.
var trigramCode = map[string]whatlanggo.Lang{
	"en": whatlanggo.Eng, "fr": whatlanggo.Fra, "de": whatlanggo.Deu, "es": whatlanggo.Spa,
	"it": whatlanggo.Ita, "pt": whatlanggo.Por, "nl": whatlanggo.Nld, "tr": whatlanggo.Tur,
	"pl": whatlanggo.Pol, "sv": whatlanggo.Swe, "id": whatlanggo.Ind, "ro": whatlanggo.Ron,
	"cs": whatlanggo.Ces, "da": whatlanggo.Dan, "hu": whatlanggo.Hun, "hr": whatlanggo.Hrv,
	"ar": whatlanggo.Arb, "fa": whatlanggo.Pes, "ur": whatlanggo.Urd,
	"ru": whatlanggo.Rus, "uk": whatlanggo.Ukr, "bg": whatlanggo.Bul, "sr": whatlanggo.Srp,
}

// letterMask returns the languages that use the lower-case letter r, 0 if it tells nothing.
func (m *model) letterMask(r rune) mask {
	if r < rune(len(m.letterTab)) {
		return m.letterTab[r]
	}
	return m.letters[r]
}

// suffixOf returns the languages whose words end like w (lower-case UTF-8), by the longest
// listed ending that leaves a stem of at least two letters; 0 when none matches.
func (m *model) suffixOf(w []byte) mask {
	var found mask
	end := len(w)
	for k, i := 0, len(w); k < m.maxSuffix && i > 0; k++ {
		_, size := utf8.DecodeLastRune(w[:i])
		i -= size
		if utf8.RuneCount(w[:i]) < 2 {
			break
		}
		if sm, ok := m.suffixes[string(w[i:end])]; ok {
			found = sm
		}
	}
	return found
}

// spread adds weight units of evidence, shared equally among the languages of m, to score (and
// to *foreignScore for the foreign bit).
func spread(m mask, weight float64, score *[32]float64, foreignScore *float64) {
	n := bits.OnesCount32(uint32(m))
	if n == 0 {
		return
	}
	w := weight / float64(n)
	if m&foreign != 0 {
		*foreignScore += w
		m &^= foreign
	}
	for m != 0 {
		i := bits.TrailingZeros32(uint32(m))
		score[i] += w
		m &^= 1 << i
	}
}
