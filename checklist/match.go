package checklist

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/incidex/incidex/corpus"
)

// Map returns the items the rules map the incident to, each once with the
// reasons of every rule that named it, in section order (the order of
// items.json). A nil incident maps to nothing.
func (c *Checklist) Map(in *corpus.Incident) []Match {
	if in == nil {
		return nil
	}
	reasons := map[string][]string{}
	for _, r := range c.rules.Rules {
		if !c.holds(r.When, in) {
			continue
		}
		for _, id := range r.Items {
			if !slices.Contains(reasons[id], r.Reason) {
				reasons[id] = append(reasons[id], r.Reason)
			}
		}
	}
	out := make([]Match, 0, len(reasons))
	for id, rs := range reasons {
		out = append(out, Match{Item: c.items[c.index[id]], Reasons: rs})
	}
	slices.SortFunc(out, func(a, b Match) int { return c.index[a.Item.ID] - c.index[b.Item.ID] })
	return out
}

func (c *Checklist) holds(w Condition, in *corpus.Incident) bool {
	if w.Cause != "" && !slices.Contains(causes(in), w.Cause) {
		return false
	}
	if len(w.CausesAny) > 0 && !slices.ContainsFunc(w.CausesAny, func(cs string) bool { return slices.Contains(causes(in), cs) }) {
		return false
	}
	if w.DataType != "" && !slices.Contains(in.DataTypes, w.DataType) {
		return false
	}
	if len(w.DataTypesAny) > 0 && !slices.ContainsFunc(w.DataTypesAny, func(d string) bool { return slices.Contains(in.DataTypes, d) }) {
		return false
	}
	if w.ViaThirdParty != nil && in.ViaThirdParty != *w.ViaThirdParty {
		return false
	}
	if w.LeakStatus != "" && string(in.LeakStatus) != w.LeakStatus {
		return false
	}
	if w.SecondaryDamage != "" && string(in.SecondaryDamage) != w.SecondaryDamage {
		return false
	}
	if w.PPCRequiredNotReported != nil {
		_, required := c.PPCRequired(in)
		if (required && !PPCReported(in)) != *w.PPCRequiredNotReported {
			return false
		}
	}
	if w.DisclosureDelayDaysOver != nil {
		d, ok := DisclosureDelay(in)
		if !ok || d <= *w.DisclosureDelayDaysOver {
			return false
		}
	}
	if w.AffectedOver != nil && (in.Affected == nil || *in.Affected <= *w.AffectedOver) {
		return false
	}
	if w.TextMatches != nil && !w.TextMatches.MatchString(in.Title) && !w.TextMatches.MatchString(in.Text) {
		return false
	}
	return true
}

// Pattern is a regular expression (RE2 syntax) in the embedded data,
// compiled when the data is read so that a broken pattern fails Load, not a
// match.
type Pattern struct{ re *regexp.Regexp }

// MatchString reports whether s contains a match.
func (p *Pattern) MatchString(s string) bool { return s != "" && p.re.MatchString(s) }

// String returns the pattern's source.
func (p *Pattern) String() string { return p.re.String() }

// UnmarshalJSON compiles a JSON string.
func (p *Pattern) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("pattern: %w", err)
	}
	if strings.TrimSpace(s) == "" {
		return fmt.Errorf("pattern: empty")
	}
	re, err := regexp.Compile(s)
	if err != nil {
		return fmt.Errorf("pattern %q: %w", s, err)
	}
	p.re = re
	return nil
}

// MarshalJSON writes the pattern's source.
func (p *Pattern) MarshalJSON() ([]byte, error) { return json.Marshal(p.re.String()) }

// causes returns the incident's causes; none counts as unknown.
func causes(in *corpus.Incident) []string {
	if len(in.Causes) == 0 {
		return []string{corpus.CauseUnknown}
	}
	return in.Causes
}

// PPCRequired reports whether the incident falls under a PPC reporting
// trigger, and which triggers (in words) apply.
func (c *Checklist) PPCRequired(in *corpus.Incident) (triggers []string, required bool) {
	p := c.rules.PPCRequired
	for _, d := range p.DataTypes {
		if slices.Contains(in.DataTypes, d) {
			triggers = append(triggers, "data_type:"+d)
		}
	}
	for _, cs := range p.Causes {
		if slices.Contains(in.Causes, cs) {
			triggers = append(triggers, "cause:"+cs)
		}
	}
	if p.AffectedOver > 0 && in.Affected != nil && *in.Affected > p.AffectedOver {
		triggers = append(triggers, "affected_over")
	}
	return triggers, len(triggers) > 0
}

// PPCReported reports whether the incident says it was reported to the PPC.
func PPCReported(in *corpus.Incident) bool {
	return in.PPCReported || slices.ContainsFunc(in.Timeline, func(e corpus.Event) bool { return e.Kind == corpus.EventPPCReport })
}

// DisclosureDelay returns the days from discovery to first publication. It
// uses the earliest discovered and published dates of the incident and its
// timeline, and reports false unless both are full dates.
func DisclosureDelay(in *corpus.Incident) (days int, ok bool) {
	disc := earliest(in.Discovered, in.Timeline, corpus.EventDiscovered)
	pub := earliest(in.Published, in.Timeline, corpus.EventPublished)
	a, okA := toTime(disc)
	b, okB := toTime(pub)
	if !okA || !okB || b.Before(a) {
		return 0, false
	}
	return int(b.Sub(a).Hours() / 24), true
}

func earliest(d corpus.Date, tl []corpus.Event, kind corpus.EventKind) corpus.Date {
	best := d
	for _, e := range tl {
		if e.Kind != kind || e.Date.Day == 0 {
			continue
		}
		if best.Day == 0 || e.Date.Before(best) {
			best = e.Date
		}
	}
	return best
}

func toTime(d corpus.Date) (time.Time, bool) {
	if d.Year == 0 || d.Month == 0 || d.Day == 0 {
		return time.Time{}, false
	}
	return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC), true
}
