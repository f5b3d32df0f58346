package show_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/incidex/incidex/cmd/incidex/cli"
	"github.com/incidex/incidex/cmd/incidex/export"
	"github.com/incidex/incidex/cmd/incidex/ingest"
	"github.com/incidex/incidex/cmd/incidex/show"
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

// fixtureIDs maps the base name of each incident's current source to its id.
func fixtureIDs(t *testing.T, data string) map[string]string {
	t.Helper()
	ids := map[string]string{}
	out := mustRun(t, export.Run, "--data", data).stdout
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		var r struct{ ID, Source string }
		if err := json.Unmarshal([]byte(line), &r); err != nil || r.ID == "" {
			t.Fatalf("export line is not a record with an id (%v):\n%s", err, line)
		}
		ids[filepath.Base(r.Source)] = r.ID
	}
	if len(ids) != 6 {
		t.Fatalf("fixtures: %d incidents %v, want 6", len(ids), ids)
	}
	return ids
}

func TestShow(t *testing.T) {
	data := ingestFixtures(t)
	ids := fixtureIDs(t, data)
	id := ids["mikazuki-2.txt"] // 第1報 (2件) and 第2報 (4件)

	t.Run("text lists the report history", func(t *testing.T) {
		out := mustRun(t, show.Run, "--data", data, id).stdout
		if !strings.HasPrefix(out, "incident "+id+"\n") {
			t.Errorf("output does not begin with the incident id:\n%s", out)
		}
		// The current figures come first, with their evidence: the 第2報's.
		for _, want := range []string{"株式会社ミカヅキ通商", "2024-04-05", "4件", "2 reports and versions"} {
			if !strings.Contains(out, want) {
				t.Errorf("output does not show %q:\n%s", want, out)
			}
		}
		var history []string
		for _, line := range strings.Split(out, "\n") {
			if strings.Contains(line, "第1報") && strings.Contains(line, "mikazuki-1.txt #1") ||
				strings.Contains(line, "第2報") && strings.Contains(line, "mikazuki-2.txt #1") {
				history = append(history, line)
			}
		}
		if len(history) != 2 || !strings.Contains(history[0], "第1報") {
			t.Fatalf("history rows %q, want the 第1報 then the 第2報:\n%s", history, out)
		}
		for i, want := range []string{"2024-04-10", "2024-04-20"} {
			if !strings.Contains(history[i], want) || !strings.Contains(history[i], "misdelivery") {
				t.Errorf("history row %q does not show published %s and the cause", history[i], want)
			}
		}
		if fields := strings.Fields(history[0]); !slices.Contains(fields, "2") {
			t.Errorf("the 第1報's row %q does not show its count, 2", history[0])
		}
		if fields := strings.Fields(history[1]); !slices.Contains(fields, "4") {
			t.Errorf("the 第2報's row %q does not show its count, 4", history[1])
		}
	})

	t.Run("json", func(t *testing.T) {
		out := mustRun(t, show.Run, "--data", data, "--format", "json", ids["aozora.txt"]).stdout
		var c struct {
			ID       string
			Current  map[string]any
			Versions []struct {
				Source     string
				Position   int
				IngestedAt time.Time
				Incident   map[string]any
			}
		}
		if err := json.Unmarshal([]byte(out), &c); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, out)
		}
		if c.ID != ids["aozora.txt"] || len(c.Versions) != 1 {
			t.Fatalf("show json: id %s, %d versions", c.ID, len(c.Versions))
		}
		v := c.Versions[0]
		if filepath.Base(v.Source) != "aozora.txt" || v.Position != 0 || v.IngestedAt.IsZero() {
			t.Errorf("version %+v", v)
		}
		for k, want := range map[string]any{"organization": "医療法人社団あおぞら会 あおぞら記念クリニック", "affected": 23000.0, "via_third_party": true} {
			if c.Current[k] != want {
				t.Errorf("current %s = %#v, want %#v", k, c.Current[k], want)
			}
		}
		if text, _ := c.Current["text"].(string); !strings.Contains(text, "ランサムウェアに感染") {
			t.Errorf("current text %q does not hold the notice", text)
		}
		if _, ok := c.Current["evidence"]; !ok {
			t.Errorf("current has no evidence: %v", c.Current)
		}
	})

	t.Run("errors", func(t *testing.T) {
		tests := []struct {
			args []string
			code int
			has  string
		}{
			{[]string{"nosuchincident"}, cli.ExitFailure, "nosuchincident: no such incident"},
			{[]string{"--format", "json", "zzzzzzzzzz"}, cli.ExitFailure, "zzzzzzzzzz: no such incident"},
			{nil, cli.ExitUsage, "give one incident ID"},
			{[]string{id, ids["aozora.txt"]}, cli.ExitUsage, "give one incident ID"},
			{[]string{"--format", "yaml", id}, cli.ExitUsage, "yaml"},
		}
		for _, tt := range tests {
			r := run(t, show.Run, append([]string{"--data", data}, tt.args...)...)
			if r.code != tt.code || r.stdout != "" || !strings.Contains(r.stderr, tt.has) {
				t.Errorf("show %q: exit %d, stdout %q, stderr %q; want %d, nothing, and %q", tt.args, r.code, r.stdout, r.stderr, tt.code, tt.has)
			}
		}
	})
}
