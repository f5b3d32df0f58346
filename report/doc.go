// Package report owns incidex's countermeasure reports: for one incident
// (its facts with their evidence, a timeline, the checklist items it maps
// to with reasons and countermeasures, and similar past incidents) or for a
// set of incidents (counts by cause, data type and year, the affected and
// disclosure-delay distributions, the checklist items that cover the most
// incidents, notable incidents).
//
// A report is built into a Doc from values it is handed — corpus cases and
// the checklist — and rendered as Markdown, HTML or JSON. It reads no store
// or index: the command does the data access. Notice text is untrusted, so
// HTML goes through html/template's contextual escaping, the page carries a
// Content-Security-Policy that forbids scripts and external loads, and
// Markdown escapes what a renderer would read as markup.
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/incidex/incidex/corpus"
)

// Doc is one report, ready to render. Its JSON form (JSON) is stable:
// fields may be added, never renamed or removed. Dates are "YYYY-MM-DD"
// (or "YYYY-MM", "YYYY") or null; counts of people are integers or null.
//
//	{
//	  "kind": "incident" | "set",
//	  "title": string,
//	  "scope": string,                 // set: what was selected; omitted for an incident
//	  "generated": RFC 3339 time,      // omitted when not stamped
//	  "incident": {                    // kind "incident" only
//	    "id", "organization", "title": string,
//	    "published", "discovered": date,
//	    "causes", "data_types": [{"id", "label"}],   // primary cause first
//	    "affected": int|null, "affected_text": string,
//	    "via_third_party", "ppc_reported", "police_reported": bool,
//	    "ppc_required": [string],      // reporting triggers met, in words; [] if none
//	    "leak_status", "secondary_damage": {"id", "label"},
//	    "exposure": {"from", "to"} | omitted,
//	    "disclosure_days": int|null,   // discovery → publication
//	    "facts": [{"field", "label", "value", "evidence": [string]}],
//	    "timeline": [{"date", "kind", "label", "text"}],
//	    "measures": [string],          // countermeasures the notice announces
//	    "reports": [{"sequence": int|null, "published", "affected", "title", "source", "position"}],
//	    "items": [item],
//	    "similar": [{"id", "organization", "title", "date", "causes", "data_types",
//	                 "affected", "affected_text", "disclosure_days", "shared": [string],
//	                 "what_happened": string, "response": [event], "measures": [string],
//	                 "items": [{"id", "title"}]}]
//	  },
//	  "set": {                         // kind "set" only
//	    "incidents": int, "affected_total": int, "affected_stated": int, "affected_median": number|null,
//	    "via_third_party", "ppc_reported", "police_reported": int,
//	    "by_cause", "by_data_type", "by_year", "affected": [count],
//	    "disclosure_delay": {"known": int, "median_days": number|null, "buckets": [count]},
//	    "items": [item + {"incidents": int, "share": number, "examples": [brief]}],
//	    "notable": [brief + {"why": [string]}],
//	    "cases": [brief]
//	  }
//	}
//
// An item is {"id", "section", "title", "question", "countermeasures": [string],
// "reasons": [string]}; a count is {"key", "label", "incidents", "affected"};
// a brief is {"id", "organization", "title", "date", "cause", "affected",
// "affected_text", "disclosure_days"}; a similar incident's and a brief's
// "date" is the notice's date, else the discovery's.
type Doc struct {
	Kind      string          `json:"kind"`
	Title     string          `json:"title"`
	Scope     string          `json:"scope,omitempty"`
	Generated time.Time       `json:"generated,omitzero"`
	Incident  *IncidentReport `json:"incident,omitempty"`
	Set       *SetReport      `json:"set,omitempty"`
}

// Kinds of Doc.
const (
	KindIncident = "incident"
	KindSet      = "set"
)

// Label is a taxonomy id with its Japanese label.
type Label struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// Fact is one extracted value of an incident with the words it was read from.
type Fact struct {
	Field    string   `json:"field"`
	Label    string   `json:"label"`
	Value    string   `json:"value"`
	Evidence []string `json:"evidence"`
}

// Event is one dated step of an incident.
type Event struct {
	Date  corpus.Date `json:"date"`
	Kind  string      `json:"kind"`
	Label string      `json:"label"`
	Text  string      `json:"text"`
}

// Item is a checklist item as a report shows it: what to check, what to
// do, and why it applies.
type Item struct {
	ID              string   `json:"id"`
	Section         string   `json:"section"`
	Title           string   `json:"title"`
	Question        string   `json:"question"`
	Countermeasures []string `json:"countermeasures"`
	Reasons         []string `json:"reasons"`
}

// ItemRef names an item.
type ItemRef struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// Brief is one incident in a line.
type Brief struct {
	ID           string `json:"id"`
	Organization string `json:"organization"`
	Title        string `json:"title"`
	// Date is the notice's date, else the discovery's.
	Date           corpus.Date `json:"date"`
	Cause          Label       `json:"cause"`
	Affected       *int64      `json:"affected"`
	AffectedText   string      `json:"affected_text"`
	DisclosureDays *int        `json:"disclosure_days"`
}

// JSON writes the document as indented JSON.
func (d *Doc) JSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(true) // the output may end up inside HTML
	if err := enc.Encode(d); err != nil {
		return fmt.Errorf("report: json: %w", err)
	}
	return nil
}
