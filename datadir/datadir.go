// Package datadir owns the layout of incidex's data directory — where the
// corpus store, the index and the captures live — and the lock that keeps
// one writer at a time: a second writer, or a reader while a writer runs,
// gets ErrBusy at once instead of waiting or corrupting anything.
package datadir

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// ErrBusy is returned when another process holds the data directory.
var ErrBusy = errors.New("data directory is busy (another incidex process is using it)")

// Mode is how a process uses the directory.
type Mode int

// Modes.
const (
	Read  Mode = iota // search, show, stats: many readers at once
	Write             // ingest, reindex: one writer, no readers
)

// Dir is an open, locked data directory.
type Dir struct {
	Path string
	lock *os.File
}

// Open creates path if needed and locks it for mode without waiting.
func Open(path string, mode Mode) (*Dir, error) {
	if err := os.MkdirAll(path, 0o755); err != nil {
		return nil, fmt.Errorf("data directory %s: %w", path, err)
	}
	f, err := os.OpenFile(filepath.Join(path, "lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("data directory %s: %w", path, err)
	}
	how := syscall.LOCK_SH
	if mode == Write {
		how = syscall.LOCK_EX
	}
	if err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%s: %w", path, ErrBusy)
		}
		return nil, fmt.Errorf("data directory %s: lock: %w", path, err)
	}
	return &Dir{Path: path, lock: f}, nil
}

// Close releases the lock.
func (d *Dir) Close() error {
	if d.lock == nil {
		return nil
	}
	err := d.lock.Close() // closing the descriptor releases the flock
	d.lock = nil
	return err
}

// Store is the path of the corpus database's directory.
func (d *Dir) Store() string { return d.Path }

// Index is the path of the search index.
func (d *Dir) Index() string { return filepath.Join(d.Path, "index") }

// Captures is the directory of raw captures.
func (d *Dir) Captures() string { return filepath.Join(d.Path, "captures") }
