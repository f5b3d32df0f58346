// Package evalcmd is the "incidex eval" command: extract the texts of a
// gold set and score the result, failing below the given floors.
package evalcmd

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"

	"github.com/incidex/incidex/cmd/incidex/cli"
	"github.com/incidex/incidex/corpus"
	"github.com/incidex/incidex/crawl"
	"github.com/incidex/incidex/eval"
	"github.com/incidex/incidex/parse"
)

const synopsis = "--gold FILE --texts DIR [--min field=value ...] [--misses] [--format text|json]"

const about = `Extracts every text a gold file labels and scores the result: accuracy per
field, micro precision/recall/F1 for causes and data types, and the misses
(value found, value expected). Exits 1 when a score is below a --min floor.
Fields: ` + "organization title published discovered cause affected via_third_party\nppc_reported police_reported sequence causes_f1 data_types_f1."

// floors is the repeated --min flag.
type floors map[string]float64

func (f floors) String() string { return "" }

func (f floors) Set(s string) error {
	k, v, ok := strings.Cut(s, "=")
	if !ok {
		return fmt.Errorf("want field=value, got %q", s)
	}
	found := false
	for _, name := range eval.Fields {
		found = found || name == k
	}
	if !found {
		return fmt.Errorf("unknown field %q (fields: %s)", k, strings.Join(eval.Fields, " "))
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil || x < 0 || x > 1 {
		return fmt.Errorf("%s: floor must be a number in [0,1], got %q", k, v)
	}
	f[k] = x
	return nil
}

// Run runs the command.
func Run(ctx context.Context, env cli.Env, args []string) int {
	cmd := cli.NewCommand(env, "eval", synopsis, about)
	goldPath := cmd.Flags.String("gold", "", "gold labels, JSON lines (`file`)")
	texts := cmd.Flags.String("texts", "", "`dir`ectory holding the labelled texts")
	min := floors{}
	cmd.Flags.Var(min, "min", "fail when `field=value` is not reached (repeatable)")
	misses := cmd.Flags.Bool("misses", false, "list every miss")
	format := &cli.Choice{Value: "text", Allowed: []string{"text", "json"}}
	cmd.Flags.Var(format, "format", "report `format`: text or json")
	rest, code, ok := cmd.Parse(args)
	if !ok {
		return code
	}
	if *goldPath == "" || *texts == "" || len(rest) > 0 {
		return cmd.Usagef("need --gold FILE and --texts DIR, and no other arguments")
	}
	f, err := os.Open(*goldPath)
	if err != nil {
		return cmd.Fail(err)
	}
	gold, err := eval.ReadGold(f)
	f.Close()
	if err != nil {
		env.Errorf("eval", "%s: %v", *goldPath, err)
		return cli.ExitFailure
	}
	var files []string
	seen := map[string]bool{}
	for _, g := range gold {
		if !seen[g.FileName()] {
			seen[g.FileName()] = true
			files = append(files, g.FileName())
		}
	}
	paths := make([]string, len(files))
	for i, name := range files {
		paths[i] = filepath.Join(*texts, name)
	}
	a, err := parse.New()
	if err != nil {
		return cmd.Fail(err)
	}
	got := map[string][]corpus.Incident{}
	failed := false
	next := 0
	cli.ExtractAll(ctx, a, &crawl.Reader{}, paths, 0, func(r cli.Result) {
		if r.Err != nil {
			env.Errorf("eval", "%v", r.Err)
			failed = true
		}
		got[files[next]] = r.Incidents // results come in input order
		next++
	})
	rep := eval.Score(gold, got)
	if format.Value == "json" {
		b, _ := json.MarshalIndent(rep, "", "  ")
		fmt.Fprintf(env.Stdout, "%s\n", b)
	} else {
		printReport(env, rep, min, *misses)
	}
	names := make([]string, 0, len(min))
	for k := range min {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if s := rep.Score(k); s+1e-9 < min[k] {
			env.Errorf("eval", "%s %.3f is below the floor %.3f", k, s, min[k])
			failed = true
		}
	}
	if failed {
		return cli.ExitFailure
	}
	return cli.ExitOK
}

func printReport(env cli.Env, rep *eval.Report, min floors, misses bool) {
	t := table.NewWriter()
	t.SetStyle(table.StyleLight)
	t.SetTitle(fmt.Sprintf("%d notices", rep.N))
	t.AppendHeader(table.Row{"field", "score", "floor", "detail"})
	for _, f := range eval.Fields {
		floor := ""
		if v, ok := min[f]; ok {
			floor = fmt.Sprintf("%.3f", v)
		}
		detail := fmt.Sprintf("%d/%d", rep.Correct[f], rep.N)
		switch f {
		case "causes_f1":
			detail = prf(rep.Causes)
		case "data_types_f1":
			detail = prf(rep.DataTypes)
		}
		t.AppendRow(table.Row{f, fmt.Sprintf("%.3f", rep.Score(f)), floor, detail})
	}
	fmt.Fprintln(env.Stdout, t.Render())
	if !misses {
		fmt.Fprintf(env.Stdout, "%d misses (--misses lists them)\n", len(rep.Misses))
		return
	}
	m := table.NewWriter()
	m.SetStyle(table.StyleLight)
	m.AppendHeader(table.Row{"id", "field", "got", "expected"})
	for _, x := range rep.Misses {
		m.AppendRow(table.Row{x.ID, x.Field, x.Got, x.Expected})
	}
	fmt.Fprintln(env.Stdout, m.Render())
}

func prf(p eval.PRF) string {
	return fmt.Sprintf("P %.3f R %.3f (tp %d fp %d fn %d)", p.Precision(), p.Recall(), p.TP, p.FP, p.FN)
}
