// Package export is the "incidex export" command: every incident of the
// corpus as JSON lines or CSV.
package export

import (
	"context"

	"github.com/incidex/incidex/cmd/incidex/cli"
	"github.com/incidex/incidex/datadir"
)

// Run runs the command.
func Run(ctx context.Context, env cli.Env, args []string) int {
	cmd := cli.NewCommand(env, "export", "[--format jsonl|csv]",
		"Writes every incident of the corpus to stdout: its id, current figures (the\ncontract fields), sources, number of reports and the history of its count.")
	format := cmd.FormatFlag("jsonl", "csv")
	rest, code, ok := cmd.Parse(args)
	if !ok {
		return code
	}
	if len(rest) != 0 {
		return cmd.Usagef("export takes no arguments")
	}
	d, err := cli.OpenData(ctx, cmd.Data, datadir.Read, cli.NeedStore)
	if err != nil {
		return cmd.Fail(err)
	}
	defer d.Close()
	if err := d.Store.Export(ctx, env.Stdout, format.Value); err != nil {
		return cmd.Fail(err)
	}
	return cli.ExitOK
}
