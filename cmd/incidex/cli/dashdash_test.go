package cli

import (
	"slices"
	"testing"
)

// After "--" every argument is positional, even one that looks like a flag.
func TestCommandParseDoubleDash(t *testing.T) {
	tests := []struct {
		name string
		args []string
		rest []string
	}{
		{"after an argument", []string{"a", "--", "--format", "-n"}, []string{"a", "--format", "-n"}},
		{"two dash-named files", []string{"--", "-a.txt", "-b.txt"}, []string{"-a.txt", "-b.txt"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _, _, stderr := newTestCommand(nil)
			rest, code, ok := c.Parse(tt.args)
			if !ok || code != ExitOK {
				t.Fatalf("Parse(%q) = code %d, ok %v; want 0, true (stderr %q)", tt.args, code, ok, stderr)
			}
			if !slices.Equal(rest, tt.rest) {
				t.Errorf("rest = %q, want %q", rest, tt.rest)
			}
		})
	}
}
