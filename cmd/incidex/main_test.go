package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/incidex/incidex/cmd/incidex/cli"
)

// runMain runs "incidex args..." in process with the given environment
// variables only.
func runMain(t *testing.T, vars map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := cli.Env{
		Stdin:  strings.NewReader(""),
		Stdout: &out,
		Stderr: &errb,
		Getenv: func(k string) string { return vars[k] },
	}
	code = run(context.Background(), env, args)
	return code, out.String(), errb.String()
}

func TestRunUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		has  []string // on stderr
	}{
		{"no command", nil, cli.ExitUsage, []string{"usage: incidex COMMAND", "extract", "eval"}},
		{"unknown command", []string{"frobnicate", "x"}, cli.ExitUsage, []string{`unknown command "frobnicate"`, "extract", "eval"}},
		{"flag instead of command", []string{"--format", "json"}, cli.ExitUsage, []string{`unknown command "--format"`}},
		{"help", []string{"help"}, cli.ExitOK, []string{"usage: incidex COMMAND", "extract", "eval", "--help"}},
		{"--help", []string{"--help"}, cli.ExitOK, []string{"usage: incidex COMMAND"}},
		{"-h", []string{"-h"}, cli.ExitOK, []string{"usage: incidex COMMAND"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runMain(t, nil, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d", code, tt.code)
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

func TestCommandsHelpAndData(t *testing.T) {
	if len(commands) == 0 {
		t.Fatal("no commands")
	}
	for _, c := range commands {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := runMain(t, nil, "help")
			if code != cli.ExitOK || !strings.Contains(stderr, c.name) || !strings.Contains(stderr, c.summary) {
				t.Errorf("top-level help (exit %d) does not list %s: %s:\n%s", code, c.name, c.summary, stderr)
			}
			for _, help := range []string{"--help", "-h"} {
				code, stdout, stderr := runMain(t, nil, c.name, help)
				if code != cli.ExitOK {
					t.Errorf("%s %s: exit %d, want 0", c.name, help, code)
				}
				if stdout != "" {
					t.Errorf("%s %s: stdout = %q, want nothing", c.name, help, stdout)
				}
				if !strings.Contains(stderr, "usage: incidex "+c.name) || !strings.Contains(stderr, "-data") {
					t.Errorf("%s %s: usage does not name the command and --data:\n%s", c.name, help, stderr)
				}
			}

			// --data is accepted by every command (with = or as two words),
			// and $INCIDEX_DATA is its default.
			dir := t.TempDir()
			for _, args := range [][]string{{"--data", dir, "--help"}, {"--data=" + dir, "--help"}} {
				if code, _, stderr := runMain(t, nil, append([]string{c.name}, args...)...); code != cli.ExitOK {
					t.Errorf("%s %q: exit %d, want 0:\n%s", c.name, args, code, stderr)
				}
			}
			envDir := filepath.Join(dir, "from-env")
			_, _, stderr = runMain(t, map[string]string{"INCIDEX_DATA": envDir, "HOME": "/home/nobody"}, c.name, "--help")
			if !strings.Contains(stderr, envDir) {
				t.Errorf("%s --help does not show $INCIDEX_DATA %q as the --data default:\n%s", c.name, envDir, stderr)
			}
			_, _, stderr = runMain(t, map[string]string{"HOME": "/home/nobody"}, c.name, "--help")
			if want := filepath.Join("/home/nobody", ".local", "share", "incidex"); !strings.Contains(stderr, want) {
				t.Errorf("%s --help does not show %q as the --data default without $INCIDEX_DATA:\n%s", c.name, want, stderr)
			}

			if code, _, stderr := runMain(t, nil, c.name, "--no-such-flag"); code != cli.ExitUsage || !strings.Contains(stderr, "no-such-flag") {
				t.Errorf("%s --no-such-flag: exit %d, want 2 naming the flag:\n%s", c.name, code, stderr)
			}
		})
	}
}

func TestRunDispatchesExtract(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "notice.txt")
	notice := "不正アクセスによる個人情報漏えいに関するお詫び\n\n2024年3月1日\n株式会社ディスパッチ\n\n" +
		"このたび、当社のサーバーが第三者による不正アクセスを受け、お客様の氏名とメールアドレス約300件が漏えいした可能性があります。\n"
	if err := os.WriteFile(p, []byte(notice), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runMain(t, map[string]string{"INCIDEX_DATA": dir}, "extract", p, "--format", "json", "--data", dir)
	if code != cli.ExitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	var recs []map[string]any
	if err := json.Unmarshal([]byte(stdout), &recs); err != nil {
		t.Fatalf("--format json after the path: output is not a JSON array: %v\n%s", err, stdout)
	}
	if len(recs) != 1 || recs[0]["source"] != p || recs[0]["organization"] != "株式会社ディスパッチ" {
		t.Errorf("incidents = %v", recs)
	}
}

// TestReadersNeedData checks that every command that only reads the data
// directory refuses a missing one, naming it, and does not create it.
func TestReadersNeedData(t *testing.T) {
	for _, args := range [][]string{
		{"search", "漏洩"}, {"search", "--facets"}, {"show", "abc"}, {"similar", "abc"},
		{"stats"}, {"export"}, {"report", "--all"}, {"checklist", "abc"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "nowhere")
			code, _, stderr := runMain(t, nil, append(args, "--data", dir)...)
			if code != cli.ExitFailure || !strings.Contains(stderr, dir+" does not exist") {
				t.Errorf("exit %d, stderr %q; want 1 and a line naming %s", code, stderr, dir)
			}
			if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("%s was created", dir)
			}
		})
	}
}
