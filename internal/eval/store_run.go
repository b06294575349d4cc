package eval

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"

	"storyline/internal/ingest"
	"storyline/internal/ingest/langid"
	"storyline/internal/link"
	"storyline/internal/pipeline"
	"storyline/internal/store"
	"storyline/internal/store/sqlite"
)

// Run evaluates the whole pipeline as ../shared/corpus/README.md specifies: every article of
// articlesDir is ingested into a fresh temporary store, analysed, its events extracted and linked,
// exactly as `storyline ingest` does; then entities, cross-lingual linking, events, similarity and
// event clustering are scored against the gold file.
func Run(ctx context.Context, goldPath, articlesDir string) (*Report, error) {
	g, err := LoadGold(goldPath)
	if err != nil {
		return nil, err
	}
	info, err := os.Stat(articlesDir)
	if err != nil {
		return nil, fmt.Errorf("articles %s: %w", articlesDir, err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("articles %s: not a directory", articlesDir)
	}
	st, sum, done, err := ingestTemp(ctx, articlesDir)
	if err != nil {
		return nil, err
	}
	defer done()
	r := &Report{}
	for _, f := range sum.Failures {
		r.Errors = append(r.Errors, f.Source+": "+f.Reason)
	}
	sys, byID, err := systemArticles(ctx, st, articlesDir)
	if err != nil {
		return nil, err
	}
	r.Articles = len(sys)
	ScoreEntities(g, sys, r)
	ScoreLinking(g, sys, r)
	evs, err := st.ArticleEvents(ctx, nil, store.EventFilter{})
	if err != nil {
		return nil, err
	}
	ScoreEvents(g, sys, evs, r)
	state, err := st.LinkState(ctx)
	if err != nil {
		return nil, err
	}
	scoreLinks(g, state, byID, r)
	return r, nil
}

// ingestTemp ingests every article of dir through the whole pipeline into a fresh store in a
// temporary folder; done closes the store and removes the folder.
func ingestTemp(ctx context.Context, dir string) (st *sqlite.Store, sum pipeline.Summary, done func(), err error) {
	tmp, err := os.MkdirTemp("", "storyline-eval-")
	if err != nil {
		return nil, sum, nil, err
	}
	st, err = sqlite.Open(ctx, filepath.Join(tmp, "eval.db"))
	if err != nil {
		os.RemoveAll(tmp)
		return nil, sum, nil, err
	}
	done = func() {
		st.Close()
		os.RemoveAll(tmp)
	}
	sum, err = pipeline.Ingest(ctx, []string{dir}, st, pipeline.Options{
		Read:   ingest.Options{Identify: identify},
		Stages: pipeline.NewStages(),
	})
	if err != nil {
		done()
		return nil, sum, nil, fmt.Errorf("ingest %s: %w", dir, err)
	}
	return st, sum, done, nil
}

// PipelineDocs ingests every article of dir through the whole pipeline, exactly as Run does, and
// returns the link.Doc the pipeline built for each file, named by file name, in the order the
// pipeline linked them. Tests and tuning use it to re-cluster what the pipeline produces.
func PipelineDocs(ctx context.Context, dir string) (names []string, docs []link.Doc, err error) {
	st, _, done, err := ingestTemp(ctx, dir)
	if err != nil {
		return nil, nil, err
	}
	defer done()
	_, byID, err := systemArticles(ctx, st, dir)
	if err != nil {
		return nil, nil, err
	}
	state, err := st.LinkState(ctx)
	if err != nil {
		return nil, nil, err
	}
	for _, a := range state.Articles {
		for _, n := range byID[a.Doc.ID] {
			names = append(names, n)
			docs = append(docs, a.Doc)
		}
	}
	return names, docs, nil
}

// systemArticles reads back what the pipeline stored for every article of dir, named by its file
// name (the gold's key), and maps article ids to those names.
func systemArticles(ctx context.Context, st store.Store, dir string) ([]SystemArticle, map[string][]string, error) {
	var sys []SystemArticle
	byID := map[string][]string{}
	var arts []ingest.Article
	err := st.Articles(ctx, store.ArticleFilter{}, func(_ int64, a ingest.Article) error {
		arts = append(arts, a)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	// Every file is one gold name, even when two files hold the same article (one stored copy).
	names := map[string][]string{}
	err = ingest.Read(ctx, []string{dir}, ingest.Options{}, func(res ingest.Result) error {
		if res.Err == nil {
			names[res.Article.ID] = append(names[res.Article.ID], articleName(res.Article.Source))
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	for _, a := range arts {
		an, err := st.Analysis(ctx, a.ID)
		if err != nil {
			continue // analysis failed: the run's errors say why
		}
		canon, err := st.Canonical(ctx, a.ID)
		if err != nil {
			return nil, nil, err
		}
		for _, n := range names[a.ID] {
			sys = append(sys, SystemArticle{Name: n, Analysis: an, Canonical: canon})
			byID[a.ID] = append(byID[a.ID], n)
		}
	}
	sort.Slice(sys, func(i, j int) bool { return sys[i].Name < sys[j].Name })
	return sys, byID, nil
}

// scoreLinks fills the similarity and event clustering figures from the stored link state.
func scoreLinks(g *Gold, state link.State, byID map[string][]string, r *Report) {
	docs := map[string]link.Doc{}
	events := map[string][]string{}
	var order []string
	for _, a := range state.Articles {
		for _, n := range byID[a.Doc.ID] {
			docs[n] = a.Doc
			if _, ok := events[a.Event]; !ok {
				order = append(order, a.Event)
			}
			events[a.Event] = append(events[a.Event], n)
		}
	}
	if g.HasPairs && len(g.Pairs) > 0 {
		pairs := make([]ScoredPair, len(g.Pairs))
		for i, p := range g.Pairs {
			pairs[i] = ScoredPair{A: p.A, B: p.B, Overall: p.Overall}
		}
		f := ScoreSimilarity(pairs, docs)
		r.SimilarityPearson, r.SimilaritySpearman = finite(f.Pearson), finite(f.Spearman)
	}
	if g.HasEventsExpected && len(g.EventsExpected) > 0 {
		partition := make([][]string, 0, len(order))
		for _, ev := range order {
			partition = append(partition, events[ev])
		}
		ps := ComparePartitions(g.EventsExpected, partition)
		r.ClusteringPairwiseF1, r.ClusteringBCubedF1 = &ps.PairwiseF1, &ps.BCubedF1
	}
}

func finite(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}

// identify is the CLI's language identification in the form ingest.Options wants.
func identify(text string) (string, float64) {
	r := langid.Detect(text)
	return r.Lang, r.Confidence
}
