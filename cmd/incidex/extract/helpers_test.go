package extract

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/encoding"

	"github.com/incidex/incidex/cmd/incidex/cli"
	"github.com/incidex/incidex/corpus"
)

// contractKeys are the JSON fields every incident carries (DESIGN.md).
var contractKeys = []string{
	"source", "organization", "title", "published", "discovered", "causes",
	"via_third_party", "affected", "data_types", "ppc_reported",
	"police_reported", "sequence",
}

// noticeText is a fictional breach notice: a title line, a dateline
// (2024年3月1日), the organization, and a paragraph saying what happened,
// that up to 12,345 records (name, address, phone, e-mail) may have leaked,
// that it was found on 2024年2月15日, and that the PPC and the police were told.
func noticeText(title, org, what string) string {
	return title + "\n\n2024年3月1日\n" + org + "\n\n" +
		"このたび、" + what + "、お客様の個人情報（氏名、住所、電話番号、メールアドレス）" +
		"最大12,345件が漏えいした可能性があることが、2024年2月15日に判明いたしました。\n" +
		"本件については、個人情報保護委員会へ報告するとともに、警察にも相談しております。\n" +
		"お客様には多大なるご迷惑とご心配をおかけしますことを、深くお詫び申し上げます。\n"
}

// htmlPage wraps a notice in an HTML page with extra <head> markup.
func htmlPage(head, text string) string {
	return "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n" + head +
		"<title>お知らせ</title>\n</head>\n<body>\n<div class=\"news\">\n<p>" +
		strings.ReplaceAll(text, "\n", "<br>\n") + "</p>\n</div>\n</body>\n</html>\n"
}

// encode converts UTF-8 test text to enc.
func encode(t *testing.T, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encoding fixture: %v", err)
	}
	return b
}

// writeFile writes b to dir/name, creating parent directories, and returns
// the path.
func writeFile(t *testing.T, dir, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// result is what one in-process run of the command gave.
type result struct {
	code           int
	stdout, stderr string
}

// runOpts sets what the command reads besides its arguments.
type runOpts struct {
	stdin  io.Reader
	tty    bool
	stdout io.Writer // nil: a buffer returned in result.stdout
}

// run runs "incidex extract args..." in process.
func run(t *testing.T, o runOpts, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	data := t.TempDir()
	env := cli.Env{
		Stdin:       o.stdin,
		Stdout:      &stdout,
		Stderr:      &stderr,
		Getenv:      func(k string) string { return map[string]string{"INCIDEX_DATA": data}[k] },
		StdoutIsTTY: o.tty,
	}
	if env.Stdin == nil {
		env.Stdin = strings.NewReader("")
	}
	if o.stdout != nil {
		env.Stdout = o.stdout
	}
	code := Run(context.Background(), env, args)
	return result{code, stdout.String(), stderr.String()}
}

// record is one incident as a reader of the JSON output sees it; numbers
// stay json.Number so that integers can be told from floats.
type record map[string]any

func (r record) str(k string) string { s, _ := r[k].(string); return s }

// parseJSONL reads JSON-lines output: every line one object.
func parseJSONL(t *testing.T, out string) []record {
	t.Helper()
	var recs []record
	for i, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if out == "" {
			break
		}
		dec := json.NewDecoder(strings.NewReader(line))
		dec.UseNumber()
		var r record
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("line %d is not a JSON object: %v\n%s", i+1, err, line)
		}
		if dec.More() {
			t.Fatalf("line %d holds more than one JSON value:\n%s", i+1, line)
		}
		recs = append(recs, r)
	}
	return recs
}

// parseJSONArray reads --format json output: one array of objects.
func parseJSONArray(t *testing.T, out string) []record {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(out))
	dec.UseNumber()
	var recs []record
	if err := dec.Decode(&recs); err != nil {
		t.Fatalf("output is not one JSON array: %v\n%s", err, out)
	}
	if recs == nil {
		t.Fatalf("output is null, want an array:\n%s", out)
	}
	if _, err := dec.Token(); err != io.EOF {
		t.Fatalf("more after the array (%v):\n%s", err, out)
	}
	return recs
}

func sources(recs []record) []string {
	var s []string
	for _, r := range recs {
		s = append(s, r.str("source"))
	}
	return s
}

var isoDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// checkContract checks that r has every contract field with its JSON type:
// null where the value is unknown.
func checkContract(t *testing.T, r record) {
	t.Helper()
	src := r.str("source")
	for _, k := range contractKeys {
		if _, ok := r[k]; !ok {
			t.Errorf("%s: no %q field", src, k)
		}
	}
	tax := corpus.Taxonomies()
	for _, k := range []string{"organization", "title"} {
		if s, ok := r[k].(string); r[k] != nil && (!ok || s == "") {
			t.Errorf("%s: %s = %#v, want a non-empty string or null", src, k, r[k])
		}
	}
	for _, k := range []string{"published", "discovered"} {
		if s, ok := r[k].(string); r[k] != nil && (!ok || !isoDate.MatchString(s)) {
			t.Errorf("%s: %s = %#v, want YYYY-MM-DD or null", src, k, r[k])
		}
	}
	for _, k := range []string{"via_third_party", "ppc_reported", "police_reported"} {
		if _, ok := r[k].(bool); !ok {
			t.Errorf("%s: %s = %#v, want a bool", src, k, r[k])
		}
	}
	for _, k := range []string{"affected", "sequence"} {
		if r[k] == nil {
			continue
		}
		if n, ok := r[k].(json.Number); !ok {
			t.Errorf("%s: %s = %#v, want an integer or null", src, k, r[k])
		} else if _, err := n.Int64(); err != nil {
			t.Errorf("%s: %s = %s, want an integer", src, k, n)
		}
	}
	causes, ok := r["causes"].([]any)
	if !ok || len(causes) == 0 {
		t.Errorf("%s: causes = %#v, want a non-empty list", src, r["causes"])
	}
	for _, c := range causes {
		id, _ := c.(string)
		if _, ok := tax.Cause(id); !ok {
			t.Errorf("%s: cause %#v is not a cause id", src, c)
		}
	}
	types, ok := r["data_types"].([]any)
	if !ok {
		t.Errorf("%s: data_types = %#v, want a list", src, r["data_types"])
	}
	for _, d := range types {
		id, _ := d.(string)
		if _, ok := tax.DataType(id); !ok {
			t.Errorf("%s: data type %#v is not a data type id", src, d)
		}
	}
}

// linesNaming returns the lines of s that contain name.
func linesNaming(s, name string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, name) {
			out = append(out, l)
		}
	}
	return out
}

// nonEmptyLines returns the lines of s that are not empty.
func nonEmptyLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}
