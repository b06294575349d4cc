package cli

import (
	"log/slog"
	"os"

	"github.com/spf13/cobra"

	"storyline/internal/serve"
)

// newServe is `storyline serve`: the JSON API and the web page.
func newServe(e *env) *cobra.Command {
	var cfg serve.Config
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the JSON API (/api/v1) and the web page",
		Long: `Serve the store over HTTP: a JSON API under /api/v1 (articles, stories, events, entities,
timelines, similarity, related articles, cross-language search, and POST /api/v1/articles to
ingest), documented at /api/v1/openapi.json, and a web page for analysts at /.

The server listens on 127.0.0.1:8080 by default. Writes need a bearer token whenever one is set
(--token or STORYLINE_TOKEN), and the server refuses to listen beyond loopback without one.
Requests are size- and rate-limited per client address; no CORS headers are sent. It stops
gracefully on SIGINT or SIGTERM. The access log goes to standard error (--log-level info).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if cfg.Token == "" {
				cfg.Token = os.Getenv("STORYLINE_TOKEN")
			}
			if err := serve.CheckListen(cfg.Addr, cfg.Token); err != nil {
				return &exitError{code: 2, err: err}
			}
			// The access log is the point of a server's log: JSON lines, at least at info level.
			level := slog.LevelInfo
			if err := level.UnmarshalText([]byte(e.logLevel)); err != nil || level > slog.LevelInfo {
				level = slog.LevelInfo
			}
			cfg.Logger = slog.New(slog.NewJSONHandler(e.stderr, &slog.HandlerOptions{Level: level}))
			st, err := e.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			s, err := serve.New(ctx, st, cfg)
			if err != nil {
				return err
			}
			return s.Run(ctx)
		},
	}
	f := cmd.Flags()
	f.StringVar(&cfg.Addr, "addr", serve.DefaultAddr, "listen address (host:port); beyond loopback needs --token")
	f.StringVar(&cfg.Token, "token", "", "bearer token for write endpoints (env STORYLINE_TOKEN)")
	f.Int64Var(&cfg.MaxBodyBytes, "max-body", serve.DefaultMaxBodyBytes, "largest request body in bytes")
	f.IntVar(&cfg.MaxItems, "max-items", serve.DefaultMaxItems, "most articles in one POST")
	f.Float64Var(&cfg.Rate, "rate", serve.DefaultRate, "requests per second per client address (negative: no limit)")
	f.IntVar(&cfg.Burst, "burst", serve.DefaultBurst, "burst of requests per client address")
	return cmd
}
