package parse

import (
	"strings"

	"github.com/incidex/incidex/corpus"
)

// flagExtractor reads the yes/no facts: reported to the PPC, to the police,
// whether it happened at or through a third party, whether the leak is
// confirmed or possible, and whether misuse of the data was seen.
type flagExtractor struct{ lex *lexicons }

func (flagExtractor) Name() string { return "flags" }

func (x flagExtractor) Extract(n *Notice, in *corpus.Incident) {
	if s, ok := x.reportedTo(n, "ppc"); ok {
		in.PPCReported = true
		cite(in, n, "ppc_reported", "true", s)
	}
	if s, ok := x.reportedTo(n, "police"); ok {
		in.PoliceReported = true
		cite(in, n, "police_reported", "true", s)
	}
	if s, ok := x.thirdParty(n, in); ok {
		in.ViaThirdParty = true
		cite(in, n, "via_third_party", "true", s)
	}
	in.LeakStatus = x.leakStatus(n)
	in.SecondaryDamage = x.damage(n)
}

// reportedTo finds a sentence saying the authority was told: the
// authority followed by へ/に and a report word, not "から" (a 報告徴収
// received from the PPC is not a report to it).
func (x flagExtractor) reportedTo(n *Notice, authority string) (Span, bool) {
	ctx := x.lex.context
	for _, h := range ctx.find(n, 0, len(n.Text)) {
		if h.cue.key != authority {
			continue
		}
		s := n.sentenceAt(h.start)
		rest := n.Text[h.end:s.End]
		// Skip the rest of a longer name: 警察署, 個人情報保護委員会事務局.
		for _, p := range []string{"署", "庁", "本部", "事務局", "課"} {
			rest = strings.TrimPrefix(rest, p)
		}
		if strings.HasPrefix(rest, "から") || strings.HasPrefix(rest, "より") {
			continue
		}
		end := h.end + len(n.Text[h.end:s.End]) - len(rest)
		if lim := end + 90; lim < s.End {
			s.End = lim
		}
		found := false
		for _, c := range ctx.find(n, end, s.End) {
			switch c.cue.key {
			case "report":
				found = true
			case "neg":
				if found {
					return Span{}, false
				}
			}
		}
		// "警察に被害届を提出", also "被害届を…警察署に" before the name.
		if !found {
			for _, c := range ctx.find(n, s.Start, h.start) {
				if c.cue.key == "report" && strings.Contains(n.Text[c.start:h.start], "届") {
					found = true
				}
			}
		}
		if found {
			return n.sentenceAt(h.start), true
		}
	}
	return Span{}, false
}

// thirdParty reports an incident at or through a contractor, vendor or
// external service: a third-party word in the title, or in a sentence that
// tells the incident (the cause's cues or a leak). A vendor called in to
// investigate or support ("専門会社に調査を依頼") does not count.
func (x flagExtractor) thirdParty(n *Notice, in *corpus.Incident) (Span, bool) {
	ctx := x.lex.context
	titleEnd := titleLen(n, in)
	for _, h := range ctx.find(n, 0, len(n.Text)) {
		if h.cue.key != "third" {
			continue
		}
		if h.start < titleEnd {
			return Span{h.start, h.end}, true
		}
		s := n.sentenceAt(h.start)
		if ctx.has(n, h.end, min(s.End, h.end+len(near(n.Text, h.end, 30, true))), "investigator") ||
			ctx.has(n, s.Start, s.End, "prevention") {
			continue
		}
		// "取引先などの情報が流出": the third party's people are the data.
		if ctx.has(n, h.end, min(s.End, h.end+len(near(n.Text, h.end, 8, true))), "third_subject") {
			continue
		}
		// "取引先から…との連絡を受け": the third party told of it, which is
		// not where it happened.
		if next := n.Text[h.end:]; (strings.HasPrefix(next, "から") || strings.HasPrefix(next, "より")) && ctx.has(n, s.Start, s.End, "told") {
			continue
		}
		if x.lex.causes.has(n, s.Start, s.End, in.Causes[0]) || ctx.has(n, s.Start, s.End, "leak") {
			return s, true
		}
	}
	return Span{}, false
}

// leakStatus tells a confirmed leak from a possible one.
func (x flagExtractor) leakStatus(n *Notice) corpus.LeakStatus {
	ctx := x.lex.context
	possible, confirmed := false, false
	for _, s := range n.Sentences {
		if !ctx.has(n, s.Start, s.End, "leak") {
			continue
		}
		sent := n.Text[s.Start:s.End]
		switch {
		case ctx.has(n, s.Start, s.End, "possible"):
			possible = true
		case strings.Contains(sent, "流出しました") || strings.Contains(sent, "漏えいしました") ||
			strings.Contains(sent, "漏洩しました") || strings.Contains(sent, "流出したことを確認") ||
			strings.Contains(sent, "漏えいを確認") || strings.Contains(sent, "流出を確認") || strings.Contains(sent, "閲覧されたことを確認"):
			confirmed = true
		}
	}
	switch {
	case confirmed:
		return corpus.LeakConfirmed
	case possible:
		return corpus.LeakPossible
	}
	return corpus.LeakUnknown
}

// damage reads what the notice says of misuse of the leaked data. A
// sentence about preventing misuse ("不正利用の防止に努めて") says nothing of it.
func (x flagExtractor) damage(n *Notice) corpus.SecondaryDamage {
	ctx := x.lex.context
	state := corpus.DamageNotStated
	for _, h := range ctx.find(n, 0, len(n.Text)) {
		if h.cue.key != "damage" {
			continue
		}
		s := n.sentenceAt(h.start)
		after := n.Text[h.end:s.End]
		switch {
		case strings.HasPrefix(after, "の防止") || strings.HasPrefix(after, "防止") || ctx.has(n, s.Start, s.End, "hypo") ||
			strings.Contains(after, "ご確認") || strings.Contains(after, "ご注意"):
		case ctx.has(n, h.end, s.End, "neg") || ctx.has(n, h.end, s.End, "notfound"):
			if state == corpus.DamageNotStated {
				state = corpus.DamageNoneConfirmed
			}
		case ctx.has(n, h.end, s.End, "possible"):
			state = corpus.DamagePossible
		case strings.Contains(after, "確認") || strings.Contains(after, "発生") || strings.Contains(after, "被害"):
			return corpus.DamageConfirmed
		}
	}
	return state
}
