package reportcmd_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/incidex/incidex/cmd/incidex/cli"
	"github.com/incidex/incidex/cmd/incidex/export"
	"github.com/incidex/incidex/cmd/incidex/ingest"
	"github.com/incidex/incidex/cmd/incidex/internal/clitest"
	"github.com/incidex/incidex/cmd/incidex/reportcmd"
	"github.com/incidex/incidex/cmd/incidex/search"
)

// fixtureIDs maps the base name of each incident's current source to its id.
func fixtureIDs(t *testing.T, data string) map[string]string {
	t.Helper()
	ids := map[string]string{}
	out := clitest.MustRun(t, export.Run, "--data", data).Stdout
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var r struct{ ID, Source string }
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatal(err)
		}
		ids[filepath.Base(r.Source)] = r.ID
	}
	return ids
}

// incidentJSON is the part of the JSON form the tests read.
type incidentJSON struct {
	Kind     string
	Incident struct {
		ID, Organization string
		Items            []struct {
			ID      string
			Reasons []string
		}
		Similar []struct{ ID string }
		Reports []struct{ Sequence *int }
	}
}

type setJSON struct {
	Kind  string
	Scope string
	Set   struct {
		Incidents int
		ByCause   []struct {
			Key       string
			Incidents int
		} `json:"by_cause"`
		Items []struct{ ID string }
	}
}

func decode(t *testing.T, s string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(s), v); err != nil {
		t.Fatalf("not the report's JSON: %v\n%s", err, s)
	}
}

func TestReport(t *testing.T) {
	data := clitest.IngestFixtures(t)
	ids := fixtureIDs(t, data)
	mail := ids["mikazuki-2.txt"] // misdelivery, 第1報 and 第2報

	t.Run("one incident, markdown by default", func(t *testing.T) {
		out := clitest.MustRun(t, reportcmd.Run, "--data", data, mail).Stdout
		for _, want := range []string{
			"# インシデントレポート: 株式会社ミカヅキ通商", "## 事実と根拠", "## 経緯", "第2報",
			"メール誤送信防止の仕組み", "送付前の宛先・内容確認", "従業者への定期教育", "誤送信・誤送付: 宛先や添付の確認が不十分なまま送った",
			"## 類似の過去事例", "作成: ",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("report does not show %q:\n%s", want, out)
			}
		}
	})

	t.Run("one incident as json", func(t *testing.T) {
		var r incidentJSON
		decode(t, clitest.MustRun(t, reportcmd.Run, "--data", data, "--format", "json", "--similar", "3", mail).Stdout, &r)
		if r.Kind != "incident" || r.Incident.ID != mail || len(r.Incident.Reports) != 2 {
			t.Errorf("kind %q id %q reports %d", r.Kind, r.Incident.ID, len(r.Incident.Reports))
		}
		var items []string
		for _, it := range r.Incident.Items {
			items = append(items, it.ID)
			if len(it.Reasons) == 0 {
				t.Errorf("item %s without a reason", it.ID)
			}
		}
		for _, want := range []string{"10-6-4-mail-control", "10-3-2-send-check", "10-4-training"} {
			if !slices.Contains(items, want) {
				t.Errorf("items %v lack %s", items, want)
			}
		}
		var similar []string
		for _, s := range r.Incident.Similar {
			similar = append(similar, s.ID)
		}
		if len(similar) == 0 || len(similar) > 3 || similar[0] != ids["hinata.txt"] || slices.Contains(similar, mail) {
			t.Errorf("similar %v: want at most 3, the other misdelivery (%s) first, not the incident itself", similar, ids["hinata.txt"])
		}
	})

	t.Run("query with filters", func(t *testing.T) {
		var r setJSON
		decode(t, clitest.MustRun(t, reportcmd.Run, "--data", data, "--format", "json", "--query", "誤送信", "--since", "2023").Stdout, &r)
		var hits struct{ Total int }
		decode(t, clitest.MustRun(t, search.Run, "--data", data, "--format", "json", "--since", "2023", "誤送信").Stdout, &hits)
		if r.Kind != "set" || r.Set.Incidents != hits.Total || hits.Total == 0 {
			t.Errorf("report on %d incidents, search finds %d", r.Set.Incidents, hits.Total)
		}
		if r.Scope != "検索「誤送信」 --since 2023" {
			t.Errorf("scope %q", r.Scope)
		}
		var causes []string
		for _, c := range r.Set.ByCause {
			causes = append(causes, c.Key)
		}
		if !slices.Equal(causes, []string{"misdelivery"}) {
			t.Errorf("causes %v", causes)
		}
	})

	t.Run("filters alone", func(t *testing.T) {
		var r setJSON
		decode(t, clitest.MustRun(t, reportcmd.Run, "--data", data, "--format", "json", "--cause", "ransomware").Stdout, &r)
		if r.Set.Incidents != 1 || r.Set.ByCause[0].Key != "ransomware" || !slices.ContainsFunc(r.Set.Items, func(it struct{ ID string }) bool { return it.ID == "10-3-4-backup" }) {
			t.Errorf("ransomware report: %+v", r.Set)
		}
	})

	t.Run("all", func(t *testing.T) {
		var r setJSON
		decode(t, clitest.MustRun(t, reportcmd.Run, "--all", "--data", data, "--format", "json").Stdout, &r)
		sum := 0
		for _, c := range r.Set.ByCause {
			sum += c.Incidents
		}
		if r.Set.Incidents != 6 || sum != 6 || r.Scope != "全件" {
			t.Errorf("all: %d incidents, causes add up to %d, scope %q", r.Set.Incidents, sum, r.Scope)
		}
		md := clitest.MustRun(t, reportcmd.Run, "--all", "--data", data).Stdout
		if !strings.Contains(md, "# インシデント集計レポート") || !strings.Contains(md, "## 重要なチェック項目") {
			t.Errorf("markdown:\n%s", md)
		}
	})

	t.Run("-o writes the file atomically, the extension picks the format", func(t *testing.T) {
		dir := t.TempDir()
		page := filepath.Join(dir, "all.html")
		if err := os.WriteFile(page, []byte("old"), 0o600); err != nil {
			t.Fatal(err)
		}
		r := clitest.MustRun(t, reportcmd.Run, "--all", "--data", data, "-o", page)
		if r.Stdout != "" {
			t.Errorf("stdout %q, want nothing", r.Stdout)
		}
		b, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, []byte("<!DOCTYPE html>")) {
			t.Errorf("%s is not HTML: %.80q", page, b)
		}
		checkNoScript(t, b)
		clitest.MustRun(t, reportcmd.Run, "--data", data, "-o", filepath.Join(dir, "one.json"), mail)
		clitest.MustRun(t, reportcmd.Run, "--data", data, "-o", filepath.Join(dir, "one.html"), "--format", "md", mail)
		if b, _ := os.ReadFile(filepath.Join(dir, "one.json")); !json.Valid(b) {
			t.Error("one.json is not JSON")
		}
		if b, _ := os.ReadFile(filepath.Join(dir, "one.html")); !bytes.HasPrefix(b, []byte("# ")) {
			t.Error("--format md did not win over the .html extension")
		}
		entries, _ := os.ReadDir(dir)
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		if !slices.Equal(names, []string{"all.html", "one.html", "one.json"}) {
			t.Errorf("directory holds %v: a temporary file was left", names)
		}
		if fi, _ := os.Stat(page); fi.Mode().Perm() != 0o644 {
			t.Errorf("mode %v, want 0644", fi.Mode().Perm())
		}
	})

	t.Run("bad input", func(t *testing.T) {
		missing := filepath.Join(t.TempDir(), "nope")
		tests := []struct {
			name   string
			args   []string
			code   int
			stderr string
		}{
			{"unknown id", []string{"--data", data, "zzzzzzzzzz"}, cli.ExitFailure, "zzzzzzzzzz: no such incident"},
			{"bad format", []string{"--data", data, "--format", "pdf", mail}, cli.ExitUsage, "pdf"},
			{"nothing to report on", []string{"--data", data}, cli.ExitUsage, "give an incident ID, --query WORDS or --all"},
			{"two ids", []string{"--data", data, mail, mail}, cli.ExitUsage, "give one incident ID"},
			{"id and all", []string{"--data", data, "--all", mail}, cli.ExitUsage, "not both"},
			{"all and filters", []string{"--data", data, "--all", "--cause", "loss"}, cli.ExitUsage, "--all takes no --query or filters"},
			{"empty query", []string{"--data", data, "--query", " "}, cli.ExitUsage, "--query needs words or filters"},
			{"unknown cause", []string{"--data", data, "--cause", "bogus"}, cli.ExitUsage, `unknown cause "bogus"`},
			{"negative similar", []string{"--data", data, "--similar", "-1", mail}, cli.ExitUsage, "--similar"},
			{"no match", []string{"--data", data, "--query", "存在しない言葉ですね"}, cli.ExitFailure, "no incidents match 検索「存在しない言葉ですね」"},
			{"no data directory", []string{"--data", missing, "--all"}, cli.ExitFailure, "does not exist"},
			{"empty data directory", []string{"--data", t.TempDir(), "--all"}, cli.ExitFailure, "no incidents stored"},
			{"no index", []string{"--data", t.TempDir(), mail}, cli.ExitFailure, "no search index"},
			{"unwritable output", []string{"--data", data, "-o", filepath.Join(missing, "r.md"), mail}, cli.ExitFailure, "r.md"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := clitest.Run(t, reportcmd.Run, tt.args...)
				if r.Code != tt.code || !strings.Contains(r.Stderr, tt.stderr) {
					t.Errorf("exit %d, stderr %q; want %d and %q", r.Code, r.Stderr, tt.code, tt.stderr)
				}
				if tt.code != cli.ExitOK && r.Stdout != "" {
					t.Errorf("stdout %q on failure", r.Stdout)
				}
			})
		}
		if _, err := os.Stat(missing); !os.IsNotExist(err) {
			t.Errorf("the missing data directory was created: %v", err)
		}
	})

}

// checkNoScript fails if a page has a script element, an event handler or
// a javascript: URL.
func checkNoScript(t *testing.T, page []byte) {
	t.Helper()
	root, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	for n := range root.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		if n.Data == "script" || n.Data == "img" || n.Data == "iframe" || n.Data == "a" {
			t.Errorf("<%s> in the report", n.Data)
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(strings.ToLower(a.Key), "on") || strings.Contains(strings.ToLower(a.Val), "javascript:") ||
				a.Key == "href" || a.Key == "src" {
				t.Errorf("<%s %s=%q> in the report", n.Data, a.Key, a.Val)
			}
		}
	}
}

// A hostile notice — markup in its title, organization and text — is
// ingested for real and reported as HTML: the markup shows as text and
// nothing in it runs.
func TestReportHostileNotice(t *testing.T) {
	const notice = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>お知らせ</title></head><body>
<h1>&lt;script&gt;alert(1)&lt;/script&gt;メール誤送信に関するお詫び</h1>
<p>2024年6月3日</p>
<p>株式会社架空ツアーズ&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</p>
<p>このたび、当社よりお客様へ送信したご案内メール&lt;svg onload=alert(1)&gt;において、送信先のメールアドレスを「BCC」で送信すべきところ、誤って「TO」に入力して送信したため、お客様120名のメールアドレスが他の受信者に表示される事案が発生しました。詳細は &lt;/style&gt;&lt;a href=&quot;javascript:alert(3)&quot;&gt;こちら&lt;/a&gt;をご覧ください。</p>
<p>2024年5月31日、お客様からのご指摘&quot;&gt;&lt;img src=x onerror=alert(4)&gt;により判明いたしました。</p>
</body></html>`
	dir, data := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "evil.html"), []byte(notice), 0o644); err != nil {
		t.Fatal(err)
	}
	clitest.MustRun(t, ingest.Run, "--data", data, dir)
	var id string
	for _, v := range fixtureIDs(t, data) {
		id = v
	}
	for _, args := range [][]string{{id}, {"--all"}} {
		page := clitest.MustRun(t, reportcmd.Run, append([]string{"--data", data, "--format", "html"}, args...)...).Stdout
		checkNoScript(t, []byte(page))
		root, err := html.Parse(strings.NewReader(page))
		if err != nil {
			t.Fatal(err)
		}
		var text strings.Builder
		for n := range root.Descendants() {
			if n.Type == html.TextNode {
				text.WriteString(n.Data)
			}
		}
		wants := []string{"<script>alert(1)</script>メール誤送信に関するお詫び", `株式会社架空ツアーズ">`}
		if args[0] == id { // the evidence and the notice's text
			wants = append(wants, `株式会社架空ツアーズ"><img src=x onerror=alert(1)>`, `<a href="javascript:alert(3)">こちら</a>`)
		}
		for _, want := range wants {
			if !strings.Contains(text.String(), want) {
				t.Errorf("report %v does not show %q as text", args, want)
			}
		}
	}
}
