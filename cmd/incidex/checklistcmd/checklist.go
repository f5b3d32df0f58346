// Package checklistcmd is the "incidex checklist" command: the checklist's
// items, or those an incident maps to and why.
package checklistcmd

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"

	"github.com/incidex/incidex/checklist"
	"github.com/incidex/incidex/cmd/incidex/cli"
	"github.com/incidex/incidex/datadir"
)

// Run runs the command.
func Run(ctx context.Context, env cli.Env, args []string) int {
	cmd := cli.NewCommand(env, "checklist", "[--format table|json] [ID]",
		"Lists the checklist: items after the PPC guidelines' safety measures (通則編 10),\nwith a self-check question and countermeasures. With an incident ID, lists the\nitems that incident maps to and why.")
	format := cmd.FormatFlag("table", "json")
	rest, code, ok := cmd.Parse(args)
	if !ok {
		return code
	}
	if len(rest) > 1 {
		return cmd.Usagef("give at most one incident ID")
	}
	cl, err := checklist.Load()
	if err != nil {
		return cmd.Fail(err)
	}
	var matches []checklist.Match
	if len(rest) == 1 {
		d, err := cli.OpenData(ctx, cmd.Data, datadir.Read, cli.NeedStore)
		if err != nil {
			return cmd.Fail(err)
		}
		defer d.Close()
		c, err := d.Case(ctx, rest[0])
		if err != nil {
			return cmd.Fail(err)
		}
		matches = cl.Map(&c.Current)
	} else {
		for _, it := range cl.Items() {
			matches = append(matches, checklist.Match{Item: it})
		}
	}
	if format.Value == "json" {
		b, _ := json.MarshalIndent(matches, "", "  ")
		fmt.Fprintf(env.Stdout, "%s\n", b)
		return cli.ExitOK
	}
	t := table.NewWriter()
	t.SetStyle(table.StyleLight)
	width := max(env.Width, 120)
	t.SetColumnConfigs([]table.ColumnConfig{
		{Number: 3, WidthMax: (width - 40) / 2, WidthMaxEnforcer: text.WrapSoft},
		{Number: 4, WidthMax: (width - 40) / 2, WidthMaxEnforcer: text.WrapSoft},
	})
	last := "why / countermeasures"
	if len(rest) == 0 {
		last = "countermeasures"
	}
	t.AppendHeader(table.Row{"id", "section", "check", last})
	for _, m := range matches {
		detail := strings.Join(m.Item.Countermeasures, "\n")
		if len(m.Reasons) > 0 {
			detail = "・" + strings.Join(m.Reasons, "\n・") + "\n" + detail
		}
		t.AppendRow(table.Row{m.Item.ID, m.Item.Section, m.Item.Title + "\n" + m.Item.Question, detail})
	}
	fmt.Fprintln(env.Stdout, t.Render())
	return cli.ExitOK
}
