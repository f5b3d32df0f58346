package analyze_test

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/incidex/incidex/cmd/incidex/analyze"
	"github.com/incidex/incidex/cmd/incidex/cli"
)

// run runs "incidex analyze args..." in process.
func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := cli.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	code = analyze.Run(context.Background(), env, args)
	return code, out.String(), errb.String()
}

// textTerms returns the terms of the kagome field analyze prints for text.
func textTerms(t *testing.T, text string) []string {
	t.Helper()
	code, out, stderr := run(t, "--format", "json", text)
	if code != cli.ExitOK {
		t.Fatalf("analyze %q: exit %d: %s", text, code, stderr)
	}
	var terms []struct{ Term, Field string }
	if err := json.Unmarshal([]byte(out), &terms); err != nil {
		t.Fatalf("analyze %q: not JSON: %v\n%s", text, err, out)
	}
	var ts []string
	for _, term := range terms {
		if term.Field == "text" {
			ts = append(ts, term.Term)
		}
	}
	return ts
}

func TestAnalyze(t *testing.T) {
	tests := []struct {
		text string
		want []string // the kagome field's terms
	}{
		{"メモリー", []string{"メモリ"}},
		{"メモリ", []string{"メモリ"}},
		{"漏洩", []string{"漏えい"}},
		{"漏えい", []string{"漏えい"}},
		{"流出", []string{"漏えい"}},
		{"ＵＳＢメモリーの紛失", []string{"usb", "メモリ", "紛失"}},
	}
	for _, tt := range tests {
		if got := textTerms(t, tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("analyze %q: terms %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestAnalyzeTable(t *testing.T) {
	code, out, _ := run(t, "漏洩", "メモリー")
	if code != cli.ExitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"FIELD", "TERM", "漏えい", "メモリ", "bigram", "漏洩"} {
		if !strings.Contains(out, want) {
			t.Errorf("table does not show %q:\n%s", want, out)
		}
	}
	for _, args := range [][]string{nil, {"--format", "csv", "x"}} {
		if code, out, _ := run(t, args...); code != cli.ExitUsage || out != "" {
			t.Errorf("analyze %q: exit %d, stdout %q; want 2 and nothing", args, code, out)
		}
	}
}
