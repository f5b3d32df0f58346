package crawlcmd_test

import (
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/incidex/incidex/cmd/incidex/internal/clitest"
	"github.com/incidex/incidex/cmd/incidex/search"
	"github.com/incidex/incidex/crawl/warc"
)

// hasPDFText reports whether this machine can turn PDFs into text.
func hasPDFText() bool {
	_, err := exec.LookPath("pdftotext")
	return err == nil
}

// expectedNotices are words of the title of every notice on the fake
// sites, one per incident search must find.
func expectedNotices(pdf bool) []string {
	var want []string
	for _, p := range posts {
		want = append(want, p.title)
	}
	for _, n := range companyNotices {
		want = append(want, n.title)
	}
	if pdf {
		want = append(want, pdfTitle)
	}
	return want
}

// searchHit is the part of a search hit the tests compare.
type searchHit struct {
	ID, Title, Organization string
	Published               any
	Causes                  []string
	Affected                *int64
}

// searchAll lists every incident of the data directory with the search
// command itself.
func searchAll(t *testing.T, data string) []searchHit {
	t.Helper()
	r := clitest.MustRun(t, search.Run, "--data", data, "--format", "jsonl", "--limit", "1000", "--sort", "date")
	var hits []searchHit
	for _, line := range strings.Split(strings.TrimSpace(r.Stdout), "\n") {
		if line == "" {
			continue
		}
		var h searchHit
		if err := json.Unmarshal([]byte(line), &h); err != nil {
			t.Fatalf("search output %q: %v", line, err)
		}
		hits = append(hits, h)
	}
	slices.SortFunc(hits, func(a, b searchHit) int { return strings.Compare(a.ID, b.ID) })
	return hits
}

// checkSearch checks that search finds every notice once and nothing else
// (the product announcement, the 404, the huge and the binary page).
func checkSearch(t *testing.T, hits []searchHit, pdf bool) {
	t.Helper()
	want := expectedNotices(pdf)
	var titles []string
	for _, h := range hits {
		titles = append(titles, h.Title)
	}
	for _, w := range want {
		n := 0
		for _, title := range titles {
			if strings.Contains(title, w) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("search finds %d incidents titled like %q, want 1; titles:\n%s", n, w, strings.Join(titles, "\n"))
		}
	}
	for _, title := range titles {
		if !slices.ContainsFunc(want, func(w string) bool { return strings.Contains(title, w) }) {
			t.Errorf("search finds %q, which is not a notice of the fake sites", title)
		}
	}
}

// checkDelays checks the recorded request times: one host's requests are
// at least its delay apart.
func checkDelays(t *testing.T, hits []hit) {
	t.Helper()
	last := map[string]time.Time{}
	for _, h := range hits {
		min := delay
		if h.site == "co" {
			min = companyDelay
		}
		if prev, ok := last[h.site]; ok && h.at.Sub(prev) < min {
			t.Errorf("%s %s came %v after the previous request to that host, want >= %v", h.site, h.path, h.at.Sub(prev), min)
		}
		last[h.site] = h.at
	}
}

func sortedHits(hits []hit) []hit {
	slices.SortFunc(hits, func(a, b hit) int { return a.at.Compare(b.at) })
	return hits
}

// checkWARC reads the capture files with the WARC reader: every response
// has its request, and the stored pages are the ones expected.
func checkWARC(t *testing.T, files []string, wantPages int) {
	t.Helper()
	responses, requests := map[string]string{}, map[string]bool{}
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		r := warc.NewReader(fh)
		for {
			rec, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("reading %s: %v", f, err)
			}
			switch rec.Type {
			case warc.TypeResponse:
				responses[rec.Header.Get("WARC-Record-ID")] = rec.Header.Get("WARC-Target-URI")
			case warc.TypeRequest:
				requests[rec.Header.Get("WARC-Concurrent-To")] = true
			}
		}
		fh.Close()
	}
	checkWarcio(t, files, wantPages)
	if len(responses) != wantPages {
		t.Errorf("the captures hold %d responses, want %d: %v", len(responses), wantPages, responses)
	}
	for id, uri := range responses {
		if !requests[id] {
			t.Errorf("response %s (%s) has no request record", id, uri)
		}
	}
}

// checkWarcio reads the capture files with an independent reader, the
// warcio.js command line ($INCIDEX_WARCIO, installed by .ci/run), when it is
// there.
func checkWarcio(t *testing.T, files []string, wantPages int) {
	t.Helper()
	cli := os.Getenv("INCIDEX_WARCIO")
	if cli == "" {
		t.Log("INCIDEX_WARCIO is not set: the captures are not checked with warcio.js")
		return
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("INCIDEX_WARCIO is set but node is not on PATH: %v", err)
	}
	out, err := exec.Command(node, append([]string{cli, "index"}, files...)...).Output()
	if err != nil {
		t.Fatalf("warcio index %v: %v", files, err)
	}
	types := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("warcio index: %q: %v", line, err)
		}
		typ, _ := rec["warc-type"].(string)
		types[typ]++
	}
	if types["warcinfo"] != len(files) || types["response"] != wantPages || types["request"] != wantPages {
		t.Errorf("warcio reads %v, want a warcinfo per file and %d requests and responses", types, wantPages)
	}
}
