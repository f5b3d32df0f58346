package show_test

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/incidex/incidex/cmd/incidex/cli"
	"github.com/incidex/incidex/cmd/incidex/export"
	"github.com/incidex/incidex/cmd/incidex/internal/clitest"
	"github.com/incidex/incidex/cmd/incidex/show"
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

// fixtureIDs maps the base name of each incident's current source to its id.
func fixtureIDs(t *testing.T, data string) map[string]string {
	t.Helper()
	ids := map[string]string{}
	out := mustRun(t, export.Run, "--data", data).Stdout
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
		out := mustRun(t, show.Run, "--data", data, id).Stdout
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
		out := mustRun(t, show.Run, "--data", data, "--format", "json", ids["aozora.txt"]).Stdout
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
			if r.Code != tt.code || r.Stdout != "" || !strings.Contains(r.Stderr, tt.has) {
				t.Errorf("show %q: exit %d, stdout %q, stderr %q; want %d, nothing, and %q", tt.args, r.Code, r.Stdout, r.Stderr, tt.code, tt.has)
			}
		}
	})
}
