// Package langid identifies the language of news text: a headline, a body or a whole article.
//
// Detect is a hybrid of three kinds of evidence, each cheap to compute:
//
//   - the writing system: which Unicode script most letters belong to (Latin, Arabic, Cyrillic,
//     Hebrew, Han, kana, ...), which alone settles Hebrew, Chinese and Japanese;
//   - letters that belong to some languages of a script and not to others (ß, ğ, ã, ñ; پ, ے;
//     ї, ы; ł, ř and other letters no supported language uses);
//   - function words (the, und, في, که, میں, что, і, ...) from an embedded, team-written list
//     (data/words.tsv), which also holds lists for frequent unsupported languages (Polish, Swedish,
//     Indonesian, Bulgarian, ...) so that text in them comes out "und" rather than as a near
//     neighbour.
//
// When that evidence is thin (a short headline with no function word), the trigram model of
// github.com/RadhiFadlillah/whatlanggo — already linked into Storyline through go-trafilatura — casts
// one more vote, for one of the supported languages or for "some other language".
//
// Long input is not read whole: Detect looks at a bounded sample of at most 4 KiB taken from four
// places spread across the text, so a 5 MB body costs the same as a 4 KB one.
//
// The package holds no mutable state: the model is built once, on first use, and only read after
// that, so Detect is safe for concurrent use and needs no setup.
package langid

import (
	"math"
	"slices"
)

// Und is the language code Detect returns when it cannot tell: the text is too short or has no
// letters, mixes scripts with no clear winner, or is in a language outside Supported().
const Und = "und"

// Result is a language decision.
type Result struct {
	// Lang is the ISO 639-1 code of the language (see Supported), or Und when unsure.
	Lang string
	// Confidence is how sure Detect is of Lang, from 0 to 1. It is 0 when Lang is Und.
	Confidence float64
}

// Weights of the evidence, in units of one function word. They were set by a sweep over
// testdata/eval.tsv and checked on testdata/holdout.tsv, written afterwards (docs/langid.md).
const (
	// minConfidence is the confidence below which Detect answers Und.
	minConfidence = 0.2
	// suffixWeight is the weight of a telling word ending.
	suffixWeight = 1.0
	// trigramWeight is the weight of the trigram model's vote, plus its own confidence.
	trigramWeight = 0.5
	// absentFactor scales the score of Turkish (Ukrainian) when 40 (12) letters of its script
	// include none of the letters it can hardly do without.
	absentFactor = 0.5
	// cyrillicPrior is Russian's head start among Cyrillic-script languages.
	cyrillicPrior = 0.5
	// saturation is the evidence at which confidence reaches 63 % of its margin: less evidence,
	// less confidence.
	saturation = 1.0
)

// Supported lists the languages Detect can return (besides "und"), as ISO 639-1 codes in a fixed
// order. The slice is a fresh copy on each call.
func Supported() []string {
	var out []string
	for _, l := range languages {
		if l.supported {
			out = append(out, l.code)
		}
	}
	return out
}

// IsSupported reports whether code is one of the languages in Supported().
func IsSupported(code string) bool {
	i, ok := langIndex(code)
	return ok && languages[i].supported
}

// Detect identifies the language of text. It never fails: text it cannot place (empty, digits,
// punctuation, invalid UTF-8, an unsupported language or script) yields Result{Lang: "und"}.
// It is safe for concurrent use.
func Detect(text string) Result {
	var st state
	forEachWindow(text, st.scan)
	return st.decide(text)
}

// und is the answer when unsure.
var und = Result{Lang: Und}

// decide turns the evidence gathered by scan into a Result.
func (st *state) decide(text string) Result {
	grp, share, letters := st.dominantScript()
	switch {
	case grp == scriptNone || letters < 3:
		return und
	case share < 0.6:
		return und // mixed scripts, no winner
	}
	switch grp {
	case scriptHebrew:
		if st.yiddish > 0 {
			return und
		}
		return scriptOnly("he", letters, share)
	case scriptCJK:
		if st.kana*20 >= st.script[scriptCJK] {
			return scriptOnly("ja", letters, share)
		}
		return scriptOnly("zh", letters, share)
	case scriptLatin, scriptArabic, scriptCyrillic:
		return st.byEvidence(grp, text, share)
	default:
		return und // a script none of the supported languages is written in
	}
}

// scriptOnly is the decision for a language that its script alone identifies: the more letters,
// the surer, up to the script's share of all letters.
func scriptOnly(code string, letters int, share float64) Result {
	conf := (1 - math.Exp(-float64(letters)/4)) * share
	if conf < minConfidence {
		return und
	}
	return Result{Lang: code, Confidence: round2(conf)}
}

// byEvidence decides among the languages of a script from the weighted cues that scan collected,
// asking the trigram model for one more vote when the cues are thin.
func (st *state) byEvidence(grp script, text string, share float64) Result {
	st.priors(grp)
	best, s1, s2, other := st.rank(grp)
	if needsTrigramVote(s1, s2, other, st.tokens[grp]) {
		st.trigramVote(grp, text)
		best, s1, s2, other = st.rank(grp)
	}
	if best < 0 || other >= s1 {
		return und
	}
	runnerUp := math.Max(s2, other)
	conf := (s1 - runnerUp) / s1 * (1 - math.Exp(-s1/saturation)) * share
	if conf < minConfidence {
		return und
	}
	return Result{Lang: languages[best].code, Confidence: round2(conf)}
}

// priors applies what the absence of letters says: Turkish text rarely goes 40 letters without
// ı, ş or ğ, Ukrainian 12 without і, ї, є or ґ.
func (st *state) priors(grp script) {
	switch grp {
	case scriptLatin:
		if st.trLetters == 0 && st.script[scriptLatin] >= 40 {
			i, _ := langIndex("tr")
			st.score[i] *= absentFactor
		}
	case scriptCyrillic:
		if st.ukLetters == 0 && st.script[scriptCyrillic] >= 12 {
			i, _ := langIndex("uk")
			st.score[i] *= absentFactor
		}
		// Most Cyrillic-script news is Russian: a small head start breaks ties with its neighbours.
		i, _ := langIndex("ru")
		st.score[i] += cyrillicPrior
	}
}

// rank returns the supported language of grp with the highest score, its score, the best score
// of the other supported languages of grp, and the evidence for an unsupported language: the
// score of the best unsupported language plus the evidence from letters no supported language
// uses.
func (st *state) rank(grp script) (best int, s1, s2, other float64) {
	best = -1
	var bestOther float64
	for i, l := range languages {
		if l.script != grp {
			continue
		}
		s := st.score[i]
		if !l.supported {
			bestOther = math.Max(bestOther, s)
			continue
		}
		switch {
		case s > s1:
			best, s1, s2 = i, s, s1
		case s > s2:
			s2 = s
		}
	}
	if s1 == 0 {
		best = -1
	}
	return best, s1, s2, bestOther + st.foreign[grp]
}

// needsTrigramVote reports whether the cues alone are too thin to decide: little evidence, a close
// runner-up, or a strong showing for an unsupported language.
func needsTrigramVote(s1, s2, other float64, tokens int) bool {
	if s1 < 3 {
		return true
	}
	if s2 > s1/2 || other > s1/3 {
		return true
	}
	// Long text in which few words are known function words is suspicious too.
	return tokens >= 20 && s1 < float64(tokens)/10
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// langIndex returns the index of code in languages.
func langIndex(code string) (int, bool) {
	i := slices.IndexFunc(languages, func(l language) bool { return l.code == code })
	return i, i >= 0
}
