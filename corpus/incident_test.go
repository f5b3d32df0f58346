package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// contractKeys are the JSON names of the contract fields (DESIGN.md), plus
// source. Tools outside the project read them: renaming one is a breaking
// change.
var contractKeys = []string{
	"source",
	"organization", "title", "published", "discovered", "causes",
	"via_third_party", "affected", "data_types", "ppc_reported",
	"police_reported", "sequence",
}

func TestDateJSONRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		in   string // JSON
		want Date
		out  string // JSON written back
	}{
		{"null", `null`, Date{}, `null`},
		{"empty string is unknown", `""`, Date{}, `null`},
		{"day", `"2024-02-15"`, Date{2024, 2, 15}, `"2024-02-15"`},
		{"month", `"2024-02"`, Date{2024, 2, 0}, `"2024-02"`},
		{"year", `"2024"`, Date{2024, 0, 0}, `"2024"`},
		{"leap day", `"2024-02-29"`, Date{2024, 2, 29}, `"2024-02-29"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Date{1999, 9, 9} // unmarshalling null must reset it
			if err := json.Unmarshal([]byte(tt.in), &d); err != nil {
				t.Fatalf("Unmarshal(%s): %v", tt.in, err)
			}
			if d != tt.want {
				t.Errorf("Unmarshal(%s) = %+v, want %+v", tt.in, d, tt.want)
			}
			b, err := json.Marshal(d)
			if err != nil {
				t.Fatalf("Marshal(%+v): %v", d, err)
			}
			if string(b) != tt.out {
				t.Errorf("Marshal(%+v) = %s, want %s", d, b, tt.out)
			}
			if d.IsZero() != (tt.out == "null") {
				t.Errorf("IsZero() = %v for %s", d.IsZero(), tt.out)
			}
		})
	}
}

func TestDateInStructs(t *testing.T) {
	p := Period{From: Date{2023, 12, 1}}
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"from":"2023-12-01","to":null}`; string(b) != want {
		t.Errorf("Marshal(Period) = %s, want %s", b, want)
	}
	var back Period
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back != p {
		t.Errorf("round trip = %+v, want %+v", back, p)
	}
}

func TestDateUnmarshalErrors(t *testing.T) {
	for _, in := range []string{`20240215`, `true`, `"yesterday"`, `"2024-13-01"`, `"2024/02/15"`, `{}`} {
		t.Run(in, func(t *testing.T) {
			var d Date
			if err := json.Unmarshal([]byte(in), &d); err == nil {
				t.Errorf("Unmarshal(%s) = %+v, want an error", in, d)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	valid := []struct {
		in   string
		want Date
	}{
		{"2024-02-15", Date{2024, 2, 15}},
		{"2024-02", Date{2024, 2, 0}},
		{"2024", Date{2024, 0, 0}},
		{"1999-12-31", Date{1999, 12, 31}},
	}
	for _, tt := range valid {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDate(tt.in)
			if err != nil || got != tt.want {
				t.Errorf("ParseDate(%q) = %+v, %v; want %+v, nil", tt.in, got, err, tt.want)
			}
		})
	}
	invalid := []string{
		"", "2024-02-30", "2023-02-29", "2024-13", "2024-00-10", "24-02-15",
		"2024/02/15", "2024年2月15日", "2024-02-15T10:00:00Z", " 2024-02-15", "abcd",
	}
	for _, in := range invalid {
		t.Run("invalid/"+in, func(t *testing.T) {
			got, err := ParseDate(in)
			if err == nil {
				t.Fatalf("ParseDate(%q) = %+v, want an error", in, got)
			}
			if !strings.Contains(err.Error(), fmt.Sprintf("%q", in)) {
				t.Errorf("error %q does not quote the input %q", err, in)
			}
			if got != (Date{}) {
				t.Errorf("ParseDate(%q) returned %+v with its error, want the zero Date", in, got)
			}
		})
	}
}

func TestDateStringAndBefore(t *testing.T) {
	strs := []struct {
		d    Date
		want string
	}{
		{Date{}, ""},
		{Date{2024, 0, 0}, "2024"},
		{Date{2024, 3, 0}, "2024-03"},
		{Date{2024, 3, 7}, "2024-03-07"},
		{Date{987, 1, 2}, "0987-01-02"},
	}
	for _, tt := range strs {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.d, got, tt.want)
		}
	}
	before := []struct {
		a, b Date
		want bool
	}{
		{Date{2023, 12, 31}, Date{2024, 1, 1}, true},
		{Date{2024, 1, 1}, Date{2023, 12, 31}, false},
		{Date{2024, 2, 0}, Date{2024, 2, 1}, true}, // unknown day sorts first
		{Date{2024, 0, 0}, Date{2024, 1, 0}, true},
		{Date{2024, 5, 5}, Date{2024, 5, 5}, false},
		{Date{}, Date{1, 1, 1}, true},
	}
	for _, tt := range before {
		if got := tt.a.Before(tt.b); got != tt.want {
			t.Errorf("%v.Before(%v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// objectKeys returns the top-level keys of a JSON object in order, failing
// the test if the text is not one object.
func objectKeys(t *testing.T, b []byte) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("not a JSON object: %s", b)
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatalf("reading key: %v in %s", err, b)
		}
		keys = append(keys, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatalf("reading value of %q: %v", tok, err)
		}
	}
	return keys
}

func TestIncidentMarshalJSON(t *testing.T) {
	n, seq := int64(1200), 2
	full := Incident{
		Source:         "notice.html",
		Organization:   "株式会社サンプル",
		Title:          "個人情報漏えいのお知らせ（第2報）",
		Published:      Date{2024, 3, 1},
		Discovered:     Date{2024, 2, 15},
		Causes:         []string{"ransomware", "unauthorized_access"},
		ViaThirdParty:  true,
		Affected:       &n,
		DataTypes:      []string{"name", "email"},
		PPCReported:    true,
		PoliceReported: true,
		Sequence:       &seq,
		LeakStatus:     LeakPossible,
		Exposure:       &Period{From: Date{2024, 1, 1}},
		Timeline:       []Event{{Date: Date{2024, 2, 15}, Kind: EventDiscovered, Text: "判明"}},
		Evidence:       []Evidence{{Field: "title", Value: "x", Start: 0, End: 3, Quote: "個"}},
		Text:           "本文",
	}
	tests := []struct {
		name     string
		in       Incident
		want     map[string]any // contract fields, as decoded by encoding/json
		wantKeys []string       // exact key set when non-nil
	}{
		{
			name: "unknown values are null",
			in:   Incident{Source: "a.txt"},
			want: map[string]any{
				"source": "a.txt", "organization": nil, "title": nil,
				"published": nil, "discovered": nil, "causes": nil,
				"via_third_party": false, "affected": nil, "data_types": nil,
				"ppc_reported": false, "police_reported": false, "sequence": nil,
			},
			// The contract fields, source, and the two status fields that
			// have no omitempty; nothing else.
			wantKeys: append(slices.Clone(contractKeys), "leak_status", "secondary_damage"),
		},
		{
			name: "known values",
			in:   full,
			want: map[string]any{
				"source": "notice.html", "organization": "株式会社サンプル",
				"title": "個人情報漏えいのお知らせ（第2報）", "published": "2024-03-01",
				"discovered": "2024-02-15", "causes": []any{"ransomware", "unauthorized_access"},
				"via_third_party": true, "affected": float64(1200), "data_types": []any{"name", "email"},
				"ppc_reported": true, "police_reported": true, "sequence": float64(2),
			},
		},
		{
			name: "empty lists stay lists",
			in:   Incident{Causes: []string{}, DataTypes: []string{}},
			want: map[string]any{
				"source": "", "organization": nil, "title": nil, "published": nil,
				"discovered": nil, "causes": []any{}, "via_third_party": false,
				"affected": nil, "data_types": []any{}, "ppc_reported": false,
				"police_reported": false, "sequence": nil,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, v := range []any{tt.in, &tt.in} { // value and pointer
				b, err := json.Marshal(v)
				if err != nil {
					t.Fatalf("Marshal: %v", err)
				}
				keys := objectKeys(t, b)
				seen := map[string]bool{}
				for _, k := range keys {
					if seen[k] {
						t.Errorf("key %q written twice in %s", k, b)
					}
					seen[k] = true
				}
				for _, k := range contractKeys {
					if !seen[k] {
						t.Errorf("contract key %q missing from %s", k, b)
					}
				}
				if tt.wantKeys != nil {
					got, want := slices.Sorted(slices.Values(keys)), slices.Sorted(slices.Values(tt.wantKeys))
					if !slices.Equal(got, want) {
						t.Errorf("keys = %v, want %v", got, want)
					}
				}
				var m map[string]any
				if err := json.Unmarshal(b, &m); err != nil {
					t.Fatal(err)
				}
				for k, want := range tt.want {
					if got := m[k]; fmt.Sprintf("%#v", got) != fmt.Sprintf("%#v", want) {
						t.Errorf("%s = %#v, want %#v", k, got, want)
					}
				}
			}
		})
	}
}

func TestIncidentJSONRoundTrip(t *testing.T) {
	n, seq := int64(50000), 3
	in := Incident{
		Source: "x.txt", Organization: "株式会社サンプル", Title: "お詫び",
		Published: Date{2024, 3, 1}, Discovered: Date{2024, 2, 0},
		Causes: []string{"misdelivery"}, Affected: &n, DataTypes: []string{"email"},
		PPCReported: true, Sequence: &seq, LeakStatus: LeakConfirmed,
		SecondaryDamage: DamageNoneConfirmed, AffectedQualifier: "約", AffectedUnit: "件",
	}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	var back Incident
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("Unmarshal(%s): %v", b, err)
	}
	b2, err := json.Marshal(back)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, b2) {
		t.Errorf("round trip changed the JSON\n first: %s\nsecond: %s", b, b2)
	}
	if back.Organization != in.Organization || *back.Affected != n || *back.Sequence != seq || back.Discovered != in.Discovered {
		t.Errorf("round trip = %+v, want %+v", back, in)
	}

	// null organization and title read back as "" (unknown).
	var empty Incident
	if err := json.Unmarshal([]byte(`{"organization":null,"title":null,"published":null}`), &empty); err != nil {
		t.Fatal(err)
	}
	if empty.Organization != "" || empty.Title != "" || !empty.Published.IsZero() {
		t.Errorf("nulls read as %+v", empty)
	}
}
