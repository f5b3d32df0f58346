package crawl

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Inputs expands command-line arguments into the ordered list of inputs to
// read: files as given, directories walked recursively (sorted, regular
// files only, skipping hidden files/dirs, keeping .html .htm .txt .xhtml,
// .warc .warc.gz and extension-less files), "-" for stdin. [Reader.Expand]
// then turns each WARC file into its captures.
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
// an extension crawl reads: .html .htm .txt .xhtml, none, or a WARC file's.
func isDocumentName(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case "", ".html", ".htm", ".txt", ".xhtml", ".pdf":
		return true
	}
	return IsWARC(name)
}

// IsWARC reports whether a path names a WARC file: it ends in .warc or
// .warc.gz, in any case. WARC files are known by name only: a page that
// happens to start like one is still a page.
func IsWARC(path string) bool {
	lower := strings.ToLower(path)
	return strings.HasSuffix(lower, ".warc") || strings.HasSuffix(lower, ".warc.gz")
}

// Input is one document to read: a file, standard input ("-"), or one
// capture archived in a WARC file. [Reader.Expand] makes them.
type Input struct {
	Path   string    // the file as given, or "-"
	Record int       // a WARC capture's record number in Path (1-based); 0 for a whole file
	URI    string    // a WARC capture's WARC-Target-URI: its Source
	Date   time.Time // a WARC capture's WARC-Date
	Err    error     // why the input cannot be read; ReadInput returns it

	offset int64  // where the record, or the gzip member holding it, starts in Path
	skip   int    // records before it in that gzip member (a WARC gzipped whole)
	id     string // its WARC-Record-ID, checked when it is read again
}

// String names the input in messages: its path, or "FILE#record-N (URI)".
func (in Input) String() string {
	if in.Record == 0 {
		return in.Path
	}
	name := fmt.Sprintf("%s#record-%d", displayName(in.Path), in.Record)
	if in.URI != "" {
		name += " (" + displayName(in.URI) + ")"
	}
	return name
}

// Expand turns the paths [Inputs] listed into the documents to read, in
// order. A WARC file ([IsWARC]) becomes one Input per capture of a page:
// each "response" record of a 2xx HTTP response and each "resource"
// record, with its URL as source. Records of other types (warcinfo,
// request, metadata, revisit) are passed over. A capture that cannot be
// used (a 404, no target URI, a bad digest, a block larger than the size
// limit) is an Input whose Err names it, and a WARC file that cannot be
// read to the end (missing, truncated, corrupt) gives its captures before
// the damage and then an Input whose Err says what is wrong.
//
// A URL captured several times, in one WARC file or several, is read
// once: from its latest capture by WARC-Date, and of equal dates the last
// in path and record order. Expand reads every WARC file once, through,
// keeping only the records' whereabouts; [Reader.ReadInput] reads each
// capture again when it is needed, so memory does not grow with the
// archive.
func (r *Reader) Expand(ctx context.Context, paths []string) []Input {
	var out []Input
	latest := map[string]int{} // URI → index in out of its latest usable capture
	superseded := map[int]bool{}
	for _, p := range paths {
		if p == "-" || !IsWARC(p) {
			out = append(out, Input{Path: p})
			continue
		}
		for _, in := range r.listWARC(ctx, p) {
			out = append(out, in)
			if in.Err != nil || in.Record == 0 {
				continue
			}
			if i, seen := latest[in.URI]; seen {
				if in.Date.Before(out[i].Date) {
					superseded[len(out)-1] = true
					continue
				}
				superseded[i] = true
			}
			latest[in.URI] = len(out) - 1
		}
	}
	if len(superseded) == 0 {
		return out
	}
	kept := out[:0]
	for i, in := range out {
		if !superseded[i] {
			kept = append(kept, in)
		}
	}
	return kept
}
