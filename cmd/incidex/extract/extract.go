// Package extract is the "incidex extract" command: notices in, incident
// records out, as JSON, JSON lines or a table for the terminal.
package extract

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/incidex/incidex/cmd/incidex/cli"
	"github.com/incidex/incidex/corpus"
	"github.com/incidex/incidex/crawl"
	"github.com/incidex/incidex/parse"
)

const synopsis = "[--format json|jsonl|text] [--workers N] [--max-size BYTES] PATH... | -"

const about = `Reads breach notices (HTML in UTF-8, Shift_JIS, EUC-JP or ISO-2022-JP, or
plain text; files, directories, or - for stdin; a WARC file's captured pages, by
their URL) and prints the incidents found, one per notice, in input order. An
input that cannot be read is reported on stderr and the others are still
processed; the exit code is then 1.`

// Run runs the command.
func Run(ctx context.Context, env cli.Env, args []string) int {
	cmd := cli.NewCommand(env, "extract", synopsis, about)
	def := "jsonl"
	if env.StdoutIsTTY {
		def = "text"
	}
	format := &cli.Choice{Value: def, Allowed: []string{"json", "jsonl", "text"}}
	cmd.Flags.Var(format, "format", "output `format`: json (one array), jsonl (an incident a line) or text (a table with the evidence; the default on a terminal)")
	in := cmd.InputFlags()
	noText := cmd.Flags.Bool("no-text", false, "leave each notice's text out of JSON output")
	args, code, ok := cmd.Parse(args)
	if !ok {
		return code
	}
	paths, missing, code, ok := cmd.Inputs(in, args)
	if !ok {
		return code
	}
	failed := missing > 0
	a, err := parse.New()
	if err != nil {
		return cmd.Fail(err)
	}
	out := newWriter(env, format.Value, !*noText)
	out.begin()
	reader := &crawl.Reader{MaxSize: in.MaxSize, Stdin: env.Stdin}
	cli.ExtractAll(ctx, a, reader, paths, in.Workers, func(r cli.Result) {
		if r.Warning != "" {
			env.Errorf("extract", "warning: %s", r.Warning)
		}
		switch {
		case errors.Is(r.Err, parse.ErrNotBreach):
			// Read fine, just not a breach notice: said, not a failure.
			env.Errorf("extract", "note: %v", r.Err)
		case r.Err != nil:
			failed = true
			env.Errorf("extract", "%v", r.Err)
		}
		for i := range r.Incidents {
			out.write(&r.Incidents[i])
		}
	})
	out.end()
	if out.err != nil {
		env.Errorf("extract", "write: %v", out.err)
		return cli.ExitFailure
	}
	if failed {
		return cli.ExitFailure
	}
	return cli.ExitOK
}

// writer prints incidents in one of the formats.
type writer struct {
	env      cli.Env
	format   string
	withText bool
	n        int
	err      error
}

func newWriter(env cli.Env, format string, withText bool) *writer {
	return &writer{env: env, format: format, withText: withText}
}

func (w *writer) begin() {
	if w.format == "json" {
		w.printf("[")
	}
}

func (w *writer) write(in *corpus.Incident) {
	defer func() { w.n++ }()
	if w.format == "text" {
		w.printf("%s", TextWidth(in, w.n, w.env.Width))
		return
	}
	v := *in
	if !w.withText {
		v.Text = ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		w.err = err
		return
	}
	switch {
	case w.format == "jsonl":
		w.printf("%s\n", b)
	case w.n == 0:
		w.printf("\n%s", b)
	default:
		w.printf(",\n%s", b)
	}
}

func (w *writer) end() {
	if w.format == "json" {
		w.printf("\n]\n")
	}
}

func (w *writer) printf(format string, args ...any) {
	if w.err == nil {
		_, w.err = fmt.Fprintf(w.env.Stdout, format, args...)
	}
}
