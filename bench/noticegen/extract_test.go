package noticegen_test

import (
	"context"
	"flag"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/incidex/incidex/bench/noticegen"
	"github.com/incidex/incidex/corpus"
	"github.com/incidex/incidex/parse"
	"golang.org/x/text/width"
)

var (
	examples = flag.Int("examples", 3, "disagreements to log per field in TestExtractorAgreement")
	agreeN   = flag.Int("agree.n", 300, "notices to extract in TestExtractorAgreement")
)

// extracted is the extractor's reading of one generated notice.
type extracted struct {
	n   noticegen.Notice
	in  corpus.Incident
	err error
}

// fieldChecks compare one field of the extractor's reading with the truth,
// returning the two values as text.
var fieldChecks = []struct {
	name  string
	floor float64 // least agreement the test accepts
	check func(t noticegen.Truth, in corpus.Incident) (got, want string)
}{
	{"organization", 0.5, func(t noticegen.Truth, in corpus.Incident) (string, string) {
		return in.Organization, width.Fold.String(t.Organization)
	}},
	{"title", 0.5, func(t noticegen.Truth, in corpus.Incident) (string, string) {
		return in.Title, width.Fold.String(t.Title)
	}},
	{"published", 0.6, func(t noticegen.Truth, in corpus.Incident) (string, string) {
		return in.Published.String(), t.Published
	}},
	{"discovered", 0.4, func(t noticegen.Truth, in corpus.Incident) (string, string) {
		return in.Discovered.String(), t.Discovered
	}},
	{"cause", 0.7, func(t noticegen.Truth, in corpus.Incident) (string, string) {
		got := "unknown"
		if len(in.Causes) > 0 {
			got = in.Causes[0]
		}
		return got, t.Cause
	}},
	{"affected", 0.4, func(t noticegen.Truth, in corpus.Incident) (string, string) {
		got := "null"
		if in.Affected != nil {
			got = fmt.Sprint(*in.Affected)
		}
		want := fmt.Sprint(t.Affected)
		if t.Affected < 0 {
			want = "null"
		}
		return got, want
	}},
	{"via_third_party", 0.6, func(t noticegen.Truth, in corpus.Incident) (string, string) {
		return fmt.Sprint(in.ViaThirdParty), fmt.Sprint(t.ViaThirdParty)
	}},
	{"ppc_reported", 0.7, func(t noticegen.Truth, in corpus.Incident) (string, string) {
		return fmt.Sprint(in.PPCReported), fmt.Sprint(t.PPCReported)
	}},
	{"police_reported", 0.7, func(t noticegen.Truth, in corpus.Incident) (string, string) {
		return fmt.Sprint(in.PoliceReported), fmt.Sprint(t.PoliceReported)
	}},
	{"sequence", 0.8, func(t noticegen.Truth, in corpus.Incident) (string, string) {
		got := 0
		if in.Sequence != nil {
			got = *in.Sequence
		}
		return fmt.Sprint(got), fmt.Sprint(t.Sequence)
	}},
	{"data_types", 0.2, func(t noticegen.Truth, in corpus.Incident) (string, string) {
		got := slices.Clone(in.DataTypes)
		sort.Strings(got)
		return strings.Join(got, ","), strings.Join(t.DataTypes, ",")
	}},
}

// TestExtractorAgreement runs the real extractor on generated notices and
// reports how often each field agrees with the planted value. The floors
// are loose: the table in the log is the point, not the assertion.
func TestExtractorAgreement(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the kagome dictionary")
	}
	a, err := parse.New()
	if err != nil {
		t.Fatal(err)
	}
	count := *agreeN
	g := noticegen.New(1)
	out := make([]extracted, count)
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				n := g.Notice(i)
				ins, err := a.Extract(context.Background(), parse.Page{Source: fmt.Sprintf("%06d", i+1), Body: []byte(n.Text), HTML: n.HTML})
				out[i] = extracted{n: n, err: err}
				if err == nil {
					out[i].in = ins[0]
					if len(ins) > 1 {
						out[i].err = fmt.Errorf("split into %d notices", len(ins))
					}
				}
			}
		})
	}
	for i := range count {
		next <- i
	}
	close(next)
	wg.Wait()

	var table strings.Builder
	fmt.Fprintf(&table, "\n%-16s %8s\n", "field", "agree")
	for _, f := range fieldChecks {
		agree, shown := 0, 0
		for i, x := range out {
			got, want := f.check(x.n.Truth, x.in)
			if got == want {
				agree++
				continue
			}
			if shown < *examples {
				shown++
				t.Logf("%s: notice %d (html=%v): got %q, want %q%s", f.name, i, x.n.HTML, got, want, evidence(x.in, x.n.Truth, f.name))
			}
		}
		share := float64(agree) / float64(count)
		fmt.Fprintf(&table, "%-16s %7.1f%%\n", f.name, 100*share)
		if share < f.floor {
			t.Errorf("%s agreement %.2f below floor %.2f", f.name, share, f.floor)
		}
	}
	failed := 0
	for _, x := range out {
		if x.err != nil {
			failed++
		}
	}
	fmt.Fprintf(&table, "%-16s %8d\n", "errors/splits", failed)
	t.Log(table.String())
	t.Log(dataTypeScores(out))
	t.Log(causeConfusions(out))
}

// evidence quotes where the extractor read field, if it says; for data
// types, where it read the ids the truth lacks.
func evidence(in corpus.Incident, t noticegen.Truth, field string) string {
	if field == "cause" {
		field = "causes"
	}
	var b strings.Builder
	for _, e := range in.Evidence {
		if e.Field != field || field == "data_types" && slices.Contains(t.DataTypes, e.Value) {
			continue
		}
		fmt.Fprintf(&b, " [read %q from %q]", e.Value, e.Quote)
		if field != "data_types" {
			break
		}
	}
	return b.String()
}

// dataTypeScores reports micro precision and recall of data type ids, and
// the ids most often missed or added.
func dataTypeScores(out []extracted) string {
	tp, fp, fn := 0, 0, 0
	missed, added := map[string]int{}, map[string]int{}
	for _, x := range out {
		for _, id := range x.in.DataTypes {
			if slices.Contains(x.n.Truth.DataTypes, id) {
				tp++
			} else {
				fp++
				added[id]++
			}
		}
		for _, id := range x.n.Truth.DataTypes {
			if !slices.Contains(x.in.DataTypes, id) {
				fn++
				missed[id]++
			}
		}
	}
	return fmt.Sprintf("data types: precision %.2f recall %.2f; missed %v; added %v",
		float64(tp)/float64(max(1, tp+fp)), float64(tp)/float64(max(1, tp+fn)), top(missed), top(added))
}

// causeConfusions counts primary-cause disagreements by want → got.
func causeConfusions(out []extracted) string {
	c := map[string]int{}
	for _, x := range out {
		got := "unknown"
		if len(x.in.Causes) > 0 {
			got = x.in.Causes[0]
		}
		if got != x.n.Truth.Cause {
			c[x.n.Truth.Cause+"→"+got]++
		}
	}
	return "cause confusions (want→got): " + top(c)
}

// top lists the largest counts of m, largest first.
func top(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	var b strings.Builder
	for k, key := range keys {
		if k == 8 {
			break
		}
		fmt.Fprintf(&b, "%s %d; ", key, m[key])
	}
	return b.String()
}
