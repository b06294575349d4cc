package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"storyline/internal/ingest"
	"storyline/internal/pipeline"
)

// readItems reads a POST body: one JSON object or an array of them, within the size limits.
func (s *Server) readItems(w http.ResponseWriter, r *http.Request) ([]json.RawMessage, error) {
	body, err := io.ReadAll(r.Body)
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return nil, &apiError{status: http.StatusRequestEntityTooLarge,
			msg: fmt.Sprintf("request body larger than %d bytes: send fewer or smaller articles per request", tooBig.Limit)}
	case err != nil:
		return nil, badRequest("reading the request body: %v", err)
	}
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return nil, badRequest("empty request body: send one JSON article object or an array of them")
	}
	var items []json.RawMessage
	switch body[0] {
	case '[':
		if err := strictUnmarshal(body, &items); err != nil {
			return nil, badRequest("request body: %v", err)
		}
	case '{':
		var one json.RawMessage
		if err := strictUnmarshal(body, &one); err != nil {
			return nil, badRequest("request body: %v", err)
		}
		items = []json.RawMessage{one}
	default:
		return nil, badRequest("request body: want a JSON object or an array of objects, got %q…", cutString(string(body), 20))
	}
	if len(items) == 0 {
		return nil, badRequest("request body: an empty array holds no article")
	}
	if len(items) > s.cfg.MaxItems {
		return nil, &apiError{status: http.StatusRequestEntityTooLarge,
			msg: fmt.Sprintf("%d articles in one request, at most %d: split the batch", len(items), s.cfg.MaxItems)}
	}
	return items, nil
}

// strictUnmarshal decodes exactly one JSON value, with a message that says where it broke.
func strictUnmarshal(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(v); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return fmt.Errorf("invalid JSON at byte %d: %v", se.Offset, err)
		}
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return errors.New("truncated JSON")
		}
		return fmt.Errorf("invalid JSON: %v", err)
	}
	if dec.More() {
		return fmt.Errorf("unexpected data after the JSON value at byte %d", dec.InputOffset())
	}
	return nil
}

// write runs one batch through the pipeline under the write lock and rebuilds the read caches.
// The work is not cancelled when the client goes away, so that a batch is never left half
// linked; it has its own deadline.
func (s *Server) write(ctx context.Context, arts []ingest.Article) ([]pipeline.Outcome, pipeline.Summary, error) {
	sum := pipeline.Summary{Languages: map[string]int{}, NewByLang: map[string]int{}}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), writeDeadline)
	defer cancel()
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if s.pending {
		if _, err := s.linker.LinkPending(ctx); err != nil {
			return nil, sum, fmt.Errorf("link articles left unlinked: %w", err)
		}
		s.pending = false
	}
	t0 := time.Now()
	outs, err := pipeline.WriteBatch(ctx, s.st, s.stages, s.linker, arts, &sum, s.log)
	if err != nil {
		s.pending = true
		return nil, sum, err
	}
	t1 := time.Now()
	if sum.New > 0 || sum.Analysed > 0 {
		s.rebuild(ctx)
	}
	s.log.Info("articles ingested", "articles", len(arts), "new", sum.New, "analysed", sum.Analysed,
		"write_ms", t1.Sub(t0).Milliseconds(), "view_ms", time.Since(t1).Milliseconds())
	return outs, sum, nil
}
