package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/incidex/incidex/corpus"
	"github.com/incidex/incidex/datadir"
	"github.com/incidex/incidex/index"
)

// Data is an open data directory with the parts a command asked for.
type Data struct {
	Dir   *datadir.Dir
	Store *corpus.Store // nil unless asked for
	Index *index.Index  // nil unless asked for
}

// Parts of the data directory a command uses.
const (
	NeedStore = 1 << iota
	NeedIndex
)

// OpenData locks the data directory for mode and opens the parts in need.
// Another process holding it gives an error wrapping datadir.ErrBusy.
func OpenData(ctx context.Context, path string, mode datadir.Mode, need int) (*Data, error) {
	// A reader does not create what it would find empty.
	if _, err := os.Stat(path); mode == datadir.Read && errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("data directory %s does not exist (run 'incidex ingest' first)", path)
	}
	dir, err := datadir.Open(path, mode)
	if err != nil {
		return nil, err
	}
	d := &Data{Dir: dir}
	if need&NeedStore != 0 {
		if d.Store, err = corpus.Open(ctx, dir.Store()); err != nil {
			d.Close()
			return nil, err
		}
	}
	if need&NeedIndex != 0 {
		// Reading an index that is not there would create an empty one and
		// answer "0 incidents" over a full store.
		if _, err := os.Stat(dir.Index()); mode == datadir.Read && errors.Is(err, os.ErrNotExist) {
			d.Close()
			return nil, fmt.Errorf("%s: no search index (run 'incidex ingest' or 'incidex reindex')", path)
		}
		d.Index, err = index.Open(dir.Index())
		// A writer can rebuild an index of an older layout from the store:
		// drop it and leave the flag that makes ingest rebuild it.
		if errors.Is(err, index.ErrStale) && mode == datadir.Write {
			if err = os.RemoveAll(dir.Index()); err == nil {
				if d.Index, err = index.Open(dir.Index()); err == nil {
					err = d.MarkDirty()
				}
			}
		}
		if err != nil {
			d.Close()
			if errors.Is(err, index.ErrStale) {
				return nil, fmt.Errorf("%w (run 'incidex reindex')", err)
			}
			return nil, err
		}
	}
	return d, nil
}

// Close closes every part and releases the lock.
func (d *Data) Close() error {
	var errs []error
	if d.Index != nil {
		errs = append(errs, d.Index.Close())
	}
	if d.Store != nil {
		errs = append(errs, d.Store.Close())
	}
	errs = append(errs, d.Dir.Close())
	return errors.Join(errs...)
}

// dirtyFlag marks an ingest that may have stored cases it did not index.
const dirtyFlag = "index.dirty"

// MarkDirty records that the index may lag the store until ClearDirty.
func (d *Data) MarkDirty() error {
	f, err := os.Create(filepath.Join(d.Dir.Path, dirtyFlag))
	if err != nil {
		return fmt.Errorf("data directory %s: %w", d.Dir.Path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// ClearDirty records that the index holds every stored case.
func (d *Data) ClearDirty() error {
	err := os.Remove(filepath.Join(d.Dir.Path, dirtyFlag))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}

// Dirty reports whether an earlier run stopped before indexing what it stored.
func (d *Data) Dirty() bool {
	_, err := os.Stat(filepath.Join(d.Dir.Path, dirtyFlag))
	return err == nil
}

// Reindex puts every stored case into the index, in batches.
func (d *Data) Reindex(ctx context.Context, progress func(n int)) (int, error) {
	var batch []index.Doc
	n := 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := d.Index.Put(ctx, batch)
		n += len(batch)
		batch = batch[:0]
		if progress != nil {
			progress(n)
		}
		return err
	}
	err := d.Store.Cases(ctx, func(c *corpus.Case) error {
		batch = append(batch, Doc(c))
		if len(batch) == 1000 {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	return n, err
}

// Case returns the stored incident id; one that does not exist is an error
// naming it.
func (d *Data) Case(ctx context.Context, id string) (*corpus.Case, error) {
	c, err := d.Store.Case(ctx, id)
	if errors.Is(err, corpus.ErrNotFound) {
		return nil, fmt.Errorf("%s: no such incident", id)
	}
	return c, err
}

// Doc is the index document of a stored case.
func Doc(c *corpus.Case) index.Doc {
	return index.Doc{ID: c.ID, Incident: c.Current, Versions: len(c.Versions)}
}
