package corpus

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// exportStore holds two cases: the サンプル incident in three reports
// (affected 2 → 3 → 4), and a notice with no organization, count or cause.
func exportStore(t *testing.T) (*Store, string) {
	t.Helper()
	s := openStore(t, t.TempDir())
	may10 := Date{2024, 5, 10}
	var ins []Incident
	for i, n := range []int64{2, 3, 4} {
		in := notice("株式会社サンプル", ransom2, "ransomware", Date{2024, 5, 12 + i}, may10, seqp(i+1))
		in.Affected = affected(n)
		in.DataTypes = []string{"name", "email"}
		in.PPCReported = i == 2
		ins = append(ins, in)
	}
	changes := ingest(t, s, page("agg/1", ins[2], ins[0], ins[1]))
	ingest(t, s, page("site/2", Incident{Title: "お知らせ, \"重要\"", Text: "お知らせ\n本文", Causes: []string{}}))
	return s, changes[0].CaseID
}

func TestExportCSV(t *testing.T) {
	s, id := exportStore(t)
	var buf bytes.Buffer
	if err := s.Export(context.Background(), &buf, "csv"); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("export does not parse as CSV: %v", err)
	}
	if len(rows) != 3 || !slices.Equal(rows[0], CSVHeader) {
		t.Fatalf("rows = %q; want the header and two cases", rows)
	}
	col := func(row []string, name string) string { return row[slices.Index(CSVHeader, name)] }
	var got []string
	for _, row := range rows[1:] {
		if len(row) != len(CSVHeader) {
			t.Fatalf("row %q: %d fields, want %d", row, len(row), len(CSVHeader))
		}
		if col(row, "id") != id {
			if col(row, "title") != `お知らせ, "重要"` || col(row, "organization") != "" || col(row, "affected") != "" {
				t.Errorf("unknown values: %q", row)
			}
			continue
		}
		for _, name := range []string{"organization", "published", "discovered", "causes", "affected",
			"data_types", "ppc_reported", "police_reported", "sequence", "versions", "affected_history"} {
			got = append(got, name+"="+col(row, name))
		}
	}
	want := []string{"organization=株式会社サンプル", "published=2024-05-14", "discovered=2024-05-10",
		"causes=ransomware", "affected=4", "data_types=name;email", "ppc_reported=true", "police_reported=false",
		"sequence=3", "versions=3", "affected_history=2;3;4"}
	if !slices.Equal(got, want) {
		t.Errorf("case row:\n got %q\nwant %q", got, want)
	}
}

func TestExportJSONL(t *testing.T) {
	s, id := exportStore(t)
	var buf bytes.Buffer
	if err := s.Export(context.Background(), &buf, "jsonl"); err != nil {
		t.Fatal(err)
	}
	contract := []string{"id", "source", "organization", "title", "published", "discovered", "causes",
		"via_third_party", "affected", "data_types", "ppc_reported", "police_reported", "sequence", "versions"}
	sc := bufio.NewScanner(&buf)
	lines := 0
	for sc.Scan() {
		lines++
		var keys map[string]json.RawMessage
		if err := json.Unmarshal(sc.Bytes(), &keys); err != nil {
			t.Fatalf("line %d does not parse: %v", lines, err)
		}
		for _, k := range contract {
			if _, ok := keys[k]; !ok {
				t.Errorf("line %d lacks %q", lines, k)
			}
		}
		var r Record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		// The contract fields read back into an Incident too.
		var in Incident
		if err := json.Unmarshal(sc.Bytes(), &in); err != nil {
			t.Fatal(err)
		}
		if r.ID != id {
			if string(keys["organization"]) != "null" || string(keys["affected"]) != "null" || string(keys["causes"]) != "[]" {
				t.Errorf("unknown values: %s", sc.Bytes())
			}
			continue
		}
		if in.Organization != "株式会社サンプル" || *in.Affected != 4 || *in.Sequence != 3 ||
			in.Discovered != (Date{2024, 5, 10}) || !in.PPCReported || r.Versions != 3 ||
			len(r.AffectedHistory) != 3 || *r.AffectedHistory[0] != 2 {
			t.Errorf("case line = %s", sc.Bytes())
		}
	}
	if lines != 2 {
		t.Errorf("%d lines, want 2", lines)
	}
}

func TestExportHelpers(t *testing.T) {
	s, id := exportStore(t)
	c, err := s.Case(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var j, v bytes.Buffer
	if err := WriteJSONL(&j, c); err != nil || strings.Count(j.String(), "\n") != 1 {
		t.Errorf("WriteJSONL: %q, %v", j.String(), err)
	}
	if err := WriteCSV(&v, c); err != nil || strings.Count(v.String(), "\n") != 2 {
		t.Errorf("WriteCSV: %q, %v", v.String(), err)
	}
	if err := s.Export(context.Background(), &v, "xml"); err == nil {
		t.Error("Export(xml): want an error")
	}
}
