package reindex_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/incidex/incidex/cmd/incidex/cli"
	"github.com/incidex/incidex/cmd/incidex/ingest"
	"github.com/incidex/incidex/cmd/incidex/reindex"
	"github.com/incidex/incidex/cmd/incidex/search"
	"github.com/incidex/incidex/datadir"
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

// searches are the searches compared before and after a reindex.
var searches = [][]string{
	{"--facets", "--limit", "100"},
	{"漏えい", "--limit", "100"},
	{"メモリー", "--sort", "affected"},
}

// searchAll runs the searches and returns their results, without the time
// each took.
func searchAll(t *testing.T, data string) []map[string]any {
	t.Helper()
	var all []map[string]any
	for _, q := range searches {
		out := mustRun(t, search.Run, append([]string{"--data", data, "--format", "json"}, q...)...).stdout
		var res map[string]any
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("search %q: not JSON: %v\n%s", q, err, out)
		}
		if hits, _ := res["hits"].([]any); len(hits) == 0 {
			t.Fatalf("search %q found nothing:\n%s", q, out)
		}
		delete(res, "took_ms")
		all = append(all, res)
	}
	return all
}

func TestReindexRestoresTheIndex(t *testing.T) {
	data := ingestFixtures(t)
	before := searchAll(t, data)

	lock, err := datadir.Open(data, datadir.Read)
	if err != nil {
		t.Fatal(err)
	}
	index := lock.Index()
	lock.Close()
	if _, err := os.Stat(filepath.Join(index, "index_meta.json")); err != nil {
		t.Fatalf("no index where the data directory says: %v", err)
	}
	if err := os.RemoveAll(index); err != nil {
		t.Fatal(err)
	}

	r := mustRun(t, reindex.Run, "--data", data)
	if !strings.Contains(r.stderr, "reindex: 6 incidents indexed") || r.stdout != "" {
		t.Errorf("reindex stdout %q, stderr %q; want 6 incidents indexed, on stderr", r.stdout, r.stderr)
	}
	after := searchAll(t, data)
	for i, q := range searches {
		if !reflect.DeepEqual(after[i], before[i]) {
			b, _ := json.Marshal(before[i])
			a, _ := json.Marshal(after[i])
			t.Errorf("search %q after reindex:\n%s\nbefore:\n%s", q, a, b)
		}
	}
}

func TestReindexBusyAndUsage(t *testing.T) {
	data := t.TempDir()
	if r := run(t, reindex.Run, "--data", data, "extra"); r.code != cli.ExitUsage {
		t.Errorf("reindex extra: exit %d, want 2", r.code)
	}
	lock, err := datadir.Open(data, datadir.Read)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close()
	if r := run(t, reindex.Run, "--data", data); r.code != cli.ExitFailure || !strings.Contains(r.stderr, "busy") {
		t.Errorf("reindex while a reader holds the data directory: exit %d, stderr %q; want 1, busy", r.code, r.stderr)
	}
}
