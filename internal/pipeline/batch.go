package pipeline

import (
	"context"
	"fmt"
	"log/slog"

	"storyline/internal/ingest"
	"storyline/internal/store"
)

// Outcome is what WriteBatch did with one article.
type Outcome struct {
	// New is true when the article was not stored before (nor earlier in the batch).
	New bool
	// Analysed is true when the article was analysed and linked in this batch.
	Analysed bool
	// Err is the reason the analysis failed; the article is stored all the same.
	Err error
}

// WriteBatch runs the stages after reading over one batch of articles already read and writes
// them in one transaction: articles not stored yet are analysed and their events extracted
// (stages), the batch is written, the entity blocks it touched are resolved again, and the new
// articles — with any other unlinked ones — are linked and the linking state saved
// (linker.LinkPending, under the store's linking lock; see LinkMode). With stages nil the articles are
// stored only and linker may be nil. It adds its counts to sum (whose maps must not be nil),
// logs analysis failures to log, and returns one outcome per article, in order. It returns an
// error only when the context ends or the store fails.
func WriteBatch(ctx context.Context, st store.Store, stages *Stages, linker *Linker, batch []ingest.Article, sum *Summary, log *slog.Logger) ([]Outcome, error) {
	out := make([]Outcome, len(batch))
	if len(batch) == 0 {
		return out, nil
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	b := store.Batch{Articles: batch}
	var fresh []string
	if stages != nil {
		ids := make([]string, len(batch))
		for i, a := range batch {
			ids[i] = a.ID
		}
		have, err := st.Existing(ctx, ids)
		if err != nil {
			return out, err
		}
		var todo []ingest.Article
		var todoIdx []int
		seen := map[string]bool{}
		for i, a := range batch {
			if !have[a.ID] && !seen[a.ID] {
				seen[a.ID] = true
				todo, todoIdx = append(todo, a), append(todoIdx, i)
			}
		}
		as, errs := stages.Analyse(ctx, todo)
		for i, err := range errs {
			sum.Failed++
			if len(sum.Failures) < maxFailuresKept {
				sum.Failures = append(sum.Failures, Failure{Source: todo[i].Source, Reason: err.Error()})
			}
			out[todoIdx[i]].Err = err
			log.Info("analysis failed", "source", todo[i].Source, "error", err)
		}
		for i := range todo {
			if _, bad := errs[i]; !bad {
				out[todoIdx[i]].Analysed = true
			}
		}
		b.Analyses = as
		for _, a := range as {
			fresh = append(fresh, a.Analysis.ArticleID)
			sum.Events += len(a.Events)
		}
		sum.Analysed += len(as)
	}
	res, err := st.Write(ctx, b)
	if err != nil {
		for i := range out {
			out[i].Analysed = false
		}
		return out, fmt.Errorf("write batch of %d articles: %w", len(batch), err)
	}
	for i, inserted := range res.Inserted {
		out[i].New = inserted
		if inserted {
			sum.New++
			sum.NewByLang[batch[i].Lang]++
		} else {
			sum.Duplicates++
		}
	}
	if stages != nil && len(fresh) > 0 {
		if err := st.Resolve(ctx, blocks(b.Analyses), stages.Resolver()); err != nil {
			return out, fmt.Errorf("resolve entities: %w", err)
		}
		// Linking takes the store's linking lock and links whatever is unlinked: this batch's
		// articles and any that other workers sharing the store left (see Linker).
		n, err := linker.afterBatch(ctx)
		if err != nil {
			return out, fmt.Errorf("link: %w", err)
		}
		sum.Linked += n
	}
	return out, nil
}
