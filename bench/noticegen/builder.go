package noticegen

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// Styles of notice.
const (
	styleCompany = iota // the issuer's own notice with a signature
	styleMuni           // a municipality's web page
	styleNews           // a news article about the issuer
)

// A builder writes one notice of an incident.
type builder struct {
	*expander
	in    *incident
	kind  kindInfo
	ds    dateStyle
	style int
	agg   bool // reposted by an aggregator blog under a numbered heading
	html  bool
	dated bool // the notice carries its publication date
	count written
	truth Truth
	d     doc
	times map[string]time.Time // event dates by variable key
}

func newBuilder(f fragments, r *rand.Rand, in *incident) *builder {
	b := &builder{expander: &expander{r: r, f: f, vars: map[string]string{}}, in: in, kind: kinds[in.kind], times: map[string]time.Time{}}
	b.tags = in.tags()
	b.names()
	switch {
	case r.IntN(100) < 15:
		b.style = styleNews
	case in.kind == kindMuni:
		b.style = styleMuni
	}
	b.agg = b.style != styleNews && r.IntN(100) < 15
	b.html = r.IntN(100) < 30
	b.dated = b.agg || b.style == styleNews || r.IntN(25) > 0
	pub := in.pub
	if !b.dated {
		pub = time.Time{}
	}
	b.ds = newDateStyle(r, pub, in.occ)
	if b.style == styleNews {
		b.vars["self"] = b.vars["news"]
		b.vars["where"] = strings.Replace(b.vars["where"], b.vars["self0"], b.vars["news"], 1)
	}
	b.setDates()
	b.setCount()
	b.truth = Truth{
		Organization:   b.vars["org"],
		Published:      iso(pub),
		Cause:          in.cause.id,
		Affected:       b.count.value,
		DataTypes:      slices.Clone(in.types),
		ViaThirdParty:  in.via,
		PPCReported:    in.ppc,
		PoliceReported: in.police,
		Sequence:       in.seq,
	}
	if in.hasDisc {
		b.truth.Discovered = iso(in.disc)
	}
	return b
}

// names fills the variables that name things. They are drawn from the
// incident's own seed, so that every report of an incident uses the same.
func (b *builder) names() {
	in := b.in
	n := &expander{r: rand.New(rand.NewPCG(in.wordSeed, 7)), f: b.f, vars: b.vars, tags: b.tags}
	alts := n.candidates("media") // a loss's mode names the kind of medium
	if len(alts) == 0 {
		alts = b.f["media"]
	}
	media := alts[n.r.IntN(len(alts))]
	b.tags = append(b.tags, media.tags...)
	n.set("prefix", n.pick("org.prefix"), "core", n.pick("org.core"), "vprefix", n.pick("org.prefix"))
	org := n.pick("org." + b.kind.name)
	n.set("org", org, "vendor", n.pick("vendor"), "shop", n.pick("shop"), "service", n.pick("service"),
		"dept", n.pick("dept."+b.kind.name), "media", media.text, "doc", n.pick("doc"),
		"rep", n.pick("surname")+" "+n.pick("given"), "place", n.pick("place"),
		"people", b.kind.people, "person", b.kind.person, "staff", b.kind.staff,
		"tel1", fmt.Sprint(100+n.r.IntN(900)), "tel2", fmt.Sprint(1000+n.r.IntN(9000)),
		"tel3", fmt.Sprint(3+n.r.IntN(96)), "mayor", org+"長")
	self, news := "", b.kind.news
	switch {
	case len(b.kind.self) > 0:
		self = b.kind.self[n.r.IntN(len(b.kind.self))]
	case in.kind == kindMuni:
		suffix := org[len(org)-len("市"):]
		self, news = "本"+suffix, "同"+suffix
		resident := map[string]string{"市": "市民", "町": "町民", "村": "村民"}[suffix]
		n.set("people", resident+"の皆様", "person", resident)
	case strings.HasSuffix(org, "学園"):
		self, news = "本学園", "同学園"
	default:
		self = "本学"
	}
	if strings.HasPrefix(org, "医療法人") {
		self = "当法人"
	}
	n.set("self", self, "self0", self, "news", news, "station", n.pick("station"))
	where := self + "の" + n.vars["dept"]
	if in.cause.cyber {
		switch {
		case in.kind == kindCompany && n.r.IntN(2) == 0:
			where = self + "が運営する" + n.vars["shop"]
		default:
			where = self + "の" + n.vars["service"]
		}
	}
	if in.kind == kindMuni && n.r.IntN(2) == 0 {
		where = org + n.vars["dept"]
	}
	sys := n.vars["service"]
	if in.kind == kindCompany && n.r.IntN(2) == 0 {
		sys = n.vars["shop"]
	}
	n.set("where", where, "sys", sys)
}

// setDates fills d.KEY, md.KEY and t.KEY for every dated event.
func (b *builder) setDates() {
	in := b.in
	b.dateVar("pub", in.pub)
	b.dateVar("occ", in.occ)
	b.dateVar("occend", in.occEnd)
	b.dateVar("notify", b.clamp(days(in.pub, -b.r.IntN(4))))
	if !in.first.IsZero() {
		b.dateVar("first", in.first)
	}
	if in.hasDisc {
		b.dateVar("disc", in.disc)
		b.dateVar("vdet", days(in.disc, -1-b.r.IntN(20)))
		b.dateVar("stop", b.clamp(days(in.disc, b.r.IntN(2))))
		b.dateVar("invest", b.clamp(days(in.disc, 1+b.r.IntN(5))))
		b.dateVar("ppc", b.clamp(days(in.disc, 1+b.r.IntN(6))))
		b.dateVar("police", b.clamp(days(in.disc, b.r.IntN(6))))
	}
}

// clamp keeps an event date no later than publication.
func (b *builder) clamp(t time.Time) time.Time {
	if t.After(b.in.pub) {
		return b.in.pub
	}
	return t
}

func (b *builder) dateVar(key string, t time.Time) {
	b.set("d."+key, b.ds.full(t), "md."+key, b.ds.short(t), "t."+key, b.ds.short(t)+b.clock())
	b.times[key] = t
}

// clock returns " 14時30分頃" half of the time, else "".
func (b *builder) clock() string {
	if b.r.IntN(2) == 0 {
		return ""
	}
	return " " + b.ds.clockTime(8*60+b.r.IntN(11*60))
}

// setCount writes the affected count in this notice's words.
func (b *builder) setCount() {
	if b.in.affected < 0 {
		b.count = written{value: -1}
		return
	}
	u := units
	if b.style == styleNews {
		u = units[:3]
	}
	unit := u[b.r.IntN(len(u))]
	b.count = writeCount(b.r, b.in.affected, unit)
	b.set("count", b.count.text, "unit", unit)
	if b.in.prev >= 0 && b.in.follow {
		b.set("old", writeCount(b.r, b.in.prev, unit).text)
	}
}
