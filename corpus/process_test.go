package corpus

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// These tests run a second process: the test binary itself, re-run with
// helperEnv set so that TestHelperProcess does the work.
const (
	helperEnv     = "INCIDEX_CORPUS_HELPER"
	helperDir     = "INCIDEX_CORPUS_DIR"
	helperPhase   = "INCIDEX_CORPUS_PHASE"
	helperTimeout = "INCIDEX_CORPUS_TIMEOUT"
)

// TestHelperProcess is not a test: it is the second process of the tests
// below, and does nothing unless run by them.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(helperEnv)
	if mode == "" {
		t.Skip("run by the process tests")
	}
	if err := helperMain(mode); err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	os.Exit(0)
}

func helperMain(mode string) error {
	ctx := context.Background()
	timeout, err := time.ParseDuration(os.Getenv(helperTimeout))
	if err != nil {
		timeout = 5 * time.Second
	}
	s, err := Open(ctx, os.Getenv(helperDir), WithBusyTimeout(timeout))
	if err != nil {
		return err
	}
	defer s.Close()
	switch mode {
	case "ingest":
		phase, _ := strconv.Atoi(os.Getenv(helperPhase))
		for i, p := range crashPhases()[phase] {
			if _, err := s.Ingest(ctx, p); err != nil {
				return err
			}
			fmt.Println("ingested", i)
		}
		fmt.Println("done")
	case "busy":
		fmt.Println("opened")
		_, err := s.Ingest(ctx, page("busy/1", notice("株式会社サンプル", ransom1, "ransomware", Date{}, Date{2024, 5, 10}, nil)))
		if errors.Is(err, ErrBusy) {
			fmt.Println("busy:", err)
			return nil
		}
		if err != nil {
			return err
		}
		fmt.Println("ok")
	default:
		return fmt.Errorf("unknown helper mode %q", mode)
	}
	return nil
}

func helper(mode, dir string, env ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), helperEnv+"="+mode, helperDir+"="+dir)
	cmd.Env = append(cmd.Env, env...)
	cmd.Stderr = os.Stderr
	return cmd
}

// crashPhases splits the fictional feed into two crawls: the first, then a
// later one that brings new pages and edits of earlier ones. Within a crawl
// each source appears once, with its content at the time, as a re-run
// re-reads each capture once.
func crashPhases() [][]Page {
	all := fictionalPages(160)
	var phases [][]Page
	for _, r := range [][2]int{{0, 80}, {80, 160}} {
		last := map[string]int{}
		for i := r[0]; i < r[1]; i++ {
			last[all[i].Source] = i
		}
		var ps []Page
		for i := r[0]; i < r[1]; i++ {
			if last[all[i].Source] == i {
				ps = append(ps, all[i])
			}
		}
		phases = append(phases, ps)
	}
	return phases
}

// runKilled runs an ingest helper and kills it with SIGKILL once it has
// reported after pages (negative: let it finish).
func runKilled(t *testing.T, dir string, phase, after int) {
	t.Helper()
	cmd := helper("ingest", dir, helperPhase+"="+strconv.Itoa(phase))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	n, done := 0, false
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "ingested"):
			n++
			if n == after {
				cmd.Process.Kill() // SIGKILL on Unix: no deferred Close, no rollback
			}
		case line == "done":
			done = true
		}
	}
	io.Copy(io.Discard, out)
	err = cmd.Wait()
	if after < 0 && (err != nil || !done) {
		t.Fatalf("phase %d: helper failed: %v (done %v)", phase, err, done)
	}
	if after >= 0 && (n < after || done || err == nil) {
		t.Fatalf("phase %d: helper ended after %d pages (done %v, %v); want it killed after %d", phase, n, done, err, after)
	}
}

func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("runs helper processes")
	}
	ctx := context.Background()
	phases := crashPhases()

	want := openStore(t, t.TempDir())
	for _, ps := range phases {
		for _, p := range ps {
			ingest(t, want, p)
		}
	}

	dir := t.TempDir()
	for phase := range phases {
		runKilled(t, dir, phase, 15)
		runKilled(t, dir, phase, 45) // the first 15 or so are unchanged by now
		runKilled(t, dir, phase, -1)
	}
	got := openStore(t, dir)
	var check string
	if err := got.db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check = %q, %v", check, err)
	}
	if g, w := dump(t, got), dump(t, want); g != w {
		t.Errorf("killed and resumed store differs from an uninterrupted run:\n%s\nvs\n%s", g, w)
	}
	gc, gr, _ := got.Count(ctx)
	wc, wr, _ := want.Count(ctx)
	if gc != wc || gr != wr {
		t.Errorf("Count = %d cases, %d reports; want %d, %d", gc, gr, wc, wr)
	}
}

// TestBusyAcrossProcesses holds a write transaction while another process
// writes: it waits for the lock, then gets ErrBusy once its timeout passes,
// or succeeds if the lock is released in time. Opening never waits: an
// up-to-date store opens without the write lock.
func TestBusyAcrossProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("runs helper processes")
	}
	ctx := context.Background()
	dir := t.TempDir()
	s := openStore(t, dir)
	conn, err := s.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		t.Fatal(err)
	}

	out, err := helper("busy", dir, helperTimeout+"=200ms").Output()
	if err != nil || !strings.Contains(string(out), "busy: ") || !strings.Contains(string(out), ErrBusy.Error()) {
		t.Errorf("helper with a short timeout: %q, %v; want ErrBusy", out, err)
	}

	cmd := helper("busy", dir, helperTimeout+"=30s")
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(pipe)
	var lines []string
	for sc.Scan() {
		lines = append(lines, sc.Text())
		if sc.Text() == "opened" {
			time.Sleep(300 * time.Millisecond) // the helper is now waiting for the lock
			if _, err := conn.ExecContext(ctx, `COMMIT`); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := cmd.Wait(); err != nil || !slices.Equal(lines, []string{"opened", "ok"}) {
		t.Errorf("helper with a long timeout: %q, %v; want it to wait and succeed", lines, err)
	}

	var check string
	if err := s.db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity_check = %q, %v", check, err)
	}
	if cases, reports, err := s.Count(ctx); err != nil || cases != 1 || reports != 1 {
		t.Errorf("Count = %d, %d, %v; want the helper's one case", cases, reports, err)
	}
}
