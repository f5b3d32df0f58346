package corpus

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// Version is one stored extraction of one report of a case.
type Version struct {
	Source     string // the page the report is on
	Position   int    // the report's place on the page, from 0
	Incident   Incident
	IngestedAt time.Time

	id, report int64 // row ids: ingestion order, and which report
}

// Case is one incident: every version of every report linked into it, and
// the version whose figures are current.
type Case struct {
	ID       string
	Current  Incident
	Versions []Version // oldest first: by sequence, then published, then ingestion
}

// Case returns the case with the given id, or an error wrapping ErrNotFound.
func (s *Store) Case(ctx context.Context, id string) (*Case, error) {
	vs, err := versions(ctx, s.db, id)
	if err != nil {
		return nil, s.wrap(fmt.Errorf("case %s: %w", id, err))
	}
	if len(vs) == 0 {
		return nil, s.wrap(fmt.Errorf("case %s: %w", id, ErrNotFound))
	}
	return newCase(id, vs), nil
}

// Cases calls fn with every case in id order, reading them one at a time.
// It stops at the first error fn returns, and returns that error.
func (s *Store) Cases(ctx context.Context, fn func(*Case) error) error {
	rows, err := s.db.QueryContext(ctx, versionQuery+` ORDER BY r.case_id, v.id`)
	if err != nil {
		return s.wrap(err)
	}
	defer rows.Close()
	var (
		id string
		vs []Version
	)
	for rows.Next() {
		caseID, v, err := scanVersion(rows)
		if err != nil {
			return s.wrap(err)
		}
		if caseID != id && len(vs) > 0 {
			if err := fn(newCase(id, vs)); err != nil {
				return err
			}
			vs = nil
		}
		id = caseID
		vs = append(vs, v)
	}
	if err := rows.Err(); err != nil {
		return s.wrap(err)
	}
	if len(vs) > 0 {
		return fn(newCase(id, vs))
	}
	return nil
}

// Count returns the number of cases and of reports in the store.
func (s *Store) Count(ctx context.Context) (cases, reports int, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM cases), (SELECT count(*) FROM reports)`).
		Scan(&cases, &reports)
	if err != nil {
		return 0, 0, s.wrap(err)
	}
	return cases, reports, nil
}

// querier is what reading versions needs of a *sql.DB or a *sql.Tx.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

const versionQuery = `SELECT r.case_id, v.id, r.id, r.source, r.position, v.ingested_at, v.incident, v.text
	FROM report_versions v JOIN reports r ON r.id = v.report_id`

// versions returns the versions of a case in ingestion order.
func versions(ctx context.Context, q querier, id string) ([]Version, error) {
	rows, err := q.QueryContext(ctx, versionQuery+` WHERE r.case_id = ? ORDER BY v.id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var vs []Version
	for rows.Next() {
		_, v, err := scanVersion(rows)
		if err != nil {
			return nil, err
		}
		vs = append(vs, v)
	}
	return vs, rows.Err()
}

func scanVersion(rows *sql.Rows) (string, Version, error) {
	var (
		caseID, at, doc string
		v               Version
	)
	if err := rows.Scan(&caseID, &v.id, &v.report, &v.Source, &v.Position, &at, &doc, &v.Incident.Text); err != nil {
		return "", v, err
	}
	if err := json.Unmarshal([]byte(doc), &v.Incident); err != nil {
		return "", v, fmt.Errorf("case %s: version %d: %w", caseID, v.id, err)
	}
	t, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		return "", v, fmt.Errorf("case %s: version %d: %w", caseID, v.id, err)
	}
	v.IngestedAt = t
	return caseID, v, nil
}

// newCase orders a case's versions (given in ingestion order) and picks the
// current one.
func newCase(id string, vs []Version) *Case {
	c := &Case{ID: id}
	if cur, ok := current(vs); ok {
		c.Current = cur.Incident
	}
	slices.SortStableFunc(vs, compareVersions)
	c.Versions = vs
	return c
}

// current returns the version whose figures are the case's: among the
// latest version of each report, the last by compareVersions. An older
// version of a report never wins, even when a re-extraction lowered its
// sequence.
func current(vs []Version) (Version, bool) {
	latest := map[int64]Version{}
	for _, v := range vs {
		if l, ok := latest[v.report]; !ok || v.id > l.id {
			latest[v.report] = v
		}
	}
	var (
		best Version
		ok   bool
	)
	for _, v := range latest {
		if !ok || compareVersions(v, best) > 0 {
			best, ok = v, true
		}
	}
	return best, ok
}

// compareVersions orders versions from first to latest report: by sequence
// (第N報), then by published date, then by ingestion. A report without a
// number counts as 1: it is a first report, or a repost whose date decides.
func compareVersions(a, b Version) int {
	if sa, sb := seq(a.Incident), seq(b.Incident); sa != sb {
		return sa - sb
	}
	switch pa, pb := a.Incident.Published, b.Incident.Published; {
	case pa.Before(pb):
		return -1
	case pb.Before(pa):
		return 1
	}
	switch {
	case a.id < b.id:
		return -1
	case a.id > b.id:
		return 1
	}
	return 0
}

func seq(in Incident) int {
	if in.Sequence == nil {
		return 1
	}
	return *in.Sequence
}
