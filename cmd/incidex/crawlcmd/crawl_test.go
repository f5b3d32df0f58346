package crawlcmd_test

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/incidex/incidex/cmd/incidex/cli"
	"github.com/incidex/incidex/cmd/incidex/crawlcmd"
	"github.com/incidex/incidex/cmd/incidex/internal/clitest"
	"github.com/incidex/incidex/crawl"
)

// delay is the per-host delay of the test crawls; the company site's
// robots.txt asks for 0.1 s, which must win there.
const (
	delay        = 50 * time.Millisecond
	companyDelay = 100 * time.Millisecond
	maxSize      = 4 << 20 // the body limit: the 50 MB page must be cut there
)

// report is the part of `crawl --format json` the tests read.
type report struct {
	crawl.Summary
	Interrupted bool `json:"interrupted"`
	Ingest      *struct {
		Inputs   []string `json:"inputs"`
		ExitCode int      `json:"exit_code"`
		Ran      bool     `json:"ran"`
		Summary  string   `json:"summary"`
	} `json:"ingest"`
}

// setup writes the data directory's sources file naming the company's
// news listing, and returns the crawl's arguments: that source and the
// aggregator given by its address alone (its feed, sitemap and pages are
// discovered).
func setup(t *testing.T, s *fakeSites, data string) []string {
	t.Helper()
	yaml := "# test sources\nsources:\n  - name: sakura\n    about: 株式会社さくら珈琲のお知らせ (Shift_JIS)\n    listing: " + s.co.URL + "/news/\n"
	if err := os.MkdirAll(data, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(data, "sources.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	return []string{"--data", data, "--delay", delay.String(), "--timeout", "5s", "--max-size", strconv.Itoa(maxSize), "--format", "json",
		"--contact", "https://example.org/incidex-test", "--source", "sakura", s.agg.URL + "/"}
}

func crawlOnce(t *testing.T, args []string) (report, clitest.Result) {
	t.Helper()
	r := clitest.Run(t, crawlcmd.Run, args...)
	var rep report
	if err := json.Unmarshal([]byte(r.Stdout), &rep); err != nil {
		t.Fatalf("crawl exit %d, stdout is not the JSON summary: %v\nstdout:\n%s\nstderr:\n%s", r.Code, err, r.Stdout, r.Stderr)
	}
	return rep, r
}

// stored pages of the fake sites (200 answers kept as captures).
func isStoredPage(h hit) bool {
	if h.site == "agg" {
		return slices.ContainsFunc(posts, func(p post) bool { return p.path == h.path })
	}
	_, ok := companyNotices[h.path]
	return ok || h.path == "/news/20240520.html" || h.path == "/news/20240215.pdf"
}

func TestCrawlFakeSites(t *testing.T) {
	s := newFakeSites(t)
	data := filepath.Join(t.TempDir(), "data")
	args := setup(t, s, data)
	pdf := hasPDFText()

	start := time.Now()
	rep, r := crawlOnce(t, args)
	took := time.Since(start)
	hits := sortedHits(s.takeHits())
	t.Logf("first crawl: %d requests in %v\n%s", len(hits), took, r.Stderr)

	// The summary.
	if r.Code != cli.ExitFailure {
		t.Errorf("exit %d, want 1 (some pages failed)", r.Code)
	}
	if rep.Fetched != 11 {
		t.Errorf("fetched %d pages, want 11 (6 posts, 3 company notices, the product news, the PDF)", rep.Fetched)
	}
	wantFailed := map[string]int{"too large": 1, "binary content": 1, "HTTP 404": 1}
	if !pdf {
		wantFailed[crawl.ErrNoPDFText.Error()] = 1
	}
	for reason, n := range wantFailed {
		if rep.Failed[reason] != n {
			t.Errorf("failed[%q] = %d, want %d (all: %v)", reason, rep.Failed[reason], n, rep.Failed)
		}
	}
	if len(rep.Failures) != len(wantFailed) {
		t.Errorf("failures %v, want %d", rep.Failures, len(wantFailed))
	}
	if rep.SkippedRobots < 2 || rep.NotNotice < 3 || rep.Redirects != 2 || rep.Read < 8 || rep.Pending != 0 {
		t.Errorf("summary %+v: want >= 2 skipped by robots.txt (/search, /private/), >= 3 not notices, 2 redirects, >= 8 feeds/listings/sitemaps read, none pending", rep.Summary)
	}
	if rep.Ingest == nil || !rep.Ingest.Ran || len(rep.Captures) != 1 {
		t.Fatalf("ingest %+v, captures %v: want the run's capture file ingested", rep.Ingest, rep.Captures)
	}

	// Politeness, from the requests the sites saw.
	for _, h := range hits {
		if h.site == "agg" && strings.HasPrefix(h.path, "/search") || h.site == "co" && strings.HasPrefix(h.path, "/private/") {
			t.Errorf("requested %s %s, which robots.txt disallows", h.site, h.path)
		}
		if !strings.HasPrefix(h.ua, "incidex/") || !strings.Contains(h.ua, "+https://example.org/incidex-test") {
			t.Errorf("User-Agent %q does not name the tool and the contact", h.ua)
		}
	}
	checkDelays(t, hits)
	var first, last = map[string]time.Time{}, map[string]time.Time{}
	for _, h := range hits {
		if first[h.site].IsZero() {
			first[h.site] = h.at
		}
		last[h.site] = h.at
	}
	if !first["co"].Before(last["agg"]) || !first["agg"].Before(last["co"]) {
		t.Errorf("the two hosts were not crawled in parallel: agg %v–%v, co %v–%v", first["agg"], last["agg"], first["co"], last["co"])
	}
	var limited []hit
	for _, h := range hits {
		if h.path == "/news/20240610.html" {
			limited = append(limited, h)
		}
	}
	if len(limited) != 2 || limited[0].status != 429 || limited[1].status != 200 || limited[1].at.Sub(limited[0].at) < time.Second {
		t.Errorf("the 429 page: %+v, want a 429 then a 200 at least Retry-After (1 s) later", limited)
	}
	for _, p := range []string{"/news/old/20240415.html", "/news/moved/20240415", "/news/2024/20240415.html"} {
		if !slices.ContainsFunc(hits, func(h hit) bool { return h.path == p }) {
			t.Errorf("the redirect chain was not followed through %s", p)
		}
	}
	if s.written >= 3*maxSize {
		t.Errorf("the server sent %d bytes of the 50 MB page, want it cut near the %d-byte limit", s.written, maxSize)
	}
	if i := slices.IndexFunc(rep.Failures, func(f crawl.Failure) bool { return strings.HasSuffix(f.URL, "/news/archive-all.html") }); i < 0 || rep.Failures[i].Reason != "too large" {
		t.Errorf("the 50 MB page's failure: %v", rep.Failures)
	}
	checkWARC(t, rep.Captures, 11)

	// Search finds every notice and nothing else.
	hitsFirst := searchAll(t, data)
	checkSearch(t, hitsFirst, pdf)

	// A second run fetches nothing new and ingests nothing.
	rep2, r2 := crawlOnce(t, args)
	hits2 := sortedHits(s.takeHits())
	for _, h := range hits2 {
		if h.path != "/robots.txt" && (!h.conditional || h.status != 304) {
			t.Errorf("second run: %s %s answered %d (conditional %v), want only conditional requests answered 304", h.site, h.path, h.status, h.conditional)
		}
	}
	for _, p := range []string{"/", "/feeds/posts/default", "/sitemap.xml", "/news/"} {
		if !slices.ContainsFunc(hits2, func(h hit) bool { return h.path == p && h.status == 304 }) {
			t.Errorf("second run: the entry %s (given, or found on the site) was not checked again", p)
		}
	}
	if rep2.Fetched != 0 || rep2.NotModified == 0 || rep2.Ingest != nil || len(rep2.Captures) != 0 {
		t.Errorf("second run: %+v, ingest %+v: want nothing fetched, not modified > 0, no ingest\n%s", rep2.Summary, rep2.Ingest, r2.Stderr)
	}
	checkDelays(t, hits2)
	if got := searchAll(t, data); !slices.EqualFunc(got, hitsFirst, sameHit) {
		t.Errorf("search after the second run differs")
	}

	t.Run("killed and resumed", func(t *testing.T) { testKilled(t, s, hitsFirst) })
}

func sameHit(a, b searchHit) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

// Environment of TestHelperCrawl, the child process of testKilled.
const helperArgs = "INCIDEX_TEST_CRAWL_ARGS"

// TestHelperCrawl is not a test: testKilled runs the test binary with only
// this test and helperArgs set, to have a crawl to kill.
func TestHelperCrawl(t *testing.T) {
	raw := os.Getenv(helperArgs)
	if raw == "" {
		return
	}
	var args []string
	if err := json.Unmarshal([]byte(raw), &args); err != nil {
		t.Fatal(err)
	}
	env := cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	os.Exit(crawlcmd.Run(t.Context(), env, args))
}

// testKilled kills a crawl (SIGKILL) midway, runs it again and compares
// the result with the uninterrupted crawl's: the same incidents, and no
// page stored before the kill fetched again.
func testKilled(t *testing.T, s *fakeSites, want []searchHit) {
	data := filepath.Join(t.TempDir(), "data")
	args := setup(t, s, data)
	b, _ := json.Marshal(args)
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperCrawl$", "-test.count=1")
	cmd.Env = append(os.Environ(), helperArgs+"="+string(b))
	var once sync.Once
	pages := 0
	kill := make(chan struct{})
	s.mu.Lock()
	s.onHit = func(h hit) {
		s.mu.Lock()
		if isStoredPage(h) && h.status == 200 {
			pages++
		}
		n := pages
		s.mu.Unlock()
		if n >= 5 {
			once.Do(func() { close(kill) })
		}
	}
	s.mu.Unlock()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		<-kill
		cmd.Process.Kill()
	}()
	err := cmd.Wait()
	once.Do(func() { close(kill) })
	s.mu.Lock()
	s.onHit = nil
	s.mu.Unlock()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("the crawl to kill ended with %v before it was killed", err)
	}
	s.takeHits()

	st, err := crawl.OpenState(filepath.Join(data, "crawl"), true)
	if err != nil {
		t.Fatal(err)
	}
	stored, err := st.Captured()
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(stored) == 0 || len(stored) >= 11 {
		t.Fatalf("%d pages stored when killed, want some but not all", len(stored))
	}
	// A dry run now lists what the killed crawl left to do.
	dry := clitest.MustRun(t, crawlcmd.Run, append(args, "--dry-run")...)
	var plan []crawl.Planned
	if err := json.Unmarshal([]byte(dry.Stdout), &plan); err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(plan, func(p crawl.Planned) bool { return p.Kind == "resume" }) {
		t.Errorf("a dry run after the kill lists nothing to resume: %+v", plan)
	}

	rep, r := crawlOnce(t, args)
	hits := sortedHits(s.takeHits())
	t.Logf("killed with %d pages stored; resumed:\n%s", len(stored), r.Stderr)
	if !rep.Resumed {
		t.Errorf("the run after the kill does not say it resumed an interrupted crawl")
	}
	for _, h := range hits {
		base := s.agg.URL
		if h.site == "co" {
			base = s.co.URL
		}
		if h.status == 200 && stored[base+h.path] != "" {
			t.Errorf("resumed run fetched %s again, stored before the kill", h.path)
		}
	}
	checkDelays(t, hits)
	got := searchAll(t, data)
	if !slices.EqualFunc(got, want, sameHit) {
		t.Errorf("after kill and resume search finds %d incidents, the uninterrupted crawl %d:\n got %v\nwant %v", len(got), len(want), got, want)
	}
}
