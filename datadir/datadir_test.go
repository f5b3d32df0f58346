package datadir

import (
	"errors"
	"os"
	"os/exec"
	"testing"
)

// TestLocks checks which opens of one directory may coexist. flock locks
// belong to open file descriptions, so two Opens in one process conflict
// just as two processes do.
func TestLocks(t *testing.T) {
	tests := []struct {
		name         string
		first, again Mode
		busy         bool
	}{
		{"readers share", Read, Read, false},
		{"writer excludes reader", Write, Read, true},
		{"reader excludes writer", Read, Write, true},
		{"one writer", Write, Write, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			d, err := Open(dir, tt.first)
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			d2, err := Open(dir, tt.again)
			if got := errors.Is(err, ErrBusy); got != tt.busy {
				t.Fatalf("second Open: err = %v, want busy %v", err, tt.busy)
			}
			if d2 != nil {
				d2.Close()
			}
		})
	}
}

func TestReleasedOnClose(t *testing.T) {
	dir := t.TempDir()
	d, err := Open(dir, Write)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	d, err = Open(dir, Write)
	if err != nil {
		t.Fatalf("after Close: %v", err)
	}
	d.Close()
}

// TestOtherProcess holds the lock in a child process and checks the parent
// is refused at once.
func TestOtherProcess(t *testing.T) {
	if dir := os.Getenv("DATADIR_HOLD"); dir != "" {
		d, err := Open(dir, Write)
		if err != nil {
			os.Exit(3)
		}
		os.Stdout.WriteString("locked\n")
		var b [1]byte
		os.Stdin.Read(b[:]) // hold until the parent closes our stdin
		d.Close()
		os.Exit(0)
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=TestOtherProcess")
	cmd.Env = append(os.Environ(), "DATADIR_HOLD="+dir)
	in, _ := cmd.StdinPipe()
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 7)
	if _, err := out.Read(buf); err != nil || string(buf) != "locked\n" {
		t.Fatalf("child: %q %v", buf, err)
	}
	_, err := Open(dir, Read)
	if !errors.Is(err, ErrBusy) {
		t.Errorf("Open while another process writes: %v, want ErrBusy", err)
	}
	in.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	d, err := Open(dir, Read)
	if err != nil {
		t.Fatalf("Open after the other process ended: %v", err)
	}
	d.Close()
}
