//go:build !unix

package sqlite

import (
	"context"
	"fmt"
)

// LockLinks takes the linking lock. Without flock(2) it serialises the callers sharing this Store
// only; several processes linking into one SQLite file need a unix system.
func (s *Store) LockLinks(ctx context.Context) (func(), error) {
	select {
	case s.linkLock <- struct{}{}:
		return func() { <-s.linkLock }, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("sqlite: link lock: %w", ctx.Err())
	}
}

// TryLockLinks takes the linking lock if it is free at once.
func (s *Store) TryLockLinks(ctx context.Context) (func(), bool, error) {
	select {
	case s.linkLock <- struct{}{}:
		return func() { <-s.linkLock }, true, nil
	default:
		return nil, false, nil
	}
}
