// Package clitest runs incidex commands in process for the commands' tests:
// an isolated environment, the exit code and both outputs, and a data
// directory filled from the shared fictional notices.
package clitest

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/incidex/incidex/cmd/incidex/cli"
	"github.com/incidex/incidex/cmd/incidex/ingest"
)

// Cmd is a command's Run.
type Cmd func(context.Context, cli.Env, []string) int

// Result is what one in-process run of a command gave.
type Result struct {
	Code           int
	Stdout, Stderr string
}

// Run runs a command in process. Every test passes --data; $INCIDEX_DATA
// points at an empty directory of its own so that a run that forgot it
// cannot touch a real one.
func Run(t testing.TB, cmd Cmd, args ...string) Result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	unused := filepath.Join(t.TempDir(), "unused")
	env := cli.Env{
		Stdin:  strings.NewReader(""),
		Stdout: &stdout,
		Stderr: &stderr,
		Getenv: func(k string) string { return map[string]string{"INCIDEX_DATA": unused}[k] },
	}
	code := cmd(context.Background(), env, args)
	return Result{code, stdout.String(), stderr.String()}
}

// MustRun runs a command that must succeed.
func MustRun(t testing.TB, cmd Cmd, args ...string) Result {
	t.Helper()
	r := Run(t, cmd, args...)
	if r.Code != cli.ExitOK {
		t.Fatalf("%q: exit %d, want 0; stderr:\n%s", args, r.Code, r.Stderr)
	}
	return r
}

// Notices returns the paths of the shared fictional notices
// (cmd/incidex/testdata/notices).
func Notices(t testing.TB) []string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	src, err := filepath.Glob(filepath.Join(filepath.Dir(file), "..", "..", "testdata", "notices", "*.txt"))
	if err != nil || len(src) == 0 {
		t.Fatalf("fixtures: %v, %v", src, err)
	}
	return src
}

// IngestFixtures copies the shared fictional notices into a temporary
// directory, ingests them into a new data directory and returns it.
func IngestFixtures(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "notices")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range Notices(t) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data := t.TempDir()
	MustRun(t, ingest.Run, "--data", data, dir)
	return data
}
