package search

import (
	"context"

	"github.com/incidex/incidex/cmd/incidex/cli"
	"github.com/incidex/incidex/datadir"
)

// RunSimilar runs "incidex similar ID".
func RunSimilar(ctx context.Context, env cli.Env, args []string) int {
	cmd := cli.NewCommand(env, "similar", "[--limit N] [--format table|json|jsonl] ID",
		"Lists the incidents most like the incident ID: the same cause and kinds of data,\nand similar words.")
	limit := cmd.Flags.Int("limit", 10, "incidents shown")
	format := cmd.FormatFlag("table", "json", "jsonl")
	rest, code, ok := cmd.Parse(args)
	if !ok {
		return code
	}
	if len(rest) != 1 || *limit < 1 {
		return cmd.Usagef("give one incident ID and --limit >= 1")
	}
	d, err := cli.OpenData(ctx, cmd.Data, datadir.Read, cli.NeedIndex)
	if err != nil {
		return cmd.Fail(err)
	}
	defer d.Close()
	res, err := d.Index.Similar(ctx, rest[0], *limit)
	if err != nil {
		env.Errorf("similar", "%s: %v", rest[0], err)
		return cli.ExitFailure
	}
	return Print(env, "similar", res, format.Value)
}
