package noticegen

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// notice writes the notice in the builder's style and fits it to length.
func (b *builder) notice() Notice {
	switch b.style {
	case styleNews:
		b.news()
	case styleMuni:
		b.muni()
	default:
		b.company()
	}
	if b.agg {
		b.aggregate()
	}
	b.truth.Title = b.d.title
	return Notice{Text: b.d.fit(b.r, b.html, b.vars["org"]), HTML: b.html, Truth: b.truth}
}

// title writes the notice title, marked with its report number if any.
func (b *builder) title() string {
	t := b.pick("title." + b.in.cause.id)
	n := b.in.seq
	switch {
	case n == 0:
		return t
	case n == 1:
		return []string{t + "(第1報)", "【第一報】" + t, t + "(第1報)"}[b.r.IntN(3)]
	case n == 2 && b.r.IntN(3) == 0:
		return []string{t + "(続報)", "【続報】" + t, t + "(続報1)"}[b.r.IntN(3)]
	case n == 3 && b.r.IntN(3) == 0:
		return t + "(続報2)"
	}
	num := []string{fmt.Sprint(n), kanjiDigits[n], string(rune('０' + n))}[pick(b.r, 70, 15, 15)]
	if b.r.IntN(3) == 0 {
		return "【第" + num + "報】" + t
	}
	return t + "(第" + num + "報)"
}

// dateline writes the line that dates the notice.
func (b *builder) dateline() string {
	d := b.ds.dateline(b.in.pub)
	return []string{d, d, "掲載日:" + d, "公開日 " + d, d + " 公開", "発表日:" + d}[b.r.IntN(6)]
}

// signature writes the issuer's name, with its head's name below for some.
func (b *builder) signature() []string {
	org := b.vars["org"]
	if b.in.kind != kindMuni && b.r.IntN(3) > 0 {
		return []string{org, b.pick("rep." + b.kind.name)}
	}
	return []string{org}
}

// company writes the issuer's own notice: dateline, addressee, signature,
// apology, numbered sections, contact.
func (b *builder) company() {
	d := &b.d
	d.title = b.title()
	top := b.r.IntN(10) < 7
	if b.dated && top {
		d.head = append(d.head, b.dateline())
	}
	if b.r.IntN(3) > 0 {
		d.head = append(d.head, b.pickOr("addressee."+b.kind.name, "addressee.other"))
	}
	sig := b.signature()
	if top {
		d.head = append(d.head, sig...)
	}
	b.intro("apology", "intro.close")
	b.sections()
	if !top {
		if b.dated {
			d.tail = append(d.tail, b.dateline())
		}
		d.tail = append(d.tail, sig...)
	}
	b.contact()
	d.tail = append(d.tail, b.pick("end"))
}

// muni writes a municipality's page: update date, narrative, sections,
// and the department to ask at the bottom.
func (b *builder) muni() {
	d := &b.d
	d.title = b.title()
	if b.dated {
		pub := b.ds.dateline(b.in.pub)
		d.head = append(d.head, []string{"掲載日:" + pub, "更新日:" + pub, "ページ番号:" + b.vars["tel2"] + " 更新日:" + pub, pub}[b.r.IntN(4)])
	}
	b.intro("apology.muni", "intro.close.muni")
	b.sections()
	b.contact()
}

// intro writes the opening paragraph: what happened, the apology.
func (b *builder) intro(apology, closing string) {
	d := &b.d
	if b.in.follow {
		d.add(-1, false, b.pick("followup.lead"))
	}
	c := b.in.cause.id
	sum := b.pick(b.viaSec("sum." + c))
	d.add(-1, false, b.pick("intro.lead")+sum)
	d.add(-1, false, b.pick(apology))
	d.add(-1, true, b.pick(closing))
}

// viaSec returns sec+".via" when the incident involved a contractor and
// the fragments have such a section.
func (b *builder) viaSec(sec string) string {
	if b.in.via && b.has(sec+".via") {
		return sec + ".via"
	}
	return sec
}

// sections writes the numbered body in one of two orders.
func (b *builder) sections() {
	d := &b.d
	d.num = b.r.IntN(len(numFormats))
	d.bullet = b.r.IntN(len(bullets))
	d.spaced = b.r.IntN(2) == 0
	ppcTimeline, policeTimeline := b.r.IntN(2) == 0 && b.in.hasDisc, b.r.IntN(2) == 0 && b.in.hasDisc
	if b.in.hasDisc && b.r.IntN(5) == 0 {
		s := d.section(b.pick("head.dates"))
		lines := []string{b.pick("label.disc")}
		if b.r.IntN(2) == 0 {
			lines = append([]string{b.pick("label.occ")}, lines...)
		}
		d.add(s, false, lines...)
	}
	parts := []func(){
		func() { b.timelineSection(ppcTimeline, policeTimeline) },
		b.causeSection,
		b.dataSection,
		b.countSection,
	}
	if b.r.IntN(3) == 0 {
		parts[0], parts[1], parts[2], parts[3] = parts[2], parts[3], parts[0], parts[1]
	}
	for _, f := range parts {
		f()
	}
	b.responseSection(!ppcTimeline, !policeTimeline)
	b.measureSection()
	b.extraSections()
}

func (b *builder) timelineSection(ppc, police bool) {
	s := b.d.section(b.pick("head.timeline"))
	evs := b.events(ppc, police)
	prose := b.r.IntN(3) == 0 || b.style == styleMuni && b.r.IntN(2) == 0
	var lines []string
	for k, e := range evs {
		// Like notices, write the year only when it changes.
		short := k > 0 && b.dated && e.t.Year() == b.in.pub.Year() && e.t.Year() == evs[k-1].t.Year()
		date := b.ds.row(e.t, short)
		if e.min >= 0 {
			date += " " + b.ds.clockTime(e.min)
		}
		if prose {
			lines = append(lines, date+"、"+e.stem+"{しました|いたしました}。")
		} else {
			lines = append(lines, date+" "+e.stem)
		}
	}
	for k := range lines {
		lines[k] = b.expand(lines[k])
	}
	if !b.in.hasDisc {
		lines = append(lines, "その後、"+b.pick(b.viaSec("ev.disc."+b.in.cause.id))+"しました。")
	}
	b.d.add(s, false, lines...)
}

// An event is one dated line of a timeline.
type event struct {
	t    time.Time
	min  int // minutes after midnight, -1 when no time is written
	stem string
}

// events lists the incident's dated events; ppc and police say whether
// the reports to them are dated here.
func (b *builder) events(ppc, police bool) []event {
	in, c := b.in, b.in.cause.id
	var evs []event
	add := func(key string, keep bool, sec string) {
		if t, ok := b.times[key]; ok && keep {
			evs = append(evs, event{t, -1, b.pick(sec)})
		}
	}
	add("occ", !in.hasDisc || b.r.IntN(3) > 0, b.viaSec("ev.occ."+c))
	if in.hasDisc {
		evs = append(evs, event{in.disc, -1, b.pick(b.viaSec("ev.disc." + c))})
		if b.r.IntN(2) == 0 {
			evs[len(evs)-1].min = in.discMin
		}
		add("vdet", in.via && in.cause.cyber && b.r.IntN(3) == 0, "ev.vdet")
		add("stop", b.r.IntN(2) == 0, "ev.stop."+c)
		add("invest", in.cause.cyber && b.r.IntN(2) == 0, "ev.invest")
		add("ppc", in.ppc && ppc, "ev.ppc")
		add("police", in.police && police, "ev.police."+in.cause.polKind)
		add("notify", b.r.IntN(2) == 0, "ev.notify")
		add("pub", b.dated && b.r.IntN(3) == 0, "ev.pub")
	}
	slices.SortStableFunc(evs, func(x, y event) int { return x.t.Compare(y.t) })
	return evs
}

func (b *builder) causeSection() {
	s := b.d.section(b.pick("head.cause"))
	b.d.add(s, false, b.pick(b.viaSec("reason."+b.in.cause.id)))
}

func (b *builder) dataSection() {
	d := &b.d
	s := d.section(b.pick("head.data"))
	labels := b.labels()
	if b.r.IntN(3) > 0 {
		d.add(s, true, b.pick("data.lead"))
		d.addList(s, labels)
	} else {
		b.set("list", b.inline(labels))
		d.add(s, false, b.pick("data.inline"))
	}
	for _, id := range []string{"card", "cred", "bank", "my_number"} {
		if !b.holds(id) && b.r.IntN(4) == 0 && (id != "card" || b.in.cause.id != "payment_tampering") {
			d.add(s, true, b.pick("data.neg."+id))
			break
		}
	}
}

// holds reports whether the incident's data include the group id.
func (b *builder) holds(id string) bool {
	switch id {
	case "card":
		id = "card_number"
	case "cred":
		id = "credentials"
	case "bank":
		id = "bank_account"
	}
	return slices.Contains(b.in.types, id)
}

// typeOrder is the order notices list data in.
var typeOrder = []string{"name", "address", "phone", "email", "birthdate", "gender", "employment",
	"customer_id", "credentials", "transaction", "card_number", "card_expiry", "card_security_code",
	"bank_account", "my_number", "government_id", "health", "other"}

// labels writes the incident's data types.
func (b *builder) labels() []string {
	var out []string
	for _, id := range typeOrder {
		if !slices.Contains(b.in.types, id) {
			continue
		}
		sec := "dt." + id
		if id == "name" && b.in.cause.id == "payment_tampering" && b.r.IntN(3) > 0 {
			sec = "dt.name.card"
		}
		out = append(out, b.pickOr(sec+"."+b.kind.name, sec))
	}
	return out
}

// inline joins labels the way a sentence lists them.
func (b *builder) inline(labels []string) string {
	switch n := len(labels); {
	case n > 1 && b.r.IntN(3) == 0:
		return strings.Join(labels[:n-1], "、") + "及び" + labels[n-1]
	case b.r.IntN(4) == 0:
		return strings.Join(labels, "・")
	}
	return strings.Join(labels, "、")
}

func (b *builder) countSection() {
	d := &b.d
	s := d.section(b.pick("head.count"))
	var lines []string
	if b.in.cause.id == "payment_tampering" && b.in.hasDisc {
		lines = append(lines, b.expand("{d.occ}から{d.occend}までの期間に{shop}でクレジットカード決済を{ご利用になっ|され}た{people}が対象です。"))
	}
	switch {
	case b.count.value < 0:
		lines = append(lines, b.pick("count.unknown"))
	case b.in.follow && b.in.prev >= 0:
		lines = append(lines, b.pick("followup.count"))
	case b.in.follow:
		lines = append(lines, b.pick("followup.count.new"))
	default:
		lines = append(lines, b.pick("count.sent"))
	}
	if b.count.exact && b.count.value >= 10 && b.r.IntN(4) == 0 {
		parts := split(b.r, b.count.value, 2+b.r.IntN(2))
		names := b.picks(b.kind.partSec, len(parts))
		var ps []string
		for k := range names {
			ps = append(ps, names[k]+" "+commas(parts[k])+b.vars["unit"])
		}
		b.set("parts", strings.Join(ps, "、"))
		lines = append(lines, b.pick("count.breakdown"))
	}
	d.add(s, false, strings.Join(lines, ""))
}

func (b *builder) responseSection(ppc, police bool) {
	d := &b.d
	s := d.section(b.pick("head.response"))
	if b.in.hasDisc {
		d.add(s, true, b.expand("{md.stop}、"+b.pick("ev.stop."+b.in.cause.id)+"{しました|いたしました}。"))
	}
	if b.in.ppc && ppc {
		d.add(s, false, b.pick("ppc.sent"))
	}
	if b.in.police && police {
		d.add(s, false, b.pick("police.sent."+b.in.cause.polKind))
	}
	d.add(s, true, b.pick("notify.sent"))
	d.add(s, true, b.pick("monitor"))
}

func (b *builder) measureSection() {
	d := &b.d
	s := d.section(b.pick("head.measure"))
	ms := b.picks("measure."+b.in.cause.id, 3)
	d.add(s, false, ms[0])
	for _, m := range ms[1:] {
		d.add(s, true, m)
	}
	d.add(s, true, b.pick("measure.common"))
}

// extraSections writes the optional sections that pad a notice.
func (b *builder) extraSections() {
	d := &b.d
	s := d.section(b.pick("head.request"))
	d.add(s, true, b.pick("request.common"))
	if b.holds("card") {
		d.add(s, true, b.pick("request.card"))
	}
	if b.holds("cred") {
		d.add(s, true, b.pick("request.cred"))
	}
	if b.in.cause.cyber && b.style != styleMuni {
		d.add(d.section(b.pick("head.delay")), true, b.pick("delay"))
	}
	if b.style != styleMuni {
		d.add(d.section(b.pick("head.comp")), true, b.pick("comp"))
	}
	d.add(-1, true, b.pick("closing"))
}

// contact writes the contact block, which is always kept.
func (b *builder) contact() {
	d := &b.d
	d.tail = append(d.tail, "", "【"+b.pick("head.contact")+"】", b.pickOr("contact.name."+b.kind.name, "contact.name"), b.pick("contact.phone"))
	if b.r.IntN(3) > 0 {
		d.tail = append(d.tail, b.pick("contact.hours"))
	}
	if b.r.IntN(2) == 0 {
		d.tail = append(d.tail, b.pick("contact.mail"))
	}
}

// aggregate rewrites the notice as an aggregator blog reposts it: a
// numbered heading carrying organization, title and date.
func (b *builder) aggregate() {
	d := &b.d
	no := fmt.Sprintf("%d-%03d", b.in.pub.Year(), 1+b.r.IntN(480))
	date := fmt.Sprintf("%d年%d月%d日", b.in.pub.Year(), int(b.in.pub.Month()), b.in.pub.Day())
	d.heading = "【セキュリティ事件簿#" + no + "】" + b.vars["org"] + " " + d.title + " " + date
	if b.r.IntN(2) == 0 {
		d.head = nil
	}
	if b.r.IntN(2) == 0 {
		d.tail = append(d.tail, b.pick("agg.source"))
	}
}
