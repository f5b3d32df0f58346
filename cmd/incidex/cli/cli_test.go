package cli

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/incidex/incidex/crawl"
)

// fakeEnv returns a Getenv that reads only vars.
func fakeEnv(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestDefaultDataDir(t *testing.T) {
	tests := []struct {
		name string
		vars map[string]string
		want string
	}{
		{"INCIDEX_DATA wins", map[string]string{"INCIDEX_DATA": "/srv/incidex", "XDG_DATA_HOME": "/xdg", "HOME": "/home/u"}, "/srv/incidex"},
		{"XDG_DATA_HOME", map[string]string{"XDG_DATA_HOME": "/xdg", "HOME": "/home/u"}, filepath.Join("/xdg", "incidex")},
		{"HOME", map[string]string{"HOME": "/home/u"}, filepath.Join("/home/u", ".local", "share", "incidex")},
		{"empty values are unset", map[string]string{"INCIDEX_DATA": "", "XDG_DATA_HOME": "", "HOME": "/home/u"}, filepath.Join("/home/u", ".local", "share", "incidex")},
		{"nothing set", nil, "incidex-data"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DefaultDataDir(fakeEnv(tt.vars)); got != tt.want {
				t.Errorf("DefaultDataDir = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDefaultDataDirNilGetenv(t *testing.T) {
	t.Setenv("INCIDEX_DATA", "/from/the/process")
	if got := DefaultDataDir(nil); got != "/from/the/process" {
		t.Errorf("DefaultDataDir(nil) = %q, want the process's $INCIDEX_DATA", got)
	}
}

// newTestCommand returns a command with a --format choice and a --n flag.
func newTestCommand(vars map[string]string) (*Command, *Choice, *int, *bytes.Buffer) {
	var stderr bytes.Buffer
	env := Env{Stdout: &bytes.Buffer{}, Stderr: &stderr, Getenv: fakeEnv(vars)}
	c := NewCommand(env, "demo", "[--format F] PATH...", "Demo does things.")
	format := &Choice{Value: "text", Allowed: []string{"text", "json"}}
	c.Flags.Var(format, "format", "output `format`")
	n := c.Flags.Int("n", 0, "a number")
	return c, format, n, &stderr
}

func TestCommandParse(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		rest       []string
		format     string
		n          int
		data       string
		code       int
		ok         bool
		stderrHas  string
		stderrNone bool
	}{
		{name: "no args", args: nil, rest: nil, format: "text", data: "/env/data", code: ExitOK, ok: true, stderrNone: true},
		{name: "flags first", args: []string{"--format", "json", "a", "b"}, rest: []string{"a", "b"}, format: "json", data: "/env/data", ok: true, stderrNone: true},
		{name: "flags after args", args: []string{"a.html", "--format", "json", "b.html", "-n=3"}, rest: []string{"a.html", "b.html"}, format: "json", n: 3, data: "/env/data", ok: true, stderrNone: true},
		{name: "stdin dash is an argument", args: []string{"-", "--n", "2"}, rest: []string{"-"}, format: "text", n: 2, data: "/env/data", ok: true},
		{name: "double dash first", args: []string{"--n", "1", "--", "-odd-name.txt"}, rest: []string{"-odd-name.txt"}, format: "text", n: 1, data: "/env/data", ok: true},
		{name: "data flag", args: []string{"a", "--data", "/explicit"}, rest: []string{"a"}, format: "text", data: "/explicit", ok: true},
		{name: "help", args: []string{"a", "--help"}, code: ExitOK, ok: false, stderrHas: "usage: incidex demo [--format F] PATH..."},
		{name: "-h", args: []string{"-h"}, code: ExitOK, ok: false, stderrHas: "Demo does things."},
		{name: "unknown flag", args: []string{"a", "--bogus"}, code: ExitUsage, ok: false, stderrHas: "bogus"},
		{name: "bad choice", args: []string{"--format", "xml"}, code: ExitUsage, ok: false, stderrHas: "format"},
		{name: "missing value", args: []string{"a", "--n"}, code: ExitUsage, ok: false, stderrHas: "-n"},
		{name: "bad int", args: []string{"--n", "many"}, code: ExitUsage, ok: false, stderrHas: "many"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, format, n, stderr := newTestCommand(map[string]string{"INCIDEX_DATA": "/env/data"})
			rest, code, ok := c.Parse(tt.args)
			if ok != tt.ok || code != tt.code {
				t.Fatalf("Parse(%q) = code %d, ok %v; want %d, %v (stderr %q)", tt.args, code, ok, tt.code, tt.ok, stderr)
			}
			if tt.stderrHas != "" && !strings.Contains(stderr.String(), tt.stderrHas) {
				t.Errorf("stderr %q does not contain %q", stderr, tt.stderrHas)
			}
			if tt.stderrNone && stderr.Len() > 0 {
				t.Errorf("stderr = %q, want nothing", stderr)
			}
			if !ok {
				return
			}
			if !slices.Equal(rest, tt.rest) {
				t.Errorf("rest = %q, want %q", rest, tt.rest)
			}
			if format.Value != tt.format || *n != tt.n || c.Data != tt.data {
				t.Errorf("format %q n %d data %q; want %q %d %q", format.Value, *n, c.Data, tt.format, tt.n, tt.data)
			}
		})
	}
}

func TestCommandHelpShowsDataDefault(t *testing.T) {
	c, _, _, stderr := newTestCommand(map[string]string{"INCIDEX_DATA": "/env/data"})
	if _, code, ok := c.Parse([]string{"--help"}); ok || code != ExitOK {
		t.Fatalf("--help: code %d ok %v", code, ok)
	}
	for _, want := range []string{"-data", "/env/data", "-format", "flags:"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("help %q does not mention %q", stderr, want)
		}
	}
}

func TestUsagef(t *testing.T) {
	c, _, _, stderr := newTestCommand(nil)
	if code := c.Usagef("no input: %s", "give files"); code != ExitUsage {
		t.Errorf("Usagef = %d, want %d", code, ExitUsage)
	}
	want := "incidex demo: no input: give files\nrun 'incidex demo --help' for usage\n"
	if stderr.String() != want {
		t.Errorf("stderr = %q, want %q", stderr, want)
	}
}

func TestChoice(t *testing.T) {
	c := &Choice{Value: "a", Allowed: []string{"a", "b"}}
	if err := c.Set("b"); err != nil || c.String() != "b" {
		t.Errorf("Set(b) = %v, value %q", err, c)
	}
	for _, bad := range []string{"", "c", "B", " b"} {
		if err := c.Set(bad); err == nil || !strings.Contains(err.Error(), "a, b") {
			t.Errorf("Set(%q) = %v, want an error listing the choices", bad, err)
		}
		if c.Value != "b" {
			t.Errorf("Set(%q) changed the value to %q", bad, c.Value)
		}
	}
}

// ExtractAll with a cancelled context never reaches the analyzer (nil here):
// every input reports the context's error, names its input, in input order.
func TestExtractAllCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	inputs := []string{"c.txt", "a.txt", "-", "b.html", "d.txt", "e.txt"}
	for _, workers := range []int{0, 1, 3, 10} {
		var got []string
		ExtractAll(ctx, nil, &crawl.Reader{Stdin: strings.NewReader("x")}, inputs, workers, func(r Result) {
			got = append(got, r.Input)
			if !errors.Is(r.Err, context.Canceled) {
				t.Errorf("workers %d: %s: err = %v, want context.Canceled", workers, r.Input, r.Err)
			} else if !strings.HasPrefix(r.Err.Error(), r.Input+": ") {
				t.Errorf("workers %d: error %q does not start with its input", workers, r.Err)
			}
			if len(r.Incidents) != 0 {
				t.Errorf("workers %d: %s: incidents from a cancelled run", workers, r.Input)
			}
		})
		if !slices.Equal(got, inputs) {
			t.Errorf("workers %d: results in order %q, want %q", workers, got, inputs)
		}
	}
}

func TestExtractAllNoInputs(t *testing.T) {
	ExtractAll(context.Background(), nil, &crawl.Reader{}, nil, 4, func(r Result) {
		t.Errorf("emit called with %+v for no inputs", r)
	})
}

func TestEnvErrorf(t *testing.T) {
	var stderr bytes.Buffer
	Env{Stderr: &stderr}.Errorf("extract", "%s: %v", "a.txt", errors.New("empty input"))
	if want := "incidex extract: a.txt: empty input\n"; stderr.String() != want {
		t.Errorf("Errorf wrote %q, want %q", stderr.String(), want)
	}
}
