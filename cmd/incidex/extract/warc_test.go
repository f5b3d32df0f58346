package extract

import (
	"bytes"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/japanese"

	"github.com/incidex/incidex/cmd/incidex/cli"
	"github.com/incidex/incidex/crawl/warc"
)

// TestExtractWARC: extract reads a WARC file's captured pages, in record
// order, each with its URL as source, names the records it cannot use (a
// 410, a PDF until parse reads PDF), and reads the plain files given with
// it as before.
func TestExtractWARC(t *testing.T) {
	dir := t.TempDir()
	date := time.Date(2024, 3, 2, 0, 0, 0, 0, time.UTC)
	pageURL := "https://www.minato-shoji.example.jp/news/0301.html"
	textURL := "https://www.kaede-clinic.example.jp/info.txt"
	var buf bytes.Buffer
	w := warc.NewWriter(&buf)
	for _, rec := range []*warc.Record{
		warc.Response(pageURL, date, &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"text/html; charset=Shift_JIS"}}},
			encode(t, japanese.ShiftJIS, htmlPage("", noticeText("不正アクセスによる個人情報漏えいのお知らせ", "株式会社ミナト商事", "当社ECサイトが第三者による不正アクセスを受け")))),
		warc.Response("https://www.minato-shoji.example.jp/gone.html", date, &http.Response{StatusCode: 410, Header: http.Header{}}, nil),
		warc.Response("https://www.minato-shoji.example.jp/0301.pdf", date, &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/pdf"}}}, []byte("%PDF-1.7\n1 0 obj")),
		{Type: warc.TypeResource, Header: warc.Header{{Name: "WARC-Target-URI", Value: textURL}, {Name: "Content-Type", Value: "text/plain; charset=utf-8"}},
			Body: []byte(noticeText("ランサムウェア被害に関するお知らせ", "医療法人かえで会 かえでクリニック", "当院のサーバーがランサムウェアに感染し"))},
	} {
		if _, err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
	}
	archive := writeFile(t, dir, "captures.warc.gz", buf.Bytes())
	file := writeFile(t, dir, "notice.txt", []byte(noticeText("USBメモリ紛失のお知らせ", "株式会社ツバメ電機", "当社従業員が業務用のUSBメモリを紛失し")))

	r := run(t, runOpts{}, "--format", "jsonl", archive, file)
	if r.code != cli.ExitFailure {
		t.Errorf("exit %d, want %d (one record failed)", r.code, cli.ExitFailure)
	}
	recs := parseJSONL(t, r.stdout)
	if got, want := strings.Join(sources(recs), " "), strings.Join([]string{pageURL, textURL, file}, " "); got != want {
		t.Errorf("sources %s, want %s", got, want)
	}
	for _, rec := range recs {
		checkContract(t, rec)
	}
	if len(recs) > 0 && !strings.HasPrefix(recs[0].str("organization"), "株式会社ミナト商事") {
		t.Errorf("organization of the Shift_JIS capture = %q", recs[0].str("organization"))
	}
	// The broken PDF fails in pdftotext, or for want of it: either way the
	// line names the record and says pdftotext.
	want := []string{
		"incidex extract: " + archive + "#record-2 (https://www.minato-shoji.example.jp/gone.html): unsuccessful HTTP status 410 Gone",
		"incidex extract: " + archive + "#record-3 (https://www.minato-shoji.example.jp/0301.pdf): pdftotext",
	}
	lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	if len(lines) != len(want) || lines[0] != want[0] || !strings.HasPrefix(lines[1], want[1]) {
		t.Errorf("stderr:\n%s\nwant lines starting:\n%s", r.stderr, strings.Join(want, "\n"))
	}
}

// TestExtractPDF reads a Japanese PDF notice (CID font) through pdftotext.
func TestExtractPDF(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (apt-get install poppler-utils); .ci/run installs it")
	}
	r := run(t, runOpts{}, "--format", "jsonl", filepath.Join("..", "crawlcmd", "testdata", "notice-cid.pdf"))
	if r.code != cli.ExitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	recs := parseJSONL(t, r.stdout)
	if len(recs) != 1 {
		t.Fatalf("%d incidents, want 1", len(recs))
	}
	checkContract(t, recs[0])
	if recs[0].str("title") == "" || recs[0].str("organization") == "" {
		t.Errorf("title %q, organization %q: the PDF's text was not read", recs[0].str("title"), recs[0].str("organization"))
	}
}
