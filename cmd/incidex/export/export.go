// Package export is the "incidex export" command: every incident of the
// corpus as JSON lines, CSV, or VERIS records.
package export

import (
	"context"
	"fmt"

	"github.com/incidex/incidex/checklist"
	"github.com/incidex/incidex/cmd/incidex/cli"
	"github.com/incidex/incidex/corpus"
	"github.com/incidex/incidex/datadir"
)

const about = `Writes every incident of the corpus to stdout, in id order.

  jsonl  one JSON object a line: its id, current figures (the contract
         fields), sources, number of reports and the history of its count
  csv    the same fields, a header and one row an incident
  veris  one VERIS 1.4 (verisc) JSON object a line, valid against the VERIS
         schema: action and actor from the causes, assets, data varieties
         with data_total and data_disclosure, timeline, victim (country JP,
         industry guessed from the name), the sources as reference. The
         incident_id is a UUID derived from the incident's id, so exporting
         again gives the same ids.`

// Run runs the command.
func Run(ctx context.Context, env cli.Env, args []string) int {
	cmd := cli.NewCommand(env, "export", "[--format jsonl|csv|veris]", about)
	format := cmd.FormatFlag("jsonl", "csv", "veris")
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
	if format.Value == "veris" {
		err = exportVERIS(ctx, d.Store, env)
	} else {
		err = d.Store.Export(ctx, env.Stdout, format.Value)
	}
	if err != nil {
		return cmd.Fail(err)
	}
	return cli.ExitOK
}

// exportVERIS writes the VERIS records. The conversion lives in checklist
// beside the crosswalk, which corpus does not import.
func exportVERIS(ctx context.Context, s *corpus.Store, env cli.Env) error {
	e, err := checklist.NewVERISExporter(env.Stdout)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := s.Cases(ctx, e.Write); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := e.Close(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}
