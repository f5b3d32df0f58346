package corpus

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func openStore(t *testing.T, dir string, opts ...Option) *Store {
	t.Helper()
	s, err := Open(context.Background(), dir, opts...)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// page builds a page whose hash is that of its incidents, as a real page's
// hash is that of the bytes they were read from.
func page(source string, ins ...Incident) Page {
	b, _ := json.Marshal(ins)
	sum := sha256.Sum256(b)
	return Page{Source: source, Hash: hex.EncodeToString(sum[:]), MediaType: "text/plain", Charset: "utf-8", Incidents: ins}
}

func ingest(t *testing.T, s *Store, p Page) []Change {
	t.Helper()
	cs, err := s.Ingest(context.Background(), p)
	if err != nil {
		t.Fatalf("Ingest(%s): %v", p.Source, err)
	}
	return cs
}

func outcomes(cs []Change) []Outcome {
	var out []Outcome
	for _, c := range cs {
		out = append(out, c.Outcome)
	}
	return out
}

func affected(n int64) *int64 { return &n }

// dump renders a store's cases with everything but the ingestion times, to
// compare two stores.
func dump(t *testing.T, s *Store) string {
	t.Helper()
	var b strings.Builder
	err := s.Cases(context.Background(), func(c *Case) error {
		cur, _ := json.Marshal(c.Current)
		fmt.Fprintf(&b, "case %s current %s\n", c.ID, cur)
		for _, v := range c.Versions {
			in, _ := json.Marshal(v.Incident)
			fmt.Fprintf(&b, "  %s#%d %s\n", v.Source, v.Position, in)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("Cases: %v", err)
	}
	return b.String()
}

func TestOpenMigrates(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "data", "nested") // Open creates it
	s, err := Open(ctx, dir)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	if v, err := s.SchemaVersion(ctx); err != nil || v != ms[len(ms)-1].version {
		t.Errorf("SchemaVersion = %d, %v; want %d", v, err, ms[len(ms)-1].version)
	}
	var mode string
	if err := s.db.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
	ingest(t, s, page("a.txt", notice("株式会社サンプル", ransom1, "ransomware", Date{}, Date{2024, 5, 10}, nil)))
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}

	// Reopening applies nothing again and keeps the data.
	s = openStore(t, dir)
	var applied int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM schema_version`).Scan(&applied); err != nil || applied != len(ms) {
		t.Errorf("schema_version rows = %d, %v; want %d", applied, err, len(ms))
	}
	if cases, reports, err := s.Count(ctx); err != nil || cases != 1 || reports != 1 {
		t.Errorf("Count = %d, %d, %v; want 1, 1", cases, reports, err)
	}
	for _, table := range []string{"pages", "cases", "reports", "report_versions", "case_summary"} {
		var n int
		if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM `+table).Scan(&n); err != nil || n != 1 {
			t.Errorf("%s: %d rows, %v; want 1", table, n, err)
		}
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := openStore(t, dir)
	if _, err := s.db.ExecContext(ctx, `INSERT INTO schema_version VALUES (999, '0999_future.sql', '')`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err := Open(ctx, dir); err == nil || !strings.Contains(err.Error(), "newer") {
		if s != nil {
			s.Close()
		}
		t.Errorf("Open of a newer store: %v; want a 'newer' error", err)
	}
}

// TestSQLite3CanRead checks the promise that the sqlite3 shell opens the store.
func TestSQLite3CanRead(t *testing.T) {
	bin, err := exec.LookPath("sqlite3")
	if err != nil {
		t.Skip("sqlite3 not installed")
	}
	dir := t.TempDir()
	s := openStore(t, dir)
	ingest(t, s, page("a.txt", notice("株式会社サンプル", ransom1, "ransomware", Date{}, Date{2024, 5, 10}, nil)))
	s.Close()
	out, err := exec.Command(bin, filepath.Join(dir, FileName), "SELECT organization FROM case_summary").CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "株式会社サンプル" {
		t.Errorf("sqlite3: %q, %v", out, err)
	}
}

func TestIngestIdempotent(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, t.TempDir())
	p := page("blog/1", notice("株式会社サンプル", ransom1, "ransomware", Date{}, Date{2024, 5, 10}, seqp(1)),
		notice("株式会社レイ", misdelivery, "misdelivery", Date{}, Date{2024, 9, 3}, nil))
	first := ingest(t, s, p)
	if got := outcomes(first); !slices.Equal(got, []Outcome{New, New}) {
		t.Fatalf("first ingest: %v", got)
	}
	before := dump(t, s)
	var versionsBefore int
	s.db.QueryRowContext(ctx, `SELECT count(*) FROM report_versions`).Scan(&versionsBefore)
	again := ingest(t, s, p)
	if got := outcomes(again); !slices.Equal(got, []Outcome{Unchanged, Unchanged}) {
		t.Errorf("second ingest: %v", got)
	}
	for i := range again {
		if again[i].CaseID != first[i].CaseID {
			t.Errorf("notice %d: case %s, then %s", i, first[i].CaseID, again[i].CaseID)
		}
	}
	var versionsAfter int
	s.db.QueryRowContext(ctx, `SELECT count(*) FROM report_versions`).Scan(&versionsAfter)
	if after := dump(t, s); after != before || versionsAfter != versionsBefore {
		t.Errorf("re-ingest changed the store:\n%s\nthen\n%s", before, after)
	}
	if seen, err := s.Seen(ctx, p.Source, p.Hash); err != nil || !seen {
		t.Errorf("Seen = %v, %v; want true", seen, err)
	}
	if seen, err := s.Seen(ctx, p.Source, "other"); err != nil || seen {
		t.Errorf("Seen(other hash) = %v, %v; want false", seen, err)
	}
}

func TestIngestChangedPage(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, t.TempDir())
	a := notice("株式会社サンプル", ransom1, "ransomware", Date{}, Date{2024, 5, 10}, nil)
	b := notice("株式会社レイ", misdelivery, "misdelivery", Date{}, Date{2024, 9, 3}, nil)
	first := ingest(t, s, page("site/news", a, b))

	// The page is edited: the first notice's count is corrected, the second
	// stays, a third is added.
	a.Affected = affected(1200)
	c := notice("株式会社ミライ", intrusion, "unauthorized_access", Date{}, Date{2024, 10, 1}, nil)
	second := ingest(t, s, page("site/news", a, b, c))
	if got := outcomes(second); !slices.Equal(got, []Outcome{Updated, Unchanged, New}) {
		t.Fatalf("outcomes = %v", got)
	}
	if second[0].CaseID != first[0].CaseID {
		t.Errorf("updated notice moved from case %s to %s", first[0].CaseID, second[0].CaseID)
	}
	got, err := s.Case(ctx, first[0].CaseID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Versions) != 2 {
		t.Fatalf("%d versions, want 2", len(got.Versions))
	}
	if got.Versions[0].Incident.Affected != nil || *got.Versions[1].Incident.Affected != 1200 {
		t.Errorf("versions affected: %v, %v; want nil then 1200", got.Versions[0].Incident.Affected, got.Versions[1].Incident.Affected)
	}
	if got.Current.Affected == nil || *got.Current.Affected != 1200 || got.Current.Text != ransom1 {
		t.Errorf("current = %+v; want the corrected version with its text", got.Current)
	}
	if _, err := s.Case(ctx, "nosuchcase"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Case(nosuchcase) = %v; want ErrNotFound", err)
	}
}

func TestFollowUpsBecomeOneCase(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, t.TempDir())
	may10 := Date{2024, 5, 10}
	r1 := notice("株式会社サンプル", ransom1, "unauthorized_access", Date{2024, 5, 12}, may10, seqp(1))
	r1.Affected = affected(2)
	r2 := notice("株式会社サンプル", ransom2, "ransomware", Date{2024, 5, 20}, may10, seqp(2))
	r2.Affected = affected(3)
	r3 := notice("サンプル", ransom2+"\n最終報告", "ransomware", Date{2024, 6, 30}, may10, seqp(3))
	r3.Affected = affected(4)
	other := notice("株式会社サンプル", misdelivery, "misdelivery", Date{2024, 9, 4}, Date{2024, 9, 3}, nil)

	// The aggregator lists the newest first; the company's site has the 第1報.
	agg := ingest(t, s, page("aggregator/p1", r3, other, r2))
	site := ingest(t, s, page("https://sample.example/news/1", r1))
	if got := outcomes(agg); !slices.Equal(got, []Outcome{New, New, Linked}) {
		t.Errorf("aggregator outcomes = %v", got)
	}
	if site[0].Outcome != Linked || site[0].CaseID != agg[0].CaseID || agg[2].CaseID != agg[0].CaseID {
		t.Errorf("reports went to cases %s, %s, %s; want one", agg[0].CaseID, agg[2].CaseID, site[0].CaseID)
	}
	if agg[1].CaseID == agg[0].CaseID {
		t.Errorf("a different incident of the same organization was merged")
	}
	c, err := s.Case(ctx, agg[0].CaseID)
	if err != nil {
		t.Fatal(err)
	}
	var history []int64
	for _, v := range c.Versions {
		history = append(history, *v.Incident.Affected)
	}
	if !slices.Equal(history, []int64{2, 3, 4}) || *c.Current.Sequence != 3 {
		t.Errorf("history %v, current sequence %d; want [2 3 4] and 3", history, *c.Current.Sequence)
	}
	if cases, reports, _ := s.Count(ctx); cases != 2 || reports != 4 {
		t.Errorf("Count = %d cases, %d reports; want 2, 4", cases, reports)
	}
}

func TestCurrentOrder(t *testing.T) {
	v := func(id int64, report int64, sequence *int, published Date) Version {
		return Version{id: id, report: report, Incident: Incident{Sequence: sequence, Published: published, Title: fmt.Sprint(id)}}
	}
	tests := []struct {
		name string
		vs   []Version // ingestion order
		want string    // title (= id) of the current version
	}{
		{"highest sequence", []Version{v(1, 1, seqp(3), Date{}), v(2, 2, seqp(2), Date{}), v(3, 3, nil, Date{})}, "1"},
		{"latest published", []Version{v(1, 1, nil, Date{2024, 6, 1}), v(2, 2, nil, Date{2024, 5, 1})}, "1"},
		{"latest ingested", []Version{v(1, 1, nil, Date{}), v(2, 2, nil, Date{})}, "2"},
		{"a report's old version never wins", []Version{v(1, 1, seqp(5), Date{}), v(2, 1, seqp(1), Date{}), v(3, 2, seqp(2), Date{})}, "3"},
	}
	for _, tt := range tests {
		if got, _ := current(tt.vs); got.Incident.Title != tt.want {
			t.Errorf("%s: current = %s, want %s", tt.name, got.Incident.Title, tt.want)
		}
	}
}

func TestIDsStableAcrossRebuild(t *testing.T) {
	pages := fictionalPages(60)
	run := func(dir string) *Store {
		s := openStore(t, dir)
		for _, p := range pages {
			ingest(t, s, p)
		}
		return s
	}
	a := run(t.TempDir())
	b := run(t.TempDir())
	da, db := dump(t, a), dump(t, b)
	if da != db {
		t.Errorf("rebuilt store differs:\n%s\nvs\n%s", da, db)
	}
	latest := map[string]Page{}
	for _, p := range pages {
		latest[p.Source] = p
	}
	for _, p := range latest { // re-ingesting the pages as they are now changes nothing
		for _, c := range ingest(t, a, p) {
			if c.Outcome != Unchanged {
				t.Fatalf("re-ingest %s: %v", p.Source, c.Outcome)
			}
		}
	}
	if again := dump(t, a); again != da {
		t.Errorf("re-ingest changed the store")
	}
	if !strings.Contains(da, "case ") {
		t.Fatal("empty dump")
	}
	cases, _, _ := a.Count(context.Background())
	idLen := 0
	a.Cases(context.Background(), func(c *Case) error {
		idLen = max(idLen, len(c.ID))
		if c.ID != strings.ToLower(c.ID) {
			t.Errorf("id %q is not lowercase", c.ID)
		}
		return nil
	})
	if cases == 0 || idLen != 10 {
		t.Errorf("%d cases, id length %d; want 10", cases, idLen)
	}
}

// TestRealignSameOrgAndTitle covers a page carrying two notices of one
// organization under one title (an aggregator's "お詫び" posts): when the
// page changes around them, each keeps its own incident — never the other's.
func TestRealignSameOrgAndTitle(t *testing.T) {
	const title = "個人情報の取り扱いに関するお詫び"
	mk := func(text, cause string, published Date) Incident {
		in := notice("株式会社サンプル", text, cause, Date{}, published, nil)
		in.Title = title
		return in
	}
	a := mk(ransom1, "ransomware", Date{2024, 5, 10})
	b := mk(misdelivery, "misdelivery", Date{2024, 9, 3})
	c := notice("株式会社ミライ", intrusion, "unauthorized_access", Date{}, Date{2024, 10, 1}, nil)
	tests := []struct {
		name  string
		pages [][]Incident // ingested in turn; a and b must stay apart
	}{
		{"a notice added above", [][]Incident{{a, b}, {c, a, b}}},
		{"the two swap places", [][]Incident{{a, b}, {b, a}}},
		{"one dropped, then back", [][]Incident{{a, b}, {b}, {a, b}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			s := openStore(t, t.TempDir())
			first := ingest(t, s, page("site/news", tt.pages[0]...))
			caseOf := map[string]string{a.Text: first[0].CaseID, b.Text: first[1].CaseID}
			for _, p := range tt.pages[1:] {
				for i, ch := range ingest(t, s, page("site/news", p...)) {
					if want, ok := caseOf[p[i].Text]; ok && ch.CaseID != want {
						t.Errorf("notice %d (%s) went to case %s, want %s (%v)", i, p[i].Causes[0], ch.CaseID, want, ch.Outcome)
					}
				}
			}
			for text, id := range caseOf {
				got, err := s.Case(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				if got.Current.Text != text {
					t.Errorf("case %s now holds the other notice's text", id)
				}
			}
		})
	}
}
