// Package names matches personal names across scripts: an Arabic-script name against a Latin one
// (لافروف ~ Lavrov, الصفدي ~ al-Safadi), Latin spellings against each other (Sergey ~ Sergei), and
// gives every name a script-independent skeleton key for blocking.
//
// The matcher is a stochastic edit model in the manner of Ristad and Yianilos (and of EMM's learned
// name-matching costs): each Arabic letter, marked by its place in the word, is written as up to
// three Latin letters or as nothing, and Latin letters (mostly short vowels) may be inserted where
// Arabic writes nothing, with an insertion context given by the Arabic letter before. The operation
// probabilities are learned by expectation maximisation over all alignments of the English–Arabic
// Wikidata name pairs of Merhav and Ash (CC0; the training slice only), by the generator in gen/.
// A pair is scored by log P(arabic, latin) − λ·log P(latin), which ranks the Latin candidates of an
// Arabic name by how well they explain it while discounting spellings that are merely common,
// mapped to [0,1] by a logistic calibration fitted on held-out training pairs.
package names

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"math"
	"strings"
	"sync"

	"storyline/internal/analyse/names/internal/pairhmm"
)

//go:embed data/model.tsv
var modelTSV []byte

//go:embed data/latin-lm.tsv
var lmTSV []byte

// Limits that keep scoring linear in the input and bounded per call.
const (
	maxWords   = 8  // words of a name considered
	maxLetters = 40 // letters of a word considered
)

// Matcher scores Arabic-script names against Latin ones with a learned edit model. It is immutable
// after construction and safe for concurrent use.
type Matcher struct {
	model *pairhmm.Model
	lm    *pairhmm.LM
	// lambda weighs the Latin marginal in the ranking score; w0 and w1 calibrate it to [0,1].
	lambda, w0, w1 float64
	emit           [][]emission
	// romLM and romRescore weigh the letter model in Romanise's search and final choice
	romLM, romRescore float64
	bufs              sync.Pool
}

var defaultMatcher = sync.OnceValue(func() *Matcher {
	m, err := Load(bytes.NewReader(modelTSV), bytes.NewReader(lmTSV))
	if err != nil {
		panic(fmt.Sprintf("names: embedded model: %v", err))
	}
	return m
})

// Default returns the matcher of the embedded model, loaded once.
func Default() *Matcher { return defaultMatcher() }

// Load reads a matcher from a model and a Latin letter model written by the generator in gen/.
func Load(model, lm io.Reader) (*Matcher, error) {
	mod, err := pairhmm.Read(model)
	if err != nil {
		return nil, fmt.Errorf("names model: %w", err)
	}
	l, err := pairhmm.ReadLM(lm)
	if err != nil {
		return nil, fmt.Errorf("names letter model: %w", err)
	}
	m := &Matcher{model: mod, lm: l, lambda: 0.8, w0: 0, w1: 1, romLM: defaultLMWeight, romRescore: defaultRescoreLM}
	for _, p := range []struct {
		name string
		dst  *float64
	}{{"lambda", &m.lambda}, {"w0", &m.w0}, {"w1", &m.w1}} {
		if v, ok := mod.Params[p.name]; ok {
			*p.dst = v
		}
	}
	m.emit = emissionTable(mod)
	m.bufs.New = func() any { return new(pairhmm.Buf) }
	return m, nil
}

// arabicForm is an Arabic name prepared for scoring: its symbol sequences with and without
// articles, and their marginal log probabilities.
type arabicForm struct {
	variants [][]uint8
	logA     []float64
}

// latinForm is a Latin name prepared for scoring.
type latinForm struct {
	variants [][]uint8
	logL     []float64
}

func (m *Matcher) prepArabic(s string) arabicForm {
	var full, stripped [][]uint8
	hasArticle := false
	for _, w := range splitWords(s) {
		if !isArabicWord(w) {
			continue
		}
		letters := pairhmm.ArabicWord(w, maxLetters)
		if len(letters) == 0 {
			continue
		}
		full = append(full, letters)
		if startsWithBareAlefLam(w) && len(letters) >= 4 {
			hasArticle = true
			letters = letters[2:]
		}
		stripped = append(stripped, letters)
		if len(full) == maxWords {
			break
		}
	}
	var f arabicForm
	if len(full) == 0 {
		return f
	}
	f.add(m, pairhmm.Symbols(full...))
	if hasArticle {
		f.add(m, pairhmm.Symbols(stripped...))
	}
	return f
}

func (f *arabicForm) add(m *Matcher, a []uint8) {
	f.variants = append(f.variants, a)
	f.logA = append(f.logA, m.model.LogArabic(a))
}

func (m *Matcher) prepLatin(s string, b *pairhmm.Buf) latinForm {
	var full, stripped []uint8
	hasArticle := false
	words := 0
	for _, w := range splitWords(s) {
		if isArabicWord(w) {
			continue
		}
		letters := pairhmm.LatinWord(w, maxLetters)
		if len(letters) == 0 {
			continue
		}
		full = append(full, letters...)
		switch {
		case isLatinArticleWord(w):
			hasArticle = true
		case latinArticleLen(w) > 0:
			hasArticle = true
			stripped = append(stripped, pairhmm.LatinWord(w[latinArticleLen(w):], maxLetters)...)
		default:
			stripped = append(stripped, letters...)
		}
		if words++; words == maxWords {
			break
		}
	}
	var f latinForm
	if len(full) == 0 {
		return f
	}
	f.variants = append(f.variants, full)
	f.logL = append(f.logL, m.model.LogLatin(full, b))
	if hasArticle && len(stripped) > 0 {
		f.variants = append(f.variants, stripped)
		f.logL = append(f.logL, m.model.LogLatin(stripped, b))
	}
	return f
}

// Score returns the similarity, in [0,1], of an Arabic-script name and a Latin-script one: a word
// ("لافروف", "Lavrov") or a whole name ("سيرغي لافروف", "Sergey Lavrov"; words are compared in
// order, so عبد الله matches Abdullah). The Arabic is normalised with ar.Normalise; the article
// (ال, al-, el-, ad- …) is optional on either side. Compare like with like: a surname with a
// surname, a full name with a full name. Scores above about 0.5 mean the two are likely the same
// name; 0 means either side has no letters of its script.
func (m *Matcher) Score(arabic, latin string) float64 {
	b := m.bufs.Get().(*pairhmm.Buf)
	defer m.bufs.Put(b)
	return m.score(m.prepArabic(arabic), m.prepLatin(latin, b), b)
}

// rank returns the ranking score of a prepared pair: higher is more alike; -Inf when impossible.
func (m *Matcher) rank(a arabicForm, l latinForm, b *pairhmm.Buf) float64 {
	best := math.Inf(-1)
	for i, av := range a.variants {
		for j, lv := range l.variants {
			z := m.model.LogJoint(av, lv, b) - m.lambda*l.logL[j] - a.logA[i]
			z /= float64(len(av) + 1)
			if z > best {
				best = z
			}
		}
	}
	return best
}

func (m *Matcher) score(a arabicForm, l latinForm, b *pairhmm.Buf) float64 {
	if len(a.variants) == 0 || len(l.variants) == 0 {
		return 0
	}
	return m.calibrate(m.rank(a, l, b))
}

func (m *Matcher) calibrate(z float64) float64 {
	if math.IsInf(z, -1) || math.IsNaN(z) {
		return 0
	}
	return 1 / (1 + math.Exp(-(m.w0 + m.w1*z)))
}

// Romanise returns the likeliest Latin spelling of an Arabic-script name, in lower case, words
// separated by spaces and the article written "al-": لافروف → "lavrov", الصفدي → "al-safadi". It
// is for display and slugs; match names with Score. Latin letters in the input are kept.
func (m *Matcher) Romanise(arabic string) string {
	var out []string
	for i, w := range splitWords(arabic) {
		if i == maxWords*4 {
			break
		}
		if !isArabicWord(w) {
			if f := pairhmm.FoldLatin(w); f != "" {
				out = append(out, f)
			}
			continue
		}
		letters := pairhmm.ArabicWord(w, maxLetters)
		if len(letters) == 0 {
			continue
		}
		prefix := ""
		if startsWithBareAlefLam(w) && len(letters) >= 5 {
			prefix, letters = "al-", letters[2:]
		}
		out = append(out, prefix+m.decode(pairhmm.Symbols(letters)))
	}
	return strings.Join(out, " ")
}
