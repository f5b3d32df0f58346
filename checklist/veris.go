package checklist

import (
	_ "embed"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/incidex/incidex/corpus"
)

// The VERIS crosswalk (veris.json) is data, like the checklist: per cause
// the VERIS actions, actor, assets and attributes an analyst would code for
// it; data types to data varieties; leak status to data disclosure; and
// patterns that refine assets, discovery method and victim industry from
// the notice's own words. Enumeration values are checked against VERIS 1.4
// by the tests, which have the schema; Go code only combines them.

//go:embed veris.json
var verisJSON []byte

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

type crosswalk struct {
	Causes          map[string]causeVERIS `json:"causes"`
	DataTypes       map[string]string     `json:"data_types"`
	LeakStatus      map[string]string     `json:"leak_status"`
	Assets          []assetHint           `json:"assets"`
	Discovery       []discoveryHint       `json:"discovery"`
	Industries      []industryHint        `json:"industries"`
	UnknownIndustry string                `json:"unknown_industry"`
}

// causeVERIS is how one cause is coded.
type causeVERIS struct {
	Actions []verisAction `json:"actions"`
	// Actor is nil when the cause says nothing about who acted.
	Actor *verisActor `json:"actor,omitempty"`
	// Assets are used when no asset pattern matches the notice.
	Assets []string `json:"assets"`
	State  []string `json:"state"`
	// Disclosure replaces an unknown leak status: a misdelivered letter was
	// disclosed whatever the notice says.
	Disclosure   string   `json:"disclosure,omitempty"`
	Availability []string `json:"availability,omitempty"`
	Integrity    []string `json:"integrity,omitempty"`
}

type verisAction struct {
	Category string `json:"category"`
	Variety  string `json:"variety,omitempty"`
	Vector   string `json:"vector,omitempty"`
	Target   string `json:"target,omitempty"` // social actions only
}

type verisActor struct {
	Category string `json:"category"`
	Variety  string `json:"variety"`
	Motive   string `json:"motive"`
}

// assetHint names the asset when the title or the cause's evidence
// matches, e.g. FAX誤送信 → M - Fax.
type assetHint struct {
	Pattern *Pattern `json:"pattern"`
	Variety string   `json:"variety"`
}

// discoveryHint names who discovered the incident when the sentence that
// dates the discovery matches, e.g. 委託先からの連絡により判明 → partner.
type discoveryHint struct {
	Pattern *Pattern `json:"pattern"`
	Method  string   `json:"method"`
	Variety string   `json:"variety"`
}

// industryHint guesses the victim's NAICS sector from its name.
type industryHint struct {
	Pattern    *Pattern `json:"pattern"`
	NAICS      string   `json:"naics"`
	Government string   `json:"government,omitempty"`
}

var loadCrosswalk = sync.OnceValues(func() (*crosswalk, error) {
	return parseCrosswalk(verisJSON, corpus.Taxonomies())
})

// parseCrosswalk reads veris.json and checks that it covers every cause,
// data type and leak status of the taxonomy, and that each entry has what
// the VERIS schema requires of it.
func parseCrosswalk(b []byte, tax *corpus.Taxonomy) (*crosswalk, error) {
	var x crosswalk
	if err := decodeStrict(b, &x); err != nil {
		return nil, fmt.Errorf("checklist: veris: %w", err)
	}
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf("checklist: veris: "+format, a...)) }
	for _, c := range tax.Causes {
		if _, ok := x.Causes[c.ID]; !ok {
			bad("cause %q has no mapping", c.ID)
		}
	}
	for id, m := range x.Causes {
		if _, ok := tax.Cause(id); !ok {
			bad("unknown cause %q", id)
		}
		if len(m.Actions) == 0 || len(m.Assets) == 0 || len(m.State) == 0 {
			bad("cause %q: actions, assets and state are required", id)
		}
		for _, a := range m.Actions {
			switch {
			case a.Category == "unknown":
			case !slices.Contains([]string{"hacking", "malware", "social", "error", "misuse", "physical", "environmental"}, a.Category):
				bad("cause %q: unknown action category %q", id, a.Category)
			case a.Variety == "" || (a.Vector == "" && a.Category != "environmental"):
				bad("cause %q: %s action needs a variety and a vector", id, a.Category)
			case a.Category == "social" && a.Target == "":
				bad("cause %q: social action needs a target", id)
			}
		}
		if a := m.Actor; a != nil && (!slices.Contains([]string{"external", "internal", "partner"}, a.Category) || a.Motive == "" ||
			a.Variety == "" && a.Category != "partner") {
			bad("cause %q: actor %+v needs a category (external, internal, partner), a variety and a motive", id, *a)
		}
	}
	for _, d := range tax.DataTypes {
		if x.DataTypes[d.ID] == "" {
			bad("data type %q has no data variety", d.ID)
		}
	}
	for id := range x.DataTypes {
		if _, ok := tax.DataType(id); !ok {
			bad("unknown data type %q", id)
		}
	}
	for _, s := range []corpus.LeakStatus{corpus.LeakUnknown, corpus.LeakConfirmed, corpus.LeakPossible} {
		if x.LeakStatus[string(s)] == "" {
			bad("leak status %q has no data disclosure", s)
		}
	}
	for i, h := range x.Assets {
		if h.Pattern == nil || h.Variety == "" {
			bad("asset hint %d: pattern and variety are required", i)
		}
	}
	for i, h := range x.Discovery {
		if h.Pattern == nil || h.Variety == "" || !slices.Contains([]string{"external", "internal", "partner"}, h.Method) {
			bad("discovery hint %d: pattern, variety and a method (external, internal, partner) are required", i)
		}
	}
	for i, h := range x.Industries {
		if h.Pattern == nil || h.NAICS == "" {
			bad("industry hint %d: pattern and naics are required", i)
		}
	}
	if x.UnknownIndustry == "" {
		bad("unknown_industry is required")
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return &x, nil
}

// entries returns the crosswalk entry of each of the incident's causes, in
// order; a cause without one counts as unknown.
func (x *crosswalk) entries(in *corpus.Incident) []causeVERIS {
	var out []causeVERIS
	for _, cs := range causes(in) {
		m, ok := x.Causes[cs]
		if !ok {
			m = x.Causes[corpus.CauseUnknown]
		}
		out = append(out, m)
	}
	return out
}

// VERIS maps the incident's causes to VERIS actions and actors using the
// embedded crosswalk. Errors and insiders are internal, attacks external;
// when the incident came via a third party, the partner takes the place of
// the internal actor (or joins the external one). If the embedded data is
// invalid, which the tests rule out, VERIS returns unknown.
func VERIS(in *corpus.Incident) Actions {
	x, err := loadCrosswalk()
	if err != nil {
		return Actions{Actions: []Action{{Category: "unknown"}}}
	}
	return x.actions(in)
}

// VERIS is the package-level VERIS, for callers holding a Checklist.
func (c *Checklist) VERIS(in *corpus.Incident) Actions { return VERIS(in) }

func (x *crosswalk) actions(in *corpus.Incident) Actions {
	var a Actions
	addActor := func(s string) {
		if s != "" && !slices.Contains(a.Actors, s) {
			a.Actors = append(a.Actors, s)
		}
	}
	for _, m := range x.entries(in) {
		for _, v := range m.Actions {
			if act := (Action{Category: v.Category, Variety: v.Variety}); !slices.Contains(a.Actions, act) {
				a.Actions = append(a.Actions, act)
			}
		}
		if m.Actor != nil {
			addActor(actorCategory(m.Actor.Category, in.ViaThirdParty))
		}
	}
	if in.ViaThirdParty {
		addActor("partner")
	}
	// A known action makes the "unknown" placeholder redundant.
	if len(a.Actions) > 1 {
		a.Actions = slices.DeleteFunc(a.Actions, func(x Action) bool { return x.Category == "unknown" })
	}
	slices.SortStableFunc(a.Actors, func(x, y string) int { return actorRank[x] - actorRank[y] })
	return a
}

var actorRank = map[string]int{"external": 0, "internal": 1, "partner": 2}

// actorCategory is the category a crosswalk actor takes in an incident:
// staff of a contractor are the partner, not the victim's own.
func actorCategory(category string, viaThirdParty bool) string {
	if viaThirdParty && category == "internal" {
		return "partner"
	}
	return category
}
