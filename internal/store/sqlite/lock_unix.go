//go:build unix

package sqlite

import (
	"context"
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"
)

// LockLinks takes the store-wide linking lock: an exclusive flock(2) on a file beside the
// database (path + "-link.lock"). Each call opens the file anew, so two callers conflict even in
// one process; the kernel releases the lock when the process dies. The wait polls, so that it
// ends with ctx.
func (s *Store) LockLinks(ctx context.Context) (func(), error) {
	return s.lockLinks(ctx, true)
}

// TryLockLinks takes the linking lock if it is free at once.
func (s *Store) TryLockLinks(ctx context.Context) (func(), bool, error) {
	unlock, err := s.lockLinks(ctx, false)
	if errors.Is(err, errBusy) {
		return nil, false, nil
	}
	return unlock, err == nil, err
}

// errBusy is lockLinks' answer when it may not wait and the lock is taken.
var errBusy = errors.New("link lock taken")

func (s *Store) lockLinks(ctx context.Context, wait bool) (func(), error) {
	name := s.path + "-link.lock"
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("sqlite: link lock %s: %w", name, err)
	}
	delay := time.Millisecond
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			break
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) {
			f.Close()
			return nil, fmt.Errorf("sqlite: link lock %s: %w", name, err)
		}
		if !wait {
			f.Close()
			return nil, errBusy
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, fmt.Errorf("sqlite: link lock %s: %w", name, ctx.Err())
		case <-time.After(delay):
		}
		delay = min(2*delay, 20*time.Millisecond)
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
