// Package show is the "incidex show" command: one incident with its
// evidence, timeline and the history of its reports.
package show

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/jedib0t/go-pretty/v6/table"

	"github.com/incidex/incidex/cmd/incidex/cli"
	"github.com/incidex/incidex/cmd/incidex/extract"
	"github.com/incidex/incidex/datadir"
)

// Run runs the command.
func Run(ctx context.Context, env cli.Env, args []string) int {
	cmd := cli.NewCommand(env, "show", "[--format text|json] ID",
		"Shows the incident ID: its current figures with the words they were read from,\nits timeline, and every report and version that went into it (2 → 3 → 4 件).")
	format := cmd.FormatFlag("text", "json")
	rest, code, ok := cmd.Parse(args)
	if !ok {
		return code
	}
	if len(rest) != 1 {
		return cmd.Usagef("give one incident ID")
	}
	d, err := cli.OpenData(ctx, cmd.Data, datadir.Read, cli.NeedStore)
	if err != nil {
		return cmd.Fail(err)
	}
	defer d.Close()
	c, err := d.Case(ctx, rest[0])
	if err != nil {
		return cmd.Fail(err)
	}
	if format.Value == "json" {
		b, err := json.MarshalIndent(c, "", "  ")
		if err != nil {
			return cmd.Fail(err)
		}
		fmt.Fprintf(env.Stdout, "%s\n", b)
		return cli.ExitOK
	}
	fmt.Fprintf(env.Stdout, "incident %s\n", c.ID)
	fmt.Fprint(env.Stdout, extract.TextWidth(&c.Current, 0, env.Width))
	t := table.NewWriter()
	t.SetStyle(table.StyleLight)
	t.SetTitle(fmt.Sprintf("%d reports and versions", len(c.Versions)))
	t.AppendHeader(table.Row{"report", "published", "affected", "cause", "source", "ingested"})
	for _, v := range c.Versions {
		report := "—"
		if v.Incident.Sequence != nil {
			report = fmt.Sprintf("第%d報", *v.Incident.Sequence)
		}
		affected := "—"
		if v.Incident.Affected != nil {
			affected = strconv.FormatInt(*v.Incident.Affected, 10)
		}
		cause := ""
		if len(v.Incident.Causes) > 0 {
			cause = v.Incident.Causes[0]
		}
		t.AppendRow(table.Row{report, v.Incident.Published.String(), affected, cause,
			fmt.Sprintf("%s #%d", v.Source, v.Position+1), v.IngestedAt.Format("2006-01-02 15:04")})
	}
	fmt.Fprintln(env.Stdout, t.Render())
	return cli.ExitOK
}
