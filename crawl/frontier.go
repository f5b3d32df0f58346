package crawl

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"
)

// StateFile is the name of the crawl state database in its directory.
const StateFile = "state.db"

// URL states.
const (
	statePending = "pending" // to fetch
	stateDone    = "done"    // fetched (stored, not modified, or followed)
	stateRetry   = "retry"   // failed for a reason that may pass; tried again next run
	stateFailed  = "failed"  // failed for good (404, too large, binary…)
	stateRobots  = "robots"  // disallowed by robots.txt
)

// maxAttempts is how many runs try a URL that keeps failing transiently.
const maxAttempts = 3

var (
	bucketURLs  = []byte("urls")
	bucketMeta  = []byte("meta")
	bucketWARCs = []byte("warcs")
)

// urlState is everything the crawl remembers of one URL.
type urlState struct {
	URL          string    `json:"-"`
	Kind         Kind      `json:"kind"`
	Source       string    `json:"source"`
	State        string    `json:"state"`
	Session      int       `json:"session"`         // the run that last queued or handled it
	Seq          uint64    `json:"seq"`             // discovery order
	Entry        bool      `json:"entry,omitempty"` // a feed, sitemap or listing page
	Root         bool      `json:"root,omitempty"`  // a feed or sitemap a site announced: read every run
	Hops         int       `json:"hops,omitempty"`  // redirects that led here
	Hint         time.Time `json:"hint,omitzero"`   // date the link carried (feed, sitemap lastmod)
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	Hash         string    `json:"hash,omitempty"` // sha256 of the last body, hex
	Status       int       `json:"status,omitempty"`
	FetchedAt    time.Time `json:"fetched_at,omitzero"`
	Reason       string    `json:"reason,omitempty"`
	Attempts     int       `json:"attempts,omitempty"`
	Capture      string    `json:"capture,omitempty"` // WARC file of the last capture
}

// warcState is what the state knows of one capture file.
type warcState struct {
	Size     int64 `json:"size"`    // bytes durably holding complete records
	Records  int   `json:"records"` // captures in them (a warcinfo record aside)
	Ingested bool  `json:"ingested"`
}

// State is the crawl's memory in the data directory: every URL seen with
// its state and validators, the capture files and whether they were
// ingested, and the current run. Each change is one fsynced transaction.
type State struct {
	db  *bolt.DB
	dir string
}

// OpenState opens (creating) the state in dir. Another process holding it
// gives an error after a second instead of waiting.
func OpenState(dir string, readOnly bool) (*State, error) {
	path := filepath.Join(dir, StateFile)
	if readOnly {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("crawl state: %w", err)
		}
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("crawl state: %w", err)
	}
	db, err := bolt.Open(path, 0o644, &bolt.Options{Timeout: time.Second, ReadOnly: readOnly})
	if err != nil {
		return nil, fmt.Errorf("crawl state %s: %w", path, err)
	}
	s := &State{db: db, dir: dir}
	if !readOnly {
		err = db.Update(func(tx *bolt.Tx) error {
			for _, b := range [][]byte{bucketURLs, bucketMeta, bucketWARCs} {
				if _, err := tx.CreateBucketIfNotExists(b); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			db.Close()
			return nil, fmt.Errorf("crawl state %s: %w", path, err)
		}
	}
	return s, nil
}

// Close closes the database.
func (s *State) Close() error { return s.db.Close() }

// beginSession starts a run: the unfinished one when the last run was
// interrupted (resumed reports it), else a new one.
func (s *State) beginSession() (session int, resumed bool, err error) {
	err = s.db.Update(func(tx *bolt.Tx) error {
		m := tx.Bucket(bucketMeta)
		session, _ = strconv.Atoi(string(m.Get([]byte("session"))))
		if string(m.Get([]byte("open"))) == "1" && session > 0 {
			resumed = true
			return nil
		}
		session++
		if err := m.Put([]byte("session"), []byte(strconv.Itoa(session))); err != nil {
			return err
		}
		return m.Put([]byte("open"), []byte("1"))
	})
	return session, resumed, err
}

// endSession records that the run finished: the next one starts afresh.
func (s *State) endSession() error {
	return s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put([]byte("open"), []byte("0"))
	})
}

// urls returns every URL's state.
func (s *State) urls() (map[string]*urlState, error) {
	out := map[string]*urlState{}
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketURLs)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			u := &urlState{}
			if err := json.Unmarshal(v, u); err != nil {
				return fmt.Errorf("%s: %w", k, err)
			}
			u.URL = string(k)
			out[u.URL] = u
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("crawl state: %w", err)
	}
	return out, nil
}

// commit writes URL states, and the new committed size and record count
// of a capture file when warc is not empty, in one transaction.
func (s *State) commit(states []*urlState, warc string, w warcState) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketURLs)
		for _, u := range states {
			v, err := json.Marshal(u)
			if err != nil {
				return err
			}
			if err := b.Put([]byte(u.URL), v); err != nil {
				return err
			}
		}
		if warc == "" {
			return nil
		}
		v, _ := json.Marshal(w)
		return tx.Bucket(bucketWARCs).Put([]byte(warc), v)
	})
	if err != nil {
		return fmt.Errorf("crawl state: %w", err)
	}
	return nil
}

// warcs returns the capture files known to the state, by name.
func (s *State) warcs() (map[string]warcState, error) {
	out := map[string]warcState{}
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketWARCs)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var w warcState
			if err := json.Unmarshal(v, &w); err != nil {
				return fmt.Errorf("%s: %w", k, err)
			}
			out[string(k)] = w
			return nil
		})
	})
	return out, err
}

// repairCaptures cuts every capture file not yet ingested back to its
// committed size: a run killed while writing leaves a partial record after
// it, whose URL was never marked done and is fetched again. A file with
// no capture committed is removed.
func (s *State) repairCaptures(dir string) error {
	ws, err := s.warcs()
	if err != nil {
		return err
	}
	for name, w := range ws {
		if w.Ingested {
			continue
		}
		path := filepath.Join(dir, name)
		fi, err := os.Stat(path)
		switch {
		case errors.Is(err, os.ErrNotExist):
			continue
		case err != nil:
			return fmt.Errorf("capture %s: %w", path, err)
		case w.Records == 0:
			if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("capture %s: %w", path, err)
			}
		case fi.Size() > w.Size:
			if err := os.Truncate(path, w.Size); err != nil {
				return fmt.Errorf("capture %s: %w", path, err)
			}
		}
	}
	return nil
}

// Captured returns the URLs whose capture is committed, with the capture
// file holding it: what an interrupted crawl will not fetch again.
func (s *State) Captured() (map[string]string, error) {
	urls, err := s.urls()
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for u, st := range urls {
		if st.Capture != "" {
			out[u] = st.Capture
		}
	}
	return out, nil
}

// Uningested returns the capture files (paths under dir) holding records
// that no ingest has read yet, oldest first.
func (s *State) Uningested(dir string) ([]string, error) {
	ws, err := s.warcs()
	if err != nil {
		return nil, fmt.Errorf("crawl state: %w", err)
	}
	var out []string
	for name, w := range ws {
		if !w.Ingested && w.Records > 0 {
			out = append(out, filepath.Join(dir, name))
		}
	}
	sort.Strings(out) // names start with the time they were made
	return out, nil
}

// MarkIngested records that the capture files were ingested.
func (s *State) MarkIngested(paths []string) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketWARCs)
		for _, p := range paths {
			k := []byte(filepath.Base(p))
			var w warcState
			if v := b.Get(k); v != nil {
				if err := json.Unmarshal(v, &w); err != nil {
					return err
				}
			}
			w.Ingested = true
			v, _ := json.Marshal(w)
			if err := b.Put(k, v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("crawl state: %w", err)
	}
	return nil
}
