package evalcmd

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/incidex/incidex/cmd/incidex/cli"
	"github.com/incidex/incidex/eval"
)

// Fictional notices and their gold labels (shared/eval/SCHEMA.md).
var (
	texts = map[string]string{
		"a.txt": "不正アクセスによる個人情報漏えいに関するお詫び\n\n2024年3月1日\n株式会社サンプル商事\n\n" +
			"このたび、当社が運営するオンラインショップのサーバーが第三者による不正アクセスを受け、" +
			"お客様の個人情報（氏名、住所、電話番号、メールアドレス）最大12,345件が漏えいした可能性があることが、" +
			"2024年2月15日に判明いたしました。\n" +
			"本件については、個人情報保護委員会へ報告するとともに、警察にも相談しております。\n",
		"b.txt": "USBメモリ紛失に関するお詫び\n\n2024年3月1日\n有限会社みほん堂\n\n" +
			"このたび、当社従業員がお客様情報を保存したUSBメモリを紛失し、お客様の個人情報（氏名、住所、電話番号、メールアドレス）" +
			"最大12,345件が漏えいした可能性があることが、2024年2月15日に判明いたしました。\n" +
			"本件については、個人情報保護委員会へ報告するとともに、警察にも相談しております。\n",
	}
	goldA = `{"id": "a", "source_url": null, "title": "不正アクセスによる個人情報漏えいに関するお詫び", "organization": "株式会社サンプル商事", "published": "2024-03-01", "discovered": "2024-02-15", "causes": ["unauthorized_access"], "via_third_party": false, "affected": 12345, "affected_alternatives": [], "data_types": ["name", "address", "phone", "email"], "ppc_reported": true, "police_reported": true, "sequence": null, "notes": "fictional"}`
	goldB = `{"id": "b#1", "source_url": null, "title": "USBメモリ紛失に関するお詫び", "organization": "みほん堂", "published": "2024-03-01", "discovered": "2024-02-15", "causes": ["loss"], "via_third_party": false, "affected": 12000, "affected_alternatives": [12345], "data_types": ["name", "address", "phone", "email"], "ppc_reported": true, "police_reported": true, "sequence": null, "notes": "organization without its legal form; affected via an alternative"}`
)

// setup writes the texts and the gold lines, and returns the gold file and
// the texts directory.
func setup(t *testing.T, gold ...string) (goldPath, textsDir string) {
	t.Helper()
	dir := t.TempDir()
	textsDir = filepath.Join(dir, "texts")
	if err := os.Mkdir(textsDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range texts {
		if err := os.WriteFile(filepath.Join(textsDir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	goldPath = filepath.Join(dir, "gold.jsonl")
	if err := os.WriteFile(goldPath, []byte(strings.Join(gold, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return goldPath, textsDir
}

// run runs "incidex eval args..." in process.
func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	data := t.TempDir()
	env := cli.Env{
		Stdin:  strings.NewReader(""),
		Stdout: &out,
		Stderr: &errb,
		Getenv: func(k string) string { return map[string]string{"INCIDEX_DATA": data}[k] },
	}
	code = Run(context.Background(), env, args)
	return code, out.String(), errb.String()
}

func TestTextReport(t *testing.T) {
	gold, dir := setup(t, goldA, goldB)
	code, stdout, stderr := run(t, "--gold", gold, "--texts", dir, "--min", "cause=0.0", "--min", "causes_f1=1", "--data", t.TempDir())
	if code != cli.ExitOK {
		t.Fatalf("exit %d, stderr:\n%s\nstdout:\n%s", code, stderr, stdout)
	}
	if stderr != "" {
		t.Errorf("stderr = %q, want nothing", stderr)
	}
	for _, f := range eval.Fields {
		if !strings.Contains(stdout, f) {
			t.Errorf("report does not list field %q:\n%s", f, stdout)
		}
	}
	for _, want := range []string{"2 notices", "2/2", "1.000", "0.000", "0 misses"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("report does not contain %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "0/2") || strings.Contains(stdout, "1/2") {
		t.Errorf("a field scored below 2/2 on labels that match:\n%s", stdout)
	}
}

func TestJSONReport(t *testing.T) {
	gold, dir := setup(t, goldA, goldB)
	code, stdout, stderr := run(t, "--format", "json", "--gold", gold, "--texts", dir)
	if code != cli.ExitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	var rep eval.Report
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("--format json: %v\n%s", err, stdout)
	}
	if rep.N != 2 {
		t.Errorf("n = %d, want 2", rep.N)
	}
	for _, f := range eval.Fields {
		if s := rep.Score(f); s != 1 {
			t.Errorf("%s = %.3f, want 1", f, s)
		}
	}
	if len(rep.Misses) != 0 {
		t.Errorf("misses = %+v, want none", rep.Misses)
	}
	if rep.Causes.TP != 2 || rep.DataTypes.TP != 8 {
		t.Errorf("causes %+v, data types %+v", rep.Causes, rep.DataTypes)
	}
}

func TestFloorNotReached(t *testing.T) {
	wrong := strings.Replace(goldA, `"organization": "株式会社サンプル商事"`, `"organization": "株式会社まちがい"`, 1)
	if wrong == goldA {
		t.Fatal("fixture: organization not replaced")
	}
	gold, dir := setup(t, wrong, goldB)
	code, stdout, stderr := run(t, "--gold", gold, "--texts", dir, "--misses",
		"--min", "organization=1.0", "--min", "cause=0.5", "--min", "title=1")
	if code != cli.ExitFailure {
		t.Errorf("exit %d, want 1", code)
	}
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	if len(lines) != 1 || !strings.Contains(lines[0], "organization") || !strings.Contains(lines[0], "0.500") || !strings.Contains(lines[0], "1.000") {
		t.Errorf("stderr = %q, want one line naming organization, its score 0.500 and floor 1.000", stderr)
	}
	for _, want := range []string{"1/2", "株式会社まちがい", "株式会社サンプル商事"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("report with --misses does not contain %q:\n%s", want, stdout)
		}
	}
}

func TestMissingText(t *testing.T) {
	goldC := strings.Replace(strings.Replace(goldA, `"id": "a"`, `"id": "c"`, 1), `"causes": ["unauthorized_access"]`, `"causes": ["theft"]`, 1)
	gold, dir := setup(t, goldA, goldB, goldC)
	_, stdout, stderr := run(t, "--format", "json", "--gold", gold, "--texts", dir)
	if lines := strings.Split(strings.TrimSpace(stderr), "\n"); len(lines) != 1 || !strings.Contains(lines[0], filepath.Join(dir, "c.txt")) {
		t.Errorf("stderr = %q, want one line naming c.txt", stderr)
	}
	var rep eval.Report
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("--format json: %v\n%s", err, stdout)
	}
	if rep.N != 3 || rep.Correct["organization"] != 2 || rep.Correct["cause"] != 2 {
		t.Errorf("n %d, correct %v; want 3 labels with c's organization and cause missed", rep.N, rep.Correct)
	}
	found := false
	for _, m := range rep.Misses {
		found = found || (m.ID == "c" && m.Field == "cause" && m.Expected == "theft")
	}
	if !found {
		t.Errorf("misses %+v do not include c's cause", rep.Misses)
	}
}

func TestGoldErrors(t *testing.T) {
	_, dir := setup(t, goldA)
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	if err := os.WriteFile(bad, []byte(goldA+"\n"+`{"id": "b", "published": "March"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(t.TempDir(), "nope.jsonl")
	tests := []struct {
		name, gold string
		has        []string
	}{
		{"missing", missing, []string{missing}},
		{"a directory", dir, []string{dir}},
		{"bad line", bad, []string{bad, "line 2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(t, "--gold", tt.gold, "--texts", dir)
			if code != cli.ExitFailure {
				t.Errorf("exit %d, want 1", code)
			}
			if stdout != "" {
				t.Errorf("stdout = %q, want no report", stdout)
			}
			for _, h := range tt.has {
				if !strings.Contains(stderr, h) {
					t.Errorf("stderr %q does not contain %q", stderr, h)
				}
			}
		})
	}
}

func TestUsage(t *testing.T) {
	gold, dir := setup(t, goldA)
	base := []string{"--gold", gold, "--texts", dir}
	with := func(extra ...string) []string { return append(append([]string{}, base...), extra...) }
	tests := []struct {
		name string
		args []string
		code int
		has  []string // on stderr
	}{
		{"floor above 1", with("--min", "cause=1.01"), 2, []string{"cause", "1.01", "[0,1]"}},
		{"negative floor", with("--min", "cause=-0.1"), 2, []string{"cause"}},
		{"floor not a number", with("--min", "cause=high"), 2, []string{"high"}},
		{"floor without value", with("--min", "cause"), 2, []string{"field=value"}},
		{"unknown field", with("--min", "bogus=0.5"), 2, []string{"bogus"}},
		{"bad format", with("--format", "xml"), 2, []string{"format"}},
		{"no gold", []string{"--texts", dir}, 2, []string{"--gold"}},
		{"no texts", []string{"--gold", gold}, 2, []string{"--texts"}},
		{"no flags", nil, 2, []string{"--gold"}},
		{"extra argument", with("extra.txt"), 2, []string{"no other arguments"}},
		{"help", []string{"--help"}, 0, []string{"usage: incidex eval", "-gold", "-texts", "-min", "-data", "causes_f1"}},
		{"data accepted", []string{"--data", t.TempDir(), "--help"}, 0, []string{"usage: incidex eval"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout = %q, want nothing", stdout)
			}
			for _, h := range tt.has {
				if !strings.Contains(stderr, h) {
					t.Errorf("stderr does not contain %q:\n%s", h, stderr)
				}
			}
		})
	}
}
