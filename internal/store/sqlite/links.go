package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"storyline/internal/events"
	"storyline/internal/link"
	"storyline/internal/store"
)

// writeEvents replaces the events of the analysed articles inside the batch transaction.
func writeEvents(ctx context.Context, tx *sql.Tx, as []store.Analysed) error {
	if len(as) == 0 {
		return nil
	}
	del, err := tx.PrepareContext(ctx, `DELETE FROM article_events WHERE article_id = ?`)
	if err != nil {
		return err
	}
	defer del.Close()
	ins, err := tx.PrepareContext(ctx, `INSERT INTO article_events (id, article_id, type, date, published, lang, doc)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc`)
	if err != nil {
		return err
	}
	defer ins.Close()
	for _, a := range as {
		if _, err := del.ExecContext(ctx, a.Analysis.ArticleID); err != nil {
			return fmt.Errorf("events of %s: %w", a.Analysis.ArticleID, err)
		}
		for _, ev := range a.Events {
			doc, err := json.Marshal(ev)
			if err != nil {
				return fmt.Errorf("event %s: %w", ev.ID, err)
			}
			if _, err := ins.ExecContext(ctx, ev.ID, ev.ArticleID, ev.Type, nullString(ev.Date), nullString(ev.Published),
				ev.Lang, string(doc)); err != nil {
				return fmt.Errorf("event %s of %s: %w", ev.ID, ev.ArticleID, err)
			}
		}
	}
	return nil
}

// ArticleEvents returns stored events.
func (s *Store) ArticleEvents(ctx context.Context, ids []string, f store.EventFilter) ([]events.Event, error) {
	where, args := []string{"1 = 1"}, []any{}
	if f.Type != "" {
		where, args = append(where, "type = ?"), append(args, strings.ToUpper(f.Type))
	}
	if f.Lang != "" {
		where, args = append(where, "lang = ?"), append(args, f.Lang)
	}
	if f.Since != "" {
		where, args = append(where, "COALESCE(date, published, '') >= ?"), append(args, f.Since)
	}
	if f.Until != "" {
		// A month or year date ("2021-02") sorts before its days, so compare with the bound's prefix.
		where, args = append(where, "COALESCE(date, published, '9999') <= ?"), append(args, f.Until+"~")
	}
	var out []events.Event
	run := func(extra string, extraArgs []any) error {
		q := `SELECT doc FROM article_events WHERE ` + strings.Join(where, " AND ") + extra + ` ORDER BY article_id, id`
		rows, err := s.db.QueryContext(ctx, q, append(append([]any{}, args...), extraArgs...)...)
		if err != nil {
			return fmt.Errorf("sqlite: events: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var doc string
			if err := rows.Scan(&doc); err != nil {
				return err
			}
			var ev events.Event
			if err := json.Unmarshal([]byte(doc), &ev); err != nil {
				return fmt.Errorf("sqlite: event: %w", err)
			}
			out = append(out, ev)
		}
		return rows.Err()
	}
	if ids == nil {
		return out, run("", nil)
	}
	for _, chunk := range chunks(ids, 500) {
		if err := run(" AND article_id IN ("+placeholders(len(chunk))+")", anySlice(chunk)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// CanonicalAll returns the canonical id of every entity of the given articles.
func (s *Store) CanonicalAll(ctx context.Context, ids []string) (map[string]string, error) {
	out := map[string]string{}
	run := func(q string, args []any) error {
		rows, err := s.db.QueryContext(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("sqlite: canonical ids: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var a, k, c string
			if err := rows.Scan(&a, &k, &c); err != nil {
				return err
			}
			out[a+"\x00"+k] = c
		}
		return rows.Err()
	}
	const q = `SELECT article_id, entity_key, canonical_id FROM article_entities`
	if ids == nil {
		return out, run(q, nil)
	}
	for _, chunk := range chunks(ids, 500) {
		if err := run(q+` WHERE article_id IN (`+placeholders(len(chunk))+`)`, anySlice(chunk)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// LinkState returns the stored linking state.
func (s *Store) LinkState(ctx context.Context) (link.State, error) {
	st := link.State{Version: link.StateVersion, Params: link.DefaultParams}
	var params string
	err := s.db.QueryRowContext(ctx, `SELECT params FROM link_params WHERE id = 1`).Scan(&params)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return st, fmt.Errorf("sqlite: link parameters: %w", err)
	default:
		if err := json.Unmarshal([]byte(params), &st.Params); err != nil {
			return st, fmt.Errorf("sqlite: link parameters: %w", err)
		}
	}
	rows, err := s.db.QueryContext(ctx, `SELECT event_id, story_id, doc, links FROM link_articles ORDER BY seq`)
	if err != nil {
		return st, fmt.Errorf("sqlite: link state: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a link.ArticleState
		var doc, links string
		if err := rows.Scan(&a.Event, &a.Story, &doc, &links); err != nil {
			return st, err
		}
		if err := json.Unmarshal([]byte(doc), &a.Doc); err != nil {
			return st, fmt.Errorf("sqlite: link state: %w", err)
		}
		if err := json.Unmarshal([]byte(links), &a.Links); err != nil {
			return st, fmt.Errorf("sqlite: link state of %s: %w", a.Doc.ID, err)
		}
		st.Articles = append(st.Articles, a)
	}
	return st, rows.Err()
}

// SaveLinks stores the state of the given articles.
func (s *Store) SaveLinks(ctx context.Context, params link.Params, arts []link.ArticleState) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: save links: %w", err)
	}
	defer tx.Rollback()
	p, err := json.Marshal(params)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO link_params (id, params) VALUES (1, ?)
		ON CONFLICT (id) DO UPDATE SET params = excluded.params`, string(p)); err != nil {
		return fmt.Errorf("sqlite: save link parameters: %w", err)
	}
	var next int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) + 1 FROM link_articles`).Scan(&next); err != nil {
		return err
	}
	up, err := tx.PrepareContext(ctx, `INSERT INTO link_articles (article_id, seq, event_id, story_id, doc, links)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (article_id) DO UPDATE SET event_id = excluded.event_id,
		story_id = excluded.story_id, doc = excluded.doc, links = excluded.links`)
	if err != nil {
		return err
	}
	defer up.Close()
	for i, a := range arts {
		doc, err := json.Marshal(a.Doc)
		if err != nil {
			return fmt.Errorf("link doc %s: %w", a.Doc.ID, err)
		}
		links := a.Links
		if links == nil {
			links = []link.LinkState{}
		}
		l, err := json.Marshal(links)
		if err != nil {
			return err
		}
		if _, err := up.ExecContext(ctx, a.Doc.ID, next+int64(i), a.Event, a.Story, string(doc), string(l)); err != nil {
			return fmt.Errorf("sqlite: save links of %s: %w", a.Doc.ID, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE link_meta SET revision = revision + 1 WHERE id = 1`); err != nil {
		return fmt.Errorf("sqlite: save links: %w", err)
	}
	return tx.Commit()
}

// LinkRevision returns the number of SaveLinks calls so far.
func (s *Store) LinkRevision(ctx context.Context) (int64, error) {
	var rev int64
	if err := s.db.QueryRowContext(ctx, `SELECT revision FROM link_meta WHERE id = 1`).Scan(&rev); err != nil {
		return 0, fmt.Errorf("sqlite: link revision: %w", err)
	}
	return rev, nil
}

// Unlinked lists analysed articles not linked yet.
func (s *Store) Unlinked(ctx context.Context, limit int) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.id FROM articles a JOIN analyses n ON n.article_id = a.id
		LEFT JOIN link_articles l ON l.article_id = a.id WHERE l.article_id IS NULL ORDER BY a.seq LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: unlinked articles: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
