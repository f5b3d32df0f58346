// Package reindex is the "incidex reindex" command: the search index
// rebuilt from the corpus store.
package reindex

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/incidex/incidex/cmd/incidex/cli"
	"github.com/incidex/incidex/datadir"
)

// Run runs the command.
func Run(ctx context.Context, env cli.Env, args []string) int {
	cmd := cli.NewCommand(env, "reindex", "",
		"Rebuilds the search index from the corpus store: after an upgrade that changes\nthe analyzer, or to recover an index that was lost or damaged.")
	rest, code, ok := cmd.Parse(args)
	if !ok {
		return code
	}
	if len(rest) != 0 {
		return cmd.Usagef("reindex takes no arguments")
	}
	start := time.Now()
	// Lock first, then drop the old index, then open a fresh one.
	lock, err := datadir.Open(cmd.Data, datadir.Write)
	if err != nil {
		return cmd.Fail(err)
	}
	if err := os.RemoveAll(lock.Index()); err != nil {
		lock.Close()
		return cmd.Fail(err)
	}
	lock.Close()
	d, err := cli.OpenData(ctx, cmd.Data, datadir.Write, cli.NeedStore|cli.NeedIndex)
	if err != nil {
		return cmd.Fail(err)
	}
	defer d.Close()
	n, err := d.Reindex(ctx, nil)
	if err == nil {
		err = d.ClearDirty()
	}
	if err != nil {
		return cmd.Fail(err)
	}
	fmt.Fprintf(env.Stderr, "incidex reindex: %d incidents indexed in %.1fs\n", n, time.Since(start).Seconds())
	return cli.ExitOK
}
