package search

import (
	"flag"
	"fmt"
	"slices"
	"strings"

	"github.com/incidex/incidex/cmd/incidex/cli"
	"github.com/incidex/incidex/corpus"
	"github.com/incidex/incidex/index"
)

// Filters are the search command's filter flags. They are exported so that
// commands which select incidents the way search does (report --query) take
// the same flags with the same meaning.
type Filters struct {
	causes, types list
	org           *string
	since, until  date
	minA, maxA    count
	third         *cli.Choice
	flags         *flag.FlagSet
}

// filterFlags are the names of the flags AddFilters adds.
var filterFlags = []string{"cause", "data-type", "org", "since", "until", "min-affected", "max-affected", "third-party"}

// AddFilters adds --cause, --data-type, --org, --since, --until,
// --min-affected, --max-affected and --third-party to the command.
func AddFilters(cmd *cli.Command) *Filters {
	f := &Filters{third: &cli.Choice{Allowed: []string{"", "yes", "no"}}, flags: cmd.Flags}
	cmd.Flags.Var(&f.causes, "cause", "cause `id` (repeatable)")
	cmd.Flags.Var(&f.types, "data-type", "data type `id` (repeatable)")
	f.org = cmd.Flags.String("org", "", "organization `name` (株式会社 and width ignored)")
	cmd.Flags.Var(&f.since, "since", "notices dated on or after `DATE`")
	cmd.Flags.Var(&f.until, "until", "notices dated on or before `DATE`")
	cmd.Flags.Var(&f.minA, "min-affected", "at least `N` people or records affected")
	cmd.Flags.Var(&f.maxA, "max-affected", "at most `N` people or records affected")
	cmd.Flags.Var(f.third, "third-party", "`yes`: at or through a contractor or vendor; no: not")
	return f
}

// Query checks the parsed filters and returns the query they make, without
// words, sort or limit. The error is a usage message.
func (f *Filters) Query() (index.Query, error) {
	tax := corpus.Taxonomies()
	for _, c := range f.causes {
		if _, ok := tax.Cause(c); !ok {
			return index.Query{}, fmt.Errorf("unknown cause %q", c)
		}
	}
	for _, t := range f.types {
		if _, ok := tax.DataType(t); !ok {
			return index.Query{}, fmt.Errorf("unknown data type %q", t)
		}
	}
	if !f.since.IsZero() && !f.until.IsZero() && f.until.Before(f.since.Date) {
		return index.Query{}, fmt.Errorf("--until %s is before --since %s", f.until, f.since)
	}
	q := index.Query{
		Causes: f.causes, DataTypes: f.types, Org: *f.org,
		Since: f.since.Date, Until: f.until.Date, MinAffected: f.minA.v, MaxAffected: f.maxA.v,
	}
	if f.third.Value != "" {
		v := f.third.Value == "yes"
		q.ThirdParty = &v
	}
	return q, nil
}

// String returns the filters given on the command line as flags
// ("--cause ransomware --since 2023"), "" when none was.
func (f *Filters) String() string {
	var set []string
	f.flags.Visit(func(fl *flag.Flag) {
		if slices.Contains(filterFlags, fl.Name) {
			set = append(set, "--"+fl.Name+" "+fl.Value.String())
		}
	})
	return strings.Join(set, " ")
}
