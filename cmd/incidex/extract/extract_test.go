package extract

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"
)

// expect is what the test knows about the incident of one fixture.
type expect struct {
	org   any // string, or nil for null
	cause string
	label string // the cause's Japanese label, shown by --format text
	seq   any    // json.Number text, or nil for null
}

// encodedFixtures writes one notice in each encoding the command reads and
// one notice that states nothing, and returns their paths (in this order)
// and what each should give.
func encodedFixtures(t *testing.T) ([]string, []expect) {
	t.Helper()
	dir := t.TempDir()
	sjis, euc, jis := japanese.ShiftJIS, japanese.EUCJP, japanese.ISO2022JP
	fixtures := []struct {
		name string
		raw  []byte
		want expect
	}{
		{
			"utf8.txt",
			[]byte(noticeText("不正アクセスによる個人情報漏えいに関するお詫び", "株式会社サンプル商事",
				"当社が運営するオンラインショップのサーバーが第三者による不正アクセスを受け")),
			expect{"株式会社サンプル商事", "unauthorized_access", "不正アクセス", nil},
		},
		{
			"sjis.html",
			encode(t, sjis, htmlPage(`<meta charset="Shift_JIS">`+"\n",
				noticeText("ランサムウェア被害に関するお知らせ", "株式会社テスト電機", "当社のサーバーがランサムウェアに感染し"))),
			expect{"株式会社テスト電機", "ransomware", "ランサムウェア", nil},
		},
		{
			"eucjp.html", // no charset declaration: sniffed
			encode(t, euc, htmlPage("", noticeText("メール誤送信に関するお詫び（第2報）", "架空物産株式会社",
				"当社従業員がお客様宛てのメールを誤って別のお客様に送信し"))),
			expect{"架空物産株式会社", "misdelivery", "誤送信・誤送付", "2"},
		},
		{
			"jis.txt",
			encode(t, jis, noticeText("USBメモリ紛失に関するお詫び", "有限会社みほん堂",
				"当社従業員がお客様情報を保存したUSBメモリを紛失し")),
			expect{"有限会社みほん堂", "loss", "紛失・置き忘れ", nil},
		},
		{
			"unstated.txt", // no organization, dates, cause or count
			[]byte("お知らせ\n\n当社において、お客様情報の取り扱いに関する事案が発生しました。現在調査中です。\n"),
			expect{nil, "unknown", "不明", nil},
		},
	}
	var paths []string
	var want []expect
	for _, f := range fixtures {
		paths = append(paths, writeFile(t, dir, f.name, f.raw))
		want = append(want, f.want)
	}
	return paths, want
}

// checkRecords checks JSON output against the fixtures.
func checkRecords(t *testing.T, recs []record, paths []string, want []expect, withText bool) {
	t.Helper()
	if got := sources(recs); !slices.Equal(got, paths) {
		t.Fatalf("sources = %q\nwant %q", got, paths)
	}
	for i, r := range recs {
		checkContract(t, r)
		w := want[i]
		name := filepath.Base(paths[i])
		if r["organization"] != w.org {
			t.Errorf("%s: organization = %#v, want %#v", name, r["organization"], w.org)
		}
		if causes, _ := r["causes"].([]any); len(causes) == 0 || causes[0] != w.cause {
			t.Errorf("%s: causes = %#v, want %q first", name, r["causes"], w.cause)
		}
		if got := fmt.Sprint(r["sequence"]); (w.seq == nil && r["sequence"] != nil) || (w.seq != nil && got != w.seq) {
			t.Errorf("%s: sequence = %#v, want %v", name, r["sequence"], w.seq)
		}
		if _, has := r["text"]; has != withText {
			t.Errorf("%s: has text = %v, want %v", name, has, withText)
		}
		if w.org == nil { // the notice that states nothing
			for _, k := range []string{"published", "discovered", "affected", "sequence"} {
				if r[k] != nil {
					t.Errorf("%s: %s = %#v, want null", name, k, r[k])
				}
			}
			if types, _ := r["data_types"].([]any); len(types) != 0 {
				t.Errorf("%s: data_types = %#v, want []", name, types)
			}
			continue
		}
		for k, v := range map[string]any{
			"published": "2024-03-01", "discovered": "2024-02-15", "affected": json.Number("12345"),
			"ppc_reported": true, "police_reported": true, "via_third_party": false,
		} {
			if r[k] != v {
				t.Errorf("%s: %s = %#v, want %#v", name, k, r[k], v)
			}
		}
		if types, _ := r["data_types"].([]any); fmt.Sprint(types) != "[name address phone email]" {
			t.Errorf("%s: data_types = %v, want [name address phone email]", name, types)
		}
	}
}

func TestRunFormats(t *testing.T) {
	abs, want := encodedFixtures(t)
	// Relative paths, as typed at a shell, keep the text tables' headings
	// short enough not to wrap.
	t.Chdir(filepath.Dir(abs[0]))
	var paths []string
	for _, p := range abs {
		paths = append(paths, filepath.Base(p))
	}
	tests := []struct {
		name  string
		args  []string
		tty   bool
		check func(t *testing.T, out string)
	}{
		{
			name: "jsonl",
			args: append([]string{"--format", "jsonl"}, paths...),
			check: func(t *testing.T, out string) {
				checkRecords(t, parseJSONL(t, out), paths, want, true)
			},
		},
		{
			name: "json without text",
			args: append([]string{"--format=json", "--no-text"}, paths...),
			check: func(t *testing.T, out string) {
				checkRecords(t, parseJSONArray(t, out), paths, want, false)
			},
		},
		{
			name:  "text",
			args:  append([]string{"--format", "text"}, paths...),
			check: func(t *testing.T, out string) { checkText(t, out, paths, want) },
		},
		{
			name:  "text is the default on a terminal",
			args:  paths,
			tty:   true,
			check: func(t *testing.T, out string) { checkText(t, out, paths, want) },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, runOpts{tty: tt.tty}, tt.args...)
			if r.code != 0 || r.stderr != "" {
				t.Fatalf("exit %d, stderr:\n%s", r.code, r.stderr)
			}
			tt.check(t, r.stdout)
		})
	}
}

// checkText checks --format text output: a numbered table per incident, in
// input order, showing the organization and the cause's Japanese label.
func checkText(t *testing.T, out string, paths []string, want []expect) {
	t.Helper()
	if strings.HasPrefix(strings.TrimSpace(out), "{") || strings.HasPrefix(strings.TrimSpace(out), "[") {
		t.Fatalf("text output looks like JSON:\n%.300s", out)
	}
	last := -1
	for i, p := range paths {
		head := fmt.Sprintf("#%d  %s", i+1, p)
		at := strings.Index(out, head)
		if at < 0 {
			t.Errorf("no table headed %q", head)
			continue
		}
		if at < last {
			t.Errorf("table %q out of input order", head)
		}
		last = at
		// This incident's table runs up to the next one's heading.
		table := out[at:]
		if i+1 < len(paths) {
			if next := strings.Index(table, fmt.Sprintf("#%d  ", i+2)); next > 0 {
				table = table[:next]
			}
		}
		if org, ok := want[i].org.(string); ok && !strings.Contains(table, org) {
			t.Errorf("table %s does not show organization %q:\n%s", head, org, table)
		}
		if label := want[i].label + " (" + want[i].cause + ")"; !strings.Contains(table, label) {
			t.Errorf("table %s does not show cause %q:\n%s", head, label, table)
		}
	}
}

func TestRunKeepsInputOrder(t *testing.T) {
	dir := t.TempDir()
	names := []string{"アルファ", "ベータ", "ガンマ", "デルタ", "イプシロン", "ゼータ",
		"エータ", "シータ", "イオタ", "カッパ", "ラムダ", "ミュー"}
	filler := strings.Repeat("今後とも変わらぬご愛顧を賜りますよう、何卒よろしくお願い申し上げます。\n", 150)
	var paths, orgs []string
	for i, n := range names {
		org := "株式会社" + n + "商事"
		text := noticeText("不正アクセスによる個人情報漏えいに関するお詫び", org,
			"当社のサーバーが第三者による不正アクセスを受け")
		if i < 4 { // the first inputs take longest, so later ones finish first
			text += "\n" + filler
		}
		// Names that sort in another order than the arguments.
		paths = append(paths, writeFile(t, dir, fmt.Sprintf("%02d.txt", (i*7)%12), []byte(text)))
		orgs = append(orgs, org)
	}
	if slices.IsSorted(paths) {
		t.Fatal("fixture paths are sorted; the test would not tell input order from sorted order")
	}
	args := append([]string{"--workers", "4"}, paths...)
	args = append(args, "--no-text") // a flag after the paths
	r := run(t, runOpts{}, args...)
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	recs := parseJSONL(t, r.stdout) // not a terminal: jsonl by default
	if got := sources(recs); !slices.Equal(got, paths) {
		t.Fatalf("sources in output order = %q\nwant argument order %q", got, paths)
	}
	for i, rec := range recs {
		if rec["organization"] != orgs[i] {
			t.Errorf("%s: organization = %#v, want %q (incident paired with the wrong input?)", paths[i], rec["organization"], orgs[i])
		}
		if _, ok := rec["text"]; ok {
			t.Errorf("%s: text present despite --no-text given after the paths", paths[i])
		}
	}
}

func TestRunDirectoryAndStdin(t *testing.T) {
	dir := t.TempDir()
	notice := func(org string) []byte {
		return []byte(noticeText("個人情報漏えいに関するお詫び", org, "当社のサーバーが第三者による不正アクセスを受け"))
	}
	writeFile(t, dir, "b.txt", notice("株式会社ビー"))
	writeFile(t, dir, "a.html", []byte(htmlPage(`<meta charset="utf-8">`, string(notice("株式会社エー")))))
	writeFile(t, dir, "sub/c.txt", notice("株式会社シー"))
	writeFile(t, dir, "noext", notice("株式会社ディー"))
	writeFile(t, dir, ".hidden.txt", notice("株式会社ヒドゥン"))                   // hidden: skipped
	writeFile(t, dir, ".git/d.txt", notice("株式会社ギット"))                     // hidden directory: skipped
	writeFile(t, dir, "logo.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00")) // not a document name: skipped

	stdin := strings.NewReader(string(encode(t, japanese.ISO2022JP, string(notice("株式会社標準入力")))))
	r := run(t, runOpts{stdin: stdin}, dir, "-", "--format", "json")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	recs := parseJSONArray(t, r.stdout)
	wantSources := []string{
		filepath.Join(dir, "a.html"), filepath.Join(dir, "b.txt"),
		filepath.Join(dir, "noext"), filepath.Join(dir, "sub", "c.txt"), "-",
	}
	if got := sources(recs); !slices.Equal(got, wantSources) {
		t.Fatalf("sources = %q\nwant %q", got, wantSources)
	}
	wantOrgs := []string{"株式会社エー", "株式会社ビー", "株式会社ディー", "株式会社シー", "株式会社標準入力"}
	for i, rec := range recs {
		checkContract(t, rec)
		if rec["organization"] != wantOrgs[i] {
			t.Errorf("%s: organization = %#v, want %q", wantSources[i], rec["organization"], wantOrgs[i])
		}
	}
}

func TestRunBadInputs(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "good.txt", []byte(noticeText("不正アクセスに関するお詫び", "株式会社グッド",
		"当社のサーバーが第三者による不正アクセスを受け")))

	full := htmlPage(`<meta charset="utf-8">`, noticeText("ランサムウェア被害に関するお知らせ", "株式会社トランケート",
		"当社のサーバーがランサムウェアに感染し"))
	cut := strings.Index(full, "</div>") + len("</di") // mid-tag, before </body></html>
	truncated := writeFile(t, dir, "truncated.html", []byte(full[:cut]))

	big := writeFile(t, dir, "big.txt", nil)
	if err := os.Truncate(big, 50<<20); err != nil { // sparse: costs no disk
		t.Fatal(err)
	}
	garbage := strings.Repeat("\x8f\xfe\xa0\xff\x81a\xfd\x80", 40)
	bad := map[string]string{ // path → what its error line must say
		writeFile(t, dir, "empty.txt", nil):                                                   "empty",
		writeFile(t, dir, "blank.txt", []byte(" \n\t\n")):                                     "empty",
		writeFile(t, dir, "image.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")): "binary",
		writeFile(t, dir, "nul.txt", []byte("お知らせ\x00\x00\x00\x00")):                          "binary",
		big: "too large",
		writeFile(t, dir, "bogus.html", []byte(`<html><head><meta charset="x-bogus"></head><body>`+garbage)): "x-bogus",
		writeFile(t, dir, "nonotice.html", []byte("<html><body><script>var x;</script></body></html>")):      "no notice",
		filepath.Join(dir, "missing.txt"): "no such file",
	}
	args := []string{truncated}
	for p := range bad {
		args = append(args, p)
	}
	slices.Sort(args[1:])
	args = append(args, good)

	r := run(t, runOpts{}, args...)
	if r.code != 1 {
		t.Errorf("exit %d, want 1", r.code)
	}
	recs := parseJSONL(t, r.stdout)
	if got, want := sources(recs), []string{truncated, good}; !slices.Equal(got, want) {
		t.Errorf("incidents from %q, want %q", got, want)
	}
	for _, rec := range recs {
		checkContract(t, rec)
	}
	if len(recs) == 2 && recs[1]["organization"] != "株式会社グッド" {
		t.Errorf("good file: organization = %#v", recs[1]["organization"])
	}

	for p, what := range bad {
		lines := linesNaming(r.stderr, p)
		if len(lines) != 1 {
			t.Errorf("%s: %d stderr lines name it, want 1:\n%s", filepath.Base(p), len(lines), r.stderr)
			continue
		}
		if !strings.Contains(lines[0], what) {
			t.Errorf("%s: error %q does not say %q", filepath.Base(p), lines[0], what)
		}
	}
	if lines := linesNaming(r.stderr, good); len(lines) != 0 {
		t.Errorf("stderr names the good file: %q", lines)
	}
	warn := linesNaming(r.stderr, truncated)
	if len(warn) != 1 || !strings.Contains(warn[0], "warning") {
		t.Errorf("truncated HTML: stderr lines %q, want one warning", warn)
	}
	if got, want := len(nonEmptyLines(r.stderr)), len(bad)+1; got != want {
		t.Errorf("stderr has %d lines, want %d (one per bad input, one warning):\n%s", got, want, r.stderr)
	}

	t.Run("truncated alone succeeds", func(t *testing.T) {
		r := run(t, runOpts{}, "--no-text", truncated)
		if r.code != 0 {
			t.Errorf("exit %d, want 0: a truncated page is not a failure", r.code)
		}
		recs := parseJSONL(t, r.stdout)
		if len(recs) != 1 || recs[0]["organization"] != "株式会社トランケート" {
			t.Errorf("incidents = %v, want the truncated notice's", recs)
		}
		if lines := nonEmptyLines(r.stderr); len(lines) != 1 || !strings.Contains(lines[0], truncated) || !strings.Contains(lines[0], "warning") {
			t.Errorf("stderr = %q, want one warning naming %s", r.stderr, truncated)
		}
	})
}

func TestRunMaxSizeWithJSONArray(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "notice.txt", []byte(noticeText("お詫び", "株式会社サンプル", "不正アクセスを受け")))
	r := run(t, runOpts{}, "--format", "json", "--max-size", "100", p)
	if r.code != 1 {
		t.Errorf("exit %d, want 1", r.code)
	}
	if recs := parseJSONArray(t, r.stdout); len(recs) != 0 {
		t.Errorf("got %d incidents, want an empty array", len(recs))
	}
	if lines := nonEmptyLines(r.stderr); len(lines) != 1 || !strings.Contains(lines[0], p) || !strings.Contains(lines[0], "too large") {
		t.Errorf("stderr = %q, want one line naming %s as too large", r.stderr, p)
	}
}

// failingWriter fails every write, as a closed pipe does.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("broken pipe") }

func TestRunWriteError(t *testing.T) {
	p := writeFile(t, t.TempDir(), "notice.txt", []byte(noticeText("お詫び", "株式会社サンプル", "不正アクセスを受け")))
	r := run(t, runOpts{stdout: failingWriter{}}, p)
	if r.code != 1 {
		t.Errorf("exit %d, want 1", r.code)
	}
	if !strings.Contains(r.stderr, "broken pipe") {
		t.Errorf("stderr %q does not report the write error", r.stderr)
	}
}

func TestRunUsage(t *testing.T) {
	data := t.TempDir()
	tests := []struct {
		name string
		args []string
		code int
		has  []string // on stderr
	}{
		{"no args", nil, 2, []string{"no input", "--help"}},
		{"only flags", []string{"--format", "json"}, 2, []string{"no input"}},
		{"bad format", []string{"--format", "xml", "a.txt"}, 2, []string{"format", "xml", "json, jsonl, text"}},
		{"bad format after path", []string{"a.txt", "--format=xml"}, 2, []string{"format"}},
		{"unknown flag", []string{"--frobnicate", "a.txt"}, 2, []string{"frobnicate"}},
		{"negative workers", []string{"--workers", "-1", "a.txt"}, 2, []string{"--workers"}},
		{"workers not a number", []string{"--workers", "four", "a.txt"}, 2, []string{"workers"}},
		{"zero max size", []string{"--max-size", "0", "a.txt"}, 2, []string{"--max-size"}},
		{"help", []string{"--help"}, 0, []string{"usage: incidex extract", "-format", "-workers", "-max-size", "-data"}},
		{"help after a path", []string{"a.txt", "-h"}, 0, []string{"usage: incidex extract"}},
		{"data accepted", []string{"--data", data, "--help"}, 0, []string{"usage: incidex extract"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, runOpts{}, tt.args...)
			if r.code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", r.code, tt.code, r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("stdout = %q, want nothing", r.stdout)
			}
			for _, h := range tt.has {
				if !strings.Contains(r.stderr, h) {
					t.Errorf("stderr does not contain %q:\n%s", h, r.stderr)
				}
			}
		})
	}
}
