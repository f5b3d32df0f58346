package export_test

import (
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/incidex/incidex/checklist/veristest"
	"github.com/incidex/incidex/cmd/incidex/cli"
	"github.com/incidex/incidex/cmd/incidex/export"
	"github.com/incidex/incidex/cmd/incidex/internal/clitest"
)

// The in-process runner and fixtures every command's tests share.
type (
	runFunc = clitest.Cmd
	result  = clitest.Result
)

var (
	run            = clitest.Run
	mustRun        = clitest.MustRun
	ingestFixtures = clitest.IngestFixtures
)

// columns are the fields of an exported record, in CSV order.
var columns = []string{
	"id", "source", "organization", "title", "published", "discovered", "causes",
	"via_third_party", "affected", "data_types", "ppc_reported", "police_reported",
	"sequence", "versions", "affected_history",
}

func TestExport(t *testing.T) {
	data := ingestFixtures(t)

	jsonl := mustRun(t, export.Run, "--data", data).Stdout
	var recs []map[string]any
	for _, line := range strings.Split(strings.TrimSuffix(jsonl, "\n"), "\n") {
		dec := json.NewDecoder(strings.NewReader(line))
		dec.UseNumber()
		var r map[string]any
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("jsonl line is not an object: %v\n%s", err, line)
		}
		for _, k := range columns {
			if _, ok := r[k]; !ok {
				t.Errorf("record %v has no %q", r["id"], k)
			}
		}
		recs = append(recs, r)
	}
	if len(recs) != 6 {
		t.Fatalf("%d records, want 6:\n%s", len(recs), jsonl)
	}

	out := mustRun(t, export.Run, "--data", data, "--format", "csv").Stdout
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("csv does not parse: %v\n%s", err, out)
	}
	if len(rows) != 7 || !slices.Equal(rows[0], columns) {
		t.Fatalf("csv: %d rows, header %q; want a header %q and 6 rows", len(rows), rows[0], columns)
	}
	var csvIDs, jsonIDs []string
	bySource := map[string]map[string]string{}
	for i, row := range rows[1:] {
		m := map[string]string{}
		for j, c := range columns {
			m[c] = row[j]
		}
		bySource[filepath.Base(m["source"])] = m
		csvIDs = append(csvIDs, m["id"])
		jsonIDs = append(jsonIDs, recs[i]["id"].(string))
	}
	if !slices.Equal(csvIDs, jsonIDs) || !slices.IsSorted(csvIDs) {
		t.Errorf("csv ids %v, jsonl ids %v; want the same, in id order", csvIDs, jsonIDs)
	}

	tests := []struct {
		source string
		want   map[string]string
	}{
		{"mikazuki-2.txt", map[string]string{
			"organization": "株式会社ミカヅキ通商", "published": "2024-04-20", "discovered": "2024-04-05",
			"causes": "misdelivery", "affected": "4", "data_types": "name;email", "sequence": "2",
			"versions": "2", "affected_history": "2;4", "via_third_party": "false",
		}},
		{"aozora.txt", map[string]string{
			"organization": "医療法人社団あおぞら会 あおぞら記念クリニック", "causes": "ransomware", "affected": "23000",
			"via_third_party": "true", "ppc_reported": "true", "police_reported": "true", "sequence": "", "versions": "1",
		}},
		{"hinata.txt", map[string]string{"title": "FAX誤送信に関するお詫び", "affected": "", "affected_history": "", "ppc_reported": "false"}},
	}
	for _, tt := range tests {
		row, ok := bySource[tt.source]
		if !ok {
			t.Errorf("no row for %s", tt.source)
			continue
		}
		for k, want := range tt.want {
			if row[k] != want {
				t.Errorf("%s: %s = %q, want %q", tt.source, k, row[k], want)
			}
		}
	}
}

func TestExportEmpty(t *testing.T) {
	data := t.TempDir()
	if r := mustRun(t, export.Run, "--data", data); r.Stdout != "" {
		t.Errorf("jsonl of an empty corpus: %q, want nothing", r.Stdout)
	}
	if r := mustRun(t, export.Run, "--data", data, "--format", "csv"); r.Stdout != strings.Join(columns, ",")+"\n" {
		t.Errorf("csv of an empty corpus: %q, want the header alone", r.Stdout)
	}
	for _, args := range [][]string{{"--format", "xml"}, {"extra"}} {
		if r := run(t, export.Run, append([]string{"--data", data}, args...)...); r.Code != cli.ExitUsage || r.Stdout != "" {
			t.Errorf("export %q: exit %d, stdout %q; want 2 and nothing", args, r.Code, r.Stdout)
		}
	}
}

// TestExportVERIS validates every incident exported from the fixture
// notices against the VERIS JSON schema (../shared/veris; skipped without
// it) and checks that exporting again gives the same records.
func TestExportVERIS(t *testing.T) {
	sch := veristest.Schema(t)
	data := ingestFixtures(t)

	out := mustRun(t, export.Run, "--data", data, "--format", "veris").Stdout
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 6 {
		t.Fatalf("%d VERIS records, want 6:\n%s", len(lines), out)
	}
	var ids []string
	for _, line := range strings.Split(strings.TrimSuffix(mustRun(t, export.Run, "--data", data).Stdout, "\n"), "\n") {
		var r struct{ ID string }
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}
	bySummary := map[string]string{} // summary → the record as written
	for i, line := range lines {
		if err := veristest.Validate(sch, []byte(line)); err != nil {
			t.Errorf("record %d is not valid VERIS: %v\n%s", i, err, line)
		}
		var r map[string]any
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatal(err)
		}
		if got := r["plus"].(map[string]any)["incidex_id"]; got != ids[i] {
			t.Errorf("record %d is incident %v, want %s (the jsonl order)", i, got, ids[i])
		}
		bySummary[r["summary"].(string)] = line
	}
	if again := mustRun(t, export.Run, "--data", data, "--format", "veris").Stdout; again != out {
		t.Errorf("a second export differs:\n%s\n---\n%s", out, again)
	}
	// The validation can fail: a record with a value VERIS does not know.
	broken := strings.Replace(lines[0], `"security_incident":"Confirmed"`, `"security_incident":"Yes"`, 1)
	if broken == lines[0] {
		t.Fatal("could not break the first record")
	}
	if err := veristest.Validate(sch, []byte(broken)); err == nil {
		t.Error("the schema accepted security_incident \"Yes\"")
	}

	tests := []struct {
		summary string
		want    []string
	}{
		{"ランサムウェア被害に関するお知らせ", []string{`"malware":{"variety":["Ransomware"]`, `"partner":{"motive":["NA"]`,
			`"discovery_method":{"partner"`, `"industry":"62"`, `"data_total":23000`}},
		{"FAX誤送信に関するお詫び", []string{`"error":{"variety":["Misdelivery"]`, `"M - Fax"`, `"data_disclosure":"Yes"`}},
		{"USBメモリー紛失に関するお詫び", []string{`"M - Flash drive"`, `"Loss"`, `"incident":{"year":2024,"month":9,"day":25}`}},
	}
	for _, tt := range tests {
		line, ok := bySummary[tt.summary]
		if !ok {
			t.Errorf("no record for %s", tt.summary)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(line, w) {
				t.Errorf("%s: record lacks %s:\n%s", tt.summary, w, line)
			}
		}
	}
	if r := mustRun(t, export.Run, "--data", t.TempDir(), "--format", "veris"); r.Stdout != "" {
		t.Errorf("veris of an empty corpus: %q, want nothing", r.Stdout)
	}
}
