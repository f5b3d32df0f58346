package ingest_test

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/japanese"

	"github.com/incidex/incidex/cmd/incidex/cli"
	"github.com/incidex/incidex/cmd/incidex/ingest"
	"github.com/incidex/incidex/crawl/warc"
)

// Two fictional notices as a crawler would have fetched them: a company's
// page in Shift_JIS that declares its charset in the HTTP header only, and
// a school's plain-text notice in UTF-8.
const (
	hayabusaURL = "https://www.hayabusa-butsuryu.example.jp/news/2024/0520.html"
	hayabusa    = `<html><head><title>不正アクセスによる個人情報漏えいに関するお詫びとお知らせ</title></head><body>
<h1>不正アクセスによる個人情報漏えいに関するお詫びとお知らせ</h1>
<p>2024年5月20日<br>株式会社ハヤブサ物流</p>
<p>このたび、当社の配送管理システムのサーバーが第三者による不正アクセスを受け、お客様の個人情報（氏名、住所、電話番号）4,812件が外部に流出した可能性があることが、2024年5月10日に判明いたしました。</p>
<p>本件につきましては、個人情報保護委員会へ報告するとともに、警察にも相談しております。</p>
<p>お客様には多大なるご迷惑とご心配をおかけしますことを、深くお詫び申し上げます。</p>
</body></html>`
	hayabusaUpdated = `<html><head><title>不正アクセスによる個人情報漏えいに関するお詫びとお知らせ（第2報）</title></head><body>
<h1>不正アクセスによる個人情報漏えいに関するお詫びとお知らせ（第2報）</h1>
<p>2024年6月3日<br>株式会社ハヤブサ物流</p>
<p>2024年5月20日にお知らせいたしました当社の配送管理システムへの第三者による不正アクセスについて、調査の結果、お客様の個人情報（氏名、住所、電話番号）5,106件が外部に流出した可能性があることが判明いたしました。本件は2024年5月10日に判明したものです。</p>
<p>本件につきましては、個人情報保護委員会へ報告するとともに、警察にも相談しております。</p>
</body></html>`
	suzukakeURL = "https://www.suzukake-gakuen.example.ac.jp/info/20240415.txt"
	suzukake    = `メール誤送信による個人情報漏えいに関するお詫び

2024年4月15日
学校法人すずかけ学園 すずかけ高等学校

このたび、本校教員が保護者の皆様へ行事のご案内メールを送信する際、宛先をBCCではなくTOに設定したため、保護者213名のメールアドレスが他の受信者に表示される事案が、2024年4月12日に判明いたしました。
関係者の皆様に多大なるご迷惑をおかけしましたことを、深くお詫び申し上げます。
`
	missingURL = "https://www.hayabusa-butsuryu.example.jp/news/old.html"
	logoURL    = "https://www.hayabusa-butsuryu.example.jp/img/logo.png"
)

// writeCrawl writes a WARC file as a crawler would: a warcinfo record,
// then per fetch a response and its request.
func writeCrawl(t *testing.T, path string, date time.Time, fetches ...fetch) {
	t.Helper()
	var buf bytes.Buffer
	w := warc.NewWriter(&buf)
	if _, err := w.Write(&warc.Record{Type: warc.TypeWarcinfo, Header: warc.Header{{Name: "Content-Type", Value: "application/warc-fields"}}, Body: []byte("software: incidex-test\r\n")}); err != nil {
		t.Fatal(err)
	}
	for _, f := range fetches {
		resp := &http.Response{StatusCode: f.status, Proto: "HTTP/1.1", Header: http.Header{"Content-Type": {f.contentType}}}
		id, err := w.Write(warc.Response(f.url, date, resp, f.body))
		if err != nil {
			t.Fatal(err)
		}
		req, err := http.NewRequest(http.MethodGet, f.url, nil)
		if err != nil {
			t.Fatal(err)
		}
		rq := warc.Request(f.url, date, req)
		rq.Header.Set("WARC-Concurrent-To", id)
		if _, err := w.Write(rq); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

type fetch struct {
	url         string
	status      int
	contentType string
	body        []byte
}

func sjis(t *testing.T, s string) []byte {
	t.Helper()
	b, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestIngestWARC(t *testing.T) {
	dir := t.TempDir()
	crawl := filepath.Join(dir, "crawl-20240521.warc.gz")
	writeCrawl(t, crawl, time.Date(2024, 5, 21, 3, 0, 0, 0, time.UTC),
		fetch{hayabusaURL, 200, "text/html; charset=Shift_JIS", sjis(t, hayabusa)},
		fetch{missingURL, 404, "text/html", []byte("<h1>Not Found</h1>")},
		fetch{logoURL, 200, "image/png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10")},
		fetch{suzukakeURL, 200, "text/plain; charset=utf-8", []byte(suzukake)},
	)
	data := t.TempDir()

	first := run(t, ingest.Run, "--data", data, crawl)
	if first.Code != cli.ExitFailure {
		t.Errorf("ingest with bad records: exit %d, want %d", first.Code, cli.ExitFailure)
	}
	if got, want := parseSummary(t, first.Stderr), (summary{inputs: 4, new: 2, failed: 2, casesNew: 2}); got != want {
		t.Errorf("first ingest: %+v, want %+v\n%s", got, want, first.Stderr)
	}
	// Records are numbered from 1, the warcinfo first: response, request,
	// response, request … so the 404 is record 4 and the image record 6.
	for _, want := range []string{
		"incidex ingest: " + crawl + "#record-4 (" + missingURL + "): unsuccessful HTTP status 404 Not Found\n",
		"incidex ingest: " + crawl + "#record-6 (" + logoURL + "): binary content, not text or HTML (PNG image)\n",
	} {
		if !strings.Contains(first.Stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, first.Stderr)
		}
	}

	_, recs := exportRecords(t, data)
	if len(recs) != 2 {
		t.Fatalf("%d incidents stored, want 2: %v", len(recs), recs)
	}
	for _, tt := range []struct{ url, org string }{
		{hayabusaURL, "株式会社ハヤブサ物流"},
		{suzukakeURL, "学校法人すずかけ学園"},
	} {
		r, ok := recs[filepath.Base(tt.url)]
		if !ok || r.Source != tt.url {
			t.Errorf("no incident with source %s: %v", tt.url, recs)
			continue
		}
		if r.Organization == nil || !strings.HasPrefix(*r.Organization, tt.org) {
			t.Errorf("%s: organization %v, want %s (decoded from the capture's charset)", tt.url, deref(r.Organization), tt.org)
		}
	}
	if r := recs["0520.html"]; r.Affected == nil || *r.Affected != 4812 {
		t.Errorf("%s: affected %v, want 4812", hayabusaURL, deref(r.Affected))
	}

	// The same WARC again: every capture is known by (URL, content).
	again := run(t, ingest.Run, "--data", data, crawl)
	if got, want := parseSummary(t, again.Stderr), (summary{inputs: 4, unchanged: 2, failed: 2}); got != want {
		t.Errorf("re-ingest: %+v, want %+v\n%s", got, want, again.Stderr)
	}

	// A re-crawl a fortnight later, given before the first crawl on the
	// command line: the latest capture of a URL wins, whatever the order,
	// and updates the incident stored under that URL.
	recrawl := filepath.Join(dir, "crawl-20240604.warc")
	writeCrawl(t, recrawl, time.Date(2024, 6, 4, 3, 0, 0, 0, time.UTC),
		fetch{hayabusaURL, 200, "text/html; charset=Shift_JIS", sjis(t, hayabusaUpdated)},
	)
	third := run(t, ingest.Run, "--data", data, recrawl, crawl)
	if got, want := parseSummary(t, third.Stderr), (summary{inputs: 4, updated: 1, unchanged: 1, failed: 2, casesUpdated: 1}); got != want {
		t.Errorf("ingest of the re-crawl: %+v, want %+v\n%s", got, want, third.Stderr)
	}
	_, recs = exportRecords(t, data)
	if r := recs["0520.html"]; len(recs) != 2 || r.Affected == nil || *r.Affected != 5106 || r.Versions != 2 {
		t.Errorf("after the re-crawl: %s affected %v in %d versions, want 5106 in 2", hayabusaURL, deref(r.Affected), r.Versions)
	}
}
