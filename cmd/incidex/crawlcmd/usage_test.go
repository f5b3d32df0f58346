package crawlcmd_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/incidex/incidex/cmd/incidex/cli"
	"github.com/incidex/incidex/cmd/incidex/crawlcmd"
	"github.com/incidex/incidex/cmd/incidex/internal/clitest"
	"github.com/incidex/incidex/crawl"
	"github.com/incidex/incidex/datadir"
)

// With no sources file and no arguments, a dry run lists the built-in
// sources: the aggregator's feed and sitemap, never its /search pager. It
// fetches nothing (there is no network in the tests) and creates nothing.
func TestDryRunDefaults(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	r := clitest.MustRun(t, crawlcmd.Run, "--data", data, "--dry-run", "--format", "json")
	var plan []crawl.Planned
	if err := json.Unmarshal([]byte(r.Stdout), &plan); err != nil {
		t.Fatalf("%v\n%s", err, r.Stdout)
	}
	kinds := map[string]string{}
	for _, p := range plan {
		if p.Source == "b-son" {
			kinds[p.Kind] = p.URL
		}
		if strings.Contains(p.URL, "/search") {
			t.Errorf("the plan fetches %s, which Blogger disallows", p.URL)
		}
	}
	if !strings.HasPrefix(kinds["feed"], "https://blog.b-son.net/feeds/posts/") || kinds["sitemap"] != "https://blog.b-son.net/sitemap.xml" {
		t.Errorf("plan %+v: want b-son's feed and sitemap", plan)
	}
	if _, err := os.Stat(data); !os.IsNotExist(err) {
		t.Errorf("a dry run created the data directory (%v)", err)
	}
	text := clitest.MustRun(t, crawlcmd.Run, "--data", data, "--dry-run")
	if !strings.Contains(text.Stdout, "b-son") || !strings.Contains(text.Stdout, "https://blog.b-son.net/sitemap.xml") {
		t.Errorf("text plan:\n%s", text.Stdout)
	}
}

func TestUsageErrors(t *testing.T) {
	data := t.TempDir()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--source", "nope"}, `no source "nope" (known: b-son)`},
		{[]string{"ftp://example.jp/"}, "only http and https"},
		{[]string{"--since", "last week", "https://example.jp/"}, "--since"},
		{[]string{"--parallel", "0", "https://example.jp/"}, "--parallel must be >= 1"},
		{[]string{"--timeout", "0s", "https://example.jp/"}, "--timeout > 0"},
		{[]string{"--contact", "me", "https://example.jp/"}, "--contact"},
		{[]string{"--format", "xml"}, "must be one of text, json"},
	}
	for _, tt := range tests {
		r := clitest.Run(t, crawlcmd.Run, append([]string{"--data", data}, tt.args...)...)
		if r.Code != cli.ExitUsage || !strings.Contains(r.Stderr, tt.want) {
			t.Errorf("%q: exit %d, stderr %q; want 2 and %q", tt.args, r.Code, r.Stderr, tt.want)
		}
	}
}

// A broken sources file is named with its line, and nothing is fetched.
func TestBadSourcesFile(t *testing.T) {
	data := t.TempDir()
	file := filepath.Join(data, "sources.yaml")
	if err := os.WriteFile(file, []byte("sources:\n  - name: a\n    feed: not-a-url\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := clitest.Run(t, crawlcmd.Run, "--data", data, "--dry-run")
	if r.Code != cli.ExitFailure || !strings.Contains(r.Stderr, file+":3: feed: not-a-url") {
		t.Errorf("exit %d, stderr %q; want 1 and the file and line", r.Code, r.Stderr)
	}
}

// Another process writing the data directory makes the crawl fail at once.
func TestCrawlBusy(t *testing.T) {
	data := t.TempDir()
	lock, err := datadir.Open(data, datadir.Write)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close()
	start := time.Now()
	r := clitest.Run(t, crawlcmd.Run, "--data", data, "https://example.invalid/")
	if r.Code != cli.ExitFailure || !strings.Contains(r.Stderr, "busy") || time.Since(start) > 3*time.Second {
		t.Errorf("exit %d, stderr %q after %v; want 1 at once, saying busy", r.Code, r.Stderr, time.Since(start))
	}
}

// On a terminal the crawl runs with a progress bar (mpb draws nothing into
// a buffer, so only that it runs and ends is checked), and --no-ingest
// leaves the capture for a later run.
func TestProgressOnTerminal(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/news/0610.html" {
			w.Header().Set("Content-Type", "text/html; charset=UTF-8")
			w.Write(aggPost(posts[0]))
			return
		}
		http.NotFound(w, r)
	}))
	defer srv.Close()
	data := t.TempDir()
	var stdout, stderr bytes.Buffer
	env := cli.Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, StdoutIsTTY: true, Width: 80,
		Getenv: func(string) string { return "" }}
	code := crawlcmd.Run(t.Context(), env, []string{"--data", data, "--delay", "1ms", "--no-ingest", srv.URL + "/news/0610.html"})
	if code != cli.ExitOK || !strings.Contains(stderr.String(), "1 fetched") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr.String())
	}
	st, err := crawl.OpenState(filepath.Join(data, "crawl"), true)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if files, err := st.Uningested(filepath.Join(data, "captures")); err != nil || len(files) != 1 {
		t.Errorf("captures left to ingest: %v, %v; want the one of this run", files, err)
	}
}

// --print-sources prints the built-in sources file, which parses.
func TestPrintSources(t *testing.T) {
	r := clitest.MustRun(t, crawlcmd.Run, "--data", t.TempDir(), "--print-sources")
	s, err := crawl.ParseSources("printed", []byte(r.Stdout), "")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Lookup("b-son"); !ok {
		t.Errorf("printed sources lack b-son:\n%s", r.Stdout)
	}
}

// A source may be a local directory: its files are ingested as they are,
// with nothing fetched.
func TestLocalPathSource(t *testing.T) {
	data := t.TempDir()
	notices, err := filepath.Abs(filepath.Join("..", "testdata", "notices"))
	if err != nil {
		t.Fatal(err)
	}
	yaml := "sources:\n  - name: saved\n    path: " + notices + "\n"
	if err := os.WriteFile(filepath.Join(data, "sources.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	r := clitest.MustRun(t, crawlcmd.Run, "--data", data, "--source", "saved", "--format", "json")
	var rep report
	if err := json.Unmarshal([]byte(r.Stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Requests != 0 || rep.Ingest == nil || rep.Ingest.ExitCode != 0 || !strings.Contains(rep.Ingest.Summary, "7 new") {
		t.Errorf("report %+v, ingest %+v: want no request and the 7 notices ingested", rep.Summary, rep.Ingest)
	}
	if hits := searchAll(t, data); len(hits) != 6 {
		t.Errorf("search finds %d incidents, want 6 (the 7 notices hold a 第1報 and its 第2報)", len(hits))
	}
}
