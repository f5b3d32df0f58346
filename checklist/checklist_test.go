package checklist

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/incidex/incidex/corpus"
)

func mustLoad(t *testing.T) *Checklist {
	t.Helper()
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestLoad(t *testing.T) {
	c := mustLoad(t)
	if n := len(c.Items()); n < 30 || n > 45 {
		t.Errorf("%d items, want 30–45", n)
	}
	if c.Rules() == 0 {
		t.Error("no rules")
	}
	// Items are grouped by section: a section never reappears after another.
	seen := map[string]bool{}
	prev := ""
	for _, it := range c.Items() {
		if it.Section != prev && seen[it.Section] {
			t.Errorf("section %q is split", it.Section)
		}
		seen[it.Section] = true
		prev = it.Section
		if !strings.HasSuffix(it.Question, "か？") {
			t.Errorf("%s: question is not a yes/no question: %q", it.ID, it.Question)
		}
	}
	for _, want := range []string{"10-1", "10-2", "10-3(1)", "10-3(2)", "10-3(3)", "10-3(4)", "10-3(5)", "10-4",
		"10-5(1)", "10-5(2)", "10-5(3)", "10-5(4)", "10-6(1)", "10-6(2)", "10-6(3)", "10-6(4)", "10-7", "法24条", "法25条", "法26条", "カード情報"} {
		if !slices.ContainsFunc(c.Items(), func(it Item) bool {
			f := strings.Fields(it.Section)[0]
			return f == want || want[0] > 0x7f && strings.HasPrefix(f, want)
		}) {
			t.Errorf("no item for section %s", want)
		}
	}
}

// incident builds a fictional incident with the given causes.
func incident(causes ...string) *corpus.Incident {
	return &corpus.Incident{Organization: "株式会社テスト", Causes: causes, LeakStatus: corpus.LeakPossible}
}

func ids(ms []Match) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Item.ID)
	}
	return out
}

func TestMapEveryCause(t *testing.T) {
	c := mustLoad(t)
	cases := map[string]struct {
		in   *corpus.Incident
		want []string
	}{
		"unauthorized_access": {incident("unauthorized_access"), []string{"10-6-3-patch", "10-6-3-web-security", "10-6-3-monitoring",
			"10-3-4-incident-response", "10-6-1-access-control", "10-3-5-retention"}},
		"payment_tampering": {&corpus.Incident{Causes: []string{"payment_tampering"}, ViaThirdParty: true,
			DataTypes: []string{"name", "card_number", "card_expiry", "card_security_code"}},
			[]string{"card-tamper-detection", "art25-vendor-selection", "art25-vendor-oversight", "card-non-retention", "card-3ds",
				"10-6-3-patch", "10-6-3-web-security", "art26-ppc-report"}},
		"ransomware": {incident("ransomware"), []string{"10-3-4-backup", "10-6-3-patch", "10-3-4-incident-response", "10-6-2-mfa",
			"10-6-3-malware-protection", "art26-ppc-report"}},
		"malware":            {incident("malware"), []string{"10-6-3-malware-protection", "10-4-phishing-training", "10-6-3-monitoring"}},
		"account_compromise": {incident("account_compromise"), []string{"10-6-2-mfa", "10-6-2-login-protection", "10-6-3-monitoring"}},
		"phishing":           {incident("phishing"), []string{"10-4-phishing-training", "10-6-4-mail-auth", "10-6-2-mfa"}},
		"misdelivery":        {incident("misdelivery"), []string{"10-6-4-mail-control", "10-3-2-send-check", "10-4-training"}},
		"misdisplay":         {incident("misdisplay"), []string{"10-6-4-change-testing", "10-3-5-review"}},
		"misconfiguration": {incident("misconfiguration"), []string{"10-6-1-cloud-config", "10-3-2-publish-review", "10-6-1-access-control",
			"10-3-5-review"}},
		"loss":              {incident("loss"), []string{"10-5-3-media-carry", "10-5-3-encryption", "10-3-3-records", "10-4-training"}},
		"theft":             {incident("theft"), []string{"10-5-2-device-theft", "10-5-3-encryption", "10-5-3-media-carry", "10-5-1-area"}},
		"improper_disposal": {incident("improper_disposal"), []string{"10-5-4-disposal", "10-5-4-device-erasure", "10-3-3-records"}},
		"insider": {incident("insider"), []string{"art24-staff-supervision", "10-6-1-access-control", "10-4-confidentiality",
			"10-3-3-records"}},
		"unknown": {incident("unknown"), []string{"10-3-4-incident-response", "10-3-3-records"}},
	}
	for _, cat := range corpus.Taxonomies().Causes {
		tc, ok := cases[cat.ID]
		if !ok {
			t.Errorf("cause %q has no test case", cat.ID)
			continue
		}
		t.Run(cat.ID, func(t *testing.T) {
			ms := c.Map(tc.in)
			got := ids(ms)
			for _, w := range tc.want {
				if !slices.Contains(got, w) {
					t.Errorf("missing %s; got %v", w, got)
				}
			}
			for _, m := range ms {
				if len(m.Reasons) == 0 || m.Reasons[0] == "" {
					t.Errorf("%s: no reason", m.Item.ID)
				}
			}
			// Ordered by section (items.json order) and deduplicated.
			for i := 1; i < len(ms); i++ {
				if c.index[ms[i-1].Item.ID] >= c.index[ms[i].Item.ID] {
					t.Errorf("out of order or duplicated: %s before %s", ms[i-1].Item.ID, ms[i].Item.ID)
				}
			}
		})
	}
}

func TestMapReasonsJoin(t *testing.T) {
	c := mustLoad(t)
	in := &corpus.Incident{Causes: []string{"misdelivery"}, ViaThirdParty: true}
	for _, m := range c.Map(in) {
		if m.Item.ID == "art25-vendor-oversight" && len(m.Reasons) != 2 {
			t.Errorf("vendor oversight reasons = %q, want the misdelivery and the third-party rule", m.Reasons)
		}
	}
	if c.Map(nil) != nil {
		t.Error("Map(nil) != nil")
	}
	// No causes counts as unknown.
	if got := ids(c.Map(&corpus.Incident{})); !slices.Contains(got, "10-3-4-incident-response") {
		t.Errorf("no causes: %v", got)
	}
}

func reasonsFor(ms []Match, id string) []string {
	for _, m := range ms {
		if m.Item.ID == id {
			return m.Reasons
		}
	}
	return nil
}

func TestPPCRequiredNotReported(t *testing.T) {
	c := mustLoad(t)
	n := func(v int64) *int64 { return &v }
	cases := []struct {
		name string
		in   corpus.Incident
		fire bool
	}{
		{"health not reported", corpus.Incident{Causes: []string{"misdelivery"}, DataTypes: []string{"name", "health"}}, true},
		{"health reported", corpus.Incident{Causes: []string{"misdelivery"}, DataTypes: []string{"health"}, PPCReported: true}, false},
		{"health reported in timeline", corpus.Incident{Causes: []string{"misdelivery"}, DataTypes: []string{"health"},
			Timeline: []corpus.Event{{Date: corpus.Date{Year: 2024, Month: 5, Day: 2}, Kind: corpus.EventPPCReport}}}, false},
		{"card data", corpus.Incident{Causes: []string{"misdelivery"}, DataTypes: []string{"card_number"}}, true},
		{"attack", corpus.Incident{Causes: []string{"ransomware"}}, true},
		{"over 1000", corpus.Incident{Causes: []string{"misdelivery"}, DataTypes: []string{"email"}, Affected: n(1001)}, true},
		{"small misdelivery", corpus.Incident{Causes: []string{"misdelivery"}, DataTypes: []string{"email"}, Affected: n(40)}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := reasonsFor(c.Map(&tc.in), "art26-ppc-report")
			if (got != nil) != tc.fire {
				t.Errorf("art26-ppc-report reasons %q, want fired=%v", got, tc.fire)
			}
		})
	}
}

func TestDisclosureDelay(t *testing.T) {
	c := mustLoad(t)
	d := func(y, m, dd int) corpus.Date { return corpus.Date{Year: y, Month: m, Day: dd} }
	cases := []struct {
		name string
		in   corpus.Incident
		days int
		ok   bool
		fire bool
	}{
		{"90 days", corpus.Incident{Discovered: d(2024, 1, 10), Published: d(2024, 4, 9)}, 90, true, true},
		{"60 days exactly", corpus.Incident{Discovered: d(2024, 1, 1), Published: d(2024, 3, 1)}, 60, true, false},
		{"short", corpus.Incident{Discovered: d(2024, 1, 10), Published: d(2024, 1, 20)}, 10, true, false},
		{"month only", corpus.Incident{Discovered: d(2024, 1, 0), Published: d(2024, 6, 1)}, 0, false, false},
		{"from timeline", corpus.Incident{Published: d(2024, 9, 1), Timeline: []corpus.Event{
			{Date: d(2024, 5, 1), Kind: corpus.EventDiscovered}}}, 123, true, true},
		{"follow-up uses first publication", corpus.Incident{Discovered: d(2024, 1, 10), Published: d(2024, 8, 1),
			Timeline: []corpus.Event{{Date: d(2024, 1, 20), Kind: corpus.EventPublished}}}, 10, true, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			days, ok := DisclosureDelay(&tc.in)
			if days != tc.days || ok != tc.ok {
				t.Errorf("DisclosureDelay = %d, %v; want %d, %v", days, ok, tc.days, tc.ok)
			}
			tc.in.Causes = []string{"loss"}
			if got := reasonsFor(c.Map(&tc.in), "art26-timely-disclosure"); (got != nil) != tc.fire {
				t.Errorf("delay rule reasons %q, want fired=%v", got, tc.fire)
			}
		})
	}
}

func TestValidateErrors(t *testing.T) {
	cases := []struct {
		name, rules, want string
	}{
		{"missing item", `{"when":{"cause":"loss"},"items":["no-such-item"],"reason":"x"}`, `"no-such-item"`},
		{"unknown cause", `{"when":{"cause":"alien"},"items":["10-1-policy"],"reason":"x"}`, `unknown cause "alien"`},
		{"unknown data type", `{"when":{"data_type":"dna"},"items":["10-1-policy"],"reason":"x"}`, `unknown data type "dna"`},
		{"empty when", `{"when":{},"items":["10-1-policy"],"reason":"x"}`, "empty when"},
		{"no reason", `{"when":{"cause":"loss"},"items":["10-1-policy"],"reason":""}`, "no reason"},
	}
	var base Rules
	if err := json.Unmarshal(rulesJSON, &base); err != nil {
		t.Fatal(err)
	}
	var items []Item
	if err := json.Unmarshal(itemsJSON, &items); err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := base
			var extra Rule
			if err := json.Unmarshal([]byte(tc.rules), &extra); err != nil {
				t.Fatal(err)
			}
			r.Rules = append(slices.Clone(base.Rules), extra)
			err := Validate(items, &r, corpus.Taxonomies())
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Validate = %v, want an error containing %s", err, tc.want)
			}
		})
	}
	t.Run("uncovered cause", func(t *testing.T) {
		r := base
		r.Rules = slices.DeleteFunc(slices.Clone(base.Rules), func(ru Rule) bool { return ru.When.Cause == "theft" })
		if err := Validate(items, &r, corpus.Taxonomies()); err == nil || !strings.Contains(err.Error(), `cause "theft" has no rule`) {
			t.Errorf("Validate = %v", err)
		}
	})
	t.Run("unknown field", func(t *testing.T) {
		_, err := Parse(itemsJSON, []byte(`{"rules":[{"when":{"couse":"loss"},"items":[],"reason":"x"}]}`))
		if err == nil || !strings.Contains(err.Error(), "couse") {
			t.Errorf("Parse = %v", err)
		}
	})
	t.Run("duplicate item", func(t *testing.T) {
		dup := append(slices.Clone(items), items[0])
		if err := Validate(dup, &base, corpus.Taxonomies()); err == nil || !strings.Contains(err.Error(), "duplicate") {
			t.Errorf("Validate = %v", err)
		}
	})
}
