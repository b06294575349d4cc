package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"storyline/internal/events"
	"storyline/internal/link"
	"storyline/internal/store"
)

// writeEvents replaces the events of the analysed articles inside the batch transaction.
func writeEvents(ctx context.Context, tx pgx.Tx, as []store.Analysed) error {
	as = lastAnalyses(as)
	if len(as) == 0 {
		return nil
	}
	arts := make([]string, len(as))
	for i, a := range as {
		arts[i] = a.Analysis.ArticleID
	}
	if _, err := tx.Exec(ctx, `DELETE FROM article_events WHERE article_id = ANY($1)`, arts); err != nil {
		return fmt.Errorf("events: %w", err)
	}
	// One row per event id, the last written (as an upsert of each in turn would leave it).
	var id, article, typ, date, published, lang, doc []string
	at := map[string]int{}
	for _, a := range as {
		for _, ev := range a.Events {
			d, err := json.Marshal(ev)
			if err != nil {
				return fmt.Errorf("event %s: %w", ev.ID, err)
			}
			if i, ok := at[ev.ID]; ok {
				doc[i] = string(d)
				continue
			}
			at[ev.ID] = len(id)
			id, article, typ = append(id, ev.ID), append(article, ev.ArticleID), append(typ, ev.Type)
			date, published, lang = append(date, ev.Date), append(published, ev.Published), append(lang, ev.Lang)
			doc = append(doc, string(d))
		}
	}
	if len(id) == 0 {
		return nil
	}
	if _, err := tx.Exec(ctx, `INSERT INTO article_events (id, article_id, type, date, published, lang, doc)
		SELECT i, a, t, NULLIF(d, ''), NULLIF(p, ''), l, o FROM unnest($1::text[], $2::text[], $3::text[], $4::text[],
			$5::text[], $6::text[], $7::text[]) AS u(i, a, t, d, p, l, o)
		ON CONFLICT (id) DO UPDATE SET doc = excluded.doc`, id, article, typ, date, published, lang, doc); err != nil {
		return fmt.Errorf("events: %w", err)
	}
	return nil
}

// ArticleEvents returns stored events.
func (s *Store) ArticleEvents(ctx context.Context, ids []string, f store.EventFilter) ([]events.Event, error) {
	q := newQuery()
	where := []string{"TRUE"}
	if f.Type != "" {
		where = append(where, "type = "+q.arg(strings.ToUpper(f.Type)))
	}
	if f.Lang != "" {
		where = append(where, "lang = "+q.arg(f.Lang))
	}
	if f.Since != "" {
		where = append(where, "COALESCE(date, published, '') >= "+q.arg(f.Since))
	}
	if f.Until != "" {
		// A month or year date ("2021-02") sorts before its days, so compare with the bound's prefix.
		where = append(where, "COALESCE(date, published, '9999') <= "+q.arg(f.Until+"~"))
	}
	if ids != nil {
		where = append(where, "article_id = ANY("+q.arg(ids)+")")
	}
	rows, err := s.pool.Query(ctx, `SELECT doc FROM article_events WHERE `+strings.Join(where, " AND ")+
		` ORDER BY article_id, id`, q.args...)
	if err != nil {
		return nil, fmt.Errorf("postgres: events: %w", err)
	}
	defer rows.Close()
	var out []events.Event
	for rows.Next() {
		var doc string
		if err := rows.Scan(&doc); err != nil {
			return nil, err
		}
		var ev events.Event
		if err := json.Unmarshal([]byte(doc), &ev); err != nil {
			return nil, fmt.Errorf("postgres: event: %w", err)
		}
		out = append(out, ev)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: events: %w", err)
	}
	return out, nil
}

// CanonicalAll returns the canonical id of every entity of the given articles.
func (s *Store) CanonicalAll(ctx context.Context, ids []string) (map[string]string, error) {
	q := `SELECT article_id, entity_key, canonical_id FROM article_entities`
	var args []any
	if ids != nil {
		q += ` WHERE article_id = ANY($1)`
		args = append(args, ids)
	}
	rows, err := s.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("postgres: canonical ids: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var a, k, c string
		if err := rows.Scan(&a, &k, &c); err != nil {
			return nil, err
		}
		out[a+"\x00"+k] = c
	}
	return out, rows.Err()
}

// LinkState returns the stored linking state, read in one snapshot.
func (s *Store) LinkState(ctx context.Context) (link.State, error) {
	st := link.State{Version: link.StateVersion, Params: link.DefaultParams}
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return st, fmt.Errorf("postgres: link state: %w", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	var params string
	err = tx.QueryRow(ctx, `SELECT params FROM link_params WHERE id = 1`).Scan(&params)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
	case err != nil:
		return st, fmt.Errorf("postgres: link parameters: %w", err)
	default:
		if err := json.Unmarshal([]byte(params), &st.Params); err != nil {
			return st, fmt.Errorf("postgres: link parameters: %w", err)
		}
	}
	rows, err := tx.Query(ctx, `SELECT event_id, story_id, doc, links FROM link_articles ORDER BY seq`)
	if err != nil {
		return st, fmt.Errorf("postgres: link state: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a link.ArticleState
		var doc, links string
		if err := rows.Scan(&a.Event, &a.Story, &doc, &links); err != nil {
			return st, err
		}
		if err := json.Unmarshal([]byte(doc), &a.Doc); err != nil {
			return st, fmt.Errorf("postgres: link state: %w", err)
		}
		if err := json.Unmarshal([]byte(links), &a.Links); err != nil {
			return st, fmt.Errorf("postgres: link state of %s: %w", a.Doc.ID, err)
		}
		st.Articles = append(st.Articles, a)
	}
	if err := rows.Err(); err != nil {
		return st, fmt.Errorf("postgres: link state: %w", err)
	}
	return st, nil
}

// SaveLinks stores the state of the given articles in one transaction.
func (s *Store) SaveLinks(ctx context.Context, params link.Params, arts []link.ArticleState) error {
	p, err := json.Marshal(params)
	if err != nil {
		return err
	}
	ids := make([]string, len(arts))
	events, stories, docs, links := make([]string, len(arts)), make([]string, len(arts)), make([]string, len(arts)), make([]string, len(arts))
	for i, a := range arts {
		doc, err := json.Marshal(a.Doc)
		if err != nil {
			return fmt.Errorf("link doc %s: %w", a.Doc.ID, err)
		}
		ls := a.Links
		if ls == nil {
			ls = []link.LinkState{}
		}
		l, err := json.Marshal(ls)
		if err != nil {
			return err
		}
		ids[i], events[i], stories[i], docs[i], links[i] = a.Doc.ID, a.Event, a.Story, string(doc), string(l)
	}
	err = s.inTx(ctx, func(tx pgx.Tx) error {
		// The revision row is locked first: saves commit one at a time, in revision order.
		if _, err := tx.Exec(ctx, `UPDATE link_meta SET revision = revision + 1 WHERE id = 1`); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO link_params (id, params) VALUES (1, $1)
			ON CONFLICT (id) DO UPDATE SET params = excluded.params`, string(p)); err != nil {
			return fmt.Errorf("parameters: %w", err)
		}
		if len(ids) == 0 {
			return nil
		}
		// New articles take sequence numbers in the order given; known ones keep theirs.
		_, err := tx.Exec(ctx, `INSERT INTO link_articles (article_id, event_id, story_id, doc, links)
			SELECT a, e, s, d, l FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
				WITH ORDINALITY AS u(a, e, s, d, l, ord) ORDER BY ord
			ON CONFLICT (article_id) DO UPDATE SET event_id = excluded.event_id, story_id = excluded.story_id,
				doc = excluded.doc, links = excluded.links`, ids, events, stories, docs, links)
		return err
	})
	if err != nil {
		return fmt.Errorf("postgres: save links: %w", err)
	}
	return nil
}

// LinkRevision returns the number of SaveLinks calls so far.
func (s *Store) LinkRevision(ctx context.Context) (int64, error) {
	var rev int64
	if err := s.pool.QueryRow(ctx, `SELECT revision FROM link_meta WHERE id = 1`).Scan(&rev); err != nil {
		return 0, fmt.Errorf("postgres: link revision: %w", err)
	}
	return rev, nil
}

// LockLinks takes the store-wide linking lock: a session-level advisory lock on a connection
// held until the release. PostgreSQL releases it when the connection ends, so a killed process
// never leaves it taken.
//
// It polls pg_try_advisory_lock (every 5 ms at first, backing off to 100 ms) rather than waiting
// in pg_advisory_lock: a wait abandoned when ctx ends would go on in the server after the client
// gave up (a backend does not notice its client left while it waits for a lock) and take the
// lock, holding it from every other worker until it found no one to tell.
func (s *Store) LockLinks(ctx context.Context) (func(), error) {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("postgres: link lock: %w", err)
	}
	key := s.lockKey("link")
	wait := 5 * time.Millisecond
	for {
		ok, err := tryAdvisoryLock(ctx, conn, key)
		if err != nil {
			return nil, err
		}
		if ok {
			return advisoryUnlock(conn, key), nil
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			conn.Release()
			return nil, fmt.Errorf("postgres: link lock: %w", ctx.Err())
		case <-t.C:
		}
		wait = min(2*wait, 100*time.Millisecond)
	}
}

// TryLockLinks takes the linking lock if it is free at once (pg_try_advisory_lock).
func (s *Store) TryLockLinks(ctx context.Context) (func(), bool, error) {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("postgres: link lock: %w", err)
	}
	key := s.lockKey("link")
	ok, err := tryAdvisoryLock(ctx, conn, key)
	if err != nil {
		return nil, false, err
	}
	if !ok {
		conn.Release()
		return nil, false, nil
	}
	return advisoryUnlock(conn, key), true, nil
}

// tryAdvisoryLock takes the session-level advisory lock key on conn if it is free. When the
// query fails, conn is closed and released (a cancelled query may leave it in doubt: it does
// not go back to the pool).
func tryAdvisoryLock(ctx context.Context, conn *pgxpool.Conn, key int64) (bool, error) {
	var ok bool
	if err := conn.QueryRow(ctx, `SELECT pg_try_advisory_lock($1)`, key).Scan(&ok); err != nil {
		conn.Conn().Close(context.Background())
		conn.Release()
		return false, fmt.Errorf("postgres: link lock: %w", err)
	}
	return ok, nil
}

// advisoryUnlock returns the release of the advisory lock key held on conn: it unlocks and
// gives the connection back (closing it if the unlock failed).
func advisoryUnlock(conn *pgxpool.Conn, key int64) func() {
	return func() {
		if _, err := conn.Exec(context.Background(), `SELECT pg_advisory_unlock($1)`, key); err != nil {
			conn.Conn().Close(context.Background())
		}
		conn.Release()
	}
}

// Unlinked lists analysed articles not linked yet.
func (s *Store) Unlinked(ctx context.Context, limit int) ([]string, error) {
	return s.ids(ctx, "unlinked articles", `SELECT a.id FROM articles a JOIN analyses n ON n.article_id = a.id
		LEFT JOIN link_articles l ON l.article_id = a.id WHERE l.article_id IS NULL ORDER BY a.seq LIMIT $1`, limit)
}
