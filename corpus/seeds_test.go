package corpus_test

// This file is an external test package so that it may use the real
// extractor: parse imports corpus, so corpus itself cannot import parse.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/incidex/incidex/corpus"
	"github.com/incidex/incidex/parse"
)

const seedDir = "/work/shared/seeds"

// seedPages extracts the seed files with the real extractor.
func seedPages(t *testing.T) []corpus.Page {
	t.Helper()
	if _, err := os.Stat(seedDir); err != nil {
		t.Skipf("seeds not available: %v", err)
	}
	files, err := filepath.Glob(filepath.Join(seedDir, "*.txt"))
	if err != nil || len(files) != 5 {
		t.Fatalf("seed files: %v, %v", files, err)
	}
	a, err := parse.New()
	if err != nil {
		t.Fatal(err)
	}
	var pages []corpus.Page
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ins, err := a.Extract(context.Background(), parse.Page{Source: f, Body: b})
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		pages = append(pages, corpus.Page{Source: f, Hash: hex.EncodeToString(sum[:]),
			MediaType: "text/plain", Charset: "utf-8", Incidents: ins})
	}
	return pages
}

func TestSeeds(t *testing.T) {
	ctx := context.Background()
	pages := seedPages(t)
	s, err := corpus.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	ids := map[string][]string{} // page → case id of each notice
	for _, p := range pages {
		changes, err := s.Ingest(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range changes {
			ids[filepath.Base(p.Source)] = append(ids[filepath.Base(p.Source)], c.CaseID)
		}
	}

	// 002 holds eight notices: 日本学生支援機構, three reports of the
	// OLTA/INVOY incident (続報2, 続報1, the first, all #2023-446), ホープ,
	// ベルソニカ, 東京大学情報基盤センター and 西日本工業大学.
	p002 := ids["002_e82a9fa3bedf0c9d.txt"]
	if len(p002) != 8 {
		t.Fatalf("002: %d notices, want 8", len(p002))
	}
	if p002[1] != p002[2] || p002[1] != p002[3] {
		t.Errorf("002: the OLTA reports went to cases %v; want one", p002[1:4])
	}
	if distinct := len(slices.Compact(slices.Sorted(slices.Values(p002)))); distinct != 6 {
		t.Errorf("002: %d cases, want 6", distinct)
	}
	olta, err := s.Case(ctx, p002[1])
	if err != nil {
		t.Fatal(err)
	}
	if len(olta.Versions) != 3 {
		t.Fatalf("OLTA: %d versions, want 3", len(olta.Versions))
	}
	if seq := olta.Current.Sequence; seq == nil || *seq != 3 || !strings.Contains(olta.Current.Title, "続報2") {
		t.Errorf("OLTA current = %q (sequence %v); want 続報2, sequence 3", olta.Current.Title, seq)
	}
	if first := olta.Versions[0].Incident; first.Sequence != nil || olta.Versions[0].Position != 3 {
		t.Errorf("OLTA oldest version = %q at %d; want the unnumbered first report at position 3", first.Title, olta.Versions[0].Position)
	}

	// 19 notices: 000 1, 001 8, 002 8, 003 1, 004 1. Only the OLTA reports
	// are one incident, so 17 cases.
	cases, reports, err := s.Count(ctx)
	if err != nil || cases != 17 || reports != 19 {
		t.Errorf("Count = %d cases, %d reports, %v; want 17, 19", cases, reports, err)
	}

	// Ingesting the seeds again changes nothing and keeps every id.
	for _, p := range pages {
		changes, err := s.Ingest(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range changes {
			if c.Outcome != corpus.Unchanged || c.CaseID != ids[filepath.Base(p.Source)][i] {
				t.Errorf("%s notice %d: re-ingest %s into %s", filepath.Base(p.Source), i, c.Outcome, c.CaseID)
			}
		}
	}
}
