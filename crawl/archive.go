package crawl

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/incidex/incidex/crawl/warc"
)

// archive is the WARC file a run writes its captures to: one file per run,
// named by the time it started, so files sort oldest first.
type archive struct {
	dir, name string
	f         *os.File
	bw        *bufio.Writer
	w         *warc.Writer
	records   int
	software  string
}

// openArchive creates a new capture file in dir and writes its warcinfo
// record.
func openArchive(dir, software string) (*archive, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("captures: %w", err)
	}
	var rnd [3]byte
	_, _ = rand.Read(rnd[:])
	name := fmt.Sprintf("crawl-%s-%s.warc.gz", time.Now().UTC().Format("20060102T150405Z"), hex.EncodeToString(rnd[:]))
	f, err := os.OpenFile(filepath.Join(dir, name), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, fmt.Errorf("captures: %w", err)
	}
	a := &archive{dir: dir, name: name, f: f, bw: bufio.NewWriterSize(f, 64<<10), software: software}
	a.w = warc.NewWriter(a.bw)
	info := &warc.Record{Type: warc.TypeWarcinfo, Body: []byte(
		"software: " + software + "\r\nformat: WARC File Format 1.1\r\n" +
			"conformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n")}
	info.Header.Set("WARC-Filename", name)
	info.Header.Set("Content-Type", "application/warc-fields")
	if _, err := a.w.Write(info); err != nil {
		a.abandon()
		return nil, fmt.Errorf("captures %s: %w", name, err)
	}
	if err := a.sync(); err != nil {
		a.abandon()
		return nil, err
	}
	// The new file's name must survive a crash too: sync its directory.
	if d, err := os.Open(dir); err == nil {
		err = d.Sync()
		d.Close()
		if err != nil {
			a.abandon()
			return nil, fmt.Errorf("captures: %w", err)
		}
	}
	return a, nil
}

// capture appends the request and response records of one fetch and makes
// them durable, returning the file's committed state. Only after it returns
// may the URL be marked done: a crash before leaves at most a partial
// record, cut off by the next run's repair.
func (a *archive) capture(r *Response) (warcState, error) {
	resp := warc.Response(r.URL, r.Date, r.HTTPResp, r.Body)
	id, err := a.w.Write(resp)
	if err != nil {
		return warcState{}, fmt.Errorf("captures %s: %w", a.name, err)
	}
	req := warc.Request(r.URL, r.Date, r.HTTPReq)
	req.Header.Set("WARC-Concurrent-To", id)
	if _, err := a.w.Write(req); err != nil {
		return warcState{}, fmt.Errorf("captures %s: %w", a.name, err)
	}
	if err := a.sync(); err != nil {
		return warcState{}, err
	}
	a.records++
	return warcState{Size: a.w.Offset(), Records: a.records}, nil
}

// state is the file's committed state before any capture.
func (a *archive) state() warcState { return warcState{Size: a.w.Offset(), Records: a.records} }

func (a *archive) sync() error {
	if err := a.bw.Flush(); err != nil {
		return fmt.Errorf("captures %s: %w", a.name, err)
	}
	if err := a.f.Sync(); err != nil {
		return fmt.Errorf("captures %s: %w", a.name, err)
	}
	return nil
}

// close closes the file, removing it when it holds no capture.
func (a *archive) close() error {
	err := a.f.Close()
	if a.records == 0 {
		return os.Remove(filepath.Join(a.dir, a.name))
	}
	return err
}

func (a *archive) abandon() {
	a.f.Close()
	os.Remove(filepath.Join(a.dir, a.name))
}
