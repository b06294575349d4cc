package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"storyline/internal/store"
)

// articleTitle is the title shown for an article: its title, or the start of its body.
const articleTitle = `CASE WHEN a.title <> '' THEN a.title ELSE substr(a.body, 1, 120) END`

// Stories lists stories, largest and most recent first.
func (s *Store) Stories(ctx context.Context, f store.StoryFilter) ([]store.StorySummary, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	q := newQuery()
	sql := `SELECT l.story_id, COUNT(*), COUNT(DISTINCT l.event_id), COALESCE(MIN(a.published), ''),
		COALESCE(MAX(a.published), ''), MAX(a.seq)
		FROM link_articles l JOIN articles a ON a.id = l.article_id GROUP BY l.story_id HAVING COUNT(*) >= ` + q.arg(max(f.MinArticles, 1))
	if f.Lang != "" {
		sql += ` AND bool_or(a.lang = ` + q.arg(f.Lang) + `)`
	}
	sql += ` ORDER BY COUNT(*) DESC, MAX(a.seq) DESC LIMIT ` + q.arg(limit)
	rows, err := s.pool.Query(ctx, sql, q.args...)
	if err != nil {
		return nil, fmt.Errorf("postgres: stories: %w", err)
	}
	var out []store.StorySummary
	for rows.Next() {
		var st store.StorySummary
		if err := rows.Scan(&st.ID, &st.Articles, &st.Events, &st.First, &st.Last, &st.LastIngest); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, st)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: stories: %w", err)
	}
	for i := range out {
		if err := s.storyLangs(ctx, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// storyLangs fills the languages and per-language titles of a story.
func (s *Store) storyLangs(ctx context.Context, st *store.StorySummary) error {
	st.Langs, st.Titles = map[string]int{}, map[string]string{}
	rows, err := s.pool.Query(ctx, `SELECT a.lang, `+articleTitle+` FROM link_articles l JOIN articles a ON a.id = l.article_id
		WHERE l.story_id = $1 ORDER BY COALESCE(a.published, '9999'), a.seq`, st.ID)
	if err != nil {
		return fmt.Errorf("postgres: story %s: %w", st.ID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var lang, title string
		if err := rows.Scan(&lang, &title); err != nil {
			return err
		}
		st.Langs[lang]++
		if _, ok := st.Titles[lang]; !ok {
			st.Titles[lang] = strings.Join(strings.Fields(title), " ")
		}
	}
	return rows.Err()
}

// Story returns one story with its events and articles.
func (s *Store) Story(ctx context.Context, id string) (store.StoryDetail, error) {
	var d store.StoryDetail
	d.ID = id
	rows, err := s.pool.Query(ctx, `SELECT l.event_id, a.id, a.lang, `+articleTitle+`, COALESCE(a.published, ''), a.seq
		FROM link_articles l JOIN articles a ON a.id = l.article_id WHERE l.story_id = $1
		ORDER BY COALESCE(a.published, '9999'), a.seq`, id)
	if err != nil {
		return d, fmt.Errorf("postgres: story %s: %w", id, err)
	}
	b := store.NewStoryAssembler(id)
	for rows.Next() {
		var ev string
		var a store.ArticleRef
		var seq int64
		if err := rows.Scan(&ev, &a.ID, &a.Lang, &a.Title, &a.Published, &seq); err != nil {
			rows.Close()
			return d, err
		}
		b.Add(ev, a, seq)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return d, fmt.Errorf("postgres: story %s: %w", id, err)
	}
	if d, err = b.Detail(); err != nil {
		return d, err
	}
	return d, s.storyLangs(ctx, &d.StorySummary)
}

// ArticleLinks returns the event and story of an article.
func (s *Store) ArticleLinks(ctx context.Context, articleID string) (string, string, error) {
	var ev, st string
	err := s.pool.QueryRow(ctx, `SELECT event_id, story_id FROM link_articles WHERE article_id = $1`, articleID).Scan(&ev, &st)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", "", fmt.Errorf("links of %s: %w", articleID, store.ErrNotFound)
	}
	if err != nil {
		return "", "", fmt.Errorf("postgres: links of %s: %w", articleID, err)
	}
	return ev, st, nil
}
