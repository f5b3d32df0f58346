package checklist

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

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

// TestVERISEnum checks every action of the crosswalk against VERIS 1.4's
// enumerations.
func TestVERISEnum(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "veris", "verisc-enum.json")
	if _, err := os.Stat(path); err != nil {
		path = "/work/shared/veris/verisc-enum.json"
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("VERIS enumerations not available: %v", err)
	}
	var enum struct {
		Action map[string]struct {
			Variety []string `json:"variety"`
		} `json:"action"`
		Actor map[string]json.RawMessage `json:"actor"`
	}
	if err := json.Unmarshal(b, &enum); err != nil {
		t.Fatal(err)
	}
	c := mustLoad(t)
	for cause, m := range c.rules.VERIS {
		for _, a := range m.Actions {
			cat, ok := enum.Action[a.Category]
			if !ok {
				t.Errorf("%s: action category %q not in VERIS", cause, a.Category)
				continue
			}
			if a.Variety != "" && !slices.Contains(cat.Variety, a.Variety) {
				t.Errorf("%s: variety %q not in action.%s.variety", cause, a.Variety, a.Category)
			}
		}
		if _, ok := enum.Actor[m.Actor]; m.Actor != "" && !ok {
			t.Errorf("%s: actor %q not in VERIS", cause, m.Actor)
		}
	}
	if _, ok := enum.Actor["partner"]; !ok {
		t.Error("actor partner not in VERIS")
	}
}
