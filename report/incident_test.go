package report

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/incidex/incidex/corpus"
)

// causeItems names, per cause, items a report on an incident with that
// cause must recommend: the controls an analyst would expect first.
var causeItems = map[string][]string{
	"unauthorized_access": {"10-6-3-patch", "10-6-3-web-security"},
	"payment_tampering":   {"card-tamper-detection", "art25-vendor-oversight"},
	"ransomware":          {"10-3-4-backup", "10-6-3-patch"},
	"malware":             {"10-6-3-malware-protection"},
	"account_compromise":  {"10-6-2-mfa", "10-6-2-login-protection"},
	"phishing":            {"10-4-phishing-training"},
	"misdelivery":         {"10-6-4-mail-control", "10-3-2-send-check", "10-4-training"},
	"misdisplay":          {"10-6-4-change-testing"},
	"misconfiguration":    {"10-6-1-cloud-config"},
	"loss":                {"10-5-3-media-carry", "10-5-3-encryption"},
	"theft":               {"10-5-2-device-theft"},
	"improper_disposal":   {"10-5-4-disposal"},
	"insider":             {"art24-staff-supervision"},
	"unknown":             {"10-3-4-incident-response"},
}

// Every cause of the taxonomy: the report shows the items the checklist
// maps the incident to — title, question, every reason and countermeasure —
// in Markdown, HTML and JSON, and among them the ones that cause calls for.
func TestIncidentEveryCause(t *testing.T) {
	cl := mustChecklist(t)
	for _, cause := range corpus.Taxonomies().Causes {
		t.Run(cause.ID, func(t *testing.T) {
			want, ok := causeItems[cause.ID]
			if !ok {
				t.Fatalf("cause %s has no expected items in causeItems", cause.ID)
			}
			c := newCase("c1", cause.ID, 1500, corpus.Date{Year: 2024, Month: 5, Day: 20})
			matches := cl.Map(&c.Current)
			r := render(t, Incident(c, nil, cl))

			var got struct {
				Kind     string
				Incident struct {
					Causes []Label
					Items  []Item
				}
			}
			if err := json.Unmarshal([]byte(r.json), &got); err != nil {
				t.Fatal(err)
			}
			if got.Kind != KindIncident || len(got.Incident.Causes) == 0 || got.Incident.Causes[0] != causeLabel(cause.ID) {
				t.Errorf("json: kind %q causes %v", got.Kind, got.Incident.Causes)
			}
			ids := make([]string, len(got.Incident.Items))
			for i, it := range got.Incident.Items {
				ids[i] = it.ID
				if len(it.Reasons) == 0 || len(it.Countermeasures) == 0 {
					t.Errorf("json: item %s without reasons or countermeasures", it.ID)
				}
			}
			if len(ids) != len(matches) {
				t.Errorf("json: items %v, want the %d the checklist maps", ids, len(matches))
			}
			for _, w := range want {
				if !slices.Contains(ids, w) {
					t.Errorf("json: items %v lack %s", ids, w)
				}
			}

			page := text(r.root)
			items := all(r.root, func(n *html.Node) bool { return n.Type == html.ElementNode && hasClass(n, "item") })
			if len(items) != len(matches) {
				t.Errorf("html: %d items, want %d", len(items), len(matches))
			}
			for _, m := range matches {
				for _, s := range append([]string{m.Item.ID, m.Item.Title, m.Item.Question}, append(m.Reasons, m.Item.Countermeasures...)...) {
					if !strings.Contains(page, s) {
						t.Errorf("html does not show %q (item %s)", s, m.Item.ID)
					}
					if !strings.Contains(r.md, mdEscape(s)) {
						t.Errorf("markdown does not show %q (item %s)", s, m.Item.ID)
					}
				}
			}
			for _, s := range []string{cause.Ja, "1,500名", "原因の一文"} {
				if !strings.Contains(page, s) || !strings.Contains(r.md, mdEscape(s)) {
					t.Errorf("html or markdown does not show %q", s)
				}
			}
		})
	}
}

// The facts carry their evidence; the timeline, the reports and the
// similar incidents (what they share, what happened, their response) show.
func TestIncidentDetails(t *testing.T) {
	cl := mustChecklist(t)
	c := newCase("c1", "misdelivery", 120, corpus.Date{Year: 2024, Month: 4, Day: 20})
	first := c.Versions[0]
	first.Incident.Sequence, first.Incident.Affected = ptr(1), ptr(int64(2))
	second := first
	second.Incident.Sequence, second.Incident.Affected = ptr(2), ptr(int64(120))
	c.Versions = []corpus.Version{first, second}
	c.Current.Sequence = ptr(2)
	past := newCase("p1", "misdelivery", 30, corpus.Date{Year: 2023, Month: 2, Day: 1})
	past.Current.DataTypes = []string{"email", "phone"}
	other := newCase("p2", "loss", 5, corpus.Date{Year: 2022, Month: 6, Day: 1})

	d := Incident(c, []*corpus.Case{past, other}, cl)
	r := d.Incident
	if r.DisclosureDays == nil || *r.DisclosureDays != 101 {
		t.Errorf("disclosure days %v, want 101 (2024-01-10 → 2024-04-20)", r.DisclosureDays)
	}
	fact := map[string]Fact{}
	for _, f := range r.Facts {
		fact[f.Field] = f
	}
	if f := fact["affected"]; f.Value != "120名" || len(f.Evidence) != 1 || f.Evidence[0] != "対象はc1名" {
		t.Errorf("affected fact %+v", f)
	}
	if f := fact["causes"]; !strings.HasPrefix(f.Evidence[0], "誤送信・誤送付: ") {
		t.Errorf("cause evidence %q does not name the cause", f.Evidence)
	}
	if f := fact["sequence"]; f.Value != "第2報" {
		t.Errorf("sequence fact %+v", f)
	}
	var kinds []string
	for _, e := range r.Timeline {
		kinds = append(kinds, e.Kind)
	}
	if !slices.Equal(kinds, []string{"discovered", "contained", "published"}) {
		t.Errorf("timeline kinds %v: the published date is added, in date order", kinds)
	}
	if len(r.Reports) != 2 || *r.Reports[0].Affected != 2 || *r.Reports[1].Sequence != 2 {
		t.Errorf("reports %+v", r.Reports)
	}
	s := r.Similar[0]
	if !slices.Equal(s.Shared, []string{"原因: 誤送信・誤送付", "情報: メールアドレス"}) {
		t.Errorf("shared %q", s.Shared)
	}
	if s.WhatHappened != "原因の一文（misdelivery）" || len(s.Response) != 1 || s.Response[0].Kind != "contained" || len(s.Items) == 0 {
		t.Errorf("similar %+v", s)
	}
	if !slices.Equal(r.Similar[1].Shared, []string{"情報: 氏名", "情報: メールアドレス"}) { // not the cause
		t.Errorf("shared with a loss %q", r.Similar[1].Shared)
	}

	out := render(t, d)
	page := text(out.root)
	for _, want := range []string{"第2報", "サーバーを停止しました", "株式会社p1", "共通点", "原因の一文（misdelivery）", "101日"} {
		if !strings.Contains(page, want) || !strings.Contains(out.md, mdEscape(want)) {
			t.Errorf("html or markdown lacks %q", want)
		}
	}
	tl := chart(t, out.root, "timeline")
	if dots := all(tl, element("circle")); len(dots) != len(r.Timeline) {
		t.Errorf("timeline: %d dots, want %d", len(dots), len(r.Timeline))
	}
}

// An incident that states nothing still makes a report: no evidence, no
// dates, no count; JSON keeps arrays as arrays.
func TestIncidentBare(t *testing.T) {
	c := &corpus.Case{ID: "bare", Current: corpus.Incident{}}
	d := Incident(c, nil, mustChecklist(t))
	if d.Title != "インシデントレポート: bare" || d.Incident.AffectedText != "不明" || d.Incident.Causes[0].ID != corpus.CauseUnknown {
		t.Errorf("bare report: %q %+v", d.Title, d.Incident)
	}
	r := render(t, d)
	if len(all(r.root, func(n *html.Node) bool { v, _ := attr(n, "data-chart"); return v != "" })) != 0 {
		t.Error("a timeline drawn for an incident without dates")
	}
	for _, key := range []string{`"similar": []`, `"ppc_required": []`, `"evidence": []`, `"discovered": null`} {
		if !strings.Contains(r.json, key) {
			t.Errorf("json lacks %s:\n%s", key, r.json)
		}
	}
}

// TestIncidentMeasures checks that the countermeasures a notice announced
// are shown for the incident and, as "how they fixed it", for a similar
// one, in every format.
func TestIncidentMeasures(t *testing.T) {
	c := newCase("misdeliv", "misdelivery", 120, corpus.Date{Year: 2024, Month: 5, Day: 1})
	c.Current.Countermeasures = []string{"外部への一斉送信はBCCとし、送信前に他の職員が宛先を確認します。"}
	past := newCase("pastcase", "misdelivery", 40, corpus.Date{Year: 2023, Month: 2, Day: 1})
	past.Current.Countermeasures = []string{"メール配信システムを導入しました。"}
	r := render(t, Incident(c, []*corpus.Case{past}, mustChecklist(t)))
	for name, out := range map[string]string{"md": r.md, "html": r.html, "json": r.json} {
		for _, want := range []string{c.Current.Countermeasures[0], past.Current.Countermeasures[0]} {
			if !strings.Contains(out, want) {
				t.Errorf("%s does not show %q", name, want)
			}
		}
	}
}
