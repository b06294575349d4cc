package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"

	"storyline/internal/store"
)

// EntityRows returns the entity rows of the given articles.
func (s *Store) EntityRows(ctx context.Context, articleIDs []string) ([]store.EntityRow, error) {
	var out []store.EntityRow
	for _, chunk := range chunks(articleIDs, 500) {
		if len(chunk) == 0 {
			continue
		}
		rows, err := s.db.QueryContext(ctx, `SELECT article_id, lang, published, doc, block, canonical_id FROM article_entities
			WHERE article_id IN (`+placeholders(len(chunk))+`) ORDER BY article_id, entity_key`, anySlice(chunk)...)
		if err != nil {
			return nil, fmt.Errorf("sqlite: entity rows: %w", err)
		}
		for rows.Next() {
			var row store.EntityRow
			var published sql.NullString
			var doc string
			if err := rows.Scan(&row.ArticleID, &row.Lang, &published, &doc, &row.Block, &row.CanonicalID); err != nil {
				rows.Close()
				return nil, err
			}
			row.Published = published.String
			if err := json.Unmarshal([]byte(doc), &row.Entity); err != nil {
				rows.Close()
				return nil, fmt.Errorf("sqlite: entity row of %s: %w", row.ArticleID, err)
			}
			out = append(out, row)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	// Each chunk is ordered; chunks are not ordered among themselves.
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].ArticleID != out[j].ArticleID {
			return out[i].ArticleID < out[j].ArticleID
		}
		return out[i].Entity.Key < out[j].Entity.Key
	})
	return out, nil
}
