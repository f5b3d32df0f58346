package checklistcmd_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/incidex/incidex/cmd/incidex/checklistcmd"
	"github.com/incidex/incidex/cmd/incidex/cli"
	"github.com/incidex/incidex/cmd/incidex/ingest"
	"github.com/incidex/incidex/cmd/incidex/search"
)

func run(t *testing.T, cmd func(context.Context, cli.Env, []string) int, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	env := cli.Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }}
	return cmd(context.Background(), env, args), stdout.String(), stderr.String()
}

// A misdelivered e-mail maps to the mail-sending controls, with a reason.
const notice = `メールアドレス流出に関するお詫び
2024年6月3日
株式会社架空ツアーズ
このたび、当社よりお客様へ送信したキャンペーンのご案内メールにおいて、送信先のメールアドレスを「BCC」で送信すべきところ、誤って「TO」に入力して送信したため、お客様120名のメールアドレスが他の受信者に表示される事案が発生しました。
2024年5月31日、お客様からのご指摘により判明いたしました。
`

func TestChecklist(t *testing.T) {
	code, out, stderr := run(t, checklistcmd.Run, "--format", "json")
	if code != cli.ExitOK {
		t.Fatalf("list: exit %d, stderr %q", code, stderr)
	}
	var all []struct{ Item struct{ ID string } }
	if err := json.Unmarshal([]byte(out), &all); err != nil || len(all) < 20 {
		t.Fatalf("list: %d items, err %v; want the whole checklist", len(all), err)
	}

	data, dir := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "n.txt"), []byte(notice), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, ingest.Run, "--data", data, dir); code != cli.ExitOK {
		t.Fatalf("ingest: exit %d, stderr %q", code, stderr)
	}
	_, out, _ = run(t, search.Run, "--data", data, "--format", "jsonl", "--cause", "misdelivery")
	var hit struct{ ID string }
	if err := json.Unmarshal([]byte(strings.SplitN(out, "\n", 2)[0]), &hit); err != nil {
		t.Fatalf("search: %v in %q", err, out)
	}
	code, out, stderr = run(t, checklistcmd.Run, "--data", data, "--format", "json", hit.ID)
	if code != cli.ExitOK {
		t.Fatalf("map: exit %d, stderr %q", code, stderr)
	}
	var got []struct {
		Item    struct{ ID, Title string }
		Reasons []string
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || len(got) == 0 {
		t.Fatalf("map: %v, %d items", err, len(got))
	}
	mail := false
	for _, m := range got {
		if len(m.Reasons) == 0 {
			t.Errorf("%s mapped without a reason", m.Item.ID)
		}
		mail = mail || strings.Contains(m.Item.Title, "メール")
	}
	if !mail {
		t.Errorf("a misdelivered e-mail maps to no mail-sending item: %+v", got)
	}

	if code, _, stderr := run(t, checklistcmd.Run, "--data", data, "nosuchid"); code != cli.ExitFailure || !strings.Contains(stderr, "nosuchid") {
		t.Errorf("unknown id: exit %d, stderr %q; want 1 naming it", code, stderr)
	}
	if code, _, _ := run(t, checklistcmd.Run, "--data", data, "a", "b"); code != cli.ExitUsage {
		t.Errorf("two ids: exit %d, want 2", code)
	}
}
