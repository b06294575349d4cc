package link_test

import (
	"context"
	"testing"

	"storyline/internal/link"
)

func BenchmarkSimilarity(b *testing.B) {
	docs, _ := stream(b, 200, 1)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		link.Similarity(docs[i%len(docs)], docs[(i*7+3)%len(docs)])
	}
}

func BenchmarkIndexRelated(b *testing.B) {
	docs, _ := stream(b, 10000, 1)
	x := link.NewIndex()
	for _, d := range docs {
		x.Add(d)
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		x.Related(docs[(i*37)%len(docs)], 10)
	}
}

func BenchmarkIndexDuplicates(b *testing.B) {
	docs, _ := stream(b, 10000, 1)
	x := link.NewIndex()
	for _, d := range docs {
		x.Add(d)
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		x.Duplicates(docs[(i*37)%len(docs)])
	}
}

// BenchmarkClustererAdd adds articles to a clusterer that already holds 10,000.
func BenchmarkClustererAdd(b *testing.B) {
	docs, _ := stream(b, 30000, 1)
	c := link.NewClusterer(link.Params{})
	for _, d := range docs[:10000] {
		if _, err := c.Add(context.Background(), d); err != nil {
			b.Fatal(err)
		}
	}
	rest := docs[10000:]
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if i == len(rest) {
			b.StopTimer()
			c = link.NewClusterer(link.Params{})
			for _, d := range docs[:10000] {
				c.Add(context.Background(), d)
			}
			rest = docs[10000:]
			i = 0
			b.StartTimer()
		}
		if _, err := c.Add(context.Background(), rest[i]); err != nil {
			b.Fatal(err)
		}
	}
}
