package checklist

import (
	"slices"
	"strings"

	"github.com/google/uuid"

	"github.com/incidex/incidex/corpus"
)

// The conversion of a case to VERIS: the crosswalk's values for each
// cause, combined, refined by the patterns, and the facts of the record.

// incidentNamespace makes incident ids name-based (UUID v5) UUIDs of our
// case ids, so that exporting the same case again gives the same id.
var incidentNamespace = uuid.NewSHA1(uuid.NameSpaceURL, []byte("https://github.com/incidex/incidex/case"))

func (x *crosswalk) record(c *corpus.Case) *VERISRecord {
	in := &c.Current
	es := x.entries(in)
	r := &VERISRecord{
		SchemaVersion:    "1.4.0",
		SchemaName:       "verisc",
		IncidentID:       strings.ToUpper(uuid.NewSHA1(incidentNamespace, []byte(c.ID)).String()),
		SourceID:         "incidex",
		SecurityIncident: "Confirmed",
		Confidence:       "Medium",
		Summary:          summary(in),
		Reference:        strings.Join(sources(c), "; "),
		Action:           map[string]*VERISActionEntry{},
		Actor:            x.actors(in, es),
		Asset:            x.asset(in, es),
		Attribute:        x.attribute(in, es),
		Timeline:         timeline(c),
		Victim:           x.victim(in.Organization),
		Plus:             VERISPlus{IncidexID: c.ID},
	}
	// Automatic extraction of a stated cause is a fair reading; without one
	// the record is a guess.
	if causes(in)[0] == corpus.CauseUnknown {
		r.Confidence = "Low"
	}
	r.DiscoveryMethod, r.DiscoveryNotes = x.discovery(in)
	for _, m := range es {
		for _, a := range m.Actions {
			e := r.Action[a.Category]
			if e == nil {
				e = &VERISActionEntry{}
				r.Action[a.Category] = e
			}
			e.Variety = appendNew(e.Variety, a.Variety)
			e.Vector = appendNew(e.Vector, a.Vector)
			e.Target = appendNew(e.Target, a.Target)
		}
	}
	if len(r.Action) > 1 {
		delete(r.Action, "unknown") // a known action makes the placeholder redundant
	}
	if d, ok := notification(c); ok {
		r.Plus.Timeline = &VERISPlusTimeline{Notification: d}
	}
	return r
}

// appendNew appends the non-empty values of add that list lacks.
func appendNew(list []string, add ...string) []string {
	for _, s := range add {
		if s != "" && !slices.Contains(list, s) {
			list = append(list, s)
		}
	}
	return list
}

func summary(in *corpus.Incident) string {
	if in.Title != "" {
		return in.Title
	}
	var labels []string
	for _, cs := range causes(in) {
		if cat, ok := corpus.Taxonomies().Cause(cs); ok {
			labels = append(labels, cat.Ja)
		}
	}
	return strings.TrimSpace(in.Organization + " " + strings.Join(labels, "・"))
}

// sources lists the pages of the case's reports, oldest first, once each.
func sources(c *corpus.Case) []string {
	var out []string
	for _, v := range c.Versions {
		out = appendNew(out, v.Source)
	}
	if len(out) == 0 {
		out = appendNew(out, c.Current.Source)
	}
	return out
}

func (x *crosswalk) actors(in *corpus.Incident, es []causeVERIS) map[string]*VERISActorEntry {
	out := map[string]*VERISActorEntry{}
	add := func(category, variety, motive string) {
		e := out[category]
		if e == nil {
			e = &VERISActorEntry{}
			out[category] = e
		}
		if category == "partner" {
			// VERIS asks a partner's country, not its variety; the notice
			// rarely names where a contractor sits.
			e.Country = []string{"Unknown"}
		} else {
			e.Variety = appendNew(e.Variety, variety)
		}
		e.Motive = appendNew(e.Motive, motive)
	}
	for _, m := range es {
		if a := m.Actor; a != nil {
			add(actorCategory(a.Category, in.ViaThirdParty), a.Variety, a.Motive)
		}
	}
	if in.ViaThirdParty && out["partner"] == nil {
		add("partner", "", "NA") // the partner held the data; it did not act with a motive
	}
	if len(out) == 0 {
		out["unknown"] = &VERISActorEntry{Notes: "the notice does not say who or what caused the incident"}
	}
	return out
}

func (x *crosswalk) asset(in *corpus.Incident, es []causeVERIS) VERISAsset {
	// The title and the sentence the cause was read from name the medium
	// (FAX誤送信, USBメモリー紛失); the rest of a notice names too much else.
	texts := []string{in.Title}
	for _, e := range in.Evidence {
		if e.Field == "causes" {
			texts = append(texts, e.Quote)
		}
	}
	var varieties []string
	for _, h := range x.Assets {
		if slices.ContainsFunc(texts, h.Pattern.MatchString) {
			varieties = appendNew(varieties, h.Variety)
		}
	}
	if len(varieties) == 0 {
		for _, m := range es {
			varieties = appendNew(varieties, m.Assets...)
		}
	}
	if len(varieties) > 1 {
		varieties = slices.DeleteFunc(varieties, func(v string) bool { return v == "Unknown" })
	}
	a := VERISAsset{Cloud: []string{"Unknown"}}
	for _, v := range varieties {
		a.Assets = append(a.Assets, VERISAssetItem{Variety: v})
	}
	if in.ViaThirdParty {
		a.Management = []string{"External"}
	}
	return a
}

func (x *crosswalk) attribute(in *corpus.Incident, es []causeVERIS) VERISAttribute {
	conf := VERISConfidentiality{DataDisclosure: x.LeakStatus[string(in.LeakStatus)], DataTotal: in.Affected}
	if conf.DataDisclosure == "" || in.LeakStatus == corpus.LeakUnknown {
		conf.DataDisclosure = x.LeakStatus[string(corpus.LeakUnknown)]
		for _, m := range es {
			if rank(m.Disclosure) > rank(conf.DataDisclosure) {
				conf.DataDisclosure = m.Disclosure
			}
		}
	}
	// A notice gives one count for all the items it lists, so each variety
	// carries the total.
	var varieties []string
	for _, d := range in.DataTypes {
		varieties = appendNew(varieties, x.DataTypes[d])
	}
	if len(varieties) == 0 {
		varieties = []string{"Unknown"}
	}
	for _, v := range varieties {
		conf.Data = append(conf.Data, VERISData{Variety: v, Amount: in.Affected})
	}
	var avail, integ []string
	for _, m := range es {
		conf.State = appendNew(conf.State, m.State...)
		avail = appendNew(avail, m.Availability...)
		integ = appendNew(integ, m.Integrity...)
	}
	if len(conf.State) > 1 {
		conf.State = slices.DeleteFunc(conf.State, func(s string) bool { return s == "Unknown" })
	}
	a := VERISAttribute{Confidentiality: conf}
	if len(avail) > 0 {
		a.Availability = &VERISVarieties{Variety: avail}
	}
	if len(integ) > 0 {
		a.Integrity = &VERISVarieties{Variety: integ}
	}
	return a
}

// rank orders data_disclosure values by how sure the disclosure is.
func rank(disclosure string) int {
	return slices.Index([]string{"Unknown", "Potentially", "Yes"}, disclosure)
}

// discovery reads who found the incident from the sentences that date the
// discovery, and returns the sentence that told, as the discovery notes.
func (x *crosswalk) discovery(in *corpus.Incident) (VERISDiscovery, string) {
	var texts []string
	for _, e := range in.Timeline {
		if e.Kind == corpus.EventDiscovered {
			texts = appendNew(texts, e.Text)
		}
	}
	for _, e := range in.Evidence {
		if e.Field == "discovered" {
			texts = appendNew(texts, e.Quote)
		}
	}
	for _, h := range x.Discovery {
		for _, t := range texts {
			if !h.Pattern.MatchString(t) {
				continue
			}
			v := &VERISVarieties{Variety: []string{h.Variety}}
			switch h.Method {
			case "external":
				return VERISDiscovery{External: v}, t
			case "internal":
				return VERISDiscovery{Internal: v}, t
			default:
				return VERISDiscovery{Partner: v}, t
			}
		}
	}
	return VERISDiscovery{Unknown: true}, ""
}

func (x *crosswalk) victim(org string) VERISVictim {
	v := VERISVictim{VictimID: org, Country: []string{"JP"}, EmployeeCount: "Unknown",
		Industry: x.UnknownIndustry, Government: []string{"NA"}}
	for _, h := range x.Industries {
		if h.Pattern.MatchString(org) {
			v.Industry = h.NAICS
			if h.Government != "" {
				v.Government = []string{h.Government}
			}
			break
		}
	}
	return v
}
