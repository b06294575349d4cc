package serve

import (
	"sync"
	"sync/atomic"
)

// answerCache remembers answers that are costly to compute and asked for again and again (the
// pages of popular entities), for the life of one view: a write or a refresh makes a new view
// and so an empty cache. Concurrent requests for one key compute it once. Errors are not kept.
type answerCache struct {
	mu    sync.Mutex
	max   int
	m     map[string]*cacheEntry
	order []string // insertion order, for eviction
	// stats counts the answers found (hits) and computed (misses), across the caches that
	// share it.
	stats *CacheStats
}

// CacheStats counts the answers a server's caches of costly answers (entity pages) found and
// computed.
type CacheStats struct {
	Hits, Misses atomic.Int64
}

type cacheEntry struct {
	done chan struct{}
	v    any
	err  error
}

func newAnswerCache(max int, stats *CacheStats) *answerCache {
	if stats == nil {
		stats = &CacheStats{}
	}
	return &answerCache{max: max, m: map[string]*cacheEntry{}, stats: stats}
}

// get returns the answer for key, computing it with f when it is not known.
func (c *answerCache) get(key string, f func() (any, error)) (any, error) {
	c.mu.Lock()
	if e, ok := c.m[key]; ok {
		c.mu.Unlock()
		c.stats.Hits.Add(1)
		<-e.done
		return e.v, e.err
	}
	e := &cacheEntry{done: make(chan struct{})}
	c.m[key] = e
	c.order = append(c.order, key)
	for len(c.order) > c.max {
		delete(c.m, c.order[0])
		c.order = c.order[1:]
	}
	c.mu.Unlock()
	c.stats.Misses.Add(1)
	e.v, e.err = f()
	close(e.done)
	if e.err != nil {
		c.mu.Lock()
		if c.m[key] == e {
			delete(c.m, key)
		}
		c.mu.Unlock()
	}
	return e.v, e.err
}
