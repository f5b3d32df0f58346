package report

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/incidex/incidex/corpus"
)

// setCases: five incidents over three primary causes and three years (one
// undated), with known delays of 0, 46, 101 and 310 days.
func setCases() []*corpus.Case {
	d := func(y, m, day int) corpus.Date { return corpus.Date{Year: y, Month: m, Day: day} }
	a := newCase("a", "ransomware", 50000, d(2023, 1, 10)) // discovered 2023-01-10: 0 days
	b := newCase("b", "ransomware", 800, d(2023, 2, 25))   // 46 days
	c := newCase("c", "misdelivery", 12, d(2024, 4, 20))   // 101 days
	c.Current.ViaThirdParty = true
	e := newCase("e", "loss", 3, d(2022, 11, 6)) // 2022-01-10 → 300 days
	e.Current.SecondaryDamage = corpus.DamageConfirmed
	u := newCase("u", "misdelivery", 0, corpus.Date{})
	u.Current.Affected, u.Current.Discovered, u.Current.Timeline = nil, corpus.Date{}, nil
	u.Current.PPCReported = true
	return []*corpus.Case{a, b, c, e, u}
}

func buildSet(t *testing.T, cases []*corpus.Case) *Doc {
	t.Helper()
	b := NewSet("テスト", mustChecklist(t))
	for _, c := range cases {
		b.Add(c)
	}
	return b.Doc()
}

func TestSetCounts(t *testing.T) {
	d := buildSet(t, setCases())
	s := d.Set
	if d.Kind != KindSet || d.Scope != "テスト" || s.Incidents != 5 {
		t.Fatalf("doc %q %q, %d incidents", d.Kind, d.Scope, s.Incidents)
	}
	if s.AffectedTotal != 50815 || s.AffectedStated != 4 || *s.AffectedMedian != 406 {
		t.Errorf("affected total %d stated %d median %v", s.AffectedTotal, s.AffectedStated, *s.AffectedMedian)
	}
	keys := func(cs []Count) (out []string) {
		for _, c := range cs {
			out = append(out, c.Key+":"+string(rune('0'+c.Incidents)))
		}
		return out
	}
	for _, tt := range []struct {
		name string
		got  []Count
		want []string
	}{
		{"by cause, most first, ties by id", s.ByCause, []string{"misdelivery:2", "ransomware:2", "loss:1"}},
		{"by year, undated last", s.ByYear, []string{"2022:1", "2023:2", "2024:1", "unknown:1"}},
		{"by data type", s.ByDataType, []string{"email:5", "name:5"}},
		{"affected buckets, every one", s.Affected, []string{"1-99:2", "100-999:1", "1k-9,999:0", "10k-99,999:1", "100k+:0", "unknown:1"}},
		{"delay buckets", s.Delay.Buckets, []string{"0-7:1", "8-30:0", "31-60:1", "61-90:0", "91-180:1", "181+:1"}},
	} {
		if got := keys(tt.got); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
	if s.Delay.Known != 4 || *s.Delay.MedianDays != 73.5 {
		t.Errorf("delay known %d median %v, want 4 and 73.5", s.Delay.Known, *s.Delay.MedianDays)
	}
	if s.ViaThirdParty != 1 || s.PPCReported != 1 {
		t.Errorf("third party %d, ppc %d", s.ViaThirdParty, s.PPCReported)
	}
	// Items: most incidents first; each names its reasons and examples,
	// largest first.
	for i, it := range s.Items {
		if i > 0 && it.Incidents > s.Items[i-1].Incidents {
			t.Errorf("items not ordered by incidents: %s %d after %d", it.ID, it.Incidents, s.Items[i-1].Incidents)
		}
		if len(it.Reasons) == 0 || len(it.Examples) == 0 || it.Share != float64(it.Incidents)/5 {
			t.Errorf("item %s: reasons %v examples %v share %v", it.ID, it.Reasons, it.Examples, it.Share)
		}
	}
	backup := s.Items[slices.IndexFunc(s.Items, func(c Coverage) bool { return c.ID == "10-3-4-backup" })]
	if backup.Incidents != 2 || backup.Examples[0].ID != "a" {
		t.Errorf("backup covers %d, examples %v; want the 2 ransomware incidents, largest first", backup.Incidents, backup.Examples)
	}
	var notable []string
	for _, n := range s.Notable {
		notable = append(notable, n.ID+":"+strings.Join(n.Why, "+"))
	}
	// Only past the checklist's thresholds: b (800 people, 46 days) is not notable.
	want := []string{"a:規模が大きい", "e:公表までの日数が長い+二次被害を確認", "c:公表までの日数が長い"}
	if !slices.Equal(notable, want) {
		t.Errorf("notable %v, want %v", notable, want)
	}
	if s.Cases[0].ID != "a" || s.Cases[4].ID != "u" {
		t.Errorf("cases not largest first: %v", s.Cases)
	}
}

// The charts draw one bar per group: as many cause bars as primary causes
// present, year bars as years; the tables and Markdown agree.
func TestSetRendered(t *testing.T) {
	cases := setCases()
	for _, cause := range corpus.Taxonomies().Causes[:6] {
		cases = append(cases, newCase("x-"+cause.ID, cause.ID, 7, corpus.Date{Year: 2021, Month: 3, Day: 1}))
	}
	d := buildSet(t, cases)
	r := render(t, d)
	for _, tt := range []struct {
		chart string
		want  []Count
	}{
		{"cause", d.Set.ByCause},
		{"year", d.Set.ByYear},
		{"data_type", d.Set.ByDataType},
		{"affected", d.Set.Affected},
		{"delay", d.Set.Delay.Buckets},
	} {
		svg := chart(t, r.root, tt.chart)
		bs := bars(svg)
		if len(bs) != len(tt.want) {
			t.Errorf("%s chart: %d bars, want %d", tt.chart, len(bs), len(tt.want))
			continue
		}
		tips := all(svg, element("title"))
		for i, c := range tt.want {
			if got := text(tips[i]); got != tip(c) {
				t.Errorf("%s chart: bar %d is %q, want %q", tt.chart, i, got, tip(c))
			}
		}
	}
	causes := map[string]bool{}
	for _, c := range cases {
		causes[c.Current.Causes[0]] = true
	}
	if n := len(bars(chart(t, r.root, "cause"))); n != len(causes) {
		t.Errorf("%d cause bars, want %d causes present", n, len(causes))
	}
	page := text(r.root)
	for _, it := range d.Set.Items[:3] {
		for _, s := range append([]string{it.Title}, append(it.Reasons, it.Countermeasures...)...) {
			if !strings.Contains(page, s) || !strings.Contains(r.md, mdEscape(s)) {
				t.Errorf("html or markdown lacks %q of item %s", s, it.ID)
			}
		}
	}
	var back Doc
	if err := json.Unmarshal([]byte(r.json), &back); err != nil || back.Set.Incidents != len(cases) || len(back.Set.Cases) != len(cases) {
		t.Errorf("json round trip: %v, %+v", err, back.Set)
	}
	checkMarkdown(t, r.md)
}

// Rendered lists stop at listMax; JSON lists every incident.
func TestSetListBound(t *testing.T) {
	var cases []*corpus.Case
	for i := range listMax + 7 {
		cases = append(cases, newCase(fmt.Sprintf("id%03d", i), "loss", int64(i+1), corpus.Date{Year: 2020, Month: 1, Day: 1}))
	}
	d := buildSet(t, cases)
	r := render(t, d)
	tables := all(r.root, element("table"))
	rows := all(tables[len(tables)-1], func(n *html.Node) bool { return n.Type == html.ElementNode && n.Data == "tr" })
	if len(rows) != listMax+1 || !strings.Contains(text(r.root), "ほか 7件") || !strings.Contains(r.md, "ほか 7件") {
		t.Errorf("%d rows listed, want %d and a note of 7 more", len(rows)-1, listMax)
	}
	if len(d.Set.Cases) != len(cases) {
		t.Errorf("json lists %d cases, want %d", len(d.Set.Cases), len(cases))
	}
}

// An empty set renders without dividing by zero.
func TestSetEmpty(t *testing.T) {
	r := render(t, buildSet(t, nil))
	if !strings.Contains(r.json, `"items": []`) || !strings.Contains(r.json, `"median_days": null`) {
		t.Errorf("empty set json:\n%s", r.json)
	}
	if strings.Contains(r.html, "NaN") || strings.Contains(r.md, "NaN") {
		t.Error("NaN in an empty report")
	}
}
