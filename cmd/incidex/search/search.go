// Package search is the "incidex search" and "incidex similar" commands:
// the corpus's incidents found by words and filters, with facets and
// highlighted snippets.
package search

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"

	"github.com/incidex/incidex/cmd/incidex/cli"
	"github.com/incidex/incidex/corpus"
	"github.com/incidex/incidex/datadir"
	"github.com/incidex/incidex/index"
)

const synopsis = "[--cause ID] [--data-type ID] [--org NAME] [--since DATE] [--until DATE] [--min-affected N] [--max-affected N] [--third-party yes|no] [--sort relevance|date|affected] [--limit N] [--facets] [--format table|json|jsonl] [QUERY...]"

const about = `Finds incidents in the corpus. Every word of QUERY must occur, in any of its
spellings (漏えい/漏洩/流出, メモリ/メモリー); filters narrow further, and a query of
filters alone lists what matches. --cause and --data-type take ids (see 'incidex
extract --help' or corpus/taxonomy.json) and may repeat. Dates are YYYY, YYYY-MM or
YYYY-MM-DD.`

// list is a repeatable string flag.
type list []string

func (l *list) String() string     { return strings.Join(*l, ",") }
func (l *list) Set(s string) error { *l = append(*l, strings.Split(s, ",")...); return nil }

// date is a corpus.Date flag.
type date struct{ corpus.Date }

func (d *date) String() string { return d.Date.String() }
func (d *date) Set(s string) (err error) {
	d.Date, err = corpus.ParseDate(s)
	return err
}

// count is an optional int64 flag.
type count struct{ v *int64 }

func (c *count) String() string {
	if c.v == nil {
		return ""
	}
	return strconv.FormatInt(*c.v, 10)
}
func (c *count) Set(s string) error {
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil || v < 0 {
		return fmt.Errorf("want a count >= 0, got %q", s)
	}
	c.v = &v
	return nil
}

// Run runs "incidex search".
func Run(ctx context.Context, env cli.Env, args []string) int {
	cmd := cli.NewCommand(env, "search", synopsis, about)
	filters := AddFilters(cmd)
	sort := &cli.Choice{Value: "relevance", Allowed: []string{"relevance", "date", "affected"}}
	cmd.Flags.Var(sort, "sort", "order: relevance, date (newest first) or affected (largest first)")
	limit := cmd.Flags.Int("limit", 20, "incidents shown")
	facets := cmd.Flags.Bool("facets", false, "count the matches by cause, data type, year and affected")
	format := cmd.FormatFlag("table", "json", "jsonl")
	rest, code, ok := cmd.Parse(args)
	if !ok {
		return code
	}
	if *limit < 0 {
		return cmd.Usagef("--limit must be >= 0")
	}
	q, err := filters.Query()
	if err != nil {
		return cmd.Usagef("%v", err)
	}
	q.Text, q.Sort, q.Limit, q.Facets = strings.Join(rest, " "), sort.Value, *limit, *facets
	d, err := cli.OpenData(ctx, cmd.Data, datadir.Read, cli.NeedIndex)
	if err != nil {
		return cmd.Fail(err)
	}
	defer d.Close()
	res, err := d.Index.Search(ctx, q)
	if err != nil {
		return cmd.Fail(err)
	}
	return Print(env, "search", res, format.Value)
}

// Print writes a result in format (table, json or jsonl).
func Print(env cli.Env, name string, res *index.Result, format string) int {
	switch format {
	case "json":
		b, err := json.MarshalIndent(jsonResult(res), "", "  ")
		if err != nil {
			env.Errorf(name, "%v", err)
			return cli.ExitFailure
		}
		fmt.Fprintf(env.Stdout, "%s\n", b)
	case "jsonl":
		for _, h := range res.Hits {
			b, _ := json.Marshal(jsonHit(h))
			fmt.Fprintf(env.Stdout, "%s\n", b)
		}
	default:
		printTable(env, res)
	}
	return cli.ExitOK
}

type hitJSON struct {
	ID           string      `json:"id"`
	Score        float64     `json:"score"`
	Title        string      `json:"title"`
	Organization string      `json:"organization"`
	Published    corpus.Date `json:"published"`
	Causes       []string    `json:"causes"`
	Affected     *int64      `json:"affected"`
	Versions     int         `json:"versions"`
	Snippets     []string    `json:"snippets,omitempty"`
}

func jsonHit(h index.Hit) hitJSON {
	return hitJSON{h.ID, h.Score, h.Title, h.Organization, h.Published, h.Causes, h.Affected, h.Versions, h.Snippets}
}

func jsonResult(res *index.Result) any {
	hits := make([]hitJSON, len(res.Hits))
	for i, h := range res.Hits {
		hits[i] = jsonHit(h)
	}
	return struct {
		Total  uint64                   `json:"total"`
		TookMS float64                  `json:"took_ms"`
		Hits   []hitJSON                `json:"hits"`
		Facets map[string][]index.Facet `json:"facets,omitempty"`
	}{res.Total, float64(res.Took.Microseconds()) / 1000, hits, res.Facets}
}

func printTable(env cli.Env, res *index.Result) {
	tax := corpus.Taxonomies()
	t := table.NewWriter()
	t.SetStyle(table.StyleLight)
	width := env.Width
	if width <= 0 {
		width = 120
	}
	t.SetColumnConfigs([]table.ColumnConfig{
		{Number: 4, WidthMax: max(width-70, 30), WidthMaxEnforcer: text.WrapSoft},
	})
	t.AppendHeader(table.Row{"id", "date", "organization", "title / snippet", "cause", "affected"})
	for _, h := range res.Hits {
		cause := ""
		if len(h.Causes) > 0 {
			cause = h.Causes[0]
			if c, ok := tax.Cause(cause); ok {
				cause = c.Ja
			}
		}
		affected := "—"
		if h.Affected != nil {
			affected = strconv.FormatInt(*h.Affected, 10)
		}
		body := h.Title
		if len(h.Snippets) > 0 {
			body += "\n" + h.Snippets[0]
		}
		if h.Versions > 1 {
			body += fmt.Sprintf("\n(%d reports)", h.Versions)
		}
		t.AppendRow(table.Row{h.ID, h.Published.String(), h.Organization, body, cause, affected})
	}
	fmt.Fprintln(env.Stdout, t.Render())
	fmt.Fprintf(env.Stdout, "%d incidents (%d shown) in %.1f ms\n", res.Total, len(res.Hits), float64(res.Took.Microseconds())/1000)
	for _, name := range []string{index.FacetCauses, index.FacetDataTypes, index.FacetYear, index.FacetAffected} {
		fs := res.Facets[name]
		if len(fs) == 0 {
			continue
		}
		parts := make([]string, len(fs))
		for i, f := range fs {
			label := f.Name
			if c, ok := tax.Cause(f.Name); ok && name == index.FacetCauses {
				label = c.Ja
			} else if c, ok := tax.DataType(f.Name); ok && name == index.FacetDataTypes {
				label = c.Ja
			}
			parts[i] = fmt.Sprintf("%s %d", label, f.Count)
		}
		fmt.Fprintf(env.Stdout, "%-10s %s\n", name+":", strings.Join(parts, " · "))
	}
}
