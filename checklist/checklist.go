// Package checklist owns the self-check checklist derived from breach
// incidents: the items, organized after the safety measures of the PPC
// general guidelines (通則編 10 講ずべき安全管理措置) plus supervision of staff
// and contractors, breach reporting and card-data protection; the rules that
// map an incident's causes, data types and timeline to those items with a
// reason; and the crosswalk from incidents to VERIS 1.4 records.
//
// Items, rules and the crosswalk are data (items.json, rules.json,
// veris.json), embedded and checked once by Load and on first use.
package checklist

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/incidex/incidex/corpus"
)

//go:embed items.json
var itemsJSON []byte

//go:embed rules.json
var rulesJSON []byte

// Item is one self-check item.
type Item struct {
	// ID is stable; its prefix names the section (10-6-3-patch → 10-6(3)).
	ID string `json:"id"`
	// Section is the guideline section the item refers to.
	Section string `json:"section"`
	// Title is the Japanese title; TitleEn its English counterpart.
	Title   string `json:"title"`
	TitleEn string `json:"title_en"`
	// Question is a yes/no self-check question in Japanese.
	Question string `json:"question"`
	// Countermeasures lists concrete recommended steps in Japanese.
	Countermeasures []string `json:"countermeasures"`
}

// Match is an item mapped to an incident, with why it was mapped.
type Match struct {
	Item    Item
	Reasons []string
}

// Condition is the "when" of a rule. Every field that is set must hold (AND).
type Condition struct {
	Cause                   string   `json:"cause,omitempty"`
	DataType                string   `json:"data_type,omitempty"`
	DataTypesAny            []string `json:"data_types_any,omitempty"`
	ViaThirdParty           *bool    `json:"via_third_party,omitempty"`
	LeakStatus              string   `json:"leak_status,omitempty"`
	SecondaryDamage         string   `json:"secondary_damage,omitempty"`
	PPCRequiredNotReported  *bool    `json:"ppc_required_not_reported,omitempty"`
	DisclosureDelayDaysOver *int     `json:"disclosure_delay_days_over,omitempty"`
	AffectedOver            *int64   `json:"affected_over,omitempty"`
	// CausesAny holds when any of the causes is among the incident's.
	CausesAny []string `json:"causes_any,omitempty"`
	// TextMatches holds when the notice's title or text matches the
	// pattern: for signals only the wording carries (a foreign vendor, a
	// procedure that was not followed).
	TextMatches *Pattern `json:"text_matches,omitempty"`
}

func (c Condition) empty() bool {
	return c.Cause == "" && len(c.CausesAny) == 0 && c.DataType == "" && len(c.DataTypesAny) == 0 &&
		c.ViaThirdParty == nil && c.LeakStatus == "" && c.SecondaryDamage == "" &&
		c.PPCRequiredNotReported == nil && c.DisclosureDelayDaysOver == nil && c.AffectedOver == nil &&
		c.TextMatches == nil
}

// Rule maps incidents meeting When to Items, for Reason.
type Rule struct {
	When   Condition `json:"when"`
	Items  []string  `json:"items"`
	Reason string    `json:"reason"`
}

// PPCRequired describes when a breach must be reported to the PPC
// (個人情報保護法施行規則7条): any of the data types (要配慮, 財産的被害),
// any of the causes (不正の目的), or more than AffectedOver people.
type PPCRequired struct {
	Reason       string   `json:"reason"`
	DataTypes    []string `json:"data_types"`
	Causes       []string `json:"causes"`
	AffectedOver int64    `json:"affected_over"`
}

// Rules is the content of rules.json.
type Rules struct {
	PPCRequired PPCRequired `json:"ppc_required"`
	Rules       []Rule      `json:"rules"`
}

// Checklist is the loaded, validated checklist.
type Checklist struct {
	items []Item
	index map[string]int // item id → position in items (section order)
	rules Rules
}

var loadOnce = sync.OnceValues(func() (*Checklist, error) { return Parse(itemsJSON, rulesJSON) })

// Load returns the embedded checklist, parsed and validated once.
func Load() (*Checklist, error) { return loadOnce() }

// Parse reads items and rules in the embedded formats and validates them
// with Validate.
func Parse(items, rules []byte) (*Checklist, error) {
	c := &Checklist{}
	if err := decodeStrict(items, &c.items); err != nil {
		return nil, fmt.Errorf("checklist: items: %w", err)
	}
	if err := decodeStrict(rules, &c.rules); err != nil {
		return nil, fmt.Errorf("checklist: rules: %w", err)
	}
	if err := Validate(c.items, &c.rules, corpus.Taxonomies()); err != nil {
		return nil, err
	}
	c.index = make(map[string]int, len(c.items))
	for i, it := range c.items {
		c.index[it.ID] = i
	}
	return c, nil
}

func decodeStrict(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	return d.Decode(v)
}

// Validate checks that items are complete and unique, that every rule has a
// condition, a reason and only existing items, that rules and the PPC table
// name only known cause and data-type ids, and that every cause id of tax
// has at least one rule. All problems are reported together.
func Validate(items []Item, r *Rules, tax *corpus.Taxonomy) error {
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf("checklist: "+format, a...)) }
	ids := map[string]bool{}
	for i, it := range items {
		switch {
		case it.ID == "":
			bad("item %d: no id", i)
		case ids[it.ID]:
			bad("item %q: duplicate id", it.ID)
		}
		ids[it.ID] = true
		if it.Section == "" || it.Title == "" || it.TitleEn == "" || it.Question == "" {
			bad("item %q: section, title, title_en and question are required", it.ID)
		}
		if n := len(it.Countermeasures); n < 2 || n > 4 {
			bad("item %q: %d countermeasures, want 2–4", it.ID, n)
		}
	}
	cause := func(where, id string) {
		if _, ok := tax.Cause(id); !ok {
			bad("%s: unknown cause %q", where, id)
		}
	}
	dataType := func(where, id string) {
		if _, ok := tax.DataType(id); !ok {
			bad("%s: unknown data type %q", where, id)
		}
	}
	covered := map[string]bool{}
	for i, ru := range r.Rules {
		where := fmt.Sprintf("rule %d (%s)", i, ru.Reason)
		if ru.When.empty() {
			bad("%s: empty when", where)
		}
		if strings.TrimSpace(ru.Reason) == "" {
			bad("%s: no reason", where)
		}
		if len(ru.Items) == 0 {
			bad("%s: no items", where)
		}
		for _, id := range ru.Items {
			if !ids[id] {
				bad("%s: unknown item %q", where, id)
			}
		}
		if ru.When.Cause != "" {
			cause(where, ru.When.Cause)
			covered[ru.When.Cause] = true
		}
		for _, cs := range ru.When.CausesAny {
			cause(where, cs)
		}
		if ru.When.DataType != "" {
			dataType(where, ru.When.DataType)
		}
		for _, d := range ru.When.DataTypesAny {
			dataType(where, d)
		}
		switch corpus.LeakStatus(ru.When.LeakStatus) {
		case "", corpus.LeakUnknown, corpus.LeakConfirmed, corpus.LeakPossible:
		default:
			bad("%s: unknown leak_status %q", where, ru.When.LeakStatus)
		}
		switch corpus.SecondaryDamage(ru.When.SecondaryDamage) {
		case "", corpus.DamageNotStated, corpus.DamageConfirmed, corpus.DamageNoneConfirmed, corpus.DamagePossible:
		default:
			bad("%s: unknown secondary_damage %q", where, ru.When.SecondaryDamage)
		}
	}
	for _, d := range r.PPCRequired.DataTypes {
		dataType("ppc_required", d)
	}
	for _, c := range r.PPCRequired.Causes {
		cause("ppc_required", c)
	}
	for _, c := range tax.Causes {
		if !covered[c.ID] {
			bad("cause %q has no rule", c.ID)
		}
	}
	return errors.Join(errs...)
}

// Items returns the items in section order. The slice is a copy.
func (c *Checklist) Items() []Item {
	out := make([]Item, len(c.items))
	copy(out, c.items)
	return out
}

// Item returns the item with the given id.
func (c *Checklist) Item(id string) (Item, bool) {
	i, ok := c.index[id]
	if !ok {
		return Item{}, false
	}
	return c.items[i], true
}

// Rules returns the number of mapping rules.
func (c *Checklist) Rules() int { return len(c.rules.Rules) }
