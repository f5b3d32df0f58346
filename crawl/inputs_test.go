package crawl

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestInputs(t *testing.T) {
	dir := t.TempDir()
	tree := filepath.Join(dir, "tree")
	for _, name := range []string{
		"b.html", "a.htm", "c.txt", "d.XHTML", "noext", "z.TXT",
		"image.png", "report.pdf", "notes.md",
		".hidden.html", ".git/config", ".cache/x.html",
		"sub/e.html", "sub/deeper/f.txt", "sub/.secret/g.html",
	} {
		writeFile(t, tree, name, []byte("x"))
	}
	if err := os.Symlink(filepath.Join(tree, "b.html"), filepath.Join(tree, "link.html")); err != nil {
		t.Logf("no symlink support: %v", err)
	}
	explicit := writeFile(t, dir, "explicit.pdf", []byte("x"))
	hidden := writeFile(t, dir, ".explicit-hidden.txt", []byte("x"))
	missing := filepath.Join(dir, "missing.html")

	paths, errs := Inputs([]string{tree, "-", missing, explicit, hidden})

	in := func(names ...string) []string {
		var out []string
		for _, n := range names {
			out = append(out, filepath.Join(tree, filepath.FromSlash(n)))
		}
		return out
	}
	want := append(in("a.htm", "b.html", "c.txt", "d.XHTML", "noext", "report.pdf", "sub/deeper/f.txt", "sub/e.html", "z.TXT"),
		"-", explicit, hidden)
	if !slices.Equal(paths, want) {
		t.Errorf("paths:\n got %q\nwant %q", paths, want)
	}
	if len(errs) != 1 {
		t.Fatalf("errs = %v, want one error for the missing path", errs)
	}
	if !errors.Is(errs[0], fs.ErrNotExist) {
		t.Errorf("err = %v, want fs.ErrNotExist", errs[0])
	}
	checkErrorMessage(t, errs[0], missing)
}

func TestInputsSymlinkedRoot(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "real/a.html", []byte("x"))
	link := filepath.Join(dir, "link")
	if err := os.Symlink(filepath.Join(dir, "real"), link); err != nil {
		t.Skipf("no symlink support: %v", err)
	}
	paths, errs := Inputs([]string{link})
	if want := []string{filepath.Join(link, "a.html")}; !slices.Equal(paths, want) || errs != nil {
		t.Errorf("Inputs = %q, %v; want %q, nil", paths, errs, want)
	}
}

func TestInputsEmpty(t *testing.T) {
	if paths, errs := Inputs(nil); paths != nil || errs != nil {
		t.Errorf("Inputs(nil) = %q, %v", paths, errs)
	}
}

func TestInputsUnreadableDir(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can read any directory")
	}
	dir := t.TempDir()
	writeFile(t, dir, "a.html", []byte("x"))
	locked := filepath.Join(dir, "locked")
	writeFile(t, locked, "b.html", []byte("x"))
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(locked, 0o755) })
	paths, errs := Inputs([]string{dir})
	if want := []string{filepath.Join(dir, "a.html")}; !slices.Equal(paths, want) {
		t.Errorf("paths = %q, want %q", paths, want)
	}
	if len(errs) != 1 || !errors.Is(errs[0], fs.ErrPermission) || !strings.HasPrefix(errs[0].Error(), locked+": ") {
		t.Errorf("errs = %v, want one permission error naming %s", errs, locked)
	}
}
