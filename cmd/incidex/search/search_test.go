package search_test

import (
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
	"github.com/incidex/incidex/cmd/incidex/internal/clitest"
	"github.com/incidex/incidex/cmd/incidex/search"
	"github.com/incidex/incidex/cmd/incidex/show"
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

// record is one line of "export --format jsonl".
type record struct {
	ID           string   `json:"id"`
	Source       string   `json:"source"`
	Organization *string  `json:"organization"`
	Causes       []string `json:"causes"`
	Versions     int      `json:"versions"`
}

func exportRecords(t *testing.T, data string) []record {
	t.Helper()
	out := mustRun(t, export.Run, "--data", data).Stdout
	var recs []record
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		var r record
		if err := json.Unmarshal([]byte(line), &r); err != nil || r.ID == "" {
			t.Fatalf("export line is not a record with an id (%v):\n%s", err, line)
		}
		recs = append(recs, r)
	}
	return recs
}

// fixtureIDs maps the base name of each incident's current source to its id.
func fixtureIDs(t *testing.T, data string) map[string]string {
	t.Helper()
	ids := map[string]string{}
	for _, r := range exportRecords(t, data) {
		ids[filepath.Base(r.Source)] = r.ID
	}
	if len(ids) != 6 {
		t.Fatalf("fixtures: %d incidents %v, want 6", len(ids), ids)
	}
	return ids
}

// hit is one hit of search --format json or jsonl.
type hit struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Published string   `json:"published"`
	Causes    []string `json:"causes"`
	Affected  *int64   `json:"affected"`
	Versions  int      `json:"versions"`
}

// facet is one count of search --facets.
type facet struct {
	Name  string
	Count int
}

// found is search --format json.
type found struct {
	Total  uint64             `json:"total"`
	Hits   []hit              `json:"hits"`
	Facets map[string][]facet `json:"facets"`
}

// parseFound reads the output of search in format json or jsonl; every hit
// must carry an id.
func parseFound(t *testing.T, format, out string) found {
	t.Helper()
	var f found
	switch format {
	case "json":
		if err := json.Unmarshal([]byte(out), &f); err != nil {
			t.Fatalf("output is not JSON: %v\n%s", err, out)
		}
	case "jsonl":
		for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			if line == "" {
				continue
			}
			var h hit
			if err := json.Unmarshal([]byte(line), &h); err != nil {
				t.Fatalf("line is not a JSON hit: %v\n%s", err, line)
			}
			f.Hits = append(f.Hits, h)
		}
	default:
		t.Fatalf("format %q", format)
	}
	for _, h := range f.Hits {
		if h.ID == "" {
			t.Fatalf("a hit without an id:\n%s", out)
		}
	}
	return f
}

func hitIDs(hs []hit) []string {
	ids := make([]string, len(hs))
	for i, h := range hs {
		ids[i] = h.ID
	}
	return ids
}

// The fixtures, newest first (the date a notice carries):
//
//	mikazuki-usb.txt  2024-10-01  loss                 120   PPC, police
//	mikazuki-2.txt    2024-04-20  misdelivery          4     (第1報 2 → 第2報 4)
//	aozora.txt        2023-07-14  ransomware           23000 via a contractor; birthdate
//	hinata.txt        2023-02-01  misdelivery          —
//	hoshizora.txt     2022-12-05  unauthorized_access  850
//	komorebi.txt      2021-03-08  misdisplay           310
func TestSearch(t *testing.T) {
	data := ingestFixtures(t)
	ids := fixtureIDs(t, data)
	byDate := []string{"mikazuki-usb.txt", "mikazuki-2.txt", "aozora.txt", "hinata.txt", "hoshizora.txt", "komorebi.txt"}

	tests := []struct {
		name   string
		args   []string
		format string   // json when empty
		want   []string // fixture names in the order expected
		total  int      // when not len(want)
		sorted bool     // compare as sets: the order is by relevance
	}{
		{name: "cause", args: []string{"--cause", "misdelivery"}, want: []string{"mikazuki-2.txt", "hinata.txt"}},
		{name: "data type", args: []string{"--data-type", "birthdate"}, want: []string{"aozora.txt"}},
		{name: "since and until a year", args: []string{"--since", "2023", "--until", "2023"}, want: []string{"aozora.txt", "hinata.txt"}},
		{name: "since a day, inclusive", args: []string{"--since", "2024-04-20"}, want: []string{"mikazuki-usb.txt", "mikazuki-2.txt"}},
		{name: "until a day, inclusive", args: []string{"--until", "2022-12-05"}, want: []string{"hoshizora.txt", "komorebi.txt"}},
		{name: "until a month", args: []string{"--until", "2023-02"}, want: []string{"hinata.txt", "hoshizora.txt", "komorebi.txt"}},
		{name: "min affected, inclusive", args: []string{"--min-affected", "850"}, want: []string{"aozora.txt", "hoshizora.txt"}},
		{name: "max affected, inclusive, unknown left out", args: []string{"--max-affected", "120"}, want: []string{"mikazuki-usb.txt", "mikazuki-2.txt"}},
		{name: "third party", args: []string{"--third-party", "yes"}, want: []string{"aozora.txt"}},
		{name: "no third party", args: []string{"--third-party", "no"}, want: slices.DeleteFunc(slices.Clone(byDate), func(s string) bool { return s == "aozora.txt" })},
		{name: "organization", args: []string{"--org", "ミカヅキ通商"}, want: []string{"mikazuki-usb.txt", "mikazuki-2.txt"}},
		{name: "sort date: everything, newest first", args: []string{"--sort", "date"}, want: byDate},
		{name: "sort affected, unknown last", args: []string{"--sort", "affected"},
			want: []string{"aozora.txt", "hoshizora.txt", "komorebi.txt", "mikazuki-usb.txt", "mikazuki-2.txt", "hinata.txt"}},
		{name: "limit", args: []string{"--sort", "affected", "--limit", "2"}, want: []string{"aozora.txt", "hoshizora.txt"}, total: 6},
		{name: "two causes, jsonl", args: []string{"--cause", "ransomware", "--cause", "loss"}, format: "jsonl", want: []string{"mikazuki-usb.txt", "aozora.txt"}},
		{name: "query and filter", args: []string{"誤送信", "--since", "2024"}, want: []string{"mikazuki-2.txt"}},
		{name: "query, sort date", args: []string{"漏えい", "--sort", "date"}, want: []string{"mikazuki-2.txt", "aozora.txt", "hoshizora.txt"}},
		{name: "query in another spelling", args: []string{"メモリ"}, want: []string{"mikazuki-usb.txt"}},
		{name: "query with no match", args: []string{"ランサムウェア", "--cause", "loss"}, want: []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			format := tt.format
			if format == "" {
				format = "json"
			}
			r := mustRun(t, search.Run, append([]string{"--data", data, "--format", format}, tt.args...)...)
			f := parseFound(t, format, r.Stdout)
			want := make([]string, len(tt.want))
			for i, name := range tt.want {
				if want[i] = ids[name]; want[i] == "" {
					t.Fatalf("no incident for fixture %s", name)
				}
			}
			got := hitIDs(f.Hits)
			if !slices.Equal(got, want) {
				names := map[string]string{}
				for n, id := range ids {
					names[id] = n
				}
				var gotNames []string
				for _, id := range got {
					gotNames = append(gotNames, names[id])
				}
				t.Errorf("search %q = %v, want %v", tt.args, gotNames, tt.want)
			}
			total := tt.total
			if total == 0 {
				total = len(tt.want)
			}
			if format == "json" && f.Total != uint64(total) {
				t.Errorf("total %d, want %d", f.Total, total)
			}
		})
	}

	t.Run("hits carry the incident", func(t *testing.T) {
		f := parseFound(t, "json", mustRun(t, search.Run, "--data", data, "--format", "json", "--cause", "misdelivery", "--sort", "date").Stdout)
		if len(f.Hits) != 2 {
			t.Fatalf("hits %v", f.Hits)
		}
		if h := f.Hits[0]; h.Versions != 2 || h.Affected == nil || *h.Affected != 4 || h.Published != "2024-04-20" ||
			!slices.Equal(h.Causes, []string{"misdelivery"}) || !strings.Contains(h.Title, "第2報") {
			t.Errorf("the follow-up incident's hit: %+v", h)
		}
		if h := f.Hits[1]; h.Versions != 1 || h.Affected != nil {
			t.Errorf("the FAX incident's hit: %+v, want one version and no count", h)
		}
	})

	t.Run("facets", func(t *testing.T) {
		f := parseFound(t, "json", mustRun(t, search.Run, "--data", data, "--format", "json", "--facets").Stdout)
		counts := func(name string) map[string]int {
			m := map[string]int{}
			for _, c := range f.Facets[name] {
				m[c.Name] = c.Count
			}
			return m
		}
		wantCauses := map[string]int{"misdelivery": 2, "loss": 1, "ransomware": 1, "unauthorized_access": 1, "misdisplay": 1}
		if got := counts("causes"); !mapsEqual(got, wantCauses) {
			t.Errorf("cause facet %v, want %v", got, wantCauses)
		}
		wantYears := map[string]int{"2024": 2, "2023": 2, "2022": 1, "2021": 1}
		if got := counts("year"); !mapsEqual(got, wantYears) {
			t.Errorf("year facet %v, want %v", got, wantYears)
		}
		wantAffected := map[string]int{"1-99": 1, "100-999": 3, "1k-9,999": 0, "10k-99,999": 1, "100k+": 0, "unknown": 1}
		if got := counts("affected"); !mapsEqual(got, wantAffected) {
			t.Errorf("affected facet %v, want %v", got, wantAffected)
		}
	})

	t.Run("table", func(t *testing.T) {
		out := mustRun(t, search.Run, "--data", data, "--cause", "misdelivery", "--sort", "date").Stdout
		for _, want := range []string{ids["mikazuki-2.txt"], ids["hinata.txt"], "株式会社ミカヅキ通商", "(2 reports)", "2 incidents (2 shown)"} {
			if !strings.Contains(out, want) {
				t.Errorf("table does not show %q:\n%s", want, out)
			}
		}
	})

	t.Run("similar", func(t *testing.T) {
		seed := ids["mikazuki-2.txt"]
		f := parseFound(t, "jsonl", mustRun(t, search.RunSimilar, "--data", data, "--format", "jsonl", seed).Stdout)
		got := hitIDs(f.Hits)
		if len(got) == 0 || slices.Contains(got, seed) {
			t.Fatalf("similar to %s = %v, want other incidents only", seed, got)
		}
		if got[0] != ids["hinata.txt"] {
			t.Errorf("similar to the e-mail misdelivery: first %s, want the FAX misdelivery %s (the only other misdelivery)", got[0], ids["hinata.txt"])
		}
		if r := run(t, search.RunSimilar, "--data", data, "nosuchincident"); r.Code != cli.ExitFailure || !strings.Contains(r.Stderr, "nosuchincident") {
			t.Errorf("similar to an unknown id: exit %d, stderr %q; want 1 naming it", r.Code, r.Stderr)
		}
	})
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// Bad flags are refused before the data directory is opened.
func TestSearchUsage(t *testing.T) {
	data := t.TempDir()
	tests := []struct {
		args []string
		has  string // on stderr
	}{
		{[]string{"--cause", "no_such_cause"}, `unknown cause "no_such_cause"`},
		{[]string{"漏えい", "--cause", "loss,no_such_cause"}, `unknown cause "no_such_cause"`},
		{[]string{"--data-type", "no_such_type", "漏えい"}, `unknown data type "no_such_type"`},
		{[]string{"--sort", "oldest"}, "oldest"},
		{[]string{"--since", "yesterday"}, "yesterday"},
		{[]string{"--min-affected", "-1"}, "-1"},
		{[]string{"--third-party", "maybe"}, "maybe"},
		{[]string{"--limit", "-1"}, "--limit"},
		{[]string{"--format", "xml"}, "xml"},
		{[]string{"--since", "2024", "--until", "2023-06"}, "before --since"},
	}
	for _, tt := range tests {
		r := run(t, search.Run, append([]string{"--data", data}, tt.args...)...)
		if r.Code != cli.ExitUsage || r.Stdout != "" || !strings.Contains(r.Stderr, tt.has) {
			t.Errorf("search %q: exit %d, stdout %q, stderr %q; want 2, nothing, and %q", tt.args, r.Code, r.Stdout, r.Stderr, tt.has)
		}
	}
	if entries, _ := os.ReadDir(data); len(entries) != 0 {
		t.Errorf("bad usage touched the data directory: %v", entries)
	}
}

// While another process writes the data directory, search fails at once.
func TestSearchBusy(t *testing.T) {
	data := t.TempDir()
	lock, err := datadir.Open(data, datadir.Write)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close()
	for _, args := range [][]string{{"漏えい"}, {"--cause", "loss"}} {
		start := time.Now()
		r := run(t, search.Run, append([]string{"--data", data}, args...)...)
		if took := time.Since(start); took > 3*time.Second {
			t.Errorf("search %q took %v to give up, want < 3s", args, took)
		}
		if r.Code != cli.ExitFailure || !strings.Contains(r.Stderr, "busy") || r.Stdout != "" {
			t.Errorf("search %q: exit %d, stdout %q, stderr %q; want 1 and a message saying busy", args, r.Code, r.Stdout, r.Stderr)
		}
	}
}

const seedDir = "/work/shared/seeds"

// The real seed notices: 19 notices, 17 incidents, the three reports of
// OLTA's INVOY incident (#2023-446) among them.
func TestSeeds(t *testing.T) {
	if _, err := os.Stat(seedDir); os.IsNotExist(err) {
		t.Skipf("%s is absent", seedDir)
	}
	data := t.TempDir()
	mustRun(t, ingest.Run, "--data", data, seedDir)
	recs := exportRecords(t, data)

	var olta, synapse []string
	for _, r := range recs {
		if r.Organization == nil {
			continue
		}
		switch {
		case strings.Contains(*r.Organization, "OLTA"):
			olta = append(olta, r.ID)
		case strings.Contains(*r.Organization, "シナプス"):
			synapse = append(synapse, r.ID)
		}
	}
	if len(olta) != 1 || len(synapse) != 1 {
		t.Fatalf("incidents of OLTA %v and シナプス %v, want one each", olta, synapse)
	}

	t.Run("OLTA's three reports are one incident", func(t *testing.T) {
		out := mustRun(t, show.Run, "--data", data, "--format", "json", olta[0]).Stdout
		var c struct {
			Versions []struct{ Position int }
		}
		if err := json.Unmarshal([]byte(out), &c); err != nil {
			t.Fatal(err)
		}
		if len(c.Versions) != 3 {
			t.Errorf("show %s: %d versions, want 3", olta[0], len(c.Versions))
		}
	})

	t.Run("誤表示", func(t *testing.T) {
		f := parseFound(t, "json", mustRun(t, search.Run, "--data", data, "--format", "json", "--limit", "100", "誤表示").Stdout)
		got := hitIDs(f.Hits)
		if !slices.Contains(got, olta[0]) || !slices.Contains(got, synapse[0]) {
			t.Errorf("誤表示 finds %v; want OLTA's %s and シナプス's %s among them", got, olta[0], synapse[0])
		}
	})

	t.Run("spellings of leak", func(t *testing.T) {
		var sets [][]string
		for _, q := range []string{"漏洩", "漏えい", "流出"} {
			f := parseFound(t, "json", mustRun(t, search.Run, "--data", data, "--format", "json", "--limit", "100", q).Stdout)
			sets = append(sets, slices.Sorted(slices.Values(hitIDs(f.Hits))))
		}
		if len(sets[0]) == 0 || !slices.Equal(sets[0], sets[1]) || !slices.Equal(sets[0], sets[2]) {
			t.Errorf("漏洩 %v\n漏えい %v\n流出 %v\nwant one set", sets[0], sets[1], sets[2])
		}
	})

	t.Run("cause facets count the exported incidents", func(t *testing.T) {
		f := parseFound(t, "json", mustRun(t, search.Run, "--data", data, "--format", "json", "--facets", "--limit", "100").Stdout)
		if int(f.Total) != len(recs) || len(f.Hits) != len(recs) {
			t.Errorf("listing: total %d, %d hits; export lists %d", f.Total, len(f.Hits), len(recs))
		}
		// An incident is counted once, under its primary cause, so the
		// counts add up to the stored incidents.
		want := map[string]int{}
		for _, r := range recs {
			want[r.Causes[0]]++
		}
		got, sum := map[string]int{}, 0
		for _, c := range f.Facets["causes"] {
			got[c.Name] = c.Count
			sum += c.Count
		}
		if !mapsEqual(got, want) || sum != len(recs) {
			t.Errorf("cause facet %v (sum %d); the exported incidents' primary causes %v (%d)", got, sum, want, len(recs))
		}
	})
}

// A data directory without an index says so instead of answering "0
// incidents" from an empty index it would create.
func TestSearchNoIndex(t *testing.T) {
	data := t.TempDir()
	r := run(t, search.Run, "--data", data, "漏えい")
	if r.Code != cli.ExitFailure || !strings.Contains(r.Stderr, "no search index") {
		t.Errorf("exit %d, stderr %q; want 1 and a hint to ingest or reindex", r.Code, r.Stderr)
	}
	if _, err := os.Stat(filepath.Join(data, "index")); !os.IsNotExist(err) {
		t.Errorf("search created an index: %v", err)
	}
}
