package parse

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/incidex/incidex/corpus"
)

// analyzer is the one Analyzer of the test binary: loading the dictionary
// takes about a second, so every test, benchmark, example and fuzz target
// shares it (an Analyzer is safe for concurrent use).
var analyzer = sync.OnceValues(New)

// testAnalyzer returns the shared Analyzer or stops the test.
func testAnalyzer(tb testing.TB) *Analyzer {
	tb.Helper()
	a, err := analyzer()
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	return a
}

// extract runs Extract on a page, fails the test on an error, and checks the
// invariants every incident must keep.
func extract(t *testing.T, p Page) []corpus.Incident {
	t.Helper()
	ins, err := testAnalyzer(t).Extract(t.Context(), p)
	if err != nil {
		t.Fatalf("Extract(%s): %v", p.Source, err)
	}
	for i := range ins {
		checkInvariants(t, &ins[i])
	}
	return ins
}

// extractOne extracts a plain-text page that holds exactly one notice.
func extractOne(t *testing.T, text string) *corpus.Incident {
	t.Helper()
	ins := extract(t, Page{Source: t.Name(), Body: []byte(text)})
	if len(ins) != 1 {
		t.Fatalf("Extract returned %d incidents, want 1", len(ins))
	}
	return &ins[0]
}

// checkInvariants reports what must hold of any incident, whatever the page:
// evidence spans inside Text and on rune boundaries (or -1/-1 for a value read
// from an aggregator heading), a non-negative count, at least one cause, and
// only ids the taxonomies know, each once.
func checkInvariants(tb testing.TB, in *corpus.Incident) {
	tb.Helper()
	for _, e := range in.Evidence {
		if e.Start == -1 && e.End == -1 {
			continue
		}
		if e.Start < 0 || e.Start > e.End || e.End > len(in.Text) {
			tb.Errorf("evidence %s=%q: span [%d,%d] outside text of %d bytes", e.Field, e.Value, e.Start, e.End, len(in.Text))
			continue
		}
		if !runeBoundary(in.Text, e.Start) || !runeBoundary(in.Text, e.End) {
			tb.Errorf("evidence %s=%q: span [%d,%d] splits a rune", e.Field, e.Value, e.Start, e.End)
			continue
		}
		// The quote is the span's text with its blank runs collapsed, cut short.
		if span := strings.Join(strings.Fields(in.Text[e.Start:e.End]), " "); utf8.ValidString(span) &&
			!strings.HasPrefix(span, strings.TrimSuffix(e.Quote, "…")) {
			tb.Errorf("evidence %s=%q: quote %q is not the text of its span %q", e.Field, e.Value, e.Quote, span)
		}
	}
	if in.Affected != nil && *in.Affected < 0 {
		tb.Errorf("affected = %d, want nil or >= 0", *in.Affected)
	}
	if in.Sequence != nil && *in.Sequence <= 0 {
		tb.Errorf("sequence = %d, want nil or > 0", *in.Sequence)
	}
	tax := corpus.Taxonomies()
	if len(in.Causes) == 0 {
		tb.Errorf("causes is empty, want at least %q", corpus.CauseUnknown)
	}
	for i, id := range in.Causes {
		if _, ok := tax.Cause(id); !ok {
			tb.Errorf("cause %q is not in the taxonomy", id)
		}
		if slices.Index(in.Causes, id) != i {
			tb.Errorf("cause %q listed twice in %q", id, in.Causes)
		}
	}
	for i, id := range in.DataTypes {
		if _, ok := tax.DataType(id); !ok {
			tb.Errorf("data type %q is not in the taxonomy", id)
		}
		if slices.Index(in.DataTypes, id) != i {
			tb.Errorf("data type %q listed twice in %q", id, in.DataTypes)
		}
	}
}

// runeBoundary reports whether off starts a rune of s, as ranging over s
// decodes it (an invalid byte is a rune of its own), or is len(s).
func runeBoundary(s string, off int) bool {
	if off == len(s) {
		return true
	}
	for i := range s {
		if i == off {
			return true
		}
		if i > off {
			return false
		}
	}
	return false
}

// A check asserts one contract field of an extracted incident.
type check func(t *testing.T, in *corpus.Incident)

func wantOrg(want string) check {
	return func(t *testing.T, in *corpus.Incident) {
		t.Helper()
		if in.Organization != want {
			t.Errorf("organization = %q, want %q", in.Organization, want)
		}
	}
}

func wantTitle(want string) check {
	return func(t *testing.T, in *corpus.Incident) {
		t.Helper()
		if in.Title != want {
			t.Errorf("title = %q, want %q", in.Title, want)
		}
	}
}

// wantPublished and wantDiscovered take a date as the contract writes it, YYYY-MM-DD.
func wantPublished(want string) check {
	return func(t *testing.T, in *corpus.Incident) {
		t.Helper()
		if got := in.Published.String(); got != want {
			t.Errorf("published = %q, want %q", got, want)
		}
	}
}

func wantDiscovered(want string) check {
	return func(t *testing.T, in *corpus.Incident) {
		t.Helper()
		if got := in.Discovered.String(); got != want {
			t.Errorf("discovered = %q, want %q", got, want)
		}
	}
}

// wantCause checks the primary cause, causes[0].
func wantCause(want string) check {
	return func(t *testing.T, in *corpus.Incident) {
		t.Helper()
		if len(in.Causes) == 0 || in.Causes[0] != want {
			t.Errorf("causes = %q, want %q first", in.Causes, want)
		}
	}
}

func wantThirdParty(want bool) check {
	return func(t *testing.T, in *corpus.Incident) {
		t.Helper()
		if in.ViaThirdParty != want {
			t.Errorf("via_third_party = %v, want %v", in.ViaThirdParty, want)
		}
	}
}

func wantAffected(want int64) check {
	return func(t *testing.T, in *corpus.Incident) {
		t.Helper()
		if in.Affected == nil || *in.Affected != want {
			t.Errorf("affected = %s, want %d", fmtInt(in.Affected), want)
		}
	}
}

func wantNoAffected() check {
	return func(t *testing.T, in *corpus.Incident) {
		t.Helper()
		if in.Affected != nil {
			t.Errorf("affected = %d, want null", *in.Affected)
		}
	}
}

// wantDataTypes checks the set of data types, in any order.
func wantDataTypes(want ...string) check {
	return func(t *testing.T, in *corpus.Incident) {
		t.Helper()
		got := slices.Sorted(slices.Values(in.DataTypes))
		if w := slices.Sorted(slices.Values(want)); !slices.Equal(got, w) {
			t.Errorf("data_types = %q, want %q", got, w)
		}
	}
}

// wantHasDataTypes checks that the data types include want, for a notice
// whose other items a careful reader could file either way.
func wantHasDataTypes(want ...string) check {
	return func(t *testing.T, in *corpus.Incident) {
		t.Helper()
		for _, id := range want {
			if !slices.Contains(in.DataTypes, id) {
				t.Errorf("data_types = %q, want it to include %q", in.DataTypes, id)
			}
		}
	}
}

// wantLacksDataTypes checks data the notice says did not leak.
func wantLacksDataTypes(ids ...string) check {
	return func(t *testing.T, in *corpus.Incident) {
		t.Helper()
		for _, id := range ids {
			if slices.Contains(in.DataTypes, id) {
				t.Errorf("data_types = %q, want no %q (the notice denies it)", in.DataTypes, id)
			}
		}
	}
}

func wantPPC(want bool) check {
	return func(t *testing.T, in *corpus.Incident) {
		t.Helper()
		if in.PPCReported != want {
			t.Errorf("ppc_reported = %v, want %v", in.PPCReported, want)
		}
	}
}

func wantPolice(want bool) check {
	return func(t *testing.T, in *corpus.Incident) {
		t.Helper()
		if in.PoliceReported != want {
			t.Errorf("police_reported = %v, want %v", in.PoliceReported, want)
		}
	}
}

func wantSequence(want int) check {
	return func(t *testing.T, in *corpus.Incident) {
		t.Helper()
		if in.Sequence == nil || *in.Sequence != want {
			t.Errorf("sequence = %s, want %d", fmtInt(in.Sequence), want)
		}
	}
}

func wantNoSequence() check {
	return func(t *testing.T, in *corpus.Incident) {
		t.Helper()
		if in.Sequence != nil {
			t.Errorf("sequence = %d, want null", *in.Sequence)
		}
	}
}

// wantCited checks that the evidence for field quotes a span of the text
// holding sub: where the value was read, not only what it is.
func wantCited(field, sub string) check {
	return func(t *testing.T, in *corpus.Incident) {
		t.Helper()
		for _, e := range in.Evidence {
			if e.Field == field && e.Start >= 0 && strings.Contains(in.Text[e.Start:e.End], sub) {
				return
			}
		}
		t.Errorf("no %s evidence quotes %q; evidence: %+v", field, sub, in.Evidence)
	}
}

func fmtInt[T int | int64](p *T) string {
	if p == nil {
		return "null"
	}
	return strconv.FormatInt(int64(*p), 10)
}
