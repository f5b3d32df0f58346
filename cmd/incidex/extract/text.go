package extract

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"

	"github.com/incidex/incidex/corpus"
)

// Text renders an incident for a terminal: each field with its value and
// the words it was read from. go-pretty measures East Asian wide runes, so
// the columns line up (text/tabwriter does not).
func Text(in *corpus.Incident, i int) string { return TextWidth(in, i, 0) }

// TextWidth is Text for a terminal of width columns, with faint evidence;
// width 0 means no terminal: 120 columns and no escape codes.
func TextWidth(in *corpus.Incident, i, width int) string {
	tax := corpus.Taxonomies()
	t := table.NewWriter()
	t.SetStyle(table.StyleLight)
	t.Style().Options.SeparateRows = false
	t.SetTitle(fmt.Sprintf("#%d  %s", i+1, in.Source))
	// Fit the terminal: 14 columns for the labels and borders, the rest
	// shared 4:5 by values and evidence; 120 columns when not a terminal.
	terminal := width > 0
	if !terminal {
		width = 120
	}
	rest := max(width-20, 40)
	evidence := table.ColumnConfig{Number: 3, WidthMax: rest * 5 / 9, WidthMaxEnforcer: text.WrapSoft}
	if terminal { // escape codes are for a terminal, not for a pipe or file
		evidence.Colors = text.Colors{text.Faint}
	}
	t.SetColumnConfigs([]table.ColumnConfig{
		{Number: 2, WidthMax: rest * 4 / 9, WidthMaxEnforcer: text.WrapSoft},
		evidence,
	})
	ev := map[string][]string{}
	for _, e := range in.Evidence {
		q := e.Quote
		if e.Field == "data_types" || e.Field == "causes" {
			q = e.Value + ": " + q
		}
		ev[e.Field] = append(ev[e.Field], "「"+q+"」")
	}
	why := func(field string) string {
		q := ev[field]
		if len(q) > 3 {
			q = append(q[:3], fmt.Sprintf("(+%d more)", len(q)-3))
		}
		return strings.Join(q, "\n")
	}
	orNone := func(s string) string {
		if s == "" {
			return "—"
		}
		return s
	}
	causes := make([]string, len(in.Causes))
	for k, c := range in.Causes {
		causes[k] = c
		if cat, ok := tax.Cause(c); ok {
			causes[k] = cat.Ja + " (" + c + ")"
		}
	}
	types := make([]string, len(in.DataTypes))
	for k, d := range in.DataTypes {
		types[k] = d
		if cat, ok := tax.DataType(d); ok {
			types[k] = cat.Ja
		}
	}
	affected := "不明 (not stated)"
	if in.Affected != nil {
		affected = in.AffectedQualifier + strconv.FormatInt(*in.Affected, 10) + in.AffectedUnit
	}
	seq := "—"
	if in.Sequence != nil {
		seq = fmt.Sprintf("第%d報", *in.Sequence)
	}
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	}
	t.AppendRows([]table.Row{
		{"title", orNone(in.Title), why("title")},
		{"organization", orNone(in.Organization), why("organization")},
		{"published", orNone(in.Published.String()), why("published")},
		{"discovered", orNone(in.Discovered.String()), why("discovered")},
		{"causes", strings.Join(causes, "\n"), why("causes")},
		{"affected", affected, why("affected")},
		{"data types", orNone(strings.Join(types, "、")), why("data_types")},
		{"third party", yes(in.ViaThirdParty), why("via_third_party")},
		{"PPC report", yes(in.PPCReported), why("ppc_reported")},
		{"police", yes(in.PoliceReported), why("police_reported")},
		{"report no.", seq, why("sequence")},
		{"leak", string(in.LeakStatus), ""},
		{"misuse", string(in.SecondaryDamage), ""},
	})
	if in.Exposure != nil {
		t.AppendRow(table.Row{"exposure", in.Exposure.From.String() + " – " + in.Exposure.To.String(), why("exposure")})
	}
	for k, e := range in.Timeline {
		label := ""
		if k == 0 {
			label = "timeline"
		}
		t.AppendRow(table.Row{label, e.Date.String() + " " + string(e.Kind), e.Text})
	}
	return t.Render() + "\n\n"
}
