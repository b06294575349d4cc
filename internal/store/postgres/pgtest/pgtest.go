// Package pgtest gives tests a fresh PostgreSQL store location: a new schema in the database
// named by STORYLINE_TEST_POSTGRES, dropped when the test ends. Without that variable the test is
// skipped, unless STORYLINE_CI=1 says PostgreSQL must be there, and then it fails.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvURL is the variable that names the test database.
const EnvURL = "STORYLINE_TEST_POSTGRES"

// Base returns the URL of the test database, skipping (or, under STORYLINE_CI=1, failing) the
// test when it is not set.
func Base(t testing.TB) string {
	t.Helper()
	u := os.Getenv(EnvURL)
	if u == "" {
		if os.Getenv("STORYLINE_CI") == "1" {
			t.Fatalf("%s is not set, and STORYLINE_CI=1 requires the PostgreSQL tests to run (.ci/run starts a server)", EnvURL)
		}
		t.Skipf("PostgreSQL tests skipped: set %s=postgres://user:pass@host:port/db (bash .ci/postgres.sh starts one and prints it)", EnvURL)
	}
	return u
}

// URL returns the URL of a fresh, empty store: the test database with a new schema first in its
// search_path. The schema is dropped when the test ends.
func URL(t testing.TB) string {
	t.Helper()
	base := Base(t)
	var b [6]byte
	rand.Read(b[:])
	schema := "t_" + hex.EncodeToString(b[:])
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", EnvURL, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	t.Cleanup(func() { Drop(t, base, schema) })
	return u.String()
}

// Drop drops a schema of the test database and everything in it.
func Drop(t testing.TB, base, schema string) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Errorf("drop test schema %s: %v", schema, err)
		return
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `DROP SCHEMA IF EXISTS `+pgx.Identifier{schema}.Sanitize()+` CASCADE`); err != nil {
		t.Errorf("drop test schema %s: %v", schema, err)
	}
}
