// Package backend opens a Storyline store by name: a postgres:// or postgresql:// URL opens the
// PostgreSQL store, anything else is the path of a SQLite file.
package backend

import (
	"context"
	"net/url"

	"storyline/internal/store"
	"storyline/internal/store/postgres"
	"storyline/internal/store/sqlite"
)

// IsPostgres reports whether dsn names a PostgreSQL database.
func IsPostgres(dsn string) bool { return postgres.IsURL(dsn) }

// Open opens the store named by dsn, applying pending migrations.
func Open(ctx context.Context, dsn string) (store.Store, error) {
	if IsPostgres(dsn) {
		return postgres.Open(ctx, dsn)
	}
	return sqlite.Open(ctx, dsn)
}

// Redact returns dsn without a password, for messages.
func Redact(dsn string) string {
	if !IsPostgres(dsn) {
		return dsn
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://(unparsable URL)"
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}
