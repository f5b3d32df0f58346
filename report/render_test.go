package report

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/incidex/incidex/corpus"
)

func TestMdEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"個人情報の漏えい", "個人情報の漏えい"},
		{"<script>alert(1)</script>", `\<script\>alert\(1\)\</script\>`},
		{"[x](javascript:alert(1))", `\[x\]\(javascript:alert\(1\)\)`},
		{"![i](https://e.example/x.png)", `\!\[i\]\(https://e.example/x.png\)`},
		{"a | b", `a \| b`},
		{"*強調* _下線_ `code` ~~消~~", "\\*強調\\* \\_下線\\_ \\`code\\` \\~\\~消\\~\\~"},
		{"&amp; \\", `\&amp; \\`},
		{"一行目\n二行目\r\n三", "一行目 二行目  三"},
		{"- 箇条書き", `\- 箇条書き`},
		{"  + 箇条書き", `\+ 箇条書き`},
		{"12. 番号", `12\. 番号`},
		{"2024-06-03", "2024-06-03"},
		{"#2023-446", `\#2023-446`},
	}
	for _, tt := range tests {
		if got := mdEscape(tt.in); got != tt.want {
			t.Errorf("mdEscape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if mdCell("  ") != "—" {
		t.Error("an empty cell is not marked")
	}
}

func TestAffectedText(t *testing.T) {
	tests := []struct {
		n          *int64
		qual, unit string
		want       string
	}{
		{nil, "", "", "不明"},
		{ptr(int64(7024)), "", "名", "7,024名"},
		{ptr(int64(1200000)), "約", "件", "約1,200,000件"},
		{ptr(int64(1000)), "以上", "人", "1,000人以上"},
		{ptr(int64(5)), "", "", "5"},
	}
	for _, tt := range tests {
		in := &corpus.Incident{Affected: tt.n, AffectedQualifier: tt.qual, AffectedUnit: tt.unit}
		if got := affectedText(in); got != tt.want {
			t.Errorf("affectedText(%v %q %q) = %q, want %q", tt.n, tt.qual, tt.unit, got, tt.want)
		}
	}
	if groupDigits(-1234) != "-1,234" || groupDigits(0) != "0" || groupDigits(999) != "999" {
		t.Error("groupDigits")
	}
}

func TestTriggerTexts(t *testing.T) {
	got := triggerTexts([]string{"data_type:card_number", "data_type:card_security_code", "cause:payment_tampering", "affected_over"})
	want := []string{
		"要配慮個人情報・財産的被害のおそれのある情報（クレジットカード番号、セキュリティコード）",
		"不正の目的によるおそれ（決済画面・ペイメントアプリケーションの改ざん）",
		"1,000人を超える規模",
	}
	if !slices.Equal(got, want) {
		t.Errorf("triggerTexts = %q, want %q", got, want)
	}
	if got := triggerTexts(nil); got == nil || len(got) != 0 {
		t.Errorf("no triggers = %#v, want an empty list", got)
	}
}

// Labels of events close in time take separate lanes, so none overlaps
// another; everything stays inside the chart.
func TestTimelineLayout(t *testing.T) {
	var events []Event
	for i := range maxLanes {
		events = append(events, Event{Date: corpus.Date{Year: 2024, Month: 3, Day: 1 + i}, Kind: "contained", Label: "個人情報保護委員会へ報告"})
	}
	events = append(events, Event{Date: corpus.Date{Year: 2025, Month: 1}, Kind: "published", Label: "公表"})
	exposure := &corpus.Period{From: corpus.Date{Year: 2023, Month: 6, Day: 1}, To: corpus.Date{Year: 2024, Month: 2, Day: 29}}
	tl, ok := newTimeline(events, exposure)
	if !ok || len(tl.Marks) != len(events) || tl.Band == nil || len(tl.Ticks) < 3 {
		t.Fatalf("timeline %+v", tl)
	}
	type span struct{ y, x0, x1 float64 }
	var placed []span
	for i, m := range tl.Marks {
		w := textWidth(m.Label, fontSize)
		s := span{m.LabelY, m.LabelX - w/2, m.LabelX + w/2}
		if s.x0 < 0 || s.x1 > tl.Width || m.X < tl.AxisX0 || m.X > tl.AxisX1 || m.LabelY < 0 || m.LabelY > tl.AxisY {
			t.Errorf("mark %d %+v outside the chart", i, m)
		}
		for _, p := range placed {
			if p.y == s.y && s.x0 < p.x1 && p.x0 < s.x1 {
				t.Errorf("mark %d's label overlaps another in its lane", i)
			}
		}
		placed = append(placed, s)
	}
	for i := 1; i < len(tl.Ticks); i++ {
		if tl.Ticks[i].X-tl.Ticks[i-1].X < 60 {
			t.Errorf("ticks %q and %q too close", tl.Ticks[i-1].Label, tl.Ticks[i].Label)
		}
	}
	if _, ok := newTimeline(nil, nil); ok {
		t.Error("a timeline of nothing")
	}
	one, ok := newTimeline(events[:1], nil)
	if !ok || one.Marks[0].X <= one.AxisX0 || one.Marks[0].X >= one.AxisX1 {
		t.Errorf("a single event is not inside the axis: %+v", one)
	}
}

func TestTruncate(t *testing.T) {
	if got := truncate("決済画面・ペイメントアプリケーションの改ざん", 120); got != "決済画面・ペイメン…" {
		t.Errorf("truncate = %q", got)
	}
	if got := truncate("2024", 40); got != "2024" {
		t.Errorf("truncate = %q", got)
	}
}

// The JSON form keeps the shape Doc's comment documents: a renamed or
// dropped key fails here (an added one needs the comment and this list).
func TestJSONShape(t *testing.T) {
	cl := mustChecklist(t)
	cases := setCases()
	keys := func(v any) []string {
		m, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("%T is not an object", v)
		}
		return slices.Sorted(maps.Keys(m))
	}
	decode := func(d *Doc) map[string]any {
		d.Generated = time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
		var b bytes.Buffer
		if err := d.JSON(&b); err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(b.Bytes(), &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	brief := []string{"affected", "affected_text", "cause", "date", "disclosure_days", "id", "organization", "title"}
	item := []string{"countermeasures", "id", "question", "reasons", "section", "title"}
	one := decode(Incident(cases[2], cases[:1], cl))
	in := one["incident"].(map[string]any)
	set := decode(buildSet(t, cases))["set"].(map[string]any)
	for _, tt := range []struct {
		name string
		v    any
		want []string
	}{
		{"incident doc", one, []string{"generated", "incident", "kind", "title"}},
		{"incident", in, []string{"affected", "affected_text", "causes", "data_types", "disclosure_days", "discovered", "facts", "id", "items",
			"leak_status", "measures", "organization", "police_reported", "ppc_reported", "ppc_required", "published", "reports", "secondary_damage",
			"similar", "timeline", "title", "via_third_party"}},
		{"fact", in["facts"].([]any)[0], []string{"evidence", "field", "label", "value"}},
		{"event", in["timeline"].([]any)[0], []string{"date", "kind", "label", "text"}},
		{"report", in["reports"].([]any)[0], []string{"affected", "position", "published", "sequence", "source", "title"}},
		{"item", in["items"].([]any)[0], item},
		{"similar", in["similar"].([]any)[0], []string{"affected", "affected_text", "causes", "data_types", "date", "disclosure_days", "id", "items",
			"measures", "organization", "response", "shared", "title", "what_happened"}},
		{"set", set, []string{"affected", "affected_median", "affected_stated", "affected_total", "by_cause", "by_data_type", "by_year", "cases",
			"disclosure_delay", "incidents", "items", "notable", "police_reported", "ppc_reported", "via_third_party"}},
		{"count", set["by_cause"].([]any)[0], []string{"affected", "incidents", "key", "label"}},
		{"delay", set["disclosure_delay"], []string{"buckets", "known", "median_days"}},
		{"coverage", set["items"].([]any)[0], slices.Sorted(slices.Values(append(slices.Clone(item), "examples", "incidents", "share")))},
		{"brief", set["cases"].([]any)[0], brief},
		{"notable", set["notable"].([]any)[0], slices.Sorted(slices.Values(append(slices.Clone(brief), "why")))},
	} {
		if got := keys(tt.v); !slices.Equal(got, tt.want) {
			t.Errorf("%s keys %q, want %q", tt.name, got, tt.want)
		}
	}
	if one["generated"] != "2025-01-02T03:04:05Z" {
		t.Errorf("generated %v", one["generated"])
	}
}
