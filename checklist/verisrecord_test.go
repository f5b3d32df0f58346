package checklist

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/incidex/incidex/checklist/veristest"
	"github.com/incidex/incidex/corpus"
)

func date(y, m, d int) corpus.Date { return corpus.Date{Year: y, Month: m, Day: d} }

func mustRecord(t *testing.T, c *corpus.Case) *VERISRecord {
	t.Helper()
	r, err := NewVERISRecord(c)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// causeCases returns one case per cause id of the taxonomy, varied so that
// together they reach every branch of the conversion: with and without a
// third party, dates, counts, data types and evidence.
func causeCases() []*corpus.Case {
	tax := corpus.Taxonomies()
	n := int64(1200)
	var out []*corpus.Case
	for i, cat := range tax.Causes {
		in := corpus.Incident{
			Source:       "https://example.jp/news/" + cat.ID,
			Organization: []string{"株式会社テスト", "テスト市", "テスト大学", "医療法人テスト会 テスト病院", ""}[i%5],
			Title:        cat.Ja + "に関するお知らせ",
			Causes:       []string{cat.ID},
			// Every data type somewhere, a few at a time.
			DataTypes:     []string{tax.DataTypes[i%len(tax.DataTypes)].ID, tax.DataTypes[(i+7)%len(tax.DataTypes)].ID},
			ViaThirdParty: i%3 == 0,
			LeakStatus:    []corpus.LeakStatus{corpus.LeakUnknown, corpus.LeakConfirmed, corpus.LeakPossible}[i%3],
		}
		if i%2 == 0 {
			in.Affected = &n
			in.Published = date(2024, 6, 10)
			in.Discovered = date(2024, 5, 1)
			in.Exposure = &corpus.Period{From: date(2024, 3, 1), To: date(2024, 4, 30)}
			in.Timeline = []corpus.Event{{Date: date(2024, 5, 3), Kind: corpus.EventContained, Text: "サーバーを停止"}}
			in.Evidence = []corpus.Evidence{{Field: "discovered", Quote: "お客様からのお問い合わせにより判明"}}
		}
		out = append(out, &corpus.Case{ID: "case-" + cat.ID, Current: in,
			Versions: []corpus.Version{{Source: in.Source, Incident: in, IngestedAt: time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)}}})
	}
	// Odd shapes: nothing known at all; several causes; an impossible year.
	out = append(out,
		&corpus.Case{ID: "empty"},
		&corpus.Case{ID: "several", Current: corpus.Incident{Causes: []string{"misdelivery", "unknown", "phishing", "ransomware"},
			ViaThirdParty: true, DataTypes: []string{"name", "name", "card_number"}, Published: date(2023, 0, 0)}},
		&corpus.Case{ID: "year", Current: corpus.Incident{Causes: []string{"loss"}, Discovered: date(2201, 1, 1), Published: date(2024, 2, 0)}},
	)
	return out
}

// TestVERISRecordSchema validates one record per cause (and some odd
// cases) against the VERIS JSON schema.
func TestVERISRecordSchema(t *testing.T) {
	sch := veristest.Schema(t)
	for _, c := range causeCases() {
		r := mustRecord(t, c)
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		if err := veristest.Validate(sch, b); err != nil {
			t.Errorf("%s: not valid VERIS: %v\n%s", c.ID, err, b)
		}
	}
}

// TestVERISSchemaRejects makes sure the validation above can fail: each
// edit breaks a valid record in a way the draft-04 schema forbids.
func TestVERISSchemaRejects(t *testing.T) {
	sch := veristest.Schema(t)
	valid, err := json.Marshal(mustRecord(t, causeCases()[0]))
	if err != nil {
		t.Fatal(err)
	}
	if err := veristest.Validate(sch, valid); err != nil {
		t.Fatalf("base record invalid: %v", err)
	}
	cases := map[string]func(m map[string]any){
		"capitalized action": func(m map[string]any) { m["action"] = map[string]any{"Unknown": map[string]any{}} },
		"unknown disclosure": func(m map[string]any) { attr(m)["data_disclosure"] = "Maybe" },
		"no summary":         func(m map[string]any) { delete(m, "summary") },
		"year out of range":  func(m map[string]any) { m["timeline"] = map[string]any{"incident": map[string]any{"year": 1900}} },
		"field not in VERIS": func(m map[string]any) { m["plot"] = "x" },
		"external, no motive": func(m map[string]any) {
			m["actor"] = map[string]any{"external": map[string]any{"variety": []any{"Unknown"}}}
		},
		"industry not NAICS":   func(m map[string]any) { m["victim"].(map[string]any)["industry"] = "AB" },
		"country not a list":   func(m map[string]any) { m["victim"].(map[string]any)["country"] = "JP" },
		"duplicate data state": func(m map[string]any) { attr(m)["state"] = []any{"Stored", "Stored"} },
	}
	for name, edit := range cases {
		var m map[string]any
		if err := json.Unmarshal(valid, &m); err != nil {
			t.Fatal(err)
		}
		edit(m)
		if err := veristest.ValidateValue(sch, m); err == nil {
			t.Errorf("%s: the schema accepted a broken record", name)
		}
	}
}

func attr(m map[string]any) map[string]any {
	return m["attribute"].(map[string]any)["confidentiality"].(map[string]any)
}

func TestVERISRecordFields(t *testing.T) {
	n := int64(35)
	in := corpus.Incident{
		Source: "https://example.ed.jp/oshirase/1", Organization: "テスト市立テスト中学校",
		Title: "FAX誤送信に関するお詫び", Causes: []string{"misdelivery"}, Affected: &n,
		DataTypes: []string{"name", "address", "health"}, LeakStatus: corpus.LeakUnknown,
		Published: date(2024, 7, 20), Discovered: date(2024, 7, 1),
		Timeline: []corpus.Event{
			{Date: date(2024, 6, 28), Kind: corpus.EventOccurred, Text: "誤送信"},
			{Date: date(2024, 7, 1), Kind: corpus.EventDiscovered, Text: "受信者からの連絡により判明しました"},
			{Date: date(2024, 7, 2), Kind: corpus.EventContained, Text: "回収"},
		},
	}
	first := in
	first.Published = date(2024, 7, 5)
	c := &corpus.Case{ID: "2024-07-abc", Current: in, Versions: []corpus.Version{
		{Source: "https://example.ed.jp/oshirase/0", Incident: first}, {Source: in.Source, Incident: in},
	}}
	r := mustRecord(t, c)
	b, _ := json.Marshal(r)
	for _, want := range []string{
		`"schema_version":"1.4.0"`, `"source_id":"incidex"`, `"security_incident":"Confirmed"`, `"confidence":"Medium"`,
		`"summary":"FAX誤送信に関するお詫び"`, `"reference":"https://example.ed.jp/oshirase/0; https://example.ed.jp/oshirase/1"`,
		`"discovery_method":{"external":{"variety":["Unrelated 3rd party"]}}`, `"discovery_notes":"受信者からの連絡により判明しました"`,
		`"action":{"error":{"variety":["Misdelivery"],"vector":["Carelessness"]}}`,
		`"actor":{"internal":{"variety":["End-user"],"motive":["NA"]}}`,
		`"asset":{"assets":[{"variety":"M - Fax"}],"cloud":["Unknown"]}`,
		`"data_disclosure":"Yes"`, `"data_total":35`,
		`"data":[{"variety":"Personal","amount":35},{"variety":"Medical","amount":35}]`, `"state":["Transmitted"]`,
		`"timeline":{"incident":{"year":2024,"month":6,"day":28},"discovery":{"unit":"Days","value":3},"containment":{"unit":"Days","value":1}}`,
		`"victim":{"victim_id":"テスト市立テスト中学校","country":["JP"],"employee_count":"Unknown","industry":"61","government":["NA"]}`,
		`"plus":{"incidex_id":"2024-07-abc","timeline":{"notification":{"year":2024,"month":7,"day":5}}}`,
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("record lacks %s:\n%s", want, b)
		}
	}
	uuidRE := regexp.MustCompile(`^[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$`)
	if !uuidRE.MatchString(r.IncidentID) {
		t.Errorf("incident_id %q is not an upper-case UUID v5", r.IncidentID)
	}
	if again := mustRecord(t, c); again.IncidentID != r.IncidentID {
		t.Errorf("incident_id not stable: %s, then %s", r.IncidentID, again.IncidentID)
	}
	if other := mustRecord(t, &corpus.Case{ID: "2024-07-abd"}); other.IncidentID == r.IncidentID {
		t.Error("two cases share an incident_id")
	}
}

func TestVERISRecordGuesses(t *testing.T) {
	cases := []struct {
		name string
		in   corpus.Incident
		want []string
	}{
		{"city", corpus.Incident{Organization: "さくら市", Causes: []string{"loss"}, Title: "USBメモリの紛失について"},
			[]string{`"industry":"92"`, `"government":["Local"]`, `{"variety":"M - Flash drive"}`, `"availability":{"variety":["Loss"]}`}},
		{"prefecture", corpus.Incident{Organization: "テスト県", Causes: []string{"misconfiguration"}}, []string{`"industry":"92"`, `"government":["Regional"]`}},
		{"hospital via vendor, ransomware", corpus.Incident{Organization: "医療法人社団あおぞら会 あおぞら記念クリニック", Causes: []string{"ransomware"},
			ViaThirdParty: true, Evidence: []corpus.Evidence{{Field: "discovered", Quote: "委託先からの連絡により判明"}}},
			[]string{`"industry":"62"`, `"partner":{"motive":["NA"],"country":["Unknown"]}`, `"management":["External"]`,
				`"discovery_method":{"partner":{"variety":["Unknown"]}}`, `"availability":{"variety":["Obscuration"]}`}},
		{"mail, not the address", corpus.Incident{Organization: "株式会社テスト", Causes: []string{"unauthorized_access"}, Title: "メールアドレス流出のお知らせ"},
			[]string{`"industry":"000"`, `{"variety":"S - Unknown"}`}},
		{"unknown cause", corpus.Incident{Causes: []string{"unknown"}},
			[]string{`"confidence":"Low"`, `"action":{"unknown":{}}`, `"actor":{"unknown":{"notes":`, `"discovery_method":{"unknown":true}`, `"data":[{"variety":"Unknown"}]`}},
		{"possible leak outranks the cause's default", corpus.Incident{Causes: []string{"misdelivery"}, LeakStatus: corpus.LeakPossible},
			[]string{`"data_disclosure":"Potentially"`}},
	}
	for _, tc := range cases {
		b, _ := json.Marshal(mustRecord(t, &corpus.Case{ID: tc.name, Current: tc.in}))
		for _, w := range tc.want {
			if !strings.Contains(string(b), w) {
				t.Errorf("%s: record lacks %s:\n%s", tc.name, w, b)
			}
		}
	}
}
