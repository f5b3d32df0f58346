package noticegen

import "fmt"

// news writes a news article about the incident: a headline naming the
// issuer, a dated lead in the third person, the issuer's explanation quoted.
func (b *builder) news() {
	d := &b.d
	in, c := b.in, b.in.cause.id
	b.truth.Sequence = 0 // an article is not itself a numbered report
	b.set("headline", b.pick("news.head."+c), "newsbody", b.pick(b.viaSec("news."+c)))
	d.title = b.pick("news.title")
	d.site = b.pick("news.site")
	pub := in.pub
	stamp := []string{
		b.ds.dateline(pub) + fmt.Sprintf(" %d:%02d", 7+b.r.IntN(14), b.r.IntN(60)),
		fmt.Sprintf("%d/%02d/%02d %02d:%02d", pub.Year(), int(pub.Month()), pub.Day(), 7+b.r.IntN(14), b.r.IntN(60)),
		"配信日:" + b.ds.dateline(pub),
	}[b.r.IntN(3)]
	d.head = append(d.head, stamp)
	lead := b.pickOr("news.lead."+b.kind.name, "news.lead")
	if b.count.value >= 0 {
		lead += b.pick("news.count")
	} else {
		lead += b.pick("news.count.unknown")
	}
	d.add(-1, false, lead)
	if in.follow {
		d.add(-1, false, b.pick("news.followup"))
	}
	if in.hasDisc {
		b.set("event", b.pick(b.viaSec("ev.disc."+c)))
		d.add(-1, false, b.pick("news.disc"))
		for _, k := range []string{"stop", "invest"} {
			if k == "invest" && !in.cause.cyber {
				continue
			}
			b.set("md.X", b.vars["md."+k], "event", b.pick(map[string]string{"stop": "ev.stop." + c, "invest": "ev.invest"}[k]))
			d.add(-1, true, b.pick("news.event"))
		}
	}
	b.set("list", b.inline(b.labels()))
	d.add(-1, false, b.pick("news.data"))
	if in.ppc {
		if in.hasDisc {
			d.add(-1, false, b.pick("news.ppc"))
		} else {
			d.add(-1, false, b.expand("{self}は個人情報保護委員会に報告済みだという。"))
		}
	}
	if in.police {
		b.set("policeact", b.pick("ev.police."+in.cause.polKind))
		d.add(-1, false, b.pick("news.police"))
	}
	b.set("reason", b.quoted(b.viaSec("reason."+c)))
	d.add(-1, true, b.pick("news.reason"))
	b.set("measure", b.quoted("measure."+c))
	d.add(-1, true, b.pick("news.measure"))
	for _, f := range b.picks("news.filler", 6) {
		d.add(-1, true, f)
	}
	d.add(-1, true, b.pick("news.background."+b.kind.name))
	b.set("quote", b.quoted("request.common"))
	d.add(-1, true, b.pick("news.request"))
	b.set("quote", b.quoted("apology"))
	d.add(-1, true, b.pick("news.apology"))
	if b.holds("card") {
		d.add(-1, true, b.pick("news.card"))
	}
	d.add(-1, true, b.pick("news.expert"))
	if !b.html && b.r.IntN(3) == 0 { // a page keeps these in an aside
		s := d.section(b.pick("news.related"))
		d.secPlain(s)
		var items []string
		for range 3 {
			items = append(items, b.pickAny("news.head."+causes[b.r.IntN(len(causes))].id))
		}
		d.paras = append(d.paras, para{sec: s, lines: items, list: true, opt: true})
	}
}

// quoted picks from sec in the issuer's own words, for a quotation.
func (b *builder) quoted(sec string) string {
	self := b.vars["self"]
	b.vars["self"] = b.vars["self0"]
	defer func() { b.vars["self"] = self }()
	return b.pick(sec)
}
