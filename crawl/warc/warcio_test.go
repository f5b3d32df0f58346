package warc_test

import (
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/incidex/incidex/crawl/warc"
)

// TestWarcioReadsOurFiles checks the Writer's output with an independent
// reader, the warcio.js command line (npm package warcio 2.4.11), whose
// cli.js $INCIDEX_WARCIO names:
//
//	npm install --prefix DIR warcio@2.4.11
//	INCIDEX_WARCIO=DIR/node_modules/warcio/dist/cli.js go test ./crawl/warc
func TestWarcioReadsOurFiles(t *testing.T) {
	cli := os.Getenv("INCIDEX_WARCIO")
	if cli == "" {
		t.Skip("INCIDEX_WARCIO is not set: skipping the check with warcio.js (npm install --prefix DIR warcio@2.4.11; INCIDEX_WARCIO=DIR/node_modules/warcio/dist/cli.js)")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("INCIDEX_WARCIO is set but node is not on PATH: %v", err)
	}
	if _, err := os.Stat(cli); err != nil {
		t.Fatalf("INCIDEX_WARCIO: %v", err)
	}

	date := time.Date(2024, 5, 20, 10, 0, 0, 0, time.UTC)
	page := "https://www.example.jp/news/2024/0520.html"
	req, _ := http.NewRequest(http.MethodGet, page, nil)
	req.Header.Set("User-Agent", "incidex/1.0")
	resp := &http.Response{StatusCode: 200, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{"Content-Type": {"text/html; charset=Shift_JIS"}, "Date": {"Mon, 20 May 2024 10:00:00 GMT"}}}
	sjis := sjisNotice(t)
	respRec := warc.Response(page, date, resp, sjis)
	reqRec := warc.Request(page, date, req)
	respRec.Header.Set("WARC-Record-ID", warc.NewRecordID())
	reqRec.Header.Set("WARC-Concurrent-To", respRec.Header.Get("WARC-Record-ID"))
	notFound := warc.Response("https://www.example.jp/old.html", date,
		&http.Response{StatusCode: 404, Proto: "HTTP/1.1", Header: http.Header{"Content-Type": {"text/html"}}}, []byte("<h1>見つかりません</h1>"))
	records := []*warc.Record{
		{Type: "warcinfo", Header: warc.Header{{"Content-Type", "application/warc-fields"}}, Body: []byte("software: incidex\r\nformat: WARC File Format 1.1\r\n")},
		reqRec,
		respRec,
		notFound,
		{Type: "resource", Header: warc.Header{{"WARC-Target-URI", "https://www.example.jp/notice.txt"}, {"Content-Type", "text/plain; charset=utf-8"}}, Body: []byte("個人情報漏えいのお知らせ\n")},
	}
	payloads := [][]byte{nil, nil, sjis, []byte("<h1>見つかりません</h1>"), []byte("個人情報漏えいのお知らせ\n")}

	for _, compress := range []bool{true, false} {
		name := "test.warc"
		if compress {
			name += ".gz"
		}
		t.Run(name, func(t *testing.T) {
			file, ids, offsets := writeAll(t, compress, records)
			path := filepath.Join(t.TempDir(), name)
			if err := os.WriteFile(path, file, 0o644); err != nil {
				t.Fatal(err)
			}
			ends := append(offsets[1:], int64(len(file)))

			// index: one line per record, with the offset and length warcio found.
			lines := runJSONLines(t, node, cli, "index", path, "-f", "offset,length,warc-type,warc-target-uri,warc-record-id,warc-concurrent-to")
			if len(lines) != len(records) {
				t.Fatalf("warcio index listed %d records, we wrote %d:\n%v", len(lines), len(records), lines)
			}
			for i, l := range lines {
				length := ends[i] - offsets[i]
				if !compress {
					length -= 4 // warcio leaves an uncompressed record's closing CRLFs out of its length
				}
				want := map[string]any{
					"offset": float64(offsets[i]), "length": float64(length),
					"warc-type": records[i].Type, "warc-record-id": ids[i],
				}
				if u := records[i].Header.Get("WARC-Target-URI"); u != "" {
					want["warc-target-uri"] = u
				}
				for k, v := range want {
					if l[k] != v {
						t.Errorf("record %d: warcio says %s = %v, want %v (%v)", i, k, l[k], v, l)
					}
				}
			}
			if lines[1]["warc-concurrent-to"] != ids[2] {
				t.Errorf("warcio: request's WARC-Concurrent-To = %v, want %s", lines[1]["warc-concurrent-to"], ids[2])
			}

			// cdx-index: the captures, with status, media type and digest.
			cdx := runJSONLines(t, node, cli, "cdx-index", path, "--format", "json")
			byOffset := map[float64]map[string]any{}
			for _, l := range cdx {
				byOffset[l["offset"].(float64)] = l
			}
			for i, status := range map[int]float64{2: 200, 3: 404} {
				l := byOffset[float64(offsets[i])]
				if l == nil || l["url"] != records[i].Header.Get("WARC-Target-URI") || l["status"] != status ||
					l["mime"] != "text/html" || "sha1:"+fmt.Sprint(l["digest"]) != warc.Digest(payloads[i]) {
					t.Errorf("record %d: warcio cdx-index line %v", i, l)
				}
			}

			// warcio's parser finds the same payload bytes (Shift_JIS intact).
			lib := filepath.Join(filepath.Dir(cli), "index.js")
			if _, err := os.Stat(lib); err != nil {
				t.Logf("no %s: payloads not compared", lib)
				return
			}
			script := filepath.Join(t.TempDir(), "payloads.mjs")
			if err := os.WriteFile(script, []byte(payloadScript), 0o644); err != nil {
				t.Fatal(err)
			}
			libURL := (&url.URL{Scheme: "file", Path: filepath.ToSlash(mustAbs(t, lib))}).String()
			got := runJSONLines(t, node, script, libURL, path)
			if len(got) != len(records) {
				t.Fatalf("warcio parser read %d records, want %d", len(got), len(records))
			}
			for i, p := range payloads {
				if p == nil {
					continue
				}
				sum := sha1.Sum(p)
				if got[i]["sha1"] != hex.EncodeToString(sum[:]) || got[i]["len"] != float64(len(p)) {
					t.Errorf("record %d: warcio payload %v, want %d bytes with sha1 %x", i, got[i], len(p), sum)
				}
			}
		})
	}
}

// payloadScript prints, for each record warcio.js parses, its type and
// the sha1 and length of its payload (the HTTP body for HTTP records).
const payloadScript = `
const [lib, file] = process.argv.slice(2);
const { WARCParser } = await import(lib);
const fs = await import('node:fs');
const crypto = await import('node:crypto');
for await (const rec of WARCParser.iterRecords(fs.createReadStream(file))) {
  const payload = await rec.readFully(false);
  console.log(JSON.stringify({type: rec.warcType, sha1: crypto.createHash('sha1').update(payload).digest('hex'), len: payload.length}));
}
`

func runJSONLines(t *testing.T, node string, args ...string) []map[string]any {
	t.Helper()
	cmd := exec.Command(node, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	var lines []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if l == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("node %s: line %s: %v", args[0], strconv.Quote(l), err)
		}
		lines = append(lines, m)
	}
	return lines
}

func mustAbs(t *testing.T, p string) string {
	t.Helper()
	abs, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// TestReadWarcioFiles reads WARC files warcio.js wrote (sha256 hex
// digests, its own field order), compressed and not.
func TestReadWarcioFiles(t *testing.T) {
	cli := os.Getenv("INCIDEX_WARCIO")
	if cli == "" {
		t.Skip("INCIDEX_WARCIO is not set: skipping the check with warcio.js (npm install --prefix DIR warcio@2.4.11; INCIDEX_WARCIO=DIR/node_modules/warcio/dist/cli.js)")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("INCIDEX_WARCIO is set but node is not on PATH: %v", err)
	}
	lib := filepath.Join(filepath.Dir(cli), "index.js")
	libURL := (&url.URL{Scheme: "file", Path: filepath.ToSlash(mustAbs(t, lib))}).String()
	dir := t.TempDir()
	script := filepath.Join(dir, "write.mjs")
	if err := os.WriteFile(script, []byte(writeScript), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, mode := range []string{"gzip", "plain"} {
		t.Run(mode, func(t *testing.T) {
			path := filepath.Join(dir, "warcio-"+mode+".warc")
			if out, err := exec.Command(node, script, libURL, path, mode).CombinedOutput(); err != nil {
				t.Fatalf("writing with warcio.js: %v\n%s", err, out)
			}
			file, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			recs, _ := readAll(t, file)
			if len(recs) != 2 || recs[0].Type != "warcinfo" || recs[1].Type != "response" {
				t.Fatalf("read %d records: %v", len(recs), recs)
			}
			// warcio digests response blocks only, with sha256 in hex.
			if d := recs[1].Header.Get("WARC-Block-Digest"); !strings.HasPrefix(d, "sha256:") {
				t.Errorf("response digest %q, want warcio's sha256", d)
			}
			for _, r := range recs {
				if err := r.CheckDigest(); err != nil {
					t.Errorf("%s record: %v", r.Type, err)
				}
			}
			resp, payload, err := recs[1].HTTPResponse()
			if err != nil || resp.StatusCode != 200 || string(payload) != "第1報：不正アクセスのお知らせ\n" ||
				recs[1].Header.Get("WARC-Target-URI") != "https://www.example.jp/news/a.html" {
				t.Errorf("response: %v %q %v, header %v", resp, payload, err, recs[1].Header)
			}
		})
	}
}

// writeScript writes a warcinfo and a response record with warcio.js.
const writeScript = `
const [lib, out, mode] = process.argv.slice(2);
const { WARCRecord, WARCSerializer } = await import(lib);
const fs = await import('node:fs');
const gzip = mode === 'gzip';
const info = await WARCRecord.createWARCInfo({filename: 'x.warc', warcVersion: 'WARC/1.1'}, {software: 'warcio.js'});
async function* content() { yield Buffer.from('第1報：不正アクセスのお知らせ\n', 'utf8'); }
const resp = WARCRecord.create({url: 'https://www.example.jp/news/a.html', date: '2024-05-20T10:00:00Z', type: 'response',
  warcVersion: 'WARC/1.1', httpHeaders: {'Content-Type': 'text/plain; charset=utf-8'}, statusline: 'HTTP/1.1 200 OK'}, content());
const parts = [await WARCSerializer.serialize(info, {gzip}), await WARCSerializer.serialize(resp, {gzip})];
fs.writeFileSync(out, Buffer.concat(parts.map(p => Buffer.from(p))));
`
