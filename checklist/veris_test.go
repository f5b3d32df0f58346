package checklist

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/incidex/incidex/checklist/veristest"
	"github.com/incidex/incidex/corpus"
)

func TestVERIS(t *testing.T) {
	cases := map[string]struct {
		third   bool
		actions []Action
		actors  []string
	}{
		"unauthorized_access": {false, []Action{{"hacking", "Unknown"}}, []string{"external"}},
		"payment_tampering":   {true, []Action{{"hacking", "Unknown"}, {"malware", "Capture app data"}}, []string{"external", "partner"}},
		"ransomware":          {false, []Action{{"malware", "Ransomware"}}, []string{"external"}},
		"malware":             {false, []Action{{"malware", "Unknown"}}, []string{"external"}},
		"account_compromise":  {false, []Action{{"hacking", "Use of stolen creds"}}, []string{"external"}},
		"phishing":            {false, []Action{{"social", "Phishing"}}, []string{"external"}},
		"misdelivery":         {false, []Action{{"error", "Misdelivery"}}, []string{"internal"}},
		"misdisplay":          {true, []Action{{"error", "Programming error"}}, []string{"partner"}},
		"misconfiguration":    {false, []Action{{"error", "Misconfiguration"}}, []string{"internal"}},
		"loss":                {false, []Action{{"error", "Loss"}}, []string{"internal"}},
		"theft":               {false, []Action{{"physical", "Theft"}}, []string{"external"}},
		"improper_disposal":   {false, []Action{{"error", "Disposal error"}}, []string{"internal"}},
		"insider":             {true, []Action{{"misuse", "Privilege abuse"}}, []string{"partner"}},
		"unknown":             {false, []Action{{"unknown", ""}}, nil},
	}
	for _, cat := range corpus.Taxonomies().Causes {
		tc, ok := cases[cat.ID]
		if !ok {
			t.Errorf("cause %q has no VERIS case", cat.ID)
			continue
		}
		got := VERIS(&corpus.Incident{Causes: []string{cat.ID}, ViaThirdParty: tc.third})
		if !slices.Equal(got.Actions, tc.actions) || !slices.Equal(got.Actors, tc.actors) {
			t.Errorf("%s: VERIS = %+v, want %v %v", cat.ID, got, tc.actions, tc.actors)
		}
	}
	// Several causes: actions joined, unknown dropped, actors ordered.
	got := VERIS(&corpus.Incident{Causes: []string{"misdelivery", "unknown", "phishing"}})
	if want := []string{"error", "social"}; !slices.Equal(got.Categories(), want) {
		t.Errorf("categories %v, want %v", got.Categories(), want)
	}
	if want := []string{"external", "internal"}; !slices.Equal(got.Actors, want) {
		t.Errorf("actors %v, want %v", got.Actors, want)
	}
}

// verisEnum is the part of verisc-enum.json the crosswalk draws from.
type verisEnum struct {
	Action map[string]struct {
		Variety []string `json:"variety"`
		Vector  []string `json:"vector"`
		Target  []string `json:"target"`
	} `json:"action"`
	Actor map[string]struct {
		Variety []string `json:"variety"`
		Motive  []string `json:"motive"`
	} `json:"actor"`
	Asset struct {
		Assets struct {
			Variety []string `json:"variety"`
		} `json:"assets"`
	} `json:"asset"`
	Attribute struct {
		Confidentiality struct {
			DataDisclosure []string `json:"data_disclosure"`
			Data           struct {
				Variety []string `json:"variety"`
			} `json:"data"`
			State []string `json:"state"`
		} `json:"confidentiality"`
		Availability struct {
			Variety []string `json:"variety"`
		} `json:"availability"`
		Integrity struct {
			Variety []string `json:"variety"`
		} `json:"integrity"`
	} `json:"attribute"`
	DiscoveryMethod map[string]struct {
		Variety []string `json:"variety"`
	} `json:"discovery_method"`
	Victim struct {
		Government []string `json:"government"`
	} `json:"victim"`
}

// TestVERISEnum checks every value of the crosswalk against VERIS 1.4's
// enumerations, including the ones only a pattern can select (assets,
// discovery methods), which the per-cause schema test need not reach.
func TestVERISEnum(t *testing.T) {
	b, err := os.ReadFile(veristest.File(t, "verisc-enum.json"))
	if err != nil {
		t.Fatal(err)
	}
	var enum verisEnum
	if err := json.Unmarshal(b, &enum); err != nil {
		t.Fatal(err)
	}
	x, err := loadCrosswalk()
	if err != nil {
		t.Fatal(err)
	}
	in := func(where, value string, list []string) {
		t.Helper()
		if value != "" && !slices.Contains(list, value) {
			t.Errorf("%s: %q is not in VERIS", where, value)
		}
	}
	conf := enum.Attribute.Confidentiality
	for cause, m := range x.Causes {
		for _, a := range m.Actions {
			cat, ok := enum.Action[a.Category]
			if !ok {
				t.Errorf("%s: action category %q not in VERIS", cause, a.Category)
				continue
			}
			in(cause+": action."+a.Category+".variety", a.Variety, cat.Variety)
			in(cause+": action."+a.Category+".vector", a.Vector, cat.Vector)
			in(cause+": action."+a.Category+".target", a.Target, cat.Target)
		}
		if a := m.Actor; a != nil {
			cat := enum.Actor[a.Category]
			in(cause+": actor."+a.Category+".variety", a.Variety, cat.Variety)
			in(cause+": actor."+a.Category+".motive", a.Motive, cat.Motive)
		}
		for _, v := range m.Assets {
			in(cause+": asset", v, enum.Asset.Assets.Variety)
		}
		for _, v := range m.State {
			in(cause+": state", v, conf.State)
		}
		in(cause+": disclosure", m.Disclosure, conf.DataDisclosure)
		for _, v := range m.Availability {
			in(cause+": availability", v, enum.Attribute.Availability.Variety)
		}
		for _, v := range m.Integrity {
			in(cause+": integrity", v, enum.Attribute.Integrity.Variety)
		}
	}
	for id, v := range x.DataTypes {
		in("data type "+id, v, conf.Data.Variety)
	}
	for id, v := range x.LeakStatus {
		in("leak status "+id, v, conf.DataDisclosure)
	}
	for _, h := range x.Assets {
		in("asset hint "+h.Pattern.String(), h.Variety, enum.Asset.Assets.Variety)
	}
	for _, h := range x.Discovery {
		in("discovery hint "+h.Pattern.String(), h.Variety, enum.DiscoveryMethod[h.Method].Variety)
	}
	for _, h := range x.Industries {
		in("industry hint "+h.Pattern.String(), h.Government, enum.Victim.Government)
	}
	if _, ok := enum.Actor["partner"]; !ok {
		t.Error("actor partner not in VERIS")
	}
}

// TestVERISTaxonomyAgrees keeps the coarse VERIS label of each cause in the
// corpus taxonomy ("action.error.variety.Misdelivery") in line with the
// crosswalk, which has the detail.
func TestVERISTaxonomyAgrees(t *testing.T) {
	x, err := loadCrosswalk()
	if err != nil {
		t.Fatal(err)
	}
	for _, cat := range corpus.Taxonomies().Causes {
		parts := strings.SplitN(strings.TrimPrefix(cat.VERIS, "action."), ".variety.", 2)
		ok := slices.ContainsFunc(x.Causes[cat.ID].Actions, func(a verisAction) bool {
			return a.Category == parts[0] && (len(parts) == 1 || a.Variety == parts[1])
		})
		if !ok {
			t.Errorf("%s: taxonomy says %s, crosswalk %+v", cat.ID, cat.VERIS, x.Causes[cat.ID].Actions)
		}
	}
}

func TestParseCrosswalkErrors(t *testing.T) {
	tax := corpus.Taxonomies()
	cases := []struct{ name, edit, want string }{
		{"missing cause", `"theft": {`, `cause "theft" has no mapping`},
		{"unknown cause", `"theft": {`, `unknown cause "thief"`},
		{"bad pattern", `"pattern": "USB|ＵＳＢ"`, "missing closing )"},
		{"social without target", `, "target": "Unknown"`, "social action needs a target"},
		{"missing data type", `"bank_account": "Bank",`, `data type "bank_account" has no data variety`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var b string
			switch tc.name {
			case "missing cause", "unknown cause":
				b = strings.Replace(string(verisJSON), tc.edit, `"thief": {`, 1)
			case "bad pattern":
				b = strings.Replace(string(verisJSON), tc.edit, `"pattern": "(USB"`, 1)
			default:
				b = strings.Replace(string(verisJSON), tc.edit, "", 1)
			}
			if b == string(verisJSON) {
				t.Fatalf("edit %q did not apply", tc.edit)
			}
			_, err := parseCrosswalk([]byte(b), tax)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("parseCrosswalk = %v, want an error containing %s", err, tc.want)
			}
		})
	}
}
