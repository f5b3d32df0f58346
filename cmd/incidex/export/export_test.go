package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/incidex/incidex/cmd/incidex/cli"
	"github.com/incidex/incidex/cmd/incidex/export"
	"github.com/incidex/incidex/cmd/incidex/ingest"
)

// runFunc is a command's Run.
type runFunc func(context.Context, cli.Env, []string) int

// result is what one in-process run of a command gave.
type result struct {
	code           int
	stdout, stderr string
}

// run runs a command in process. Every test passes --data; $INCIDEX_DATA
// points at an empty directory of its own so that a run that forgot it
// cannot touch a real one.
func run(t *testing.T, cmd runFunc, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	unused := filepath.Join(t.TempDir(), "unused")
	env := cli.Env{
		Stdin:  strings.NewReader(""),
		Stdout: &stdout,
		Stderr: &stderr,
		Getenv: func(k string) string { return map[string]string{"INCIDEX_DATA": unused}[k] },
	}
	code := cmd(context.Background(), env, args)
	return result{code, stdout.String(), stderr.String()}
}

// mustRun runs a command that must succeed.
func mustRun(t *testing.T, cmd runFunc, args ...string) result {
	t.Helper()
	r := run(t, cmd, args...)
	if r.code != cli.ExitOK {
		t.Fatalf("%q: exit %d, want 0; stderr:\n%s", args, r.code, r.stderr)
	}
	return r
}

// ingestFixtures copies the fictional notices of ../testdata/notices into a
// temporary directory, ingests them into a new data directory and returns
// it.
func ingestFixtures(t *testing.T) string {
	t.Helper()
	src, err := filepath.Glob(filepath.Join("..", "testdata", "notices", "*.txt"))
	if err != nil || len(src) == 0 {
		t.Fatalf("fixtures: %v, %v", src, err)
	}
	dir := filepath.Join(t.TempDir(), "notices")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range src {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data := t.TempDir()
	mustRun(t, ingest.Run, "--data", data, dir)
	return data
}

// columns are the fields of an exported record, in CSV order.
var columns = []string{
	"id", "source", "organization", "title", "published", "discovered", "causes",
	"via_third_party", "affected", "data_types", "ppc_reported", "police_reported",
	"sequence", "versions", "affected_history",
}

func TestExport(t *testing.T) {
	data := ingestFixtures(t)

	jsonl := mustRun(t, export.Run, "--data", data).stdout
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

	out := mustRun(t, export.Run, "--data", data, "--format", "csv").stdout
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
	if r := mustRun(t, export.Run, "--data", data); r.stdout != "" {
		t.Errorf("jsonl of an empty corpus: %q, want nothing", r.stdout)
	}
	if r := mustRun(t, export.Run, "--data", data, "--format", "csv"); r.stdout != strings.Join(columns, ",")+"\n" {
		t.Errorf("csv of an empty corpus: %q, want the header alone", r.stdout)
	}
	for _, args := range [][]string{{"--format", "xml"}, {"extra"}} {
		if r := run(t, export.Run, append([]string{"--data", data}, args...)...); r.code != cli.ExitUsage || r.stdout != "" {
			t.Errorf("export %q: exit %d, stdout %q; want 2 and nothing", args, r.code, r.stdout)
		}
	}
}
