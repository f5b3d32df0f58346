// Package index owns incidex's search index: a bleve index of incident
// records with a kagome-based Japanese analyzer (and a character-bigram
// twin of every text field for recall), the queries analysts run against it
// — words, filters, sorts, facets, highlighted snippets — and the
// similar-incident lookup. It does not extract anything: it indexes the
// corpus.Incident records it is handed, and can be rebuilt from them.
//
// One process at a time may open an index (bleve keeps a lock on it); a
// second Open fails with ErrBusy after about a second instead of hanging.
package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/incidex/incidex/corpus"
)

// ErrBusy is returned by Open when another process (or another Open in
// this one) holds the index.
var ErrBusy = errors.New("data directory is busy: another process has the index open")

// ErrStale is returned by Open for an index whose mapping or analyzers
// predate this build; rebuild it from the corpus store.
var ErrStale = errors.New("index was built by another version of incidex and must be rebuilt")

// lockTimeout bounds the wait for bleve's lock on the index (bolt's flock);
// without it a second process blocks forever.
const lockTimeout = "1s"

// batchSize is how many documents one bleve batch holds: larger batches
// index no faster and bleve's memory grows with the batch (bleve#1304).
const batchSize = 1000

// Doc is one incident as indexed.
type Doc struct {
	ID string
	// Incident is the record; when it carries Tokens (parse's segmentation
	// of its Text) they are indexed instead of segmenting Text again.
	Incident corpus.Incident
	// Versions is how many reports (第1報, 第2報 …) were merged into it.
	Versions int
}

// Index is an open search index.
type Index struct {
	idx bleve.Index
	dir string
	// synonyms are the groups of synonyms.tsv, to expand query words on the
	// bigram fields (the kagome fields fold them in the analyzer).
	synonyms [][]string
	// ja and bigram are the index's analyzers, for building queries.
	ja, bigram analysis.Analyzer
	// pre indexes documents that carry parse's tokens; nil for an index
	// whose analyzer is not this package's.
	pre *presegmented
}

// Open opens the index in dir, creating dir and an empty index when there
// is none yet.
func Open(dir string) (*Index, error) {
	syn, err := loadSynonyms()
	if err != nil {
		return nil, fmt.Errorf("index %s: %w", dir, err)
	}
	idx, err := openOrCreate(dir)
	if err != nil {
		if errors.Is(err, bolterrors.ErrTimeout) {
			return nil, fmt.Errorf("index %s: %w", dir, ErrBusy)
		}
		return nil, fmt.Errorf("index %s: %w", dir, err)
	}
	v, err := idx.GetInternal(mappingVersionKey)
	if err == nil && string(v) != mappingVersion {
		err = fmt.Errorf("mapping version %q, want %q: %w", v, mappingVersion, ErrStale)
	}
	ix := &Index{idx: idx, dir: dir, synonyms: syn}
	if err == nil {
		ix.ja, ix.bigram = idx.Mapping().AnalyzerNamed(AnalyzerName), idx.Mapping().AnalyzerNamed(BigramAnalyzerName)
		if ix.ja == nil || ix.bigram == nil {
			err = fmt.Errorf("the index mapping lacks %s or %s: %w", AnalyzerName, BigramAnalyzerName, ErrStale)
		}
		ix.pre = newPresegmented(idx.Mapping(), ix.ja)
	}
	if err != nil {
		idx.Close()
		return nil, fmt.Errorf("index %s: %w", dir, err)
	}
	return ix, nil
}

func openOrCreate(dir string) (bleve.Index, error) {
	config := map[string]interface{}{"bolt_timeout": lockTimeout}
	if _, err := os.Stat(filepath.Join(dir, "index_meta.json")); err == nil {
		return bleve.OpenUsing(dir, config)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if entries, err := os.ReadDir(dir); err != nil {
		return nil, err
	} else if len(entries) > 0 {
		return nil, fmt.Errorf("not empty and not an index (no index_meta.json)")
	}
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
	idx, err := bleve.NewUsing(dir, m, scorch.Name, scorch.Name, config)
	if errors.Is(err, bleve.ErrorIndexPathExists) {
		return bleve.OpenUsing(dir, config) // another process created it first
	}
	if err != nil {
		return nil, err
	}
	if err := idx.SetInternal(mappingVersionKey, []byte(mappingVersion)); err != nil {
		idx.Close()
		return nil, err
	}
	return idx, nil
}

// Close flushes and closes the index, releasing the lock.
func (ix *Index) Close() error {
	if err := ix.idx.Close(); err != nil {
		return fmt.Errorf("index %s: close: %w", ix.dir, err)
	}
	return nil
}

// Put indexes docs, replacing any document with the same ID, in batches.
func (ix *Index) Put(ctx context.Context, docs []Doc) error {
	if ix.pre != nil {
		// Documents need the full dictionary: a short title must not load
		// the shrunk one first, a second dictionary in memory.
		ix.pre.kagome.fullLoaded.Store(true)
	}
	for start := 0; start < len(docs); start += batchSize {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("index %s: put: %w", ix.dir, err)
		}
		b := ix.idx.NewBatch()
		for _, d := range docs[start:min(start+batchSize, len(docs))] {
			if d.ID == "" {
				return fmt.Errorf("index %s: put: document without ID (%q)", ix.dir, d.Incident.Title)
			}
			if err := ix.add(b, d); err != nil {
				return fmt.Errorf("index %s: put %s: %w", ix.dir, d.ID, err)
			}
		}
		if err := ix.idx.Batch(b); err != nil {
			return fmt.Errorf("index %s: put batch at %d: %w", ix.dir, start, err)
		}
	}
	return nil
}

// add puts d in b, analyzed from the tokens it carries when it has them.
func (ix *Index) add(b *bleve.Batch, d Doc) error {
	// parse's tokens cover the Text alone: a title added after it is
	// rare enough to be segmented with the rest by the analyzer.
	if ix.pre == nil || len(d.Incident.Tokens) == 0 || indexedText(d.Incident) != d.Incident.Text {
		return b.Index(d.ID, record(d))
	}
	doc, err := ix.pre.document(d)
	if err != nil {
		return err
	}
	return b.IndexAdvanced(doc)
}

// Delete removes the documents with the given IDs; unknown IDs are ignored.
func (ix *Index) Delete(ctx context.Context, ids ...string) error {
	for start := 0; start < len(ids); start += batchSize {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("index %s: delete: %w", ix.dir, err)
		}
		b := ix.idx.NewBatch()
		for _, id := range ids[start:min(start+batchSize, len(ids))] {
			b.Delete(id)
		}
		if err := ix.idx.Batch(b); err != nil {
			return fmt.Errorf("index %s: delete batch at %d: %w", ix.dir, start, err)
		}
	}
	return nil
}

// Count is the number of documents in the index.
func (ix *Index) Count() (uint64, error) {
	n, err := ix.idx.DocCount()
	if err != nil {
		return 0, fmt.Errorf("index %s: count: %w", ix.dir, err)
	}
	return n, nil
}
