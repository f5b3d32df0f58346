// Package noticegen generates synthetic Japanese data-breach notices
// (個人情報漏えいのお知らせ・お詫び) with the values planted in them, for
// scale benchmarks and for measuring the extractor on unseen phrasing.
//
// Notices are recombined from fragments embedded from fragments/*.txt and
// shaped like the notices organizations publish: company notices with a
// signature, municipal notices, news articles and aggregator reposts, a
// share of them follow-up reports (第2報, 続報) of an earlier generated
// notice. Organizations are fictional. Each notice is a pure function of
// the generator's seed and its index.
package noticegen

import (
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// Notice is one generated notice and the values planted in it.
type Notice struct {
	Text  string // 2–4 KB of UTF-8, title line first
	HTML  bool   // Text is an HTML page
	Truth Truth
}

// Truth holds the values a careful reader takes from a notice, with the
// meaning of the gold labels in shared/eval/SCHEMA.md.
type Truth struct {
	Organization   string   `json:"organization"`
	Title          string   `json:"title"`
	Published      string   `json:"published"`  // YYYY-MM-DD or ""
	Discovered     string   `json:"discovered"` // YYYY-MM-DD or ""
	Cause          string   `json:"cause"`      // a cause id
	Affected       int64    `json:"affected"`   // -1 when no count is written
	DataTypes      []string `json:"data_types"` // sorted data type ids
	ViaThirdParty  bool     `json:"via_third_party"`
	PPCReported    bool     `json:"ppc_reported"`
	PoliceReported bool     `json:"police_reported"`
	Sequence       int      `json:"sequence"` // 0 when the notice states none
	// Incident is the index of the incident's first notice: a follow-up
	// report carries the index of the notice it follows, others their own.
	Incident int `json:"incident"`
}

// Byte lengths generated notices aim at.
const (
	MinBytes = 2048
	MaxBytes = 4096
)

// A Generator generates notices from a seed. It is safe for concurrent use.
type Generator struct {
	seed int64
	f    fragments
}

// New returns a generator for seed. It panics if the embedded fragments are
// malformed, which the package tests rule out.
func New(seed int64) *Generator {
	f, err := loadFragments()
	if err != nil {
		panic("noticegen: " + err.Error())
	}
	return &Generator{seed: seed, f: f}
}

// Random streams of one index: the incident, the notice's wording, and the
// follow-up decision, kept apart so that a follow-up can rebuild the
// incident of an earlier notice without rendering it.
const (
	streamIncident = iota + 1
	streamNotice
	streamFollow
)

func (g *Generator) rand(i int, stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(g.seed)*0x9e3779b97f4a7c15+stream, uint64(i)*0xbf58476d1ce4e5b9+stream))
}

// followUpShare is the share of indexes that try to follow an earlier one.
const followUpShare = 0.1

// candidate reports whether index i tries to be a follow-up, and of which
// earlier index.
func (g *Generator) candidate(i int) (int, bool) {
	if i <= 0 {
		return 0, false
	}
	r := g.rand(i, streamFollow)
	if r.Float64() >= followUpShare {
		return 0, false
	}
	return i - 1 - r.IntN(min(i, 300)), true
}

// root returns the index of the incident notice i reports on, and whether
// notice i is a follow-up. A candidate follows only a notice that is not a
// candidate itself, so chains stay one level deep.
func (g *Generator) root(i int) (int, bool) {
	j, ok := g.candidate(i)
	if !ok {
		return i, false
	}
	if _, again := g.candidate(j); again {
		return i, false
	}
	return j, true
}

// Notice returns notice i (i ≥ 0).
func (g *Generator) Notice(i int) Notice {
	j, follow := g.root(i)
	in := g.incident(j)
	r := g.rand(i, streamNotice)
	if follow {
		in.followUp(r)
	}
	b := newBuilder(g.f, r, in)
	b.truth.Incident = j
	return b.notice()
}

// incident draws the facts of the incident first reported by notice i.
func (g *Generator) incident(i int) *incident {
	r := g.rand(i, streamIncident)
	c := causes[pick(r, causeWeights()...)]
	in := &incident{cause: c}
	in.kind = pick(r, 50, 20, 12, 10, 8)
	if c.id == "payment_tampering" {
		in.kind = kindCompany
	}
	in.via = r.Float64() < c.via
	in.pub = days(epoch, r.IntN(2700))
	in.disc = days(in.pub, -1-int(logUniform(r, 1, 150)))
	in.occ = days(in.disc, -r.IntN(c.lead+1))
	in.occEnd = days(in.disc, -r.IntN(15))
	if in.occEnd.Before(in.occ) {
		in.occEnd = in.occ
	}
	in.hasDisc = r.IntN(10) > 0
	in.affected = logUniform(r, c.lo, c.hi)
	if r.IntN(12) == 0 {
		in.affected = -1
	}
	in.ppc = r.Float64() < c.ppc
	in.police = r.Float64() < c.police
	if r.IntN(20) == 0 {
		in.seq = 1
	}
	in.discMin = 8*60 + r.IntN(11*60)
	if ms := g.f["mode."+c.id]; len(ms) > 0 {
		modes := strings.Fields(ms[0].text)
		in.mode = modes[r.IntN(len(modes))]
	}
	e := &expander{r: r, f: g.f, tags: in.tags()}
	if in.via && !e.has("sum."+c.id+".via") {
		in.via = false // the cause's variant does not happen at contractors
	}
	in.types = profile(e, c.id, in.kind)
	in.wordSeed = r.Uint64()
	return in
}

// profile draws the data types of an incident from the cause's profiles.
func profile(e *expander, cause string, kind int) []string {
	r := e.r
	var out []string
	for _, id := range strings.Fields(e.pickAlt("types." + cause).text) {
		if n := len(id) - 1; id[n] == '?' {
			if r.IntN(2) == 0 {
				continue
			}
			id = id[:n]
		}
		out = append(out, id)
	}
	switch {
	case kind == kindHospital && r.IntN(2) == 0:
		out = append(out, "health")
	case kind == kindSchool && r.IntN(2) == 0:
		out = append(out, "employment")
	case r.IntN(10) == 0:
		out = append(out, "other")
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// followUp turns the incident into the state a later report describes: a
// later date, a settled count, perhaps a report made since.
func (in *incident) followUp(r *rand.Rand) {
	in.first = in.pub
	in.prev = in.affected
	in.pub = days(in.pub, 7+r.IntN(60))
	switch {
	case in.affected < 0:
		in.affected = logUniform(r, in.cause.lo, in.cause.hi)
	case r.IntN(4) == 0:
		in.affected = max(1, in.affected*int64(60+r.IntN(35))/100)
	default:
		in.affected = in.affected * int64(105+r.IntN(100)) / 100
	}
	if !in.ppc && r.IntN(2) == 0 {
		in.ppc = true
	}
	in.seq = []int{2, 2, 3, 2, 3}[r.IntN(5)]
	in.follow = true
}

// incident holds the facts of one incident, shared by all its reports.
type incident struct {
	cause            causeInfo
	kind             int
	via              bool
	occ, occEnd      time.Time
	disc, pub, first time.Time
	hasDisc          bool
	discMin          int // minutes after midnight of the discovery
	affected, prev   int64
	types            []string
	ppc, police      bool
	seq              int
	follow           bool
	mode             string // the cause's variant: "bcc", "fax" …
	wordSeed         uint64 // seeds the names, so every report uses the same
}

// tags returns the fragment tags the incident fits.
func (in *incident) tags() []string {
	t := []string{in.mode}
	if in.via {
		t = append(t, "via")
	}
	return t
}
