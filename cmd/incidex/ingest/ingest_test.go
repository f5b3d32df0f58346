package ingest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/incidex/incidex/bench/noticegen"
	"github.com/incidex/incidex/cmd/incidex/cli"
	"github.com/incidex/incidex/cmd/incidex/export"
	"github.com/incidex/incidex/cmd/incidex/ingest"
	"github.com/incidex/incidex/cmd/incidex/internal/clitest"
	"github.com/incidex/incidex/cmd/incidex/search"
	"github.com/incidex/incidex/cmd/incidex/show"
	"github.com/incidex/incidex/corpus"
	"github.com/incidex/incidex/datadir"
)

// The in-process runner and fixtures every command's tests share.
type (
	runFunc = clitest.Cmd
	result  = clitest.Result
)

var (
	run     = clitest.Run
	mustRun = clitest.MustRun
)

// copyNotices copies the fictional notices of ../testdata/notices into a
// new temporary directory and returns it.
func copyNotices(t *testing.T) string {
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
	return dir
}

// summary is the counts of ingest's last stderr line.
type summary struct {
	inputs, new, updated, unchanged, failed int
	casesNew, casesJoined, casesUpdated     int
}

var summaryLine = regexp.MustCompile(`incidex ingest: (\d+) inputs in [0-9.]+s: (\d+) new, (\d+) updated, (\d+) unchanged, (\d+) failed; incidents: (\d+) new, (\d+) joined an earlier one, (\d+) updated\n`)

func parseSummary(t *testing.T, stderr string) summary {
	t.Helper()
	m := summaryLine.FindAllStringSubmatch(stderr, -1)
	if len(m) != 1 {
		t.Fatalf("stderr holds %d summary lines, want 1:\n%s", len(m), stderr)
	}
	var n [8]int
	for i := range n {
		n[i], _ = strconv.Atoi(m[0][i+1])
	}
	return summary{n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7]}
}

// record is one line of "export --format jsonl".
type record struct {
	ID              string   `json:"id"`
	Source          string   `json:"source"`
	Organization    *string  `json:"organization"`
	Discovered      string   `json:"discovered"`
	Causes          []string `json:"causes"`
	Affected        *int64   `json:"affected"`
	Sequence        *int     `json:"sequence"`
	Versions        int      `json:"versions"`
	AffectedHistory []*int64 `json:"affected_history"`
}

// exportRecords runs export and returns its output and records by the base
// name of their current source.
func exportRecords(t *testing.T, data string) (string, map[string]record) {
	t.Helper()
	out := mustRun(t, export.Run, "--data", data, "--format", "jsonl").Stdout
	recs := map[string]record{}
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if line == "" {
			continue
		}
		var r record
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("export line is not a record: %v\n%s", err, line)
		}
		if r.ID == "" {
			t.Fatalf("export line without an id:\n%s", line)
		}
		base := filepath.Base(r.Source)
		if _, dup := recs[base]; dup {
			t.Fatalf("two incidents have the current source %s", base)
		}
		recs[base] = r
	}
	return out, recs
}

// searchIDs runs search --format json and returns the total and the hit ids
// in order.
func searchIDs(t *testing.T, data string, args ...string) (uint64, []string) {
	t.Helper()
	out := mustRun(t, search.Run, append([]string{"--data", data, "--format", "json"}, args...)...).Stdout
	var res struct {
		Total uint64 `json:"total"`
		Hits  []struct {
			ID string `json:"id"`
		} `json:"hits"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("search %q: output is not JSON: %v\n%s", args, err, out)
	}
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		if h.ID == "" {
			t.Fatalf("search %q: a hit without an id:\n%s", args, out)
		}
		ids[i] = h.ID
	}
	return res.Total, ids
}

// shownCase is "show --format json": the case with every version.
type shownCase struct {
	ID      string
	Current struct {
		Affected *int64 `json:"affected"`
	}
	Versions []struct {
		Source   string
		Incident struct {
			Affected   *int64 `json:"affected"`
			Discovered string `json:"discovered"`
			Sequence   *int   `json:"sequence"`
		}
	}
}

func showCase(t *testing.T, data, id string) shownCase {
	t.Helper()
	out := mustRun(t, show.Run, "--data", data, "--format", "json", id).Stdout
	var c shownCase
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatalf("show %s: output is not JSON: %v\n%s", id, err, out)
	}
	if c.ID != id {
		t.Fatalf("show %s: id %q", id, c.ID)
	}
	return c
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// The notices of testdata: seven files, six incidents. mikazuki-1.txt and
// mikazuki-2.txt are the 第1報 (2件) and 第2報 (4件) of one misdelivery found
// on 2024-04-05; mikazuki-usb.txt is the same company's USB loss of
// September, another incident.
func TestIngestIdempotentFollowUpsAndUpdates(t *testing.T) {
	notices := copyNotices(t)
	data := t.TempDir()

	first := mustRun(t, ingest.Run, "--data", data, notices)
	if got, want := parseSummary(t, first.Stderr), (summary{inputs: 7, new: 7, casesNew: 6, casesJoined: 1}); got != want {
		t.Errorf("first ingest: %+v, want %+v\n%s", got, want, first.Stderr)
	}
	if first.Stdout != "" {
		t.Errorf("ingest wrote to stdout: %q", first.Stdout)
	}
	exported, recs := exportRecords(t, data)
	_, listed := searchIDs(t, data, "--sort", "date", "--limit", "100")
	_, found := searchIDs(t, data, "漏えい", "--limit", "100")
	if len(recs) != 6 || len(listed) != 6 || len(found) == 0 {
		t.Fatalf("%d incidents exported, %d listed, %d found for 漏えい; want 6, 6, some", len(recs), len(listed), len(found))
	}

	t.Run("follow-up reports are one incident", func(t *testing.T) {
		mk, ok := recs["mikazuki-2.txt"]
		if !ok {
			t.Fatalf("no incident whose current report is the 第2報; exported %v", slices.Sorted(maps.Keys(recs)))
		}
		if _, ok := recs["mikazuki-1.txt"]; ok {
			t.Errorf("the 第1報 is an incident of its own")
		}
		if mk.Versions != 2 || deref(mk.Affected) != int64(4) || deref(mk.Sequence) != 2 {
			t.Errorf("incident: %d versions, affected %v, sequence %v; want 2, 4, 2", mk.Versions, deref(mk.Affected), deref(mk.Sequence))
		}
		if h := mk.AffectedHistory; len(h) != 2 || deref(h[0]) != int64(2) || deref(h[1]) != int64(4) {
			t.Errorf("affected history %v, want [2 4]", h)
		}
		c := showCase(t, data, mk.ID)
		if len(c.Versions) != 2 {
			t.Fatalf("show: %d versions, want 2", len(c.Versions))
		}
		for i, want := range []string{"mikazuki-1.txt", "mikazuki-2.txt"} {
			v := c.Versions[i]
			if filepath.Base(v.Source) != want || deref(v.Incident.Sequence) != i+1 || v.Incident.Discovered != "2024-04-05" {
				t.Errorf("version %d: %s, sequence %v, discovered %s; want %s, %d, 2024-04-05",
					i, filepath.Base(v.Source), deref(v.Incident.Sequence), v.Incident.Discovered, want, i+1)
			}
		}
		if deref(c.Current.Affected) != int64(4) {
			t.Errorf("show: current affected %v, want 4 (the 第2報's)", deref(c.Current.Affected))
		}

		usb, ok := recs["mikazuki-usb.txt"]
		if !ok || usb.ID == mk.ID || usb.Versions != 1 || !slices.Equal(usb.Causes, []string{"loss"}) {
			t.Errorf("the same company's USB loss five months later: %+v (found %v); want its own incident, cause loss", usb, ok)
		}
		if usb.Organization == nil || mk.Organization == nil || *usb.Organization != *mk.Organization {
			t.Errorf("organizations %v and %v, want the same", deref(usb.Organization), deref(mk.Organization))
		}
	})

	t.Run("a second run changes nothing", func(t *testing.T) {
		again := mustRun(t, ingest.Run, "--data", data, notices)
		if got, want := parseSummary(t, again.Stderr), (summary{inputs: 7, unchanged: 7}); got != want {
			t.Errorf("second ingest: %+v, want %+v\n%s", got, want, again.Stderr)
		}
		if got, _ := exportRecords(t, data); got != exported {
			t.Errorf("export changed after re-ingest:\nbefore\n%s\nafter\n%s", exported, got)
		}
		if _, got := searchIDs(t, data, "--sort", "date", "--limit", "100"); !slices.Equal(got, listed) {
			t.Errorf("listing after re-ingest %v, before %v", got, listed)
		}
		if _, got := searchIDs(t, data, "漏えい", "--limit", "100"); !slices.Equal(got, found) {
			t.Errorf("漏えい after re-ingest %v, before %v", got, found)
		}
	})

	t.Run("a changed file is updated", func(t *testing.T) {
		p := filepath.Join(notices, "hoshizora.txt")
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		changed := strings.Replace(string(b), "お客様850名", "お客様900名", 1)
		if changed == string(b) {
			t.Fatal("fixture hoshizora.txt does not say お客様850名")
		}
		if err := os.WriteFile(p, []byte(changed), 0o644); err != nil {
			t.Fatal(err)
		}
		r := mustRun(t, ingest.Run, "--data", data, notices)
		if got, want := parseSummary(t, r.Stderr), (summary{inputs: 7, updated: 1, unchanged: 6, casesUpdated: 1}); got != want {
			t.Errorf("ingest after the change: %+v, want %+v\n%s", got, want, r.Stderr)
		}
		id := recs["hoshizora.txt"].ID
		c := showCase(t, data, id)
		if len(c.Versions) != 2 {
			t.Fatalf("show %s: %d versions, want 2", id, len(c.Versions))
		}
		if a0, a1 := deref(c.Versions[0].Incident.Affected), deref(c.Versions[1].Incident.Affected); a0 != int64(850) || a1 != int64(900) {
			t.Errorf("versions affected %v → %v, want 850 → 900", a0, a1)
		}
		if deref(c.Current.Affected) != int64(900) {
			t.Errorf("current affected %v, want 900", deref(c.Current.Affected))
		}
	})
}

func TestIngestBadInputs(t *testing.T) {
	notices := copyNotices(t)
	data := t.TempDir()
	empty := filepath.Join(notices, "empty.txt")
	blank := filepath.Join(notices, "blank.txt")
	missing := filepath.Join(notices, "no-such-notice.txt")
	for p, body := range map[string]string{empty: "", blank: " \n\t\n"} {
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	good1, good2 := filepath.Join(notices, "komorebi.txt"), filepath.Join(notices, "aozora.txt")
	r := run(t, ingest.Run, "--data", data, good1, empty, missing, blank, good2)
	if r.Code != cli.ExitFailure {
		t.Errorf("exit %d, want 1", r.Code)
	}
	for _, want := range []string{
		"incidex ingest: " + empty + ": empty input\n",
		"incidex ingest: " + blank + ": empty input\n",
		"incidex ingest: " + missing + ": no such file or directory\n",
	} {
		if !strings.Contains(r.Stderr, want) {
			t.Errorf("stderr does not hold %q:\n%s", want, r.Stderr)
		}
	}
	s := parseSummary(t, r.Stderr)
	if s.new != 2 || s.failed != 3 || s.updated != 0 || s.unchanged != 0 || s.casesNew != 2 {
		t.Errorf("summary %+v, want 2 new and 3 failed inputs, 2 new incidents\n%s", s, r.Stderr)
	}
	_, recs := exportRecords(t, data)
	if len(recs) != 2 || recs["komorebi.txt"].ID == "" || recs["aozora.txt"].ID == "" {
		t.Errorf("stored %v, want the two good notices", recs)
	}
}

// Another process writing the data directory makes ingest fail at once.
func TestIngestBusy(t *testing.T) {
	notices := copyNotices(t)
	data := t.TempDir()
	lock, err := datadir.Open(data, datadir.Write)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close()
	start := time.Now()
	r := run(t, ingest.Run, "--data", data, notices)
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("ingest took %v to give up, want < 3s", took)
	}
	if r.Code != cli.ExitFailure || !strings.Contains(r.Stderr, "busy") {
		t.Errorf("exit %d, stderr %q; want 1 and a message saying busy", r.Code, r.Stderr)
	}
	if _, err := os.Stat(filepath.Join(data, corpus.FileName)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the busy ingest created the store (%v)", err)
	}
}

// Environment of TestHelperIngest, the child process of TestIngestKilled.
const (
	helperData   = "INCIDEX_TEST_HELPER_DATA"
	helperInputs = "INCIDEX_TEST_HELPER_INPUTS"
)

// TestHelperIngest is not a test: TestIngestKilled runs the test binary
// with only this test and helperData set, to have an ingest to kill.
func TestHelperIngest(t *testing.T) {
	data := os.Getenv(helperData)
	if data == "" {
		return
	}
	env := cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	os.Exit(ingest.Run(context.Background(), env, []string{"--data", data, "--workers", "1", os.Getenv(helperInputs)}))
}

// An ingest killed (SIGKILL) midway and run again ends as an uninterrupted
// one: same records, same ids, same search results.
func TestIngestKilled(t *testing.T) {
	const notices = 150
	inputs := filepath.Join(t.TempDir(), "notices")
	if err := os.Mkdir(inputs, 0o755); err != nil {
		t.Fatal(err)
	}
	g := noticegen.New(1)
	for i := range notices {
		n := g.Notice(i)
		ext := "txt"
		if n.HTML {
			ext = "html"
		}
		if err := os.WriteFile(filepath.Join(inputs, fmt.Sprintf("%03d.%s", i, ext)), []byte(n.Text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	killed, whole := t.TempDir(), t.TempDir()

	stored := killIngest(t, killed, inputs, 20)

	resumed := mustRun(t, ingest.Run, "--data", killed, inputs)
	if !strings.Contains(resumed.Stderr, "interrupted") {
		t.Errorf("the run after the kill does not say the last one was interrupted:\n%s", resumed.Stderr)
	}
	s := parseSummary(t, resumed.Stderr)
	if s.inputs != notices || s.failed != 0 || s.unchanged == 0 || s.new == 0 || s.new+s.updated+s.unchanged != notices {
		t.Errorf("resumed ingest %+v: want %d inputs, some unchanged (stored before the kill), the rest new\n%s", s, notices, resumed.Stderr)
	}

	ref := mustRun(t, ingest.Run, "--data", whole, inputs)
	if s := parseSummary(t, ref.Stderr); s.new != notices || s.failed != 0 {
		t.Errorf("uninterrupted ingest %+v, want %d new", s, notices)
	}

	got, gotRecs := exportRecords(t, killed)
	want, wantRecs := exportRecords(t, whole)
	t.Logf("killed with %d of %d incidents stored; resumed: %+v", stored, len(wantRecs), s)
	if len(wantRecs) <= stored {
		t.Errorf("%d incidents in all, %d stored when killed: the kill came too late", len(wantRecs), stored)
	}
	if got != want {
		t.Errorf("export after kill and resume (%d incidents) differs from an uninterrupted ingest's (%d)", len(gotRecs), len(wantRecs))
		gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Errorf("first difference, line %d:\n got %s\nwant %s", i+1, gl[i], wl[i])
				break
			}
		}
	}
	for _, q := range [][]string{
		{"--sort", "date", "--limit", "1000"},
		{"不正アクセス", "--limit", "1000"},
		{"漏えい", "--cause", "misdelivery", "--sort", "affected", "--limit", "1000"},
	} {
		gotTotal, gotIDs := searchIDs(t, killed, q...)
		wantTotal, wantIDs := searchIDs(t, whole, q...)
		if gotTotal != wantTotal || !slices.Equal(gotIDs, wantIDs) || len(wantIDs) == 0 {
			t.Errorf("search %q: %d hits %v after kill and resume, %d hits %v uninterrupted", q, gotTotal, gotIDs, wantTotal, wantIDs)
		}
	}
}

// killIngest starts an ingest of inputs into data in a child process,
// SIGKILLs it once the store holds at least atLeast incidents, and returns
// how many it held then.
func killIngest(t *testing.T, data, inputs string, atLeast int) int {
	t.Helper()
	ctx := context.Background()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperIngest$", "-test.count=1")
	cmd.Env = append(os.Environ(), helperData+"="+data, helperInputs+"="+inputs)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	kill := func() error {
		cmd.Process.Kill()
		return <-done
	}

	// The index directory appears once the child's store is open and
	// migrated, so opening the store here never writes to it.
	var store *corpus.Store
	defer func() {
		if store != nil {
			store.Close()
		}
	}()
	deadline := time.Now().Add(2 * time.Minute)
	n := 0
	for {
		select {
		case err := <-done:
			t.Fatalf("the ingest ended (%v) with %d incidents stored before it could be killed:\n%s", err, n, out.String())
		default:
		}
		if time.Now().After(deadline) {
			kill()
			t.Fatalf("the store held %d incidents after 2 minutes:\n%s", n, out.String())
		}
		if store == nil {
			if _, err := os.Stat(filepath.Join(data, "index")); err == nil {
				var err error
				if store, err = corpus.Open(ctx, data); err != nil {
					kill()
					t.Fatal(err)
				}
			}
		}
		if store != nil {
			if cases, _, err := store.Count(ctx); err == nil {
				n = cases
			}
		}
		if n >= atLeast {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	err := kill()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("the ingest was not killed: %v\n%s", err, out.String())
	}
	if cases, _, err := store.Count(ctx); err != nil || cases < n {
		t.Fatalf("after the kill the store holds %d incidents (%v), %d before", cases, err, n)
	} else {
		n = cases
	}
	return n
}

// TestIngestNotBreach stores a page that is no breach notice (a product
// announcement saying お知らせ) without an incident, says so in the summary
// without failing, and does not read it again unchanged.
func TestIngestNotBreach(t *testing.T) {
	notices := copyNotices(t)
	data := t.TempDir()
	product := filepath.Join(notices, "product.txt")
	text := "新商品「ひだまりブレンド」発売のお知らせ\n2024年5月20日\n株式会社架空珈琲\n" +
		"いつも当社製品をご愛顧いただき誠にありがとうございます。春の新商品を2024年6月1日より全国の店舗にて発売いたします。\n"
	if err := os.WriteFile(product, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(notices, "komorebi.txt")
	r := run(t, ingest.Run, "--data", data, product, good)
	if r.Code != cli.ExitOK {
		t.Errorf("exit %d, want 0:\n%s", r.Code, r.Stderr)
	}
	if !strings.Contains(r.Stderr, ", 1 not a breach notice, 0 failed") {
		t.Errorf("summary does not count the product announcement:\n%s", r.Stderr)
	}
	if _, recs := exportRecords(t, data); len(recs) != 1 || recs["komorebi.txt"].ID == "" {
		t.Errorf("stored %v, want the one notice", recs)
	}
	again := run(t, ingest.Run, "--data", data, product, good)
	if s := parseSummary(t, again.Stderr); s.unchanged != 2 {
		t.Errorf("second run %+v, want both inputs unchanged\n%s", s, again.Stderr)
	}
}
