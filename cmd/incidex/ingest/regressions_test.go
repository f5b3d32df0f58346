package ingest_test

// Failing tests kept out of the tree: each shows a bug in non-test code.
// Run with: go test -overlay /tmp/e2eh/bugtests/overlay.json -run Bug ./cmd/incidex/ingest/

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/incidex/incidex/cmd/incidex/cli"
	"github.com/incidex/incidex/cmd/incidex/export"
	"github.com/incidex/incidex/cmd/incidex/ingest"
)

// The summary's input count leaves out a missing path, which it counts as
// failed: "1 inputs …: 1 new, …, 1 failed".
func TestRegressionSummaryInputsIncludeMissingPaths(t *testing.T) {
	notices := copyNotices(t)
	r := run(t, ingest.Run, "--data", t.TempDir(), filepath.Join(notices, "aozora.txt"), filepath.Join(notices, "nope.txt"))
	s := parseSummary(t, r.Stderr)
	if s.inputs != 2 || s.new+s.updated+s.unchanged+s.failed != s.inputs {
		t.Errorf("summary %+v: want 2 inputs = 1 new + 1 failed\n%s", s, r.Stderr)
	}
}

// Two different notices read from stdin by two runs are one page "-": the
// second is stored as a new version of the first's report, and the first
// incident is gone.
func TestRegressionStdinRunsOverwriteEachOther(t *testing.T) {
	notices := copyNotices(t)
	data := t.TempDir()
	for _, name := range []string{"aozora.txt", "komorebi.txt"} {
		b, err := os.ReadFile(filepath.Join(notices, name))
		if err != nil {
			t.Fatal(err)
		}
		var stderr bytes.Buffer
		env := cli.Env{Stdin: bytes.NewReader(b), Stdout: &bytes.Buffer{}, Stderr: &stderr, Getenv: func(string) string { return "" }}
		if code := ingest.Run(context.Background(), env, []string{"--data", data, "-"}); code != 0 {
			t.Fatalf("ingest - < %s: exit %d\n%s", name, code, stderr.String())
		}
	}
	out, _ := exportRecords0(t, data)
	if n := strings.Count(out, "\n"); n != 2 || !strings.Contains(out, "あおぞら") {
		t.Errorf("%d incidents after two stdin ingests of different notices, want 2 (the clinic's among them):\n%s", n, out)
	}
}

// An aggregator page that gains a notice at the top: every stored report is
// compared with the notice now at its position, so the hospital's incident
// takes the city's figures and organization (two incidents merged), the
// hospital comes back under a new id, and the page is counted "new".
func TestRegressionAggregatorPageGainsANotice(t *testing.T) {
	full, err := os.ReadFile(filepath.Join("..", "..", "..", "examples", "sample-aggregator.txt"))
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(string(full), "【セキュリティ事件簿#2024-101】")
	j := strings.Index(string(full), "【セキュリティ事件簿#2024-100】")
	if i < 0 || j < i {
		t.Fatal("examples/sample-aggregator.txt changed")
	}
	older := string(full[:i]) + string(full[j:]) // the hospital's notice only
	page := filepath.Join(t.TempDir(), "page.txt")
	data := t.TempDir()
	if err := os.WriteFile(page, []byte(older), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, ingest.Run, "--data", data, page)
	_, before := exportRecords(t, data)
	if len(before) != 1 {
		t.Fatalf("%d incidents, want 1", len(before))
	}
	var hospital record
	for _, r := range before {
		hospital = r
	}

	if err := os.WriteFile(page, full, 0o644); err != nil { // the city's notice on top
		t.Fatal(err)
	}
	r := mustRun(t, ingest.Run, "--data", data, page)
	if s := parseSummary(t, r.Stderr); s.updated != 1 || s.new != 0 || s.casesNew != 1 || s.casesUpdated != 0 {
		t.Errorf("summary %+v: want the page updated, one new incident, none changed\n%s", s, r.Stderr)
	}
	out, _ := exportRecords0(t, data)
	c := showCase(t, data, hospital.ID)
	if len(c.Versions) != 1 || deref(c.Current.Affected) != deref(hospital.Affected) {
		t.Errorf("the hospital's incident %s now has %d versions, affected %v (was %v):\n%s",
			hospital.ID, len(c.Versions), deref(c.Current.Affected), deref(hospital.Affected), out)
	}
}

// exportRecords0 is export --format jsonl as text.
func exportRecords0(t *testing.T, data string) (string, int) {
	t.Helper()
	r := mustRun(t, export.Run, "--data", data)
	return r.Stdout, strings.Count(r.Stdout, "\n")
}
