package checklist

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"github.com/incidex/incidex/corpus"
)

// VERISRecord is one incident in VERIS 1.4 (verisc), valid against the
// VERIS JSON schema (verisc-merged.json). Field names are the schema's.
type VERISRecord struct {
	SchemaVersion    string                       `json:"schema_version"`
	SchemaName       string                       `json:"schema_name"`
	IncidentID       string                       `json:"incident_id"`
	SourceID         string                       `json:"source_id"`
	SecurityIncident string                       `json:"security_incident"`
	Confidence       string                       `json:"confidence"`
	Summary          string                       `json:"summary"`
	Reference        string                       `json:"reference,omitempty"`
	DiscoveryMethod  VERISDiscovery               `json:"discovery_method"`
	DiscoveryNotes   string                       `json:"discovery_notes,omitempty"`
	Action           map[string]*VERISActionEntry `json:"action"`
	Actor            map[string]*VERISActorEntry  `json:"actor"`
	Asset            VERISAsset                   `json:"asset"`
	Attribute        VERISAttribute               `json:"attribute"`
	Timeline         VERISTimeline                `json:"timeline"`
	Victim           VERISVictim                  `json:"victim"`
	Plus             VERISPlus                    `json:"plus"`
}

// VERISActionEntry is one action category: action.hacking, action.error …
type VERISActionEntry struct {
	Variety []string `json:"variety,omitempty"`
	Vector  []string `json:"vector,omitempty"`
	Target  []string `json:"target,omitempty"`
}

// VERISActorEntry is one actor category: actor.external, actor.internal,
// actor.partner, or actor.unknown with a note.
type VERISActorEntry struct {
	Variety []string `json:"variety,omitempty"`
	Motive  []string `json:"motive,omitempty"`
	Country []string `json:"country,omitempty"`
	Notes   string   `json:"notes,omitempty"`
}

// VERISDiscovery is discovery_method: who found the incident.
type VERISDiscovery struct {
	External *VERISVarieties `json:"external,omitempty"`
	Internal *VERISVarieties `json:"internal,omitempty"`
	Partner  *VERISVarieties `json:"partner,omitempty"`
	Unknown  bool            `json:"unknown,omitempty"`
}

// VERISVarieties is an object holding only a variety list.
type VERISVarieties struct {
	Variety []string `json:"variety"`
}

// VERISAsset is asset: the assets affected and who managed them.
type VERISAsset struct {
	Assets     []VERISAssetItem `json:"assets"`
	Cloud      []string         `json:"cloud"`
	Management []string         `json:"management,omitempty"`
}

// VERISAssetItem is one asset variety.
type VERISAssetItem struct {
	Variety string `json:"variety"`
}

// VERISAttribute is attribute: what was compromised.
type VERISAttribute struct {
	Confidentiality VERISConfidentiality `json:"confidentiality"`
	Availability    *VERISVarieties      `json:"availability,omitempty"`
	Integrity       *VERISVarieties      `json:"integrity,omitempty"`
}

// VERISConfidentiality is attribute.confidentiality.
type VERISConfidentiality struct {
	DataDisclosure string      `json:"data_disclosure"`
	DataTotal      *int64      `json:"data_total,omitempty"`
	Data           []VERISData `json:"data"`
	State          []string    `json:"state"`
}

// VERISData is one data variety and how many records held it.
type VERISData struct {
	Variety string `json:"variety"`
	Amount  *int64 `json:"amount,omitempty"`
}

// VERISTimeline is timeline.
type VERISTimeline struct {
	Incident    VERISDate      `json:"incident"`
	Discovery   *VERISDuration `json:"discovery,omitempty"`
	Containment *VERISDuration `json:"containment,omitempty"`
}

// VERISDate is a date in parts; month and day may be unknown.
type VERISDate struct {
	Year  int `json:"year"`
	Month int `json:"month,omitempty"`
	Day   int `json:"day,omitempty"`
}

// VERISDuration is a span in a unit; Value is nil when the unit is Unknown.
type VERISDuration struct {
	Unit  string `json:"unit"`
	Value *int   `json:"value,omitempty"`
}

// VERISVictim is victim.
type VERISVictim struct {
	VictimID      string   `json:"victim_id,omitempty"`
	Country       []string `json:"country"`
	EmployeeCount string   `json:"employee_count"`
	Industry      string   `json:"industry"`
	Government    []string `json:"government"`
}

// VERISPlus is plus, VERIS's place for extensions: our id, and the first
// publication of the notice (where VCDB keeps the notification date, as
// timeline has no field for it).
type VERISPlus struct {
	IncidexID string             `json:"incidex_id"`
	Timeline  *VERISPlusTimeline `json:"timeline,omitempty"`
}

// VERISPlusTimeline is plus.timeline.
type VERISPlusTimeline struct {
	Notification VERISDate `json:"notification"`
}

// NewVERISRecord converts a case to VERIS with the embedded crosswalk.
func NewVERISRecord(c *corpus.Case) (*VERISRecord, error) {
	x, err := loadCrosswalk()
	if err != nil {
		return nil, err
	}
	return x.record(c), nil
}

// NewVERISExporter returns an exporter that writes one VERIS record per
// line (JSONL).
func NewVERISExporter(w io.Writer) (corpus.Exporter, error) {
	x, err := loadCrosswalk()
	if err != nil {
		return nil, err
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false) // Japanese text and URLs stay readable
	return &verisExporter{x: x, w: bw, enc: enc}, nil
}

type verisExporter struct {
	x   *crosswalk
	w   *bufio.Writer
	enc *json.Encoder
}

func (e *verisExporter) Write(c *corpus.Case) error {
	if err := e.enc.Encode(e.x.record(c)); err != nil {
		return fmt.Errorf("case %s: veris: %w", c.ID, err)
	}
	return nil
}

func (e *verisExporter) Close() error { return e.w.Flush() }
