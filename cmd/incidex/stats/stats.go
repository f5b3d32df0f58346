// Package stats is the "incidex stats" command: counts and medians over the
// corpus or a filtered part of it.
package stats

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/jedib0t/go-pretty/v6/table"

	"github.com/incidex/incidex/cmd/incidex/cli"
	"github.com/incidex/incidex/corpus"
	"github.com/incidex/incidex/datadir"
)

const about = `Summarizes the incidents of the corpus, or those matching the filters: incidents
and people affected by cause and by year, the median count affected, the median
days from discovery to publication, and the shares reported to the PPC, to the
police, and involving a third party.`

// Report is what stats computes.
type Report struct {
	Incidents       int            `json:"incidents"`
	ByCause         map[string]Row `json:"by_cause"`
	ByYear          map[string]Row `json:"by_year"`
	MedianAffected  *float64       `json:"median_affected"`
	MedianDaysToPub *float64       `json:"median_days_discovery_to_publication"`
	ThirdPartyShare float64        `json:"third_party_share"`
	PPCShare        float64        `json:"ppc_reported_share"`
	PoliceShare     float64        `json:"police_reported_share"`
}

// Row is one group: incidents and the people affected where stated.
type Row struct {
	Incidents int   `json:"incidents"`
	Affected  int64 `json:"affected"`
	Stated    int   `json:"with_count"`
}

// Run runs the command.
func Run(ctx context.Context, env cli.Env, args []string) int {
	cmd := cli.NewCommand(env, "stats", "[--cause ID] [--data-type ID] [--since DATE] [--until DATE] [--third-party yes|no] [--format table|json]", about)
	cause := cmd.Flags.String("cause", "", "only this cause `id`")
	dataType := cmd.Flags.String("data-type", "", "only incidents with this data type `id`")
	since := cmd.Flags.String("since", "", "only notices dated on or after `DATE`")
	until := cmd.Flags.String("until", "", "only notices dated on or before `DATE`")
	third := &cli.Choice{Allowed: []string{"", "yes", "no"}}
	cmd.Flags.Var(third, "third-party", "`yes` or no")
	format := cmd.FormatFlag("table", "json")
	rest, code, ok := cmd.Parse(args)
	if !ok {
		return code
	}
	if len(rest) != 0 {
		return cmd.Usagef("stats takes flags only")
	}
	tax := corpus.Taxonomies()
	if _, ok := tax.Cause(*cause); *cause != "" && !ok {
		return cmd.Usagef("unknown cause %q", *cause)
	}
	if _, ok := tax.DataType(*dataType); *dataType != "" && !ok {
		return cmd.Usagef("unknown data type %q", *dataType)
	}
	var from, to corpus.Date
	var err error
	if *since != "" {
		if from, err = corpus.ParseDate(*since); err != nil {
			return cmd.Usagef("--since: %v", err)
		}
	}
	if *until != "" {
		if to, err = corpus.ParseDate(*until); err != nil {
			return cmd.Usagef("--until: %v", err)
		}
	}
	keep := func(in *corpus.Incident) bool {
		d := date(in)
		switch {
		case *cause != "" && !slices.Contains(in.Causes, *cause),
			*dataType != "" && !slices.Contains(in.DataTypes, *dataType),
			!from.IsZero() && (d.IsZero() || d.Before(from)),
			!to.IsZero() && (d.IsZero() || to.Before(d) && !prefixOf(to, d)),
			third.Value == "yes" && !in.ViaThirdParty,
			third.Value == "no" && in.ViaThirdParty:
			return false
		}
		return true
	}
	d, err := cli.OpenData(ctx, cmd.Data, datadir.Read, cli.NeedStore)
	if err != nil {
		return cmd.Fail(err)
	}
	defer d.Close()
	rep, err := compute(ctx, d.Store, keep)
	if err != nil {
		return cmd.Fail(err)
	}
	if format.Value == "json" {
		b, _ := json.MarshalIndent(rep, "", "  ")
		fmt.Fprintf(env.Stdout, "%s\n", b)
		return cli.ExitOK
	}
	print(env, rep)
	return cli.ExitOK
}

// date is when an incident is counted: its notice's date, else discovery.
func date(in *corpus.Incident) corpus.Date {
	if !in.Published.IsZero() {
		return in.Published
	}
	return in.Discovered
}

// prefixOf reports whether partial date p covers d ("2024" covers 2024-05-01).
func prefixOf(p, d corpus.Date) bool {
	return p.Year == d.Year && (p.Month == 0 || p.Month == d.Month && p.Day == 0)
}

func compute(ctx context.Context, s *corpus.Store, keep func(*corpus.Incident) bool) (*Report, error) {
	rep := &Report{ByCause: map[string]Row{}, ByYear: map[string]Row{}}
	var affected, days []float64
	third, ppc, police := 0, 0, 0
	err := s.Cases(ctx, func(c *corpus.Case) error {
		in := &c.Current
		if !keep(in) {
			return nil
		}
		rep.Incidents++
		add := func(m map[string]Row, key string) {
			r := m[key]
			r.Incidents++
			if in.Affected != nil {
				r.Affected += *in.Affected
				r.Stated++
			}
			m[key] = r
		}
		cause := corpus.CauseUnknown
		if len(in.Causes) > 0 {
			cause = in.Causes[0]
		}
		add(rep.ByCause, cause)
		year := "unknown"
		if d := date(in); !d.IsZero() {
			year = strconv.Itoa(d.Year)
		}
		add(rep.ByYear, year)
		if in.Affected != nil {
			affected = append(affected, float64(*in.Affected))
		}
		if in.Published.Day > 0 && in.Discovered.Day > 0 {
			p := time.Date(in.Published.Year, time.Month(in.Published.Month), in.Published.Day, 0, 0, 0, 0, time.UTC)
			d := time.Date(in.Discovered.Year, time.Month(in.Discovered.Month), in.Discovered.Day, 0, 0, 0, 0, time.UTC)
			if !p.Before(d) {
				days = append(days, p.Sub(d).Hours()/24)
			}
		}
		if in.ViaThirdParty {
			third++
		}
		if in.PPCReported {
			ppc++
		}
		if in.PoliceReported {
			police++
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	rep.MedianAffected, rep.MedianDaysToPub = median(affected), median(days)
	if n := float64(rep.Incidents); n > 0 {
		rep.ThirdPartyShare, rep.PPCShare, rep.PoliceShare = float64(third)/n, float64(ppc)/n, float64(police)/n
	}
	return rep, nil
}

func median(v []float64) *float64 {
	if len(v) == 0 {
		return nil
	}
	sort.Float64s(v)
	m := v[len(v)/2]
	if len(v)%2 == 0 {
		m = (v[len(v)/2-1] + m) / 2
	}
	return &m
}

func print(env cli.Env, rep *Report) {
	tax := corpus.Taxonomies()
	group := func(title string, m map[string]Row, label func(string) string) {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			if m[keys[i]].Incidents != m[keys[j]].Incidents && title == "cause" {
				return m[keys[i]].Incidents > m[keys[j]].Incidents
			}
			return keys[i] < keys[j]
		})
		t := table.NewWriter()
		t.SetStyle(table.StyleLight)
		t.AppendHeader(table.Row{title, "incidents", "affected (stated)", "with a count"})
		for _, k := range keys {
			r := m[k]
			t.AppendRow(table.Row{label(k), r.Incidents, r.Affected, r.Stated})
		}
		fmt.Fprintln(env.Stdout, t.Render())
	}
	group("cause", rep.ByCause, func(id string) string {
		if c, ok := tax.Cause(id); ok {
			return c.Ja + " (" + id + ")"
		}
		return id
	})
	group("year", rep.ByYear, func(y string) string { return y })
	opt := func(v *float64, unit string) string {
		if v == nil {
			return "—"
		}
		return strconv.FormatFloat(*v, 'f', -1, 64) + unit
	}
	fmt.Fprintf(env.Stdout, "%d incidents · median affected %s · median discovery→publication %s\n",
		rep.Incidents, opt(rep.MedianAffected, ""), opt(rep.MedianDaysToPub, " days"))
	fmt.Fprintf(env.Stdout, "via a third party %.0f%% · reported to the PPC %.0f%% · to the police %.0f%%\n",
		100*rep.ThirdPartyShare, 100*rep.PPCShare, 100*rep.PoliceShare)
}
