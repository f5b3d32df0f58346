package corpus

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// FileName is the name of the store's database in the data directory.
const FileName = "corpus.db"

// ErrBusy is returned when another process held the data directory's store
// for longer than the busy timeout.
var ErrBusy = errors.New("data directory is busy")

// ErrNotFound is returned for a case id the store does not hold.
var ErrNotFound = errors.New("not found")

//go:embed migrations/*.sql
var migrations embed.FS

// Store is the corpus database (dir/corpus.db): pages, the incidents
// extracted from them, and every version of each. It is safe for concurrent
// use by the goroutines of one process; other processes may open the same
// directory, and wait for each other's writes up to the busy timeout.
type Store struct {
	db   *sql.DB
	path string
	// mu serializes this process's writers, so that they queue here instead
	// of polling SQLite's lock and timing out under load.
	mu sync.Mutex
}

// Option configures Open.
type Option func(*options)

type options struct {
	busyTimeout time.Duration
}

// WithBusyTimeout sets how long an operation waits for another process's
// write to finish before failing with ErrBusy (default 5s).
func WithBusyTimeout(d time.Duration) Option {
	return func(o *options) { o.busyTimeout = d }
}

// Open opens the store in dir, creating the directory and the database as
// needed and bringing its schema up to date.
func Open(ctx context.Context, dir string, opts ...Option) (*Store, error) {
	o := options{busyTimeout: 5 * time.Second}
	for _, opt := range opts {
		opt(&o)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("store %s: %w", dir, err)
	}
	p, err := filepath.Abs(filepath.Join(dir, FileName))
	if err != nil {
		return nil, fmt.Errorf("store %s: %w", dir, err)
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout("+strconv.FormatInt(o.busyTimeout.Milliseconds(), 10)+")")
	// WAL lets readers run beside a writer. With synchronous=NORMAL a
	// commit is atomic and survives the process being killed; only a power
	// loss can undo the last commits, never corrupt the file, and ingest
	// being idempotent, the next run redoes them. FULL would add an fsync
	// per page.
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "foreign_keys(1)")
	// Writers take the write lock when they begin: a deferred transaction
	// that reads and then upgrades can fail at once with SQLITE_BUSY
	// instead of waiting out the busy timeout.
	q.Set("_txlock", "immediate")
	dsn := (&url.URL{Scheme: "file", Path: filepath.ToSlash(p), RawQuery: q.Encode()}).String()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("store %s: %w", dir, err)
	}
	s := &Store{db: db, path: p}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, s.wrap(err)
	}
	return s, nil
}

// Path returns the database file's path.
func (s *Store) Path() string { return s.path }

// Close closes the database.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return s.wrap(err)
	}
	return nil
}

// wrap names the store in an error and turns SQLite's lock timeout into
// ErrBusy, keeping the original error in the chain.
func (s *Store) wrap(err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) && (se.Code()&0xff == sqlite3.SQLITE_BUSY || se.Code()&0xff == sqlite3.SQLITE_LOCKED) {
		return fmt.Errorf("store %s: %w: %w", s.path, ErrBusy, err)
	}
	return fmt.Errorf("store %s: %w", s.path, err)
}

// migration is one embedded schema step, migrations/NNNN_name.sql.
type migration struct {
	version int
	name    string
	sql     string
}

func loadMigrations() ([]migration, error) {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, n := range names { // fs.Glob returns them sorted
		base := path.Base(n)
		num, _, _ := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if err != nil {
			return nil, fmt.Errorf("migration %s: name must start with its version number", base)
		}
		b, err := migrations.ReadFile(n)
		if err != nil {
			return nil, err
		}
		if len(ms) > 0 && v != ms[len(ms)-1].version+1 {
			return nil, fmt.Errorf("migration %s: version %d does not follow %d", base, v, ms[len(ms)-1].version)
		}
		ms = append(ms, migration{version: v, name: base, sql: string(b)})
	}
	return ms, nil
}

// SchemaVersion returns the version of the store's schema.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&v)
	if err != nil {
		return 0, s.wrap(err)
	}
	return v, nil
}

// migrate applies the embedded migrations the database lacks, each in its
// own transaction with its schema_version row, so a run killed in between
// resumes at the next one. Two processes opening a new store at once are
// serialized by the write lock; the second finds the work done.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := loadMigrations()
	if err != nil {
		return err
	}
	if len(ms) == 0 {
		return errors.New("no embedded migrations")
	}
	latest := ms[len(ms)-1].version
	// A read first: an up-to-date store opens without the write lock, so
	// opening beside a running ingest does not wait for it.
	var have int
	err = s.db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&have)
	if err == nil && have == latest {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, m := range ms {
		if err := s.apply(ctx, m, latest); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) apply(ctx context.Context, m migration, latest int) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
		version    INTEGER PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at TEXT NOT NULL)`); err != nil {
		return err
	}
	var have int
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&have); err != nil {
		return err
	}
	if have > latest {
		return fmt.Errorf("schema version %d is newer than this program's %d", have, latest)
	}
	if have >= m.version {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)`,
		m.version, m.name, now()); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	return tx.Commit()
}

// now is the time stamp written to the store.
func now() string { return time.Now().UTC().Format(time.RFC3339Nano) }
