package reindex_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/incidex/incidex/cmd/incidex/cli"
	"github.com/incidex/incidex/cmd/incidex/internal/clitest"
	"github.com/incidex/incidex/cmd/incidex/reindex"
	"github.com/incidex/incidex/cmd/incidex/search"
	"github.com/incidex/incidex/datadir"
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
		out := mustRun(t, search.Run, append([]string{"--data", data, "--format", "json"}, q...)...).Stdout
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
	if !strings.Contains(r.Stderr, "reindex: 6 incidents indexed") || r.Stdout != "" {
		t.Errorf("reindex stdout %q, stderr %q; want 6 incidents indexed, on stderr", r.Stdout, r.Stderr)
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
	if r := run(t, reindex.Run, "--data", data, "extra"); r.Code != cli.ExitUsage {
		t.Errorf("reindex extra: exit %d, want 2", r.Code)
	}
	lock, err := datadir.Open(data, datadir.Read)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close()
	if r := run(t, reindex.Run, "--data", data); r.Code != cli.ExitFailure || !strings.Contains(r.Stderr, "busy") {
		t.Errorf("reindex while a reader holds the data directory: exit %d, stderr %q; want 1, busy", r.Code, r.Stderr)
	}
}
