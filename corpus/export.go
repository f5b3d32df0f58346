package corpus

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Record is the exported form of a case: the contract fields of its current
// incident, its id, and the history an analyst reads the figures' changes
// from.
type Record struct {
	ID             string   `json:"id"`
	Source         string   `json:"source"`
	Organization   *string  `json:"organization"`
	Title          *string  `json:"title"`
	Published      Date     `json:"published"`
	Discovered     Date     `json:"discovered"`
	Causes         []string `json:"causes"`
	ViaThirdParty  bool     `json:"via_third_party"`
	Affected       *int64   `json:"affected"`
	DataTypes      []string `json:"data_types"`
	PPCReported    bool     `json:"ppc_reported"`
	PoliceReported bool     `json:"police_reported"`
	Sequence       *int     `json:"sequence"`
	// Versions is the number of stored versions of the case's reports.
	Versions int `json:"versions"`
	// AffectedHistory is the affected count of each version, oldest
	// first: 2 → 3 → 4 件 across 第1報…第3報.
	AffectedHistory []*int64 `json:"affected_history"`
}

// NewRecord returns the export record of a case.
func NewRecord(c *Case) Record {
	in := c.Current
	r := Record{
		ID:             c.ID,
		Source:         in.Source,
		Organization:   nullable(in.Organization),
		Title:          nullable(in.Title),
		Published:      in.Published,
		Discovered:     in.Discovered,
		Causes:         nonNil(in.Causes),
		ViaThirdParty:  in.ViaThirdParty,
		Affected:       in.Affected,
		DataTypes:      nonNil(in.DataTypes),
		PPCReported:    in.PPCReported,
		PoliceReported: in.PoliceReported,
		Sequence:       in.Sequence,
		Versions:       len(c.Versions),
	}
	r.AffectedHistory = make([]*int64, len(c.Versions))
	for i, v := range c.Versions {
		r.AffectedHistory[i] = v.Incident.Affected
	}
	return r
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// CSVHeader is the header row WriteCSV writes: the Record's JSON names.
var CSVHeader = []string{
	"id", "source", "organization", "title", "published", "discovered", "causes",
	"via_third_party", "affected", "data_types", "ppc_reported", "police_reported",
	"sequence", "versions", "affected_history",
}

// fields returns the record as a CSV row: lists joined by ";", unknown
// values as empty cells.
func (r Record) fields() []string {
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	num := func(p *int64) string {
		if p == nil {
			return ""
		}
		return strconv.FormatInt(*p, 10)
	}
	sequence := ""
	if r.Sequence != nil {
		sequence = strconv.Itoa(*r.Sequence)
	}
	history := make([]string, len(r.AffectedHistory))
	for i, a := range r.AffectedHistory {
		history[i] = num(a)
	}
	return []string{
		r.ID, r.Source, str(r.Organization), str(r.Title), r.Published.String(), r.Discovered.String(),
		strings.Join(r.Causes, ";"), strconv.FormatBool(r.ViaThirdParty), num(r.Affected),
		strings.Join(r.DataTypes, ";"), strconv.FormatBool(r.PPCReported), strconv.FormatBool(r.PoliceReported),
		sequence, strconv.Itoa(r.Versions), strings.Join(history, ";"),
	}
}

// An Exporter writes cases one at a time; Close flushes what is buffered
// and does not close the underlying writer.
type Exporter interface {
	Write(*Case) error
	Close() error
}

// NewExporter returns the exporter for a format, "jsonl" or "csv".
func NewExporter(w io.Writer, format string) (Exporter, error) {
	switch format {
	case "jsonl":
		return newJSONL(w), nil
	case "csv":
		return newCSV(w)
	}
	return nil, fmt.Errorf("export: unknown format %q (want jsonl or csv)", format)
}

// Export writes every case of the store to w in the given format.
func (s *Store) Export(ctx context.Context, w io.Writer, format string) error {
	e, err := NewExporter(w, format)
	if err != nil {
		return err
	}
	if err := s.Cases(ctx, e.Write); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := e.Close(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

// WriteJSONL writes one JSON Record per line.
func WriteJSONL(w io.Writer, cases ...*Case) error { return writeAll(newJSONL(w), cases) }

// WriteCSV writes a header and one row per case.
func WriteCSV(w io.Writer, cases ...*Case) error {
	e, err := newCSV(w)
	if err != nil {
		return err
	}
	return writeAll(e, cases)
}

func writeAll(e Exporter, cases []*Case) error {
	for _, c := range cases {
		if err := e.Write(c); err != nil {
			return err
		}
	}
	return e.Close()
}

type jsonlExporter struct {
	w   *bufio.Writer
	enc *json.Encoder
}

func newJSONL(w io.Writer) *jsonlExporter {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	// Japanese text and URLs stay readable: no \u003c for "<" or "&".
	enc.SetEscapeHTML(false)
	return &jsonlExporter{w: bw, enc: enc}
}

func (e *jsonlExporter) Write(c *Case) error {
	if err := e.enc.Encode(NewRecord(c)); err != nil {
		return fmt.Errorf("case %s: %w", c.ID, err)
	}
	return nil
}

func (e *jsonlExporter) Close() error { return e.w.Flush() }

type csvExporter struct{ w *csv.Writer }

func newCSV(w io.Writer) (*csvExporter, error) {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return nil, err
	}
	return &csvExporter{w: cw}, nil
}

func (e *csvExporter) Write(c *Case) error {
	if err := e.w.Write(NewRecord(c).fields()); err != nil {
		return fmt.Errorf("case %s: %w", c.ID, err)
	}
	return nil
}

func (e *csvExporter) Close() error {
	e.w.Flush()
	return e.w.Error()
}
