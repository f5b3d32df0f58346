package report

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/incidex/incidex/checklist"
	"github.com/incidex/incidex/corpus"
)

// SetReport is the model of a report on a set of incidents.
type SetReport struct {
	Incidents      int      `json:"incidents"`
	AffectedTotal  int64    `json:"affected_total"`
	AffectedStated int      `json:"affected_stated"`
	AffectedMedian *float64 `json:"affected_median"`
	ViaThirdParty  int      `json:"via_third_party"`
	PPCReported    int      `json:"ppc_reported"`
	PoliceReported int      `json:"police_reported"`
	// ByCause counts each incident once, under its primary cause, so the
	// counts add up (as search's facets and stats do); most first.
	ByCause []Count `json:"by_cause"`
	// ByDataType counts an incident under each of its data types; most first.
	ByDataType []Count `json:"by_data_type"`
	// ByYear counts by the notice's year (else the discovery's), oldest
	// first, undated last.
	ByYear []Count `json:"by_year"`
	// Affected counts incidents by size: every bucket, in order, then those
	// without a count.
	Affected []Count    `json:"affected"`
	Delay    Delay      `json:"disclosure_delay"`
	Items    []Coverage `json:"items"`
	Notable  []Notable  `json:"notable"`
	Cases    []Brief    `json:"cases"`
}

// Count is one group of incidents and the people they affected (where stated).
type Count struct {
	Key       string `json:"key"`
	Label     string `json:"label"`
	Incidents int    `json:"incidents"`
	Affected  int64  `json:"affected"`
}

// Delay is the distribution of days from discovery to publication, over
// the incidents where both dates are known.
type Delay struct {
	Known      int      `json:"known"`
	MedianDays *float64 `json:"median_days"`
	Buckets    []Count  `json:"buckets"`
}

// Coverage is a checklist item and how many incidents of the set map to it.
type Coverage struct {
	Item
	Incidents int     `json:"incidents"`
	Share     float64 `json:"share"`
	// Examples are a few of the incidents, largest first.
	Examples []Brief `json:"examples"`
}

// Notable is an incident worth reading, and why.
type Notable struct {
	Brief
	Why []string `json:"why"`
}

// Bucket bounds: the affected ones are the index's facet buckets; the delay
// ones put 30 and 60 days (the PPC's deadlines for a final report) on edges.
var (
	affectedBuckets = []bucket{
		{"1-99", "〜99", 100}, {"100-999", "100〜", 1000}, {"1k-9,999", "1,000〜", 10000},
		{"10k-99,999", "1万〜", 100000}, {"100k+", "10万〜", -1},
	}
	delayBuckets = []bucket{
		{"0-7", "7日以内", 8}, {"8-30", "8〜30日", 31}, {"31-60", "31〜60日", 61},
		{"61-90", "61〜90日", 91}, {"91-180", "91〜180日", 181}, {"181+", "181日以上", -1},
	}
)

// bucket is a range of values below under (the last: unbounded, -1).
type bucket struct {
	key, label string
	under      int64
}

func bucketOf(bs []bucket, v int64) int {
	for i, b := range bs {
		if b.under < 0 || v < b.under {
			return i
		}
	}
	return len(bs) - 1
}

// Limits on what a set report lists besides its counts. An incident is
// notable for its size or delay only past the thresholds the checklist's
// rules use: 1,000 people (the PPC's reporting threshold) and 60 days.
const (
	examplesPerItem = 5
	notableLargest  = 5
	notableSlowest  = 3
	notableMax      = 10
	largeAffected   = 1000
	slowDisclosure  = 60
)

// SetBuilder builds a set report one case at a time, keeping only what the
// report needs, so that a whole corpus never has to be in memory.
type SetBuilder struct {
	scope string
	cl    *checklist.Checklist
	r     SetReport

	byCause, byType, byYear map[string]*Count
	affected, delays        []int64
	items                   map[string]*Coverage
	cases                   []caseFacts
}

// caseFacts is what the builder keeps of a case.
type caseFacts struct {
	brief   Brief
	damage  bool // secondary damage confirmed
	mapping []string
}

// NewSet returns a builder of a report on the incidents described by scope
// ("全件", the query), mapped to items by cl.
func NewSet(scope string, cl *checklist.Checklist) *SetBuilder {
	return &SetBuilder{
		scope: scope, cl: cl,
		byCause: map[string]*Count{}, byType: map[string]*Count{}, byYear: map[string]*Count{},
		items: map[string]*Coverage{},
	}
}

// Add counts case c.
func (b *SetBuilder) Add(c *corpus.Case) {
	in := &c.Current
	r := &b.r
	r.Incidents++
	var people int64
	if in.Affected != nil {
		people = *in.Affected
		r.AffectedTotal += people
		r.AffectedStated++
		b.affected = append(b.affected, people)
	}
	count := func(m map[string]*Count, key, label string) {
		if m[key] == nil {
			m[key] = &Count{Key: key, Label: label}
		}
		m[key].Incidents++
		m[key].Affected += people
	}
	cause := primaryCause(in)
	count(b.byCause, cause.ID, cause.Label)
	for _, t := range in.DataTypes {
		count(b.byType, t, dataTypeLabel(t).Label)
	}
	year := unknownYear
	if d := incidentDate(in); !d.IsZero() {
		year = strconv.Itoa(d.Year)
	}
	count(b.byYear, year, yearLabel(year))
	days := disclosureDays(in)
	if days != nil {
		b.delays = append(b.delays, int64(*days))
	}
	if in.ViaThirdParty {
		r.ViaThirdParty++
	}
	if checklist.PPCReported(in) {
		r.PPCReported++
	}
	if in.PoliceReported {
		r.PoliceReported++
	}
	f := caseFacts{
		brief: Brief{
			ID: c.ID, Organization: in.Organization, Title: in.Title, Date: incidentDate(in),
			Cause: cause, Affected: in.Affected, AffectedText: affectedText(in), DisclosureDays: days,
		},
		damage: in.SecondaryDamage == corpus.DamageConfirmed,
	}
	for _, m := range b.cl.Map(in) {
		cov := b.items[m.Item.ID]
		if cov == nil {
			cov = &Coverage{Item: itemOf(m)}
			cov.Reasons = slices.Clone(m.Reasons)
			b.items[m.Item.ID] = cov
		}
		cov.Incidents++
		for _, why := range m.Reasons {
			if !slices.Contains(cov.Reasons, why) {
				cov.Reasons = append(cov.Reasons, why)
			}
		}
		f.mapping = append(f.mapping, m.Item.ID)
	}
	b.cases = append(b.cases, f)
}

// Doc returns the report on the cases added so far.
func (b *SetBuilder) Doc() *Doc {
	r := b.r
	r.AffectedMedian = median(b.affected)
	r.ByCause = sortedCounts(b.byCause, byIncidents)
	r.ByDataType = sortedCounts(b.byType, byIncidents)
	r.ByYear = sortedCounts(b.byYear, byYear)
	r.Affected = make([]Count, len(affectedBuckets)+1)
	for i, bk := range affectedBuckets {
		r.Affected[i] = Count{Key: bk.key, Label: bk.label}
	}
	r.Affected[len(affectedBuckets)] = Count{Key: "unknown", Label: "不明"}
	r.Delay = Delay{Known: len(b.delays), MedianDays: median(b.delays), Buckets: make([]Count, len(delayBuckets))}
	for i, bk := range delayBuckets {
		r.Delay.Buckets[i] = Count{Key: bk.key, Label: bk.label}
	}
	for _, d := range b.delays {
		r.Delay.Buckets[bucketOf(delayBuckets, d)].Incidents++
	}
	// Largest first, so lists of examples and cases lead with the biggest.
	cases := slices.Clone(b.cases)
	slices.SortStableFunc(cases, func(x, y caseFacts) int { return cmp.Compare(size(y.brief), size(x.brief)) })
	for _, f := range cases {
		i := len(affectedBuckets)
		if f.brief.Affected != nil {
			i = bucketOf(affectedBuckets, *f.brief.Affected)
			r.Affected[i].Affected += *f.brief.Affected
		}
		r.Affected[i].Incidents++
		r.Cases = append(r.Cases, f.brief)
		for _, id := range f.mapping {
			if cov := b.items[id]; len(cov.Examples) < examplesPerItem {
				cov.Examples = append(cov.Examples, f.brief)
			}
		}
	}
	order := map[string]int{}
	for i, it := range b.cl.Items() {
		order[it.ID] = i
	}
	for _, cov := range b.items {
		cov.Share = float64(cov.Incidents) / float64(r.Incidents)
		r.Items = append(r.Items, *cov)
	}
	slices.SortFunc(r.Items, func(x, y Coverage) int {
		return cmp.Or(cmp.Compare(y.Incidents, x.Incidents), cmp.Compare(order[x.ID], order[y.ID]))
	})
	r.Notable = notable(cases)
	if r.Items == nil {
		r.Items = []Coverage{}
	}
	if r.Cases == nil {
		r.Cases = []Brief{}
	}
	return &Doc{Kind: KindSet, Title: "インシデント集計レポート", Scope: b.scope, Set: &r}
}

func size(b Brief) int64 {
	if b.Affected == nil {
		return -1
	}
	return *b.Affected
}

// notable picks, from cases sorted largest first, the largest incidents,
// the slowest to be disclosed and those with confirmed misuse.
func notable(cases []caseFacts) []Notable {
	out := []Notable{}
	add := func(b Brief, why string) {
		for i := range out {
			if out[i].ID == b.ID {
				out[i].Why = append(out[i].Why, why)
				return
			}
		}
		if len(out) < notableMax {
			out = append(out, Notable{Brief: b, Why: []string{why}})
		}
	}
	for _, f := range cases[:min(len(cases), notableLargest)] {
		if size(f.brief) > largeAffected {
			add(f.brief, "規模が大きい")
		}
	}
	slow := slices.Clone(cases)
	slices.SortStableFunc(slow, func(x, y caseFacts) int { return cmp.Compare(days(y.brief), days(x.brief)) })
	for _, f := range slow[:min(len(slow), notableSlowest)] {
		if days(f.brief) > slowDisclosure {
			add(f.brief, "公表までの日数が長い")
		}
	}
	for _, f := range cases {
		if f.damage {
			add(f.brief, "二次被害を確認")
		}
	}
	return out
}

func days(b Brief) int {
	if b.DisclosureDays == nil {
		return -1
	}
	return *b.DisclosureDays
}

func byIncidents(x, y Count) int {
	return cmp.Or(cmp.Compare(y.Incidents, x.Incidents), cmp.Compare(x.Key, y.Key))
}

// byYear orders years, "unknown" after every year.
func byYear(x, y Count) int {
	rank := func(c Count) int {
		if c.Key == unknownYear {
			return 1
		}
		return 0
	}
	return cmp.Or(cmp.Compare(rank(x), rank(y)), cmp.Compare(x.Key, y.Key))
}

func sortedCounts(m map[string]*Count, order func(x, y Count) int) []Count {
	out := make([]Count, 0, len(m))
	for _, c := range m {
		out = append(out, *c)
	}
	slices.SortFunc(out, order)
	return out
}

// yearLabel is the year itself, short enough for a narrow column.
func yearLabel(y string) string {
	if y == unknownYear {
		return "不明"
	}
	return y
}

func median(v []int64) *float64 {
	if len(v) == 0 {
		return nil
	}
	s := slices.Sorted(slices.Values(v))
	m := float64(s[len(s)/2])
	if len(s)%2 == 0 {
		m = (float64(s[len(s)/2-1]) + m) / 2
	}
	return &m
}
