package checklist

import (
	"slices"

	"github.com/incidex/incidex/corpus"
)

// Action is a VERIS 1.4 action: a category (hacking, malware, social, error,
// misuse, physical, unknown) and a variety from its enumeration ("" for
// unknown).
type Action struct {
	Category string `json:"category"`
	Variety  string `json:"variety,omitempty"`
}

// Actions is an incident's VERIS actions and actor categories (external,
// internal, partner), each without duplicates.
type Actions struct {
	Actions []Action `json:"actions"`
	Actors  []string `json:"actors"`
}

// Categories returns the distinct action categories, in order.
func (a Actions) Categories() []string {
	var out []string
	for _, x := range a.Actions {
		if !slices.Contains(out, x.Category) {
			out = append(out, x.Category)
		}
	}
	return out
}

// VERIS maps the incident's causes to VERIS actions and actors using the
// embedded crosswalk. Errors and insiders are internal, attacks external;
// when the incident came via a third party, the partner takes the place of
// the internal actor (or joins the external one). If the embedded data is
// invalid, which the tests rule out, VERIS returns unknown.
func VERIS(in *corpus.Incident) Actions {
	c, err := Load()
	if err != nil {
		return Actions{Actions: []Action{{Category: "unknown"}}}
	}
	return c.VERIS(in)
}

// VERIS is the package-level VERIS with this checklist's crosswalk.
func (c *Checklist) VERIS(in *corpus.Incident) Actions {
	var a Actions
	addActor := func(s string) {
		if s != "" && !slices.Contains(a.Actors, s) {
			a.Actors = append(a.Actors, s)
		}
	}
	for _, cs := range causes(in) {
		m, ok := c.rules.VERIS[cs]
		if !ok {
			m = c.rules.VERIS[corpus.CauseUnknown]
		}
		for _, x := range m.Actions {
			if !slices.Contains(a.Actions, x) {
				a.Actions = append(a.Actions, x)
			}
		}
		actor := m.Actor
		if in.ViaThirdParty && actor == "internal" {
			actor = "partner"
		}
		addActor(actor)
	}
	if in.ViaThirdParty {
		addActor("partner")
	}
	// A known action makes the "unknown" placeholder redundant.
	if len(a.Actions) > 1 {
		a.Actions = slices.DeleteFunc(a.Actions, func(x Action) bool { return x.Category == "unknown" })
	}
	order := map[string]int{"external": 0, "internal": 1, "partner": 2}
	slices.SortStableFunc(a.Actors, func(x, y string) int { return order[x] - order[y] })
	return a
}
