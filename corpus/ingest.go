package corpus

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/base32"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Page is one ingested document and the incidents extracted from it, in
// page order. A notice is identified by its Source and its position.
type Page struct {
	Source    string
	Hash      string // sha256 of the raw bytes, hex
	MediaType string
	Charset   string
	Incidents []Incident
}

// Outcome is what ingesting did with one report.
type Outcome string

// Outcomes of Ingest.
const (
	New       Outcome = "new"       // a report of an incident not seen before: a new case
	Linked    Outcome = "linked"    // a new report of a case already held (第2報, a repost)
	Updated   Outcome = "updated"   // a known report whose extraction changed: a new version
	Unchanged Outcome = "unchanged" // a known report extracted as before: nothing written
)

// Change is the outcome of one report of a page.
type Change struct {
	Position int
	CaseID   string
	Outcome  Outcome
}

// Seen reports whether the page at source was last ingested with this hash,
// so a caller can skip extracting it again.
func (s *Store) Seen(ctx context.Context, source, hash string) (bool, error) {
	var h string
	err := s.db.QueryRowContext(ctx, `SELECT hash FROM pages WHERE source = ?`, source).Scan(&h)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, s.wrap(fmt.Errorf("page %s: %w", source, err))
	}
	return h == hash, nil
}

// Ingest stores a page's incidents in one transaction: a run killed midway
// leaves each page either wholly stored or not at all. Each report is compared
// with its stored latest version, so ingesting the same content again writes
// nothing, a changed page adds versions to the reports that changed, and
// a report not seen before is linked to the case it continues or starts one.
func (s *Store) Ingest(ctx context.Context, p Page) ([]Change, error) {
	if p.Source == "" || p.Hash == "" {
		return nil, s.wrap(fmt.Errorf("page %q: source and hash are required", p.Source))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, s.wrap(fmt.Errorf("page %s: %w", p.Source, err))
	}
	defer tx.Rollback()
	w := &writer{tx: tx, ctx: ctx, at: now()}
	changes, err := w.page(p)
	if err == nil {
		err = tx.Commit()
	}
	if err != nil {
		return nil, s.wrap(fmt.Errorf("page %s: %w", p.Source, err))
	}
	return changes, nil
}

// writer holds one ingest transaction.
type writer struct {
	tx  *sql.Tx
	ctx context.Context
	at  string // the time stamp of everything this transaction writes
}

func (w *writer) exec(query string, args ...any) (sql.Result, error) {
	return w.tx.ExecContext(w.ctx, query, args...)
}

func (w *writer) page(p Page) ([]Change, error) {
	var hash string
	err := w.tx.QueryRowContext(w.ctx, `SELECT hash FROM pages WHERE source = ?`, p.Source).Scan(&hash)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		_, err = w.exec(`INSERT INTO pages (source, hash, media_type, charset, first_seen, last_changed)
			VALUES (?, ?, ?, ?, ?, ?)`, p.Source, p.Hash, p.MediaType, p.Charset, w.at, w.at)
	case err == nil && hash != p.Hash:
		_, err = w.exec(`UPDATE pages SET hash = ?, media_type = ?, charset = ?, last_changed = ? WHERE source = ?`,
			p.Hash, p.MediaType, p.Charset, w.at, p.Source)
		if err == nil {
			err = w.realign(p)
		}
	}
	if err != nil {
		return nil, err
	}
	changes := make([]Change, 0, len(p.Incidents))
	for i, in := range p.Incidents {
		if err := w.ctx.Err(); err != nil {
			return nil, err
		}
		if in.Source == "" {
			in.Source = p.Source
		}
		c, err := w.report(p, i, in)
		if err != nil {
			return nil, fmt.Errorf("notice %d: %w", i+1, err)
		}
		changes = append(changes, c)
	}
	return changes, nil
}

// realign moves the reports of a changed page to where their notices now
// stand, so a notice added at the top of an aggregator page does not turn
// every report below it into an update of the wrong incident. A report is
// the same notice when its organization and title are, else when its
// organization is and it kept its place; a report whose notice is gone
// keeps its versions under a negative position.
func (w *writer) realign(p Page) error {
	type old struct {
		id               int64
		pos              int
		org, title, text string
	}
	// Parked reports (negative positions: their notice had vanished) come
	// too: one that reappears unchanged takes its place again.
	rows, err := w.tx.QueryContext(w.ctx, `SELECT r.id, r.position, r.org_key, coalesce(v.title, ''), v.text
		FROM reports r JOIN report_versions v
		  ON v.id = (SELECT max(id) FROM report_versions WHERE report_id = r.id)
		WHERE r.source = ? ORDER BY r.position < 0, r.position`, p.Source)
	if err != nil {
		return err
	}
	var olds []old
	for rows.Next() {
		var o old
		if err := rows.Scan(&o.id, &o.pos, &o.org, &o.title, &o.text); err != nil {
			rows.Close()
			return err
		}
		olds = append(olds, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(olds) == 0 {
		return err
	}
	place := map[int64]int{}
	used := map[int64]bool{}
	assigned := make([]bool, len(p.Incidents))
	match := func(same func(o old, i int, in Incident, org string) bool) {
		for i, in := range p.Incidents {
			if assigned[i] {
				continue
			}
			org := OrgKey(in.Organization)
			for _, o := range olds {
				if !used[o.id] && same(o, i, in, org) {
					place[o.id], used[o.id], assigned[i] = i, true, true
					break
				}
			}
		}
	}
	// Most certain first: the same text (a page reordered), then the same
	// title where it stood, then the same title anywhere (one organization
	// may post two notices under one title), then the same place.
	match(func(o old, _ int, in Incident, org string) bool { return o.org == org && o.text == in.Text })
	match(func(o old, i int, in Incident, org string) bool {
		return o.pos == i && o.org == org && o.title == in.Title
	})
	match(func(o old, _ int, in Incident, org string) bool {
		return o.pos >= 0 && o.org == org && o.title == in.Title
	})
	match(func(o old, i int, _ Incident, org string) bool { return o.pos == i && o.org == org })
	// Park every report at a unique negative position first: (source,
	// position) is unique, and reports may swap places.
	if _, err := w.exec(`UPDATE reports SET position = -id WHERE source = ? AND position >= 0`, p.Source); err != nil {
		return err
	}
	for id, pos := range place {
		if _, err := w.exec(`UPDATE reports SET position = ? WHERE id = ?`, pos, id); err != nil {
			return err
		}
	}
	return nil
}

// report stores the incident read at position i of page p.
func (w *writer) report(p Page, i int, in Incident) (Change, error) {
	text := in.Text
	in.Text = ""
	doc, err := json.Marshal(in)
	if err != nil {
		return Change{}, err
	}
	in.Text = text
	c := Change{Position: i}
	var (
		reportID       int64
		lastDoc, lastT string
	)
	err = w.tx.QueryRowContext(w.ctx, `SELECT r.id, r.case_id, v.incident, v.text
		FROM reports r JOIN report_versions v ON v.report_id = r.id
		WHERE r.source = ? AND r.position = ? ORDER BY v.id DESC LIMIT 1`, p.Source, i).
		Scan(&reportID, &c.CaseID, &lastDoc, &lastT)
	switch {
	case err == nil:
		if lastT == text && bytes.Equal([]byte(lastDoc), doc) {
			c.Outcome = Unchanged
			return c, nil
		}
		c.Outcome = Updated
		if _, err := w.exec(`UPDATE reports SET org_key = ? WHERE id = ?`, OrgKey(in.Organization), reportID); err != nil {
			return c, err
		}
	case errors.Is(err, sql.ErrNoRows):
		if c.CaseID, c.Outcome, err = w.place(p, i, in); err != nil {
			return c, err
		}
		res, err := w.exec(`INSERT INTO reports (source, position, case_id, org_key) VALUES (?, ?, ?, ?)`,
			p.Source, i, c.CaseID, OrgKey(in.Organization))
		if err != nil {
			return c, err
		}
		if reportID, err = res.LastInsertId(); err != nil {
			return c, err
		}
	default:
		return c, err
	}
	var affected any
	if in.Affected != nil {
		affected = *in.Affected
	}
	var sequence any
	if in.Sequence != nil {
		sequence = *in.Sequence
	}
	if _, err := w.exec(`INSERT INTO report_versions (report_id, page_hash, ingested_at,
		organization, title, published, discovered, causes, affected, sequence, text, incident)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		reportID, p.Hash, w.at, nullString(in.Organization), nullString(in.Title),
		nullString(in.Published.String()), nullString(in.Discovered.String()),
		strings.Join(in.Causes, ";"), affected, sequence, text, string(doc)); err != nil {
		return c, err
	}
	return c, w.refresh(c.CaseID)
}

// place finds the case a new report belongs to, or creates one.
func (w *writer) place(p Page, i int, in Incident) (string, Outcome, error) {
	r := NewReport(in)
	if r.OrgKey != "" {
		cands, err := w.candidates(r)
		if err != nil {
			return "", "", err
		}
		if id, ok := Link(r, cands); ok {
			return id, Linked, nil
		}
	}
	id, err := w.newID(p.Source, i)
	if err != nil {
		return "", "", err
	}
	_, err = w.exec(`INSERT INTO cases (id, created_at, updated_at) VALUES (?, ?, ?)`, id, w.at, w.at)
	return id, New, err
}

// candidates loads the cases holding a report of the organization, each
// with the latest version of all its reports, in the order the cases began.
// Cases whose dates already refuse the link (Conflict) are left out before
// their texts are read: an organization with hundreds of incidents must not
// cost hundreds of texts per report.
func (w *writer) candidates(r Report) ([]Candidate, error) {
	plausible, err := w.plausible(r)
	if err != nil || len(plausible) == 0 {
		return nil, err
	}
	rows, err := w.tx.QueryContext(w.ctx, `SELECT r.case_id, v.incident, v.text
		FROM reports r JOIN report_versions v
		  ON v.id = (SELECT max(id) FROM report_versions WHERE report_id = r.id)
		WHERE r.case_id IN (SELECT case_id FROM reports WHERE org_key = ?)
		ORDER BY (SELECT min(id) FROM reports WHERE case_id = r.case_id), r.id`, r.OrgKey)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cands []Candidate
	for rows.Next() {
		var (
			id, doc string
			in      Incident
		)
		if err := rows.Scan(&id, &doc, &in.Text); err != nil {
			return nil, err
		}
		if !plausible[id] {
			continue
		}
		if err := json.Unmarshal([]byte(doc), &in); err != nil {
			return nil, fmt.Errorf("case %s: stored incident: %w", id, err)
		}
		if len(cands) == 0 || cands[len(cands)-1].ID != id {
			cands = append(cands, Candidate{ID: id})
		}
		last := &cands[len(cands)-1]
		last.Reports = append(last.Reports, NewReport(in))
	}
	return cands, rows.Err()
}

// plausible returns the cases of r's organization that no report's dates
// rule out, reading only the headline columns.
func (w *writer) plausible(r Report) (map[string]bool, error) {
	rows, err := w.tx.QueryContext(w.ctx, `SELECT r.case_id, coalesce(v.published, ''), coalesce(v.discovered, '')
		FROM reports r JOIN report_versions v
		  ON v.id = (SELECT max(id) FROM report_versions WHERE report_id = r.id)
		WHERE r.org_key = ?`, r.OrgKey)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ok := map[string]bool{}
	ruled := map[string]bool{}
	for rows.Next() {
		var id, published, discovered string
		if err := rows.Scan(&id, &published, &discovered); err != nil {
			return nil, err
		}
		var other Report
		other.OrgKey = r.OrgKey
		other.Published, _ = ParseDate(published)
		other.Discovered, _ = ParseDate(discovered)
		if gap(r.Discovered, other.Discovered) > maxDiscoveredGap || gap(r.Published, other.Published) > maxPublishedGap {
			ruled[id] = true
			continue
		}
		ok[id] = true
	}
	for id := range ruled {
		delete(ok, id)
	}
	return ok, rows.Err()
}

// newID derives a case's id from the identity of its first report, so that
// ingesting the same pages in the same order, into this store or a new one,
// gives the same ids. On the (unlikely) clash with another case's id it
// takes more of the digest, which stays deterministic.
func (w *writer) newID(source string, position int) (string, error) {
	sum := sha256.Sum256(fmt.Appendf(nil, "%s#%d", source, position))
	full := strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(sum[:]))
	for n := 10; n <= len(full); n += 2 {
		var one int
		err := w.tx.QueryRowContext(w.ctx, `SELECT 1 FROM cases WHERE id = ?`, full[:n]).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return full[:n], nil
		}
		if err != nil {
			return "", err
		}
	}
	return "", fmt.Errorf("no free case id for %s#%d", source, position)
}

// refresh points a case at its current version after one of its reports
// gained a version.
func (w *writer) refresh(id string) error {
	vs, err := versions(w.ctx, w.tx, id)
	if err != nil {
		return err
	}
	cur, ok := current(vs)
	if !ok {
		return fmt.Errorf("case %s: no versions", id)
	}
	_, err = w.exec(`UPDATE cases SET current_version = ?, updated_at = ? WHERE id = ?`, cur.id, w.at, id)
	return err
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}
