// Package analyze is the "incidex analyze" command: the terms the search
// analyzer makes of a text, like Elasticsearch's _analyze.
package analyze

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"

	"github.com/incidex/incidex/cmd/incidex/cli"
	"github.com/incidex/incidex/index"
)

// Run runs the command.
func Run(ctx context.Context, env cli.Env, args []string) int {
	cmd := cli.NewCommand(env, "analyze", "[--format table|json] TEXT...",
		"Prints the terms the search index makes of TEXT: kagome's words after base\nforms, part-of-speech and stop-word filtering, width folding, long-vowel folding\nand synonyms, then the character bigrams indexed beside them.")
	format := cmd.FormatFlag("table", "json")
	rest, code, ok := cmd.Parse(args)
	if !ok {
		return code
	}
	if len(rest) == 0 {
		return cmd.Usagef("give a text")
	}
	terms, err := index.Analyze(strings.Join(rest, " "))
	if err != nil {
		return cmd.Fail(err)
	}
	if format.Value == "json" {
		b, _ := json.MarshalIndent(terms, "", "  ")
		fmt.Fprintf(env.Stdout, "%s\n", b)
		return cli.ExitOK
	}
	t := table.NewWriter()
	t.SetStyle(table.StyleLight)
	t.AppendHeader(table.Row{"field", "pos", "term", "bytes"})
	for _, term := range terms {
		t.AppendRow(table.Row{term.Field, term.Position, term.Term, fmt.Sprintf("%d-%d", term.Start, term.End)})
	}
	fmt.Fprintln(env.Stdout, t.Render())
	return cli.ExitOK
}
