package index

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/incidex/incidex/corpus"
)

func count(t *testing.T, ix *Index) uint64 {
	t.Helper()
	n, err := ix.Count()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestPutUpsertAndDelete(t *testing.T) {
	ctx := context.Background()
	ix := openFixtures(t)
	if n := count(t, ix); n != uint64(len(fixtures)) {
		t.Fatalf("Count = %d, want %d", n, len(fixtures))
	}

	// The same ID again replaces the document: the new title is found, the old one is not.
	d := fixture("misdelivery-2")
	d.Incident.Title = "FAX誤送信に関するお詫び"
	d.Incident.Text = "FAX番号の入力誤りにより、処方内容を別の薬局へ送信いたしました。"
	if err := ix.Put(ctx, []Doc{d, d}); err != nil {
		t.Fatal(err)
	}
	if n := count(t, ix); n != uint64(len(fixtures)) {
		t.Errorf("after upsert Count = %d, want %d", n, len(fixtures))
	}
	if got := ids(runSearch(t, ix, Query{Text: "FAX"}), true); !slices.Equal(got, []string{"misdelivery-2"}) {
		t.Errorf("new text: %v", got)
	}
	if got := ids(runSearch(t, ix, Query{Text: "封入作業"}), true); len(got) != 0 {
		t.Errorf("old text still found: %v", got)
	}

	if err := ix.Delete(ctx, "misdelivery-2", "no-such-id"); err != nil {
		t.Fatal(err)
	}
	if n := count(t, ix); n != uint64(len(fixtures)-1) {
		t.Errorf("after delete Count = %d, want %d", n, len(fixtures)-1)
	}
	if got := ids(runSearch(t, ix, Query{Text: "FAX"}), true); len(got) != 0 {
		t.Errorf("deleted doc found: %v", got)
	}

	if err := ix.Put(ctx, []Doc{{Incident: corpus.Incident{Title: "no id"}}}); err == nil {
		t.Error("Put without ID: no error")
	}
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	if err := ix.Put(canceled, fixtures); !errors.Is(err, context.Canceled) {
		t.Errorf("Put with canceled context = %v", err)
	}
}

func TestReopen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "index") // Open creates it
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(context.Background(), fixtures[:3]); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if n := count(t, ix); n != 3 {
		t.Errorf("reopened Count = %d, want 3", n)
	}
	if got := ids(runSearch(t, ix, Query{Text: "誤表示"}), true); !slices.Equal(got, []string{"misdisplay-1", "misdisplay-2"}) {
		t.Errorf("reopened search: %v", got)
	}

	other := t.TempDir()
	if err := os.WriteFile(filepath.Join(other, "notes.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(other); err == nil {
		t.Error("Open of a non-empty non-index directory: no error")
	}
}

func TestSimilar(t *testing.T) {
	ix := openFixtures(t)
	tests := []struct{ seed, want string }{
		{"misdisplay-1", "misdisplay-2"},
		{"loss-2", "loss-1"},
		{"misdelivery-2", "misdelivery-1"},
		{"leak-2", "ransom-1"},
	}
	for _, tt := range tests {
		res, err := ix.Similar(context.Background(), tt.seed, 5)
		if err != nil {
			t.Fatal(err)
		}
		got := ids(res, false)
		if len(got) == 0 || got[0] != tt.want {
			t.Errorf("Similar(%s) = %v, want %s first", tt.seed, got, tt.want)
		}
		if slices.Contains(got, tt.seed) {
			t.Errorf("Similar(%s) returned the seed: %v", tt.seed, got)
		}
	}
	if _, err := ix.Similar(context.Background(), "no-such-id", 5); !errors.Is(err, ErrNotFound) {
		t.Errorf("Similar(unknown) = %v, want ErrNotFound", err)
	}
}

// busyDirEnv names the index a helper subprocess opens (see TestOpenBusy).
const busyDirEnv = "INDEX_TEST_BUSY_DIR"

func TestOpenBusy(t *testing.T) {
	if dir := os.Getenv(busyDirEnv); dir != "" { // the subprocess
		_, err := Open(dir)
		if errors.Is(err, ErrBusy) {
			os.Exit(3)
		}
		t.Fatalf("Open = %v, want ErrBusy", err)
	}
	dir := t.TempDir()
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()

	start := time.Now()
	second, err := Open(dir)
	if err == nil {
		second.Close()
	}
	if !errors.Is(err, ErrBusy) {
		t.Errorf("second Open in process = %v, want ErrBusy", err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("second Open took %v", took)
	}

	start = time.Now()
	cmd := exec.Command(os.Args[0], "-test.run=^TestOpenBusy$")
	cmd.Env = append(os.Environ(), busyDirEnv+"="+dir)
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 3 {
		t.Errorf("subprocess Open: %v, want exit 3 (ErrBusy)\n%s", err, out)
	}
	// The subprocess starts a test binary too; the lock wait is 1 s of it.
	if took := time.Since(start); took > 4*time.Second {
		t.Errorf("subprocess took %v", took)
	}
}
