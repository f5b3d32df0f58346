package crawl

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Inputs expands command-line arguments into the ordered list of inputs to
// read: files as given, directories walked recursively (sorted, regular
// files only, skipping hidden files/dirs, keeping .html .htm .txt .xhtml and
// extension-less files), "-" for stdin.
//
// A path that does not exist is returned in the error list (wrapped with the
// path, errors.Is(err, fs.ErrNotExist) true) and the others are still
// returned. So are other problems, such as an unreadable subdirectory.
// With no arguments Inputs returns nothing; callers decide whether that
// means stdin.
func Inputs(args []string) (paths []string, errs []error) {
	for _, arg := range args {
		if arg == "-" {
			paths = append(paths, arg)
			continue
		}
		fi, err := os.Stat(arg)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", displayName(arg), pathless(err)))
			continue
		}
		if !fi.IsDir() {
			paths = append(paths, arg)
			continue
		}
		found, walkErrs := walk(arg)
		paths = append(paths, found...)
		errs = append(errs, walkErrs...)
	}
	return paths, errs
}

// walk lists the candidate documents under root in lexical order.
func walk(root string) (paths []string, errs []error) {
	// WalkDir reads each directory sorted by name and does not follow
	// symbolic links (which are not regular files) except, here, the root.
	walkRoot := root
	if fi, err := os.Lstat(root); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		if real, err := filepath.EvalSymlinks(root); err == nil {
			walkRoot = real
		}
	}
	_ = filepath.WalkDir(walkRoot, func(p string, d fs.DirEntry, err error) error {
		if walkRoot != root {
			if rel, relErr := filepath.Rel(walkRoot, p); relErr == nil {
				p = filepath.Join(root, rel)
			}
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", displayName(p), pathless(err)))
			return nil // skips an unreadable directory, keeps walking
		}
		if p != root && strings.HasPrefix(d.Name(), ".") && d.Name() != "." {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() && isDocumentName(d.Name()) {
			paths = append(paths, p)
		}
		return nil
	})
	return paths, errs
}

// isDocumentName reports whether a file name found in a directory walk has
// an extension crawl reads: .html .htm .txt .xhtml or none.
func isDocumentName(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case "", ".html", ".htm", ".txt", ".xhtml":
		return true
	}
	return false
}
