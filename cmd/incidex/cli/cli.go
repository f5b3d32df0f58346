// Package cli holds what every incidex subcommand shares: the environment a
// command runs in, exit codes, the common flags (--data) and flag parsing
// that accepts flags after arguments.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/incidex/incidex/crawl"
)

// Exit codes.
const (
	ExitOK      = 0
	ExitFailure = 1 // the command ran and something failed
	ExitUsage   = 2 // bad flags or arguments
)

// Env is what a command reads and writes besides its arguments, so tests
// can run commands in process.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	StdoutIsTTY    bool
	Width          int // terminal columns when stdout is a terminal, else 0
}

// Errorf prints a one-line error for the command.
func (e Env) Errorf(cmd, format string, args ...any) {
	fmt.Fprintf(e.Stderr, "incidex %s: %s\n", cmd, fmt.Sprintf(format, args...))
}

// Command is a subcommand's flag set with the flags every command accepts.
type Command struct {
	Name  string
	Flags *flag.FlagSet
	Data  string // --data: the data directory
	env   Env
}

// NewCommand returns a command whose --help prints usage (a one-line
// synopsis) and the flags.
func NewCommand(env Env, name, synopsis, about string) *Command {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	c := &Command{Name: name, Flags: fs, env: env}
	fs.StringVar(&c.Data, "data", DefaultDataDir(env.Getenv), "data `dir`ectory ($INCIDEX_DATA, else the user's data directory)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: incidex %s %s\n\n%s\n\nflags:\n", name, synopsis, about)
		fs.PrintDefaults()
	}
	return c
}

// Parse parses args, allowing flags after positional arguments
// ("extract a.html --format json"). It returns the positional arguments,
// and an exit code and false when the command should stop: ExitOK for
// --help, ExitUsage for a bad flag.
func (c *Command) Parse(args []string) ([]string, int, bool) {
	var rest []string
	// The flag package prints the whole usage on any error; a bad flag
	// gets one line and a hint instead, --help the usage.
	out := c.Flags.Output()
	c.Flags.SetOutput(io.Discard)
	defer c.Flags.SetOutput(out)
	for {
		if err := c.Flags.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				c.Flags.SetOutput(out)
				c.Flags.Usage()
				return nil, ExitOK, false
			}
			c.Flags.SetOutput(out)
			return nil, c.Usagef("%v", err), false
		}
		after := c.Flags.Args()
		// flag.Parse consumes a "--" and stops: all that follows is positional.
		if n := len(args) - len(after); n > 0 && args[n-1] == "--" {
			return append(rest, after...), ExitOK, true
		}
		args = after
		if len(args) == 0 {
			return rest, ExitOK, true
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}

// FormatFlag adds --format, one of formats, the first the default; its help
// reads "output: a, b or c".
func (c *Command) FormatFlag(formats ...string) *Choice {
	f := &Choice{Value: formats[0], Allowed: formats}
	list := strings.Join(formats[:len(formats)-1], ", ") + " or " + formats[len(formats)-1]
	c.Flags.Var(f, "format", "output: "+list)
	return f
}

// Fail reports err as the command's failure and returns ExitFailure.
func (c *Command) Fail(err error) int {
	c.env.Errorf(c.Name, "%v", err)
	return ExitFailure
}

// InputFlags are the flags of commands that read notices.
type InputFlags struct {
	Workers int
	MaxSize int64
}

// InputFlags adds --workers and --max-size to the command.
func (c *Command) InputFlags() *InputFlags {
	f := &InputFlags{}
	c.Flags.IntVar(&f.Workers, "workers", 0, "inputs processed at once (0: all cores)")
	c.Flags.Int64Var(&f.MaxSize, "max-size", crawl.DefaultMaxSize, "largest input read, in `bytes`")
	return f
}

// Inputs checks the input flags and expands args into the inputs to read,
// reporting the paths that do not exist. It returns an exit code and false
// on bad usage.
func (c *Command) Inputs(f *InputFlags, args []string) (paths []string, missing int, code int, ok bool) {
	if len(args) == 0 {
		return nil, 0, c.Usagef("no input: give files, directories or -"), false
	}
	if f.Workers < 0 || f.MaxSize <= 0 {
		return nil, 0, c.Usagef("--workers must be >= 0 and --max-size > 0"), false
	}
	paths, errs := crawl.Inputs(args)
	for _, err := range errs {
		c.env.Errorf(c.Name, "%v", err)
	}
	return paths, len(errs), ExitOK, true
}

// Usagef reports bad usage and returns ExitUsage.
func (c *Command) Usagef(format string, args ...any) int {
	c.env.Errorf(c.Name, format, args...)
	fmt.Fprintf(c.env.Stderr, "run 'incidex %s --help' for usage\n", c.Name)
	return ExitUsage
}

// DefaultDataDir is $INCIDEX_DATA, else $XDG_DATA_HOME/incidex, else
// ~/.local/share/incidex.
func DefaultDataDir(getenv func(string) string) string {
	if getenv == nil {
		getenv = os.Getenv
	}
	if d := getenv("INCIDEX_DATA"); d != "" {
		return d
	}
	if d := getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "incidex")
	}
	if h := getenv("HOME"); h != "" {
		return filepath.Join(h, ".local", "share", "incidex")
	}
	return "incidex-data"
}

// Choice is a flag.Value that accepts one of a fixed set of words.
type Choice struct {
	Value   string
	Allowed []string
}

func (c *Choice) String() string { return c.Value }

// Set implements flag.Value.
func (c *Choice) Set(s string) error {
	for _, a := range c.Allowed {
		if s == a {
			c.Value = s
			return nil
		}
	}
	return fmt.Errorf("must be one of %s", strings.Join(c.Allowed, ", "))
}
