package serve

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"
)

func TestAnswerCache(t *testing.T) {
	c := newAnswerCache(2, nil)
	var calls atomic.Int32
	f := func(v string) func() (any, error) {
		return func() (any, error) { calls.Add(1); return v, nil }
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if v, err := c.get("a", f("A")); v != "A" || err != nil {
				t.Errorf("get a = %v, %v", v, err)
			}
		}()
	}
	wg.Wait()
	if n := calls.Load(); n != 1 {
		t.Errorf("eight concurrent gets computed %d times, want once", n)
	}
	c.get("b", f("B"))
	c.get("c", f("C")) // evicts a
	calls.Store(0)
	c.get("a", f("A"))
	if calls.Load() != 1 {
		t.Error("the oldest answer was not evicted")
	}
	bad := errors.New("bad")
	if _, err := c.get("e", func() (any, error) { return nil, bad }); !errors.Is(err, bad) {
		t.Errorf("error not passed on: %v", err)
	}
	if v, err := c.get("e", f("E")); v != "E" || err != nil {
		t.Errorf("an error was kept: %v, %v", v, err)
	}
}
