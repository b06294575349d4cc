package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"storyline/internal/store/backend"
	"storyline/internal/store/storecopy"
)

// newMigrate is `storyline migrate --from DB --to DB`: a verified copy between stores.
func newMigrate(e *env) *cobra.Command {
	var (
		from, to      string
		force, asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "migrate --from DB --to DB",
		Short: "Copy a store into another (SQLite file or postgres:// URL, either way) and verify the copy",
		Long: `Copy every article, analysis, entity row (with its resolved canonical id), event record and
the linking state from one store into another, of either backend, in batches of one transaction;
the target builds its search index as it writes. Then both stores are digested — rows and a
SHA-256 checksum per table, linking events and stories — and the digests are printed and compared:
the command fails when they differ. A target that already holds data is refused unless --force.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if from == "" || to == "" {
				return fmt.Errorf("migrate needs --from and --to")
			}
			if from == to {
				return fmt.Errorf("migrate: --from and --to name the same store %s", backend.Redact(from))
			}
			src, err := backend.Open(ctx, from)
			if err != nil {
				return fmt.Errorf("--from %s: %w", backend.Redact(from), err)
			}
			defer src.Close()
			dst, err := backend.Open(ctx, to)
			if err != nil {
				return fmt.Errorf("--to %s: %w", backend.Redact(to), err)
			}
			defer dst.Close()
			opts := storecopy.Options{Force: force}
			if !asJSON {
				opts.Progress = func(n int) { fmt.Fprintf(e.stderr, "\rcopied %d articles", n) }
			}
			rep, err := storecopy.Copy(ctx, src, dst, opts)
			if opts.Progress != nil && rep.Copied > 0 {
				fmt.Fprintln(e.stderr)
			}
			if err != nil {
				return err
			}
			if asJSON {
				if err := printJSON(e.stdout, rep); err != nil {
					return err
				}
			} else {
				fmt.Fprintf(e.stdout, "copied %d articles\n", rep.Copied)
				rep.From.Write(e.stdout, "from "+backend.Redact(from))
				rep.To.Write(e.stdout, "to   "+backend.Redact(to))
			}
			if !rep.Match {
				return &exitError{code: 1, err: fmt.Errorf("the copy does not match its source")}
			}
			if !asJSON {
				fmt.Fprintln(e.stdout, "digests match")
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&from, "from", "", "source store: a SQLite file or a postgres:// URL")
	f.StringVar(&to, "to", "", "target store: a SQLite file or a postgres:// URL")
	f.BoolVar(&force, "force", false, "copy into a target that already holds data")
	f.BoolVar(&asJSON, "json", false, "print the report as JSON")
	return cmd
}
