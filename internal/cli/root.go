// Package cli holds Storyline's command-line interface: one cobra command per file, each a thin
// layer over the pipeline stages and the store.
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"storyline/internal/store"
	"storyline/internal/store/backend"
)

// env holds what every command shares: where output goes and how to reach the store.
type env struct {
	stdout, stderr io.Writer
	stdin          io.Reader
	db             string
	logLevel       string
	log            *slog.Logger
}

// Execute runs the storyline command line with os.Args and returns the process exit code.
func Execute() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
}

// exitError carries a specific exit code out of a command.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// Run runs the command line args with the given streams and returns the exit code.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr, stdin: stdin}
	root := newRoot(e)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil && ee.err.Error() != "" {
			fmt.Fprintln(stderr, "storyline:", ee.err)
		}
		return ee.code
	}
	fmt.Fprintln(stderr, "storyline:", err)
	return 1
}

func newRoot(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "storyline",
		Short: "Follow world news across languages",
		Long: `Storyline turns news articles in many languages into linked knowledge: who and where,
what happened, which articles report the same event, and how a story unfolds.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			var level slog.Level
			if err := level.UnmarshalText([]byte(e.logLevel)); err != nil {
				return fmt.Errorf("--log-level %q: %w", e.logLevel, err)
			}
			e.log = slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: level}))
			return nil
		},
	}
	def := os.Getenv("STORYLINE_DB")
	if def == "" {
		def = "storyline.db"
	}
	root.PersistentFlags().StringVar(&e.db, "db", def, "store: a SQLite file path, or a postgres:// URL (env STORYLINE_DB)")
	root.PersistentFlags().StringVar(&e.logLevel, "log-level", "warn", "log level: debug, info, warn, error")
	root.AddCommand(newMigrate(e), newIngest(e), newArticles(e), newShow(e), newAnalyse(e), newEntities(e), newEntity(e), newEval(e), newEvents(e), newTimeline(e), newExport(e), newSimilar(e), newRelated(e), newDuplicates(e), newStories(e), newStory(e), newEventsOfStory(e), newBench(e), newServe(e), newSearch(e))
	return root
}

// openStore opens the store named by --db: a postgres:// URL or a SQLite file.
func (e *env) openStore(ctx context.Context) (store.Store, error) {
	return backend.Open(ctx, e.db)
}

// printJSON writes v as indented JSON.
func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
