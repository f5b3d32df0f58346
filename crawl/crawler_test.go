package crawl

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/incidex/incidex/crawl/warc"
)

// blog is a fake Blogger blog serving a JSON feed (paged by start-index),
// its posts and a PDF, counting the requests for each path.
type blog struct {
	srv   *httptest.Server
	mu    sync.Mutex
	posts []string // post slugs, newest first
	gets  map[string]int
}

func newBlog(t *testing.T, n int) *blog {
	b := &blog{gets: map[string]int{}}
	for i := n; i >= 1; i-- {
		b.posts = append(b.posts, fmt.Sprintf("post-%02d", i))
	}
	b.srv = httptest.NewServer(http.HandlerFunc(b.serve))
	t.Cleanup(b.srv.Close)
	return b
}

func (b *blog) serve(w http.ResponseWriter, r *http.Request) {
	b.mu.Lock()
	b.gets[r.URL.Path]++
	posts := append([]string(nil), b.posts...)
	b.mu.Unlock()
	switch {
	case r.URL.Path == "/robots.txt":
		fmt.Fprint(w, bloggerRobots)
	case r.URL.Path == "/feeds/posts/summary":
		start, _ := strconv.Atoi(r.URL.Query().Get("start-index"))
		per, _ := strconv.Atoi(r.URL.Query().Get("max-results"))
		start, per = max(start, 1), max(per, 1)
		type text struct {
			T string `json:"$t"`
		}
		var entries []any
		for i := start - 1; i < min(start-1+per, len(posts)); i++ {
			entries = append(entries, map[string]any{
				"title":     text{"【セキュリティ事件簿】" + posts[i] + " 不正アクセスに関するお知らせ"},
				"published": text{fmt.Sprintf("2024-06-%02dT10:00:00.000+09:00", 28-i)},
				"link":      []map[string]string{{"rel": "alternate", "type": "text/html", "href": b.srv.URL + "/2024/06/" + posts[i] + ".html"}},
			})
		}
		feed := map[string]any{"feed": map[string]any{
			"openSearch$totalResults": text{strconv.Itoa(len(posts))},
			"openSearch$startIndex":   text{strconv.Itoa(start)},
			"openSearch$itemsPerPage": text{strconv.Itoa(per)},
			"entry":                   entries,
		}}
		w.Header().Set("Content-Type", "application/json; charset=UTF-8")
		json.NewEncoder(w).Encode(feed)
	case strings.HasPrefix(r.URL.Path, "/2024/06/"):
		fmt.Fprintf(w, "<html><body><h3>%s</h3><p>不正アクセスによる個人情報漏えいのお知らせ。</p></body></html>", r.URL.Path)
	default:
		http.NotFound(w, r)
	}
}

func (b *blog) count(path string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.gets[path]
}

func (b *blog) options(dir string) Options {
	return Options{
		Sources: []Source{{Name: "blog", FollowAll: true,
			Entries: []Entry{{Kind: KindFeed, URL: b.srv.URL + "/feeds/posts/summary?alt=json&max-results=3"}}}},
		CaptureDir: filepath.Join(dir, "captures"),
		UserAgent:  "incidex/1 (+https://example.org/test)",
		Delay:      time.Millisecond,
		Backoff:    10 * time.Millisecond,
	}
}

func openTestState(t *testing.T, dir string) *State {
	t.Helper()
	st, err := OpenState(filepath.Join(dir, "crawl"), false)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// A feed is paged to its end, and a later crawl reads it only down to the
// first post it already had.
func TestCrawlFeedStopsAtSeenItems(t *testing.T) {
	b := newBlog(t, 7)
	dir := t.TempDir()
	st := openTestState(t, dir)
	sum, err := Crawl(context.Background(), st, b.options(dir))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Fetched != 7 || sum.Read != 3 || b.count("/feeds/posts/summary") != 3 {
		t.Fatalf("first crawl %+v, %d feed pages requested: want 7 posts from 3 feed pages", sum, b.count("/feeds/posts/summary"))
	}
	b.mu.Lock()
	b.posts = append([]string{"post-08"}, b.posts...)
	b.mu.Unlock()
	sum, err = Crawl(context.Background(), st, b.options(dir))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Fetched != 1 || sum.Read != 1 || b.count("/feeds/posts/summary") != 4 || b.count("/2024/06/post-07.html") != 1 {
		t.Errorf("second crawl %+v: want the new post only, from the feed's first page", sum)
	}
	files, err := st.Uningested(filepath.Join(dir, "captures"))
	if err != nil || len(files) != 2 {
		t.Errorf("capture files to ingest: %v, %v; want one per crawl", files, err)
	}
	if err := st.MarkIngested(files); err != nil {
		t.Fatal(err)
	}
	if files, _ := st.Uningested(filepath.Join(dir, "captures")); len(files) != 0 {
		t.Errorf("still to ingest after MarkIngested: %v", files)
	}
}

// --max-pages stops a crawl; the next run goes on without fetching a page
// twice.
func TestCrawlMaxPagesThenResume(t *testing.T) {
	b := newBlog(t, 5)
	dir := t.TempDir()
	st := openTestState(t, dir)
	opts := b.options(dir)
	opts.MaxPages = 3
	sum, err := Crawl(context.Background(), st, opts)
	if err != nil || sum.Pending == 0 || sum.Fetched+sum.Read != 3 {
		t.Fatalf("limited crawl: %+v, %v; want 3 URLs done and some pending", sum, err)
	}
	opts.MaxPages = 0
	sum, err = Crawl(context.Background(), st, opts)
	if err != nil || sum.Pending != 0 {
		t.Fatalf("second crawl: %+v, %v", sum, err)
	}
	for i := 1; i <= 5; i++ {
		if n := b.count(fmt.Sprintf("/2024/06/post-%02d.html", i)); n != 1 {
			t.Errorf("post %d fetched %d times, want once", i, n)
		}
	}
}

// A crawl stopped by its context resumes: the next run says so and
// fetches only what the first did not store.
func TestCrawlCancelledResumes(t *testing.T) {
	b := newBlog(t, 6)
	dir := t.TempDir()
	st := openTestState(t, dir)
	ctx, cancel := context.WithCancel(context.Background())
	opts := b.options(dir)
	opts.Progress = func(p Progress) {
		if p.Done == 3 {
			cancel()
		}
	}
	sum, err := Crawl(ctx, st, opts)
	if !errors.Is(err, context.Canceled) || sum.Pending == 0 {
		t.Fatalf("cancelled crawl: %+v, %v", sum, err)
	}
	opts.Progress = nil
	sum, err = Crawl(context.Background(), st, opts)
	if err != nil || !sum.Resumed {
		t.Fatalf("resumed crawl: %+v, %v", sum, err)
	}
	stored, _ := st.Captured()
	if len(stored) != 6 {
		t.Errorf("%d pages stored, want 6", len(stored))
	}
	for u := range stored {
		path := strings.TrimPrefix(u, b.srv.URL)
		if n := b.count(path); n != 1 {
			t.Errorf("%s fetched %d times, want once", path, n)
		}
	}
}

// A capture file cut mid-record (a crash while writing) is trimmed back to
// its last committed record, so the WARC reader reads it to the end.
func TestRepairCaptures(t *testing.T) {
	b := newBlog(t, 2)
	dir := t.TempDir()
	st := openTestState(t, dir)
	sum, err := Crawl(context.Background(), st, b.options(dir))
	if err != nil || len(sum.Captures) != 1 {
		t.Fatalf("%+v, %v", sum, err)
	}
	file := sum.Captures[0]
	good, _ := os.ReadFile(file)
	if err := os.WriteFile(file, append(good, "\x1f\x8b\x08\x00partial"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := st.repairCaptures(filepath.Dir(file)); err != nil {
		t.Fatal(err)
	}
	fh, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	r := warc.NewReader(fh)
	types := map[string]int{}
	for {
		rec, err := r.Next()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				t.Errorf("reading the repaired file: %v", err)
			}
			break
		}
		types[rec.Type]++
	}
	if types[warc.TypeWarcinfo] != 1 || types[warc.TypeResponse] != 2 || types[warc.TypeRequest] != 2 {
		t.Errorf("records %v, want a warcinfo and two request/response pairs", types)
	}
}

// --since skips older feed items and stops paging at them.
func TestCrawlSince(t *testing.T) {
	b := newBlog(t, 7) // post-07 is dated 06-28, post-01 06-22
	dir := t.TempDir()
	st := openTestState(t, dir)
	opts := b.options(dir)
	opts.Since = time.Date(2024, 6, 26, 0, 0, 0, 0, time.UTC)
	sum, err := Crawl(context.Background(), st, opts)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Fetched != 3 || sum.BeforeSince != 3 || b.count("/feeds/posts/summary") != 2 {
		t.Errorf("%+v, %d feed pages: want posts 07-05 fetched, 3 skipped, paging stopped on the second page", sum, b.count("/feeds/posts/summary"))
	}
}

// A PDF is kept even when its text cannot be had, and the reason is told.
func TestCrawlPDFKeptWithoutPdftotext(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/notice.pdf" {
			w.Header().Set("Content-Type", "application/pdf")
			w.Write(cidPDF(pdfNotice))
			return
		}
		http.NotFound(w, r)
	}))
	defer srv.Close()
	dir := t.TempDir()
	st := openTestState(t, dir)
	opts := Options{
		Sources:    []Source{{Name: "pdf", Entries: []Entry{{Kind: KindPage, URL: srv.URL + "/notice.pdf"}}}},
		CaptureDir: filepath.Join(dir, "captures"), UserAgent: "incidex/1 (+https://example.org/test)", Delay: time.Millisecond,
		PDFText: func(context.Context, []byte) ([]byte, error) { return nil, ErrNoPDFText },
	}
	sum, err := Crawl(context.Background(), st, opts)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Fetched != 1 || len(sum.Captures) != 1 || sum.Failed[ErrNoPDFText.Error()] != 1 {
		t.Errorf("%+v: want the PDF stored and its failure reason %q", sum, ErrNoPDFText)
	}
}

func TestPlan(t *testing.T) {
	srcs := []Source{{Name: "b-son", Entries: []Entry{{KindFeed, "https://blog.b-son.net/feeds/posts/summary?alt=json"}, {KindSitemap, "https://blog.b-son.net/sitemap.xml"}}},
		{Name: "saved", Paths: []string{"/tmp/notices"}}}
	plan, err := Plan(nil, srcs)
	if err != nil || len(plan) != 3 || plan[0].Kind != "feed" || plan[1].Kind != "sitemap" || plan[2].Kind != "path" {
		t.Errorf("Plan = %+v, %v", plan, err)
	}
}

// A host whose robots.txt cannot be had is not crawled, and its URLs wait
// for the next run instead of failing.
func TestCrawlRobotsUnavailable(t *testing.T) {
	down := true
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if r.URL.Path == "/robots.txt" && down {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, "<p>不正アクセスに関するお詫び</p>")
	}))
	defer srv.Close()
	dir := t.TempDir()
	st := openTestState(t, dir)
	opts := Options{
		Sources:    []Source{{Name: "x", Entries: []Entry{{Kind: KindPage, URL: srv.URL + "/owabi.html"}}}},
		CaptureDir: filepath.Join(dir, "captures"), UserAgent: "incidex/1 (+https://example.org/test)",
		Delay: time.Millisecond, Backoff: time.Millisecond,
	}
	sum, err := Crawl(context.Background(), st, opts)
	if err != nil || sum.Fetched != 0 || sum.Pending != 1 || sum.SkippedRobots != 0 || len(sum.Failures) != 1 {
		t.Fatalf("robots.txt down: %+v, %v; want the page pending and the reason told", sum, err)
	}
	mu.Lock()
	down = false
	mu.Unlock()
	sum, err = Crawl(context.Background(), st, opts)
	if err != nil || sum.Fetched != 1 || sum.Pending != 0 {
		t.Errorf("robots.txt back: %+v, %v; want the page fetched", sum, err)
	}
}
