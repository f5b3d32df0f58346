package report

import (
	"fmt"
	"slices"
	"strings"

	"github.com/incidex/incidex/checklist"
	"github.com/incidex/incidex/corpus"
)

// IncidentReport is the model of a report on one incident.
type IncidentReport struct {
	ID              string         `json:"id"`
	Organization    string         `json:"organization"`
	Title           string         `json:"title"`
	Published       corpus.Date    `json:"published"`
	Discovered      corpus.Date    `json:"discovered"`
	Causes          []Label        `json:"causes"`
	DataTypes       []Label        `json:"data_types"`
	Affected        *int64         `json:"affected"`
	AffectedText    string         `json:"affected_text"`
	ViaThirdParty   bool           `json:"via_third_party"`
	PPCReported     bool           `json:"ppc_reported"`
	PoliceReported  bool           `json:"police_reported"`
	PPCRequired     []string       `json:"ppc_required"`
	LeakStatus      Label          `json:"leak_status"`
	SecondaryDamage Label          `json:"secondary_damage"`
	Exposure        *corpus.Period `json:"exposure,omitempty"`
	DisclosureDays  *int           `json:"disclosure_days"`
	Facts           []Fact         `json:"facts"`
	Timeline        []Event        `json:"timeline"`
	// Measures are the countermeasures the notice announces (再発防止策).
	Measures []string  `json:"measures"`
	Reports  []Version `json:"reports"`
	Items    []Item    `json:"items"`
	Similar  []Similar `json:"similar"`
	// Text is the notice's own text, which HTML shows folded; JSON leaves
	// it out (incidex show has it).
	Text string `json:"-"`
}

// Version is one report (第N報) or re-extraction that went into an incident.
type Version struct {
	Sequence  *int        `json:"sequence"`
	Published corpus.Date `json:"published"`
	Affected  *int64      `json:"affected"`
	Title     string      `json:"title"`
	Source    string      `json:"source"`
	Position  int         `json:"position"`
}

// Similar is a past incident like the one reported on: what happened to it,
// what it did, and the items it maps to.
type Similar struct {
	ID           string `json:"id"`
	Organization string `json:"organization"`
	Title        string `json:"title"`
	// Date is the notice's date, else the discovery's.
	Date           corpus.Date `json:"date"`
	Causes         []Label     `json:"causes"`
	DataTypes      []Label     `json:"data_types"`
	Affected       *int64      `json:"affected"`
	AffectedText   string      `json:"affected_text"`
	DisclosureDays *int        `json:"disclosure_days"`
	// Shared says what it has in common with the incident reported on.
	Shared []string `json:"shared"`
	// WhatHappened is the sentence its cause was read from.
	WhatHappened string `json:"what_happened"`
	// Response lists its dated steps after discovery: containment,
	// reports, notification, recovery.
	Response []Event `json:"response"`
	// Measures are the countermeasures it announced: how it fixed it.
	Measures []string  `json:"measures"`
	Items    []ItemRef `json:"items"`
}

// responseKinds are the steps that say how an incident was handled.
var responseKinds = []corpus.EventKind{
	corpus.EventContained, corpus.EventPPCReport, corpus.EventPoliceReport,
	corpus.EventNotified, corpus.EventRestored,
}

// Incident builds the report on case c. cl maps c, and each of similar
// (past incidents like it, best first), to checklist items.
func Incident(c *corpus.Case, similar []*corpus.Case, cl *checklist.Checklist) *Doc {
	in := &c.Current
	r := &IncidentReport{
		ID:              c.ID,
		Organization:    in.Organization,
		Title:           in.Title,
		Published:       in.Published,
		Discovered:      in.Discovered,
		Causes:          causeLabels(in),
		DataTypes:       dataTypeLabels(in.DataTypes),
		Affected:        in.Affected,
		AffectedText:    affectedText(in),
		ViaThirdParty:   in.ViaThirdParty,
		PPCReported:     checklist.PPCReported(in),
		PoliceReported:  in.PoliceReported,
		LeakStatus:      leakLabel(in.LeakStatus),
		SecondaryDamage: damageLabel(in.SecondaryDamage),
		Exposure:        in.Exposure,
		DisclosureDays:  disclosureDays(in),
		Timeline:        timeline(in),
		Measures:        orEmpty(in.Countermeasures),
		Items:           byReasons(items(cl.Map(in))),
		Text:            in.Text,
	}
	triggers, _ := cl.PPCRequired(in)
	r.PPCRequired = triggerTexts(triggers)
	r.Facts = facts(r, in)
	r.Reports = make([]Version, 0, len(c.Versions))
	for _, v := range c.Versions {
		r.Reports = append(r.Reports, Version{
			Sequence: v.Incident.Sequence, Published: v.Incident.Published, Affected: v.Incident.Affected,
			Title: v.Incident.Title, Source: v.Source, Position: v.Position,
		})
	}
	r.Similar = make([]Similar, 0, len(similar))
	for _, s := range similar {
		r.Similar = append(r.Similar, similarTo(in, s, cl))
	}
	title := in.Organization
	if title == "" {
		title = c.ID
	}
	return &Doc{Kind: KindIncident, Title: "インシデントレポート: " + title, Incident: r}
}

func disclosureDays(in *corpus.Incident) *int {
	if d, ok := checklist.DisclosureDelay(in); ok {
		return &d
	}
	return nil
}

func items(ms []checklist.Match) []Item {
	out := make([]Item, len(ms))
	for i, m := range ms {
		out[i] = itemOf(m)
	}
	return out
}

// byReasons orders items by how many reasons name them, most first, and
// otherwise keeps the checklist's section order: an item several rules
// point at (the cause, the data, the size) comes before one a single
// rule does.
func byReasons(its []Item) []Item {
	slices.SortStableFunc(its, func(a, b Item) int { return len(b.Reasons) - len(a.Reasons) })
	return its
}

func itemOf(m checklist.Match) Item {
	return Item{
		ID: m.Item.ID, Section: m.Item.Section, Title: m.Item.Title, Question: m.Item.Question,
		Countermeasures: m.Item.Countermeasures, Reasons: m.Reasons,
	}
}

// timeline is the incident's dated events in date order, with discovery
// and publication added when the notice's timeline lacks them.
func timeline(in *corpus.Incident) []Event {
	out := []Event{}
	has := map[corpus.EventKind]bool{}
	for _, e := range in.Timeline {
		out = append(out, Event{Date: e.Date, Kind: string(e.Kind), Label: eventLabel(e.Kind), Text: e.Text})
		has[e.Kind] = true
	}
	add := func(d corpus.Date, k corpus.EventKind) {
		if !d.IsZero() && !has[k] {
			out = append(out, Event{Date: d, Kind: string(k), Label: eventLabel(k)})
		}
	}
	add(in.Discovered, corpus.EventDiscovered)
	add(in.Published, corpus.EventPublished)
	slices.SortStableFunc(out, func(a, b Event) int {
		switch {
		case a.Date.Before(b.Date):
			return -1
		case b.Date.Before(a.Date):
			return 1
		}
		return 0
	})
	return out
}

// facts lists the incident's values with the quotes they were read from.
func facts(r *IncidentReport, in *corpus.Incident) []Fact {
	ev := map[string][]string{}
	for _, e := range in.Evidence {
		q := e.Quote
		switch e.Field {
		case "causes":
			q = causeLabel(e.Value).Label + ": " + q
		case "data_types":
			q = dataTypeLabel(e.Value).Label + ": " + q
		}
		ev[e.Field] = append(ev[e.Field], q)
	}
	or := func(s, none string) string {
		if s == "" {
			return none
		}
		return s
	}
	values := map[string]string{
		"title":            or(in.Title, "—"),
		"organization":     or(in.Organization, "—"),
		"published":        or(in.Published.String(), "不明"),
		"discovered":       or(in.Discovered.String(), "不明"),
		"causes":           joinLabels(r.Causes),
		"affected":         r.AffectedText,
		"data_types":       or(joinLabels(r.DataTypes), "記載なし"),
		"via_third_party":  yesNo(in.ViaThirdParty),
		"ppc_reported":     yesNo(r.PPCReported),
		"police_reported":  yesNo(in.PoliceReported),
		"sequence":         "—",
		"leak_status":      r.LeakStatus.Label,
		"secondary_damage": r.SecondaryDamage.Label,
	}
	if in.Exposure != nil {
		values["exposure"] = or(in.Exposure.From.String(), "?") + " 〜 " + or(in.Exposure.To.String(), "?")
	}
	if in.Sequence != nil {
		values["sequence"] = fmt.Sprintf("第%d報", *in.Sequence)
	}
	var out []Fact
	for _, f := range fieldLabels {
		v, ok := values[f.field]
		if !ok {
			continue
		}
		out = append(out, Fact{Field: f.field, Label: f.label, Value: v, Evidence: orEmpty(ev[f.field])})
	}
	required := "該当しない"
	if len(r.PPCRequired) > 0 {
		required = "該当（" + strings.Join(r.PPCRequired, "、") + "）"
	}
	out = append(out, Fact{Field: "ppc_required", Label: "報告義務（個人情報保護法施行規則7条）", Value: required, Evidence: []string{}})
	delay := "不明（発覚日か公表日が不明）"
	if r.DisclosureDays != nil {
		delay = fmt.Sprintf("%d日", *r.DisclosureDays)
	}
	return append(out, Fact{Field: "disclosure_days", Label: "発覚から公表まで", Value: delay, Evidence: []string{}})
}

func joinLabels(ls []Label) string {
	s := make([]string, len(ls))
	for i, l := range ls {
		s[i] = l.Label
	}
	return strings.Join(s, "、")
}

// orEmpty keeps JSON arrays arrays: [] rather than null.
func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// similarTo describes s as a past incident like in.
func similarTo(in *corpus.Incident, c *corpus.Case, cl *checklist.Checklist) Similar {
	s := &c.Current
	out := Similar{
		ID: c.ID, Organization: s.Organization, Title: s.Title, Date: incidentDate(s),
		Causes: causeLabels(s), DataTypes: dataTypeLabels(s.DataTypes),
		Affected: s.Affected, AffectedText: affectedText(s), DisclosureDays: disclosureDays(s),
		Shared: []string{}, Response: []Event{}, Items: []ItemRef{},
		Measures: orEmpty(s.Countermeasures),
	}
	for _, l := range out.Causes {
		if slices.Contains(causeLabels(in), l) {
			out.Shared = append(out.Shared, "原因: "+l.Label)
		}
	}
	for _, l := range out.DataTypes {
		if slices.Contains(in.DataTypes, l.ID) {
			out.Shared = append(out.Shared, "情報: "+l.Label)
		}
	}
	primary := primaryCause(s).ID
	for _, e := range s.Evidence {
		if e.Field == "causes" && e.Value == primary {
			out.WhatHappened = e.Quote
			break
		}
	}
	for _, e := range s.Timeline {
		if slices.Contains(responseKinds, e.Kind) {
			out.Response = append(out.Response, Event{Date: e.Date, Kind: string(e.Kind), Label: eventLabel(e.Kind), Text: e.Text})
		}
	}
	for _, m := range cl.Map(s) {
		out.Items = append(out.Items, ItemRef{ID: m.Item.ID, Title: m.Item.Title})
	}
	return out
}
