package lexicon

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"storyline/internal/analyse/lang/ar"
	"storyline/internal/analyse/lexicon/internal/keys"
)

// Topic is a topic of a text with how strongly the text is about it.
type Topic struct {
	// ID is the taxonomy's id ("syrian-crisis"); Label and LabelAr its English and Arabic labels.
	ID      string `json:"id"`
	Label   string `json:"label"`
	LabelAr string `json:"label_ar,omitempty"`
	// Score is 0..1: 1 - exp(-evidence/scoreScale), where evidence sums the weights of the cues
	// that fired, each cue counted once plus the log of its repeats.
	Score float64 `json:"score"`
	// Cues are the cues that fired, as written in the taxonomy, strongest first.
	Cues []string `json:"cues"`
}

// Topic scoring.
const (
	// minEvidence is the evidence a topic needs: one strong cue (weight 3) or two ordinary ones.
	minEvidence = 2.0
	// relativeCut drops topics with less than this share of the best topic's evidence.
	relativeCut = 0.15
	// scoreScale maps evidence to Score: evidence 5 gives about 0.63.
	scoreScale = 5.0
	// maxTopicText bounds the text Topics reads, in bytes; the rest of a huge text is ignored.
	maxTopicText = 1 << 20
)

type topic struct {
	id, label, labelAr string
}

// cue is one compiled cue: a sequence of folded tokens, each matched exactly or, when prefix is
// set, as a prefix ("terror*").
type cue struct {
	topic  int
	text   string
	weight float64
	toks   []cueTok
}

type cueTok struct {
	s      string
	prefix bool
}

// cueIndex finds cues by their first token, per language.
type cueIndex struct {
	cues      []cue
	exact     map[string]map[string][]int // lang → first token → cues
	prefix    map[string]map[string][]int // lang → first-token prefix → cues
	minPrefix int                         // shortest prefix, in bytes
}

// buildTopics compiles topics.tsv (id, label, Arabic label) and topic_cues.tsv (topic, lang,
// weight, cue) rows.
func (l *Lexicon) buildTopics(topicRows, cueRows []row) error {
	index := map[string]int{}
	for _, r := range topicRows {
		id := r.field(0)
		if id == "" || strings.ToLower(id) != id || strings.ContainsAny(id, " \t") {
			return r.errorf("topic id %q must be a non-empty lower-case word", id)
		}
		if r.field(1) == "" {
			return r.errorf("topic %q has no English label", id)
		}
		if i, ok := index[id]; ok {
			l.topics[i] = topic{id, r.field(1), r.field(2)}
			continue
		}
		index[id] = len(l.topics)
		l.topics = append(l.topics, topic{id, r.field(1), r.field(2)})
	}
	l.cues = cueIndex{
		exact:     map[string]map[string][]int{"en": {}, "ar": {}},
		prefix:    map[string]map[string][]int{"en": {}, "ar": {}},
		minPrefix: math.MaxInt,
	}
	for _, r := range cueRows {
		ti, ok := index[r.field(0)]
		if !ok {
			return r.errorf("unknown topic %q (ids as in topics.tsv)", r.field(0))
		}
		lang := r.field(1)
		if lang != "en" && lang != "ar" {
			return r.errorf("language %q is not en or ar", lang)
		}
		w, err := strconv.ParseFloat(r.field(2), 64)
		if err != nil || w <= 0 || w > 10 {
			return r.errorf("weight %q is not a number in (0, 10]", r.field(2))
		}
		toks := compileCue(lang, r.field(3))
		if len(toks) == 0 {
			return r.errorf("cue %q has no words", r.field(3))
		}
		c := cue{topic: ti, text: r.field(3), weight: w, toks: toks}
		ci := len(l.cues.cues)
		l.cues.cues = append(l.cues.cues, c)
		k := toks[0].s
		if toks[0].prefix {
			l.cues.prefix[lang][k] = append(l.cues.prefix[lang][k], ci)
			l.cues.minPrefix = min(l.cues.minPrefix, len(k))
		} else {
			l.cues.exact[lang][k] = append(l.cues.exact[lang][k], ci)
		}
	}
	return nil
}

// compileCue splits a cue into folded tokens; a trailing * makes a token a prefix.
func compileCue(lang, s string) []cueTok {
	var out []cueTok
	for _, part := range strings.Fields(s) {
		prefix := strings.HasSuffix(part, "*")
		part = strings.TrimSuffix(part, "*")
		toks := tokenize(lang, part, nil)
		for i, t := range toks {
			f := foldCue(lang, t, prefix && i == len(toks)-1)
			if f == "" {
				continue
			}
			out = append(out, cueTok{s: f, prefix: prefix && i == len(toks)-1})
		}
	}
	return out
}

// foldCue folds a cue token as text tokens are folded: English plurals to the singular (unless the
// token is a prefix), Arabic without a leading ال.
func foldCue(lang, t string, prefix bool) string {
	if lang == "ar" {
		if b := keys.WithoutAl(t); b != "" {
			return b
		}
		return t
	}
	if prefix {
		return t
	}
	return foldEn(t)
}

// tokenize splits text into lower-case runs of letters and digits (Arabic through ar.Normalise),
// appending to dst.
func tokenize(lang, text string, dst []string) []string {
	if lang == "ar" {
		text = ar.Normalise(text)
	}
	start := -1
	for i, r := range text {
		word := unicode.IsLetter(r) || unicode.IsDigit(r)
		if word && start < 0 {
			start = i
		}
		if !word && start >= 0 {
			dst = append(dst, strings.ToLower(text[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		dst = append(dst, strings.ToLower(text[start:]))
	}
	return dst
}

// foldEn folds an English plural to its singular: refugees → refugee, countries → country,
// sanctions → sanction; "crisis", "virus", "gas" stay.
func foldEn(t string) string {
	n := len(t)
	switch {
	case n > 4 && strings.HasSuffix(t, "ies"):
		return t[:n-3] + "y"
	case n > 3 && strings.HasSuffix(t, "s") && !strings.HasSuffix(t, "ss") && !strings.HasSuffix(t, "us") && !strings.HasSuffix(t, "is") && !strings.HasSuffix(t, "as"):
		return t[:n-1]
	}
	return t
}

// Topics returns the topics of text in language lang ("en" or "ar"), best first, each with its
// score and the cues that fired. Cues match whole words of the normalised text (English plurals
// folded; Arabic through ar.Normalise with clitics such as و ب ل ال tolerated); a cue ending in *
// matches any word it starts. A topic needs evidence of at least minEvidence and at least
// relativeCut of the best topic's. Texts past 1 MB are read up to there.
func (l *Lexicon) Topics(lang, text string) []Topic {
	if lang != "en" && lang != "ar" || len(l.cues.cues) == 0 {
		return nil
	}
	if len(text) > maxTopicText {
		cut := maxTopicText
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	toks := tokenize(lang, text, nil)
	// cands[i] are the forms token i may match: the folded word, and for Arabic its clitic variants.
	cands := make([][]string, len(toks))
	var vs []string
	for i, t := range toks {
		if len(t) > maxTokenBytes {
			continue
		}
		if lang == "ar" {
			vs = keys.Variants(t, vs)
			cands[i] = append([]string(nil), vs...)
		} else {
			toks[i] = foldEn(t)
			cands[i] = toks[i : i+1]
		}
	}
	counts := map[int]int{} // cue → occurrences
	exact, prefixes := l.cues.exact[lang], l.cues.prefix[lang]
	for i := range toks {
		seen := 0
		for _, c := range cands[i] {
			for _, ci := range exact[c] {
				if l.matchRest(ci, cands, i) {
					counts[ci]++
					seen++
				}
			}
			for n := l.cues.minPrefix; n <= len(c) && len(prefixes) > 0; n++ {
				if n < len(c) && !utf8.RuneStart(c[n]) {
					continue
				}
				for _, ci := range prefixes[c[:n]] {
					if l.matchRest(ci, cands, i) {
						counts[ci]++
						seen++
					}
				}
			}
			if seen > 0 {
				break // the least stripped variant that matches decides
			}
		}
	}
	return l.score(counts)
}

// matchRest reports whether cue ci matches the tokens from i on (its first token already matched
// one of cands[i]).
func (l *Lexicon) matchRest(ci int, cands [][]string, i int) bool {
	toks := l.cues.cues[ci].toks
	if i+len(toks) > len(cands) {
		return false
	}
	for j := 1; j < len(toks); j++ {
		if !matchTok(toks[j], cands[i+j]) {
			return false
		}
	}
	return true
}

func matchTok(t cueTok, cands []string) bool {
	for _, c := range cands {
		if c == t.s || t.prefix && strings.HasPrefix(c, t.s) {
			return true
		}
	}
	return false
}

// score turns cue counts into topics.
func (l *Lexicon) score(counts map[int]int) []Topic {
	if len(counts) == 0 {
		return nil
	}
	evidence := make([]float64, len(l.topics))
	fired := make([][]int, len(l.topics))
	// A cue text listed twice (or matched as a prefix and exactly) counts once per topic.
	for ci, n := range counts {
		c := l.cues.cues[ci]
		evidence[c.topic] += c.weight * (1 + math.Log(float64(n)))
		fired[c.topic] = append(fired[c.topic], ci)
	}
	best := 0.0
	for _, e := range evidence {
		best = max(best, e)
	}
	var out []Topic
	for ti, e := range evidence {
		if e < minEvidence || e < relativeCut*best {
			continue
		}
		cis := fired[ti]
		sort.Slice(cis, func(a, b int) bool {
			ca, cb := l.cues.cues[cis[a]], l.cues.cues[cis[b]]
			wa, wb := ca.weight*(1+math.Log(float64(counts[cis[a]]))), cb.weight*(1+math.Log(float64(counts[cis[b]])))
			if wa != wb {
				return wa > wb
			}
			return ca.text < cb.text
		})
		t := Topic{ID: l.topics[ti].id, Label: l.topics[ti].label, LabelAr: l.topics[ti].labelAr, Score: 1 - math.Exp(-e/scoreScale)}
		for _, ci := range cis {
			t.Cues = append(t.Cues, l.cues.cues[ci].text)
		}
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// TopicIDs returns the ids of the taxonomy's topics, in the order of the data.
func (l *Lexicon) TopicIDs() []string {
	out := make([]string, len(l.topics))
	for i, t := range l.topics {
		out[i] = t.id
	}
	return out
}
