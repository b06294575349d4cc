package eval

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"storyline/internal/analyse"
	"storyline/internal/ingest"
	"storyline/internal/ingest/langid"
)

// RunInMemory scores the analysis stage against a gold file without a store: it reads every
// article of articlesDir (ingest.Read, languages identified by langid), analyses each with the
// default Analyzer, resolves the people of all articles together (analyse.Resolve), and fills
// the entity and linking figures (ScoreEntities, ScoreLinking). Events, similarity and
// clustering stay null. An article that fails to read or analyse is listed in Report.Errors and
// does not stop the others.
func RunInMemory(ctx context.Context, goldPath, articlesDir string) (*Report, error) {
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
	sys, errs, err := AnalyseDir(ctx, articlesDir, analyse.New(analyse.Options{}))
	if err != nil {
		return nil, err
	}
	r := &Report{Articles: len(sys), Errors: errs}
	ScoreEntities(g, sys, r)
	ScoreLinking(g, sys, r)
	return r, nil
}

// AnalyseDir reads and analyses every article of dir and resolves their entities together. Each
// SystemArticle is named by its file name (the gold's key); an input that fails is reported in
// errs by source and reason.
func AnalyseDir(ctx context.Context, dir string, an *analyse.Analyzer) (sys []SystemArticle, errs []string, err error) {
	opts := ingest.Options{Identify: func(text string) (string, float64) {
		r := langid.Detect(text)
		return r.Lang, r.Confidence
	}}
	var arts []*ingest.Article
	err = ingest.Read(ctx, []string{dir}, opts, func(res ingest.Result) error {
		if res.Err != nil {
			errs = append(errs, res.Err.Error())
			return nil
		}
		arts = append(arts, res.Article)
		return nil
	})
	if err != nil {
		return nil, errs, fmt.Errorf("articles %s: %w", dir, err)
	}
	var refs []analyse.EntityRef
	var owner []int
	for _, a := range arts {
		an, aerr := an.Analyse(ctx, *a)
		if aerr != nil {
			if ctx.Err() != nil {
				return nil, errs, fmt.Errorf("articles %s: %w", dir, ctx.Err())
			}
			errs = append(errs, fmt.Sprintf("%s: %v", a.Source, aerr))
			continue
		}
		sa := SystemArticle{Name: articleName(a.Source), Analysis: an, Canonical: map[string]string{}}
		sys = append(sys, sa)
		for _, e := range an.Entities {
			refs = append(refs, analyse.EntityRef{ArticleID: a.ID, Entity: e, Lang: an.Lang, Published: an.Published})
			owner = append(owner, len(sys)-1)
		}
	}
	ids := analyse.Resolve(refs, nil)
	for i, id := range ids {
		sys[owner[i]].Canonical[refs[i].Entity.Key] = id
	}
	return sys, errs, nil
}

// articleName is the file name of an article's source ("dir/a.txt#line 3" → "a.txt").
func articleName(source string) string {
	if i := strings.LastIndex(source, "#"); i > 0 {
		source = source[:i]
	}
	return filepath.Base(source)
}
