// Package reportcmd is the "incidex report" command: a countermeasure
// report on one incident, on the incidents a search finds, or on the whole
// corpus, as Markdown, HTML or JSON. It does the data access; package
// report builds and renders the report from what it is handed.
package reportcmd

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/incidex/incidex/checklist"
	"github.com/incidex/incidex/cmd/incidex/cli"
	"github.com/incidex/incidex/cmd/incidex/search"
	"github.com/incidex/incidex/corpus"
	"github.com/incidex/incidex/datadir"
	"github.com/incidex/incidex/index"
	"github.com/incidex/incidex/report"
)

const synopsis = "[--format md|html|json] [-o FILE] [--similar N] (ID | --query WORDS [search filters] | --all)"

const about = `Writes a countermeasure report.

With an incident ID: its facts with the words they were read from, a timeline,
the checklist items it maps to with the reasons and countermeasures, and the most
similar past incidents (what happened, how they responded).

With --query (the words and filters of 'incidex search') or --all: counts by cause,
data type and year, the affected and discovery-to-publication distributions, the
checklist items that cover the most incidents with their countermeasures, and
notable incidents.

HTML is one self-contained page (inline CSS and SVG charts, no script, nothing
loaded from elsewhere) that prints well. -o writes the file atomically; a name
ending in .html or .json picks that format unless --format says otherwise.`

// pageSize is how many hits one index request fetches when collecting the
// incidents a query matches.
const pageSize = 1000

// Run runs the command.
func Run(ctx context.Context, env cli.Env, args []string) int {
	cmd := cli.NewCommand(env, "report", synopsis, about)
	format := cmd.FormatFlag("md", "html", "json")
	out := cmd.Flags.String("o", "", "write the report to `FILE` instead of stdout")
	query := cmd.Flags.String("query", "", "report on the incidents these `words` find, as 'incidex search' does")
	all := cmd.Flags.Bool("all", false, "report on every incident of the corpus")
	similar := cmd.Flags.Int("similar", 5, "similar past incidents in a report on one incident")
	filters := search.AddFilters(cmd)
	rest, code, ok := cmd.Parse(args)
	if !ok {
		return code
	}
	given := map[string]bool{}
	cmd.Flags.Visit(func(f *flag.Flag) { given[f.Name] = true })
	selecting := given["query"] || filters.String() != ""
	switch {
	case len(rest) > 1:
		return cmd.Usagef("give one incident ID, --query or --all")
	case len(rest) == 1 && (*all || selecting):
		return cmd.Usagef("give an incident ID or --query/--all, not both")
	case *all && selecting:
		return cmd.Usagef("--all takes no --query or filters")
	case len(rest) == 0 && !*all && !selecting:
		return cmd.Usagef("give an incident ID, --query WORDS or --all")
	case given["query"] && strings.TrimSpace(*query) == "" && filters.String() == "":
		return cmd.Usagef("--query needs words or filters")
	case *similar < 0:
		return cmd.Usagef("--similar must be >= 0")
	}
	q, err := filters.Query()
	if err != nil {
		return cmd.Usagef("%v", err)
	}
	q.Text = strings.TrimSpace(*query)
	if !given["format"] {
		format.Value = formatOf(*out, format.Value)
	}

	cl, err := checklist.Load()
	if err != nil {
		return cmd.Fail(err)
	}
	// A report only reads: a data directory that is not there is a
	// mistake to report, not one to create empty.
	need := cli.NeedStore | cli.NeedIndex
	if *all {
		need = cli.NeedStore
	}
	d, err := cli.OpenData(ctx, cmd.Data, datadir.Read, need)
	if err != nil {
		return cmd.Fail(err)
	}
	defer d.Close()

	var doc *report.Doc
	switch {
	case len(rest) == 1:
		doc, err = incident(ctx, env, d, rest[0], *similar, cl)
	case *all:
		doc, err = whole(ctx, d, cl)
	default:
		doc, err = matching(ctx, d, q, describe(q.Text, filters.String()), cl)
	}
	if err != nil {
		return cmd.Fail(err)
	}
	doc.Generated = time.Now().Truncate(time.Second)
	render := map[string]func(*report.Doc, io.Writer) error{
		"md": (*report.Doc).Markdown, "html": (*report.Doc).HTML, "json": (*report.Doc).JSON,
	}[format.Value]
	if *out == "" {
		w := bufio.NewWriter(env.Stdout)
		if err := render(doc, w); err != nil {
			return cmd.Fail(err)
		}
		if err := w.Flush(); err != nil {
			return cmd.Fail(err)
		}
		return cli.ExitOK
	}
	if err := writeFile(*out, func(w io.Writer) error { return render(doc, w) }); err != nil {
		return cmd.Fail(err)
	}
	return cli.ExitOK
}

// formatOf picks the format from the output file's extension, else def.
func formatOf(out, def string) string {
	switch strings.ToLower(filepath.Ext(out)) {
	case ".html", ".htm":
		return "html"
	case ".json":
		return "json"
	case ".md", ".markdown":
		return "md"
	}
	return def
}

// describe puts a query's words and filters in the report's words.
func describe(words, filters string) string {
	var parts []string
	if words != "" {
		parts = append(parts, "検索「"+words+"」")
	}
	if filters != "" {
		parts = append(parts, filters)
	}
	return strings.Join(parts, " ")
}

// incident gathers the report on one incident: the case and up to n of
// the incidents most like it.
func incident(ctx context.Context, env cli.Env, d *cli.Data, id string, n int, cl *checklist.Checklist) (*report.Doc, error) {
	c, err := d.Case(ctx, id)
	if err != nil {
		return nil, err
	}
	var similar []*corpus.Case
	if n > 0 {
		res, err := d.Index.Similar(ctx, id, n)
		switch {
		case errors.Is(err, index.ErrNotFound):
			// Stored but not indexed: an ingest stopped early. The report
			// is still worth having.
			env.Errorf("report", "%s: not in the search index, so no similar incidents (run 'incidex reindex')", id)
		case err != nil:
			return nil, err
		default:
			for _, h := range res.Hits {
				s, err := d.Case(ctx, h.ID)
				if err != nil {
					return nil, fmt.Errorf("similar incident: %w", err)
				}
				similar = append(similar, s)
			}
		}
	}
	return report.Incident(c, similar, cl), nil
}

// whole gathers the report on every stored incident, one case at a time.
func whole(ctx context.Context, d *cli.Data, cl *checklist.Checklist) (*report.Doc, error) {
	b := report.NewSet("全件", cl)
	n := 0
	err := d.Store.Cases(ctx, func(c *corpus.Case) error {
		b.Add(c)
		n++
		return nil
	})
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, fmt.Errorf("%s: no incidents stored (run 'incidex ingest')", d.Dir.Path)
	}
	return b.Doc(), nil
}

// matching gathers the report on every incident q finds, page by page.
func matching(ctx context.Context, d *cli.Data, q index.Query, scope string, cl *checklist.Checklist) (*report.Doc, error) {
	b := report.NewSet(scope, cl)
	q.Limit, q.Sort = pageSize, "date"
	n := 0
	for {
		res, err := d.Index.Search(ctx, q)
		if err != nil {
			return nil, err
		}
		for _, h := range res.Hits {
			c, err := d.Case(ctx, h.ID)
			if err != nil {
				return nil, err
			}
			b.Add(c)
		}
		n += len(res.Hits)
		if len(res.Hits) < pageSize || uint64(n) >= res.Total {
			break
		}
		q.Offset = n
	}
	if n == 0 {
		return nil, fmt.Errorf("no incidents match %s", scope)
	}
	return b.Doc(), nil
}

// writeFile writes name atomically: into a temporary file beside it, synced,
// then renamed over it, so a reader never sees half a report and a failed
// run leaves the old file.
func writeFile(name string, write func(io.Writer) error) (err error) {
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	w := bufio.NewWriter(f)
	if err := write(w); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if err := f.Chmod(0o644); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if err := os.Rename(f.Name(), name); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
