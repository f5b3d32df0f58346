package eval

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/incidex/incidex/corpus"
)

func ptr[T any](v T) *T { return &v }

func near(a, b float64) bool { return math.Abs(a-b) < 1e-3 }

func TestPRF(t *testing.T) {
	tests := []struct {
		name      string
		p         PRF
		pr, rc, f float64
	}{
		{"known example", PRF{TP: 3, FP: 1, FN: 2}, 0.75, 0.6, 0.667},
		{"perfect", PRF{TP: 4}, 1, 1, 1},
		{"nothing predicted nor expected", PRF{}, 1, 1, 1},
		{"all wrong", PRF{FP: 2, FN: 3}, 0, 0, 0},
		{"nothing predicted", PRF{FN: 2}, 1, 0, 0},
		{"nothing expected", PRF{FP: 2}, 0, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.Precision(); !near(got, tt.pr) {
				t.Errorf("Precision() = %.4f, want %.3f", got, tt.pr)
			}
			if got := tt.p.Recall(); !near(got, tt.rc) {
				t.Errorf("Recall() = %.4f, want %.3f", got, tt.rc)
			}
			if got := tt.p.F1(); !near(got, tt.f) {
				t.Errorf("F1() = %.4f, want %.3f", got, tt.f)
			}
		})
	}
}

func TestSameName(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"株式会社シナプス", "株式会社シナプス", true},
		{"株式会社シナプス", "シナプス", true},
		{"シナプス株式会社", "シナプス", true},
		{"(株)シナプス", "株式会社シナプス", true},
		{"（株）シナプス", "株式会社シナプス", true}, // full-width parentheses
		{"㈱シナプス", "シナプス", true},
		{"有限会社みほん堂", "(有)みほん堂", true},
		{"ＡＢＣ株式会社", "ABC株式会社", true},     // full-width letters
		{"ｻﾝﾌﾟﾙ商事", "サンプル商事", true},      // half-width katakana
		{"株式会社 サンプル　商事", "サンプル商事", true}, // ASCII and ideographic spaces
		{"サンプル商事", "サンプル商会", false},
		{"シナプス", "", false},
		{"", "", true},
		{"個人情報漏えいのお知らせ", "個人情報漏えいのお知らせ（第2報）", false},
	}
	for _, tt := range tests {
		t.Run(tt.a+"|"+tt.b, func(t *testing.T) {
			if got := SameName(tt.a, tt.b); got != tt.want {
				t.Errorf("SameName(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
			if got := SameName(tt.b, tt.a); got != tt.want {
				t.Errorf("SameName(%q, %q) = %v, want %v (not symmetric)", tt.b, tt.a, got, tt.want)
			}
		})
	}
}

func TestGoldFileNameAndPosition(t *testing.T) {
	tests := []struct {
		g    Gold
		file string
		pos  int
	}{
		{Gold{ID: "d001"}, "d001.txt", 1},
		{Gold{ID: "d001#1"}, "d001.txt", 1},
		{Gold{ID: "001_abc#8"}, "001_abc.txt", 8},
		{Gold{ID: "001_abc#8", File: "seed.txt"}, "seed.txt", 8},
		{Gold{ID: "x#0"}, "x.txt", 1},
		{Gold{ID: "x#-3"}, "x.txt", 1},
		{Gold{ID: "x#two"}, "x.txt", 1},
	}
	for _, tt := range tests {
		t.Run(tt.g.ID, func(t *testing.T) {
			if got := tt.g.FileName(); got != tt.file {
				t.Errorf("FileName() = %q, want %q", got, tt.file)
			}
			if got := tt.g.Position(); got != tt.pos {
				t.Errorf("Position() = %d, want %d", got, tt.pos)
			}
		})
	}
}

func TestReadGold(t *testing.T) {
	in := `{"id":"a#1","source_url":null,"title":"お詫び","organization":"株式会社サンプル","published":"2024-03-01","discovered":null,"causes":["loss"],"via_third_party":false,"affected":12,"affected_alternatives":[10],"data_types":["name"],"ppc_reported":true,"police_reported":false,"sequence":null,"notes":"n"}

{"id":"a#2","file":"other.txt","title":null,"organization":null,"published":"2024-02","causes":["unknown"],"affected":null,"sequence":2}
`
	gold, err := ReadGold(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(gold) != 2 {
		t.Fatalf("read %d labels, want 2 (blank lines skipped)", len(gold))
	}
	g := gold[0]
	if g.ID != "a#1" || *g.Organization != "株式会社サンプル" || *g.Title != "お詫び" ||
		g.Published != (corpus.Date{Year: 2024, Month: 3, Day: 1}) || !g.Discovered.IsZero() ||
		!slices.Equal(g.Causes, []string{"loss"}) || *g.Affected != 12 ||
		!slices.Equal(g.AffectedAlternatives, []int64{10}) || !g.PPCReported || g.Sequence != nil {
		t.Errorf("first label = %+v", g)
	}
	if g := gold[1]; g.Organization != nil || g.Title != nil || g.Affected != nil || *g.Sequence != 2 || g.FileName() != "other.txt" {
		t.Errorf("second label = %+v", g)
	}
}

func TestReadGoldErrors(t *testing.T) {
	good := `{"id":"ok"}`
	tests := []struct {
		name, in, want string
	}{
		{"bad json", good + "\n" + `{"id":"x",`, "gold line 2"},
		{"no id", good + "\n\n" + `{"organization":"x"}`, "gold line 3: no id"},
		{"bad date", `{"id":"x","published":"2024-13-40"}`, "gold line 1"},
		{"wrong type", good + "\n" + good + "\n" + `{"id":"x","affected":"many"}`, "gold line 3"},
		{"not an object", `["x"]`, "gold line 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gold, err := ReadGold(strings.NewReader(tt.in))
			if err == nil {
				t.Fatalf("ReadGold = %d labels, want an error", len(gold))
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
		})
	}
}

// label is a gold label for the hand-made tests below.
func label(id, org string, causes ...string) Gold {
	return Gold{
		ID: id, Organization: ptr(org), Title: ptr("お詫び"),
		Published: corpus.Date{Year: 2024, Month: 3, Day: 1},
		Causes:    causes, DataTypes: []string{"name", "email"},
	}
}

// incident is the incident that agrees with label(…) on every field.
func incident(org string, causes ...string) corpus.Incident {
	return corpus.Incident{
		Organization: org, Title: "お詫び",
		Published: corpus.Date{Year: 2024, Month: 3, Day: 1},
		Causes:    causes, DataTypes: []string{"name", "email"},
	}
}

func TestScoreAllCorrect(t *testing.T) {
	gold := []Gold{label("a", "株式会社サンプル", "loss"), label("b", "テスト電機", "misdelivery")}
	got := map[string][]corpus.Incident{
		"a.txt": {incident("サンプル", "loss")}, // legal form omitted
		"b.txt": {incident("テスト電機株式会社", "misdelivery")},
	}
	r := Score(gold, got)
	if r.N != 2 {
		t.Fatalf("N = %d, want 2", r.N)
	}
	for _, f := range Fields {
		if s := r.Score(f); s != 1 {
			t.Errorf("Score(%q) = %.3f, want 1", f, s)
		}
	}
	if len(r.Misses) != 0 {
		t.Errorf("misses = %+v, want none", r.Misses)
	}
	if r.Causes != (PRF{TP: 2}) || r.DataTypes != (PRF{TP: 4}) {
		t.Errorf("causes %+v, data types %+v", r.Causes, r.DataTypes)
	}
}

func TestScore(t *testing.T) {
	// Three labels in two files; the third points past the incidents found.
	g1 := label("s#1", "株式会社サンプル", "ransomware", "unauthorized_access")
	g1.Affected, g1.AffectedAlternatives = ptr(int64(28)), []int64{33}
	g1.Discovered = corpus.Date{Year: 2024, Month: 2, Day: 15}
	g1.PPCReported, g1.PoliceReported, g1.ViaThirdParty = true, true, true
	g1.Sequence = ptr(2)
	g1.DataTypes = []string{"name", "email", "phone"}

	g2 := label("s#2", "架空物産", "misdelivery")
	g2.Affected = ptr(int64(100))

	g3 := label("t#2", "テスト電機", "loss")

	in1 := incident("(株)サンプル", "ransomware", "malware")
	in1.Affected = ptr(int64(33)) // an accepted alternative
	in1.Discovered = corpus.Date{Year: 2024, Month: 2, Day: 15}
	in1.PPCReported, in1.PoliceReported, in1.ViaThirdParty = true, true, true
	in1.Sequence = ptr(2)
	in1.DataTypes = []string{"name", "email", "address"}

	in2 := incident("架空物産", "loss")
	in2.Title = "別のタイトル"
	in2.Affected = ptr(int64(99))
	in2.Published = corpus.Date{Year: 2024, Month: 3}
	in2.Sequence = ptr(1)

	got := map[string][]corpus.Incident{
		"s.txt": {in1, in2},
		"t.txt": {incident("テスト電機", "loss")}, // only one: t#2 is missing
	}
	r := Score([]Gold{g1, g2, g3}, got)

	if r.N != 3 {
		t.Fatalf("N = %d, want 3", r.N)
	}
	// t#2 has no incident: it misses every field, even those an empty
	// incident would match (dates, flags, sequence).
	wantCorrect := map[string]int{
		"organization": 2, "title": 1, "published": 1, "discovered": 2,
		"cause": 1, "affected": 1, "via_third_party": 2, "ppc_reported": 2,
		"police_reported": 2, "sequence": 1,
	}
	for f, want := range wantCorrect {
		if r.Correct[f] != want {
			t.Errorf("Correct[%q] = %d, want %d", f, r.Correct[f], want)
		}
		if got, w := r.Score(f), float64(want)/3; !near(got, w) {
			t.Errorf("Score(%q) = %.3f, want %.3f", f, got, w)
		}
	}
	// causes: s#1 tp ransomware, fp malware, fn unauthorized_access;
	// s#2 fp loss, fn misdelivery; t#2 fn loss.
	if want := (PRF{TP: 1, FP: 2, FN: 3}); r.Causes != want {
		t.Errorf("causes PRF = %+v, want %+v", r.Causes, want)
	}
	// data types: s#1 tp name,email fp address fn phone; s#2 tp 2; t#2 fn 2.
	if want := (PRF{TP: 4, FP: 1, FN: 3}); r.DataTypes != want {
		t.Errorf("data types PRF = %+v, want %+v", r.DataTypes, want)
	}
	if got, want := r.Score("data_types_f1"), 2*0.8*(4.0/7)/(0.8+4.0/7); !near(got, want) {
		t.Errorf(`Score("data_types_f1") = %.4f, want %.4f`, got, want)
	}

	type key struct{ id, field string }
	misses := map[key]Miss{}
	for _, m := range r.Misses {
		k := key{m.ID, m.Field}
		if _, dup := misses[k]; dup {
			t.Errorf("miss %v listed twice", k)
		}
		misses[k] = m
	}
	wantMisses := []Miss{
		{ID: "s#1", Field: "causes", Got: "ransomware,malware", Expected: "ransomware,unauthorized_access"},
		{ID: "s#2", Field: "title", Got: "別のタイトル", Expected: "お詫び"},
		{ID: "s#2", Field: "published", Got: "2024-03", Expected: "2024-03-01"},
		{ID: "s#2", Field: "cause", Got: "loss", Expected: "misdelivery"},
		{ID: "s#2", Field: "affected", Got: "99", Expected: "100"},
		{ID: "s#2", Field: "sequence", Got: "1", Expected: "null"},
		{ID: "t#2", Field: "organization", Got: "(no incident)", Expected: "テスト電機"},
		{ID: "t#2", Field: "title", Got: "(no incident)", Expected: "お詫び"},
		{ID: "t#2", Field: "cause", Got: "(no incident)", Expected: "loss"},
		{ID: "t#2", Field: "published", Got: "(no incident)", Expected: "2024-03-01"},
		{ID: "t#2", Field: "ppc_reported", Got: "(no incident)", Expected: "false"},
	}
	for _, want := range wantMisses {
		m, ok := misses[key{want.ID, want.Field}]
		if !ok {
			t.Errorf("no miss for %s %s", want.ID, want.Field)
			continue
		}
		if m != want {
			t.Errorf("miss = %+v, want %+v", m, want)
		}
	}
	for _, notMissed := range []key{{"s#1", "organization"}, {"s#1", "affected"}, {"s#1", "sequence"}, {"s#2", "organization"}} {
		if m, ok := misses[notMissed]; ok {
			t.Errorf("unexpected miss %+v", m)
		}
	}
	m := misses[key{"s#1", "data_types"}]
	if m.Got != "name,email,address" || !strings.HasPrefix(m.Expected, "name,email,phone") ||
		!strings.Contains(m.Expected, "+address") || !strings.Contains(m.Expected, "-phone") {
		t.Errorf("data types miss = %+v, want got/expected and the +extra -missing difference", m)
	}
}

func TestScoreAffected(t *testing.T) {
	tests := []struct {
		name      string
		got, want *int64
		alts      []int64
		ok        bool
	}{
		{"equal", ptr(int64(28)), ptr(int64(28)), nil, true},
		{"alternative", ptr(int64(33)), ptr(int64(28)), []int64{33, 40}, true},
		{"second alternative", ptr(int64(40)), ptr(int64(28)), []int64{33, 40}, true},
		{"neither", ptr(int64(29)), ptr(int64(28)), []int64{33}, false},
		{"both unknown", nil, nil, nil, true},
		{"missed a count", nil, ptr(int64(28)), []int64{33}, false},
		{"invented a count", ptr(int64(28)), nil, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := Gold{ID: "x", Affected: tt.want, AffectedAlternatives: tt.alts}
			r := Score([]Gold{g}, map[string][]corpus.Incident{"x.txt": {{Affected: tt.got}}})
			if ok := r.Correct["affected"] == 1; ok != tt.ok {
				t.Errorf("affected counted correct = %v, want %v (misses %+v)", ok, tt.ok, r.Misses)
			}
		})
	}
}

func TestScoreEmpty(t *testing.T) {
	r := Score(nil, nil)
	if r.N != 0 || len(r.Misses) != 0 {
		t.Fatalf("Score(nil) = %+v", r)
	}
	if s := r.Score("organization"); s != 0 {
		t.Errorf(`Score("organization") with no labels = %v, want 0`, s)
	}
}
