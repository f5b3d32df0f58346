// Command incidex turns Japanese data-breach notices into structured,
// searchable incident records.
//
//	incidex extract [--format json|jsonl|text] PATH... | -
//	incidex ingest PATH...
//	incidex crawl [--source NAME] [URL...]
//	incidex search [filters] [QUERY...]
//	incidex show|similar ID
//	incidex stats|export|reindex
//	incidex analyze TEXT
//	incidex checklist [ID]
//	incidex report ID | --query WORDS [filters] | --all
//	incidex eval --gold FILE --texts DIR [--min field=value ...]
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"

	"golang.org/x/term"

	"github.com/incidex/incidex/cmd/incidex/analyze"
	"github.com/incidex/incidex/cmd/incidex/checklistcmd"
	"github.com/incidex/incidex/cmd/incidex/cli"
	"github.com/incidex/incidex/cmd/incidex/crawlcmd"
	"github.com/incidex/incidex/cmd/incidex/evalcmd"
	"github.com/incidex/incidex/cmd/incidex/export"
	"github.com/incidex/incidex/cmd/incidex/extract"
	"github.com/incidex/incidex/cmd/incidex/ingest"
	"github.com/incidex/incidex/cmd/incidex/reindex"
	"github.com/incidex/incidex/cmd/incidex/reportcmd"
	"github.com/incidex/incidex/cmd/incidex/search"
	"github.com/incidex/incidex/cmd/incidex/show"
	"github.com/incidex/incidex/cmd/incidex/stats"
)

type command struct {
	name, summary string
	run           func(context.Context, cli.Env, []string) int
}

var commands = []command{
	{"extract", "print the incidents found in notices (HTML or text)", extract.Run},
	{"ingest", "store and index the incidents of notices", ingest.Run},
	{"crawl", "fetch notices from the web, store captures, ingest them", crawlcmd.Run},
	{"search", "find incidents by words and filters, with facets", search.Run},
	{"show", "one incident: evidence, timeline, every report", show.Run},
	{"similar", "incidents most like one", search.RunSimilar},
	{"stats", "counts and medians over the corpus", stats.Run},
	{"export", "every incident as JSON lines or CSV", export.Run},
	{"reindex", "rebuild the search index from the store", reindex.Run},
	{"analyze", "the terms the search analyzer makes of a text", analyze.Run},
	{"checklist", "the checklist, or the items an incident maps to and why", checklistcmd.Run},
	{"report", "countermeasure report for one incident, a query or the corpus", reportcmd.Run},
	{"eval", "score extraction against gold labels", evalcmd.Run},
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	env := cli.Env{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv,
		StdoutIsTTY: term.IsTerminal(int(os.Stdout.Fd())),
	}
	if env.StdoutIsTTY {
		if w, _, err := term.GetSize(int(os.Stdout.Fd())); err == nil {
			env.Width = w
		}
	}
	code := run(ctx, env, os.Args[1:])
	stop()
	os.Exit(code)
}

func run(ctx context.Context, env cli.Env, args []string) int {
	if len(args) == 0 {
		usage(env)
		return cli.ExitUsage
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		usage(env)
		return cli.ExitOK
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(ctx, env, args[1:])
		}
	}
	fmt.Fprintf(env.Stderr, "incidex: unknown command %q\n", args[0])
	usage(env)
	return cli.ExitUsage
}

func usage(env cli.Env) {
	fmt.Fprintf(env.Stderr, "incidex turns Japanese data-breach notices into incident records.\n\nusage: incidex COMMAND [flags] [args]\n\ncommands:\n")
	for _, c := range commands {
		fmt.Fprintf(env.Stderr, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(env.Stderr, "\nRun 'incidex COMMAND --help' for a command's flags.\n")
}
