package parse

import (
	"strings"
	"unicode/utf8"

	"github.com/incidex/incidex/corpus"
)

// measureExtractor reads the countermeasures a notice announces
// (再発防止策): the items of a section under such a heading, else the
// sentences that introduce concrete measures ("再発防止策として、…を導入").
// A promise with nothing in it (再発防止に努めてまいります) is not one.
type measureExtractor struct{ lex *lexicons }

func (measureExtractor) Name() string { return "countermeasures" }

const (
	maxMeasures       = 6
	maxMeasureRunes   = 160
	minMeasureRunes   = 6
	maxHeadingRunes   = 40
	measureBulletRune = "・•●○◆◇■□-－*※①②③④⑤⑥⑦⑧⑨⑩ 　"
)

func (x measureExtractor) Extract(n *Notice, in *corpus.Incident) {
	spans := x.section(n)
	if len(spans) == 0 {
		spans = x.sentences(n)
	}
	for _, s := range spans {
		text := strings.TrimLeft(n.Text[s.Start:s.End], measureBulletRune)
		text = strings.ReplaceAll(strings.TrimSpace(text), "\n", "")
		text = shorten(text, maxMeasureRunes)
		in.Countermeasures = append(in.Countermeasures, text)
		cite(in, n, "countermeasures", text, s)
	}
}

// section returns the items under a countermeasures heading: its bulleted
// lines (a line wrapped under a bullet joins it) up to the next heading, or
// else its first paragraph.
func (x measureExtractor) section(n *Notice) []Span {
	for i, l := range n.Lines {
		line := strings.TrimSpace(n.Text[l.Start:l.End])
		if !x.heading(line) || !x.lex.context.has(n, l.Start, l.End, "measures_heading") {
			continue
		}
		var items []Span
		for _, m := range n.Lines[i+1:] {
			item := strings.TrimSpace(n.Text[m.Start:m.End])
			switch {
			case bulleted(item):
				if len(items) == maxMeasures {
					return items
				}
				items = append(items, m)
			case x.heading(item):
				return items
			case len(items) > 0:
				items[len(items)-1].End = m.End // wrapped under its bullet
			default:
				if utf8.RuneCountInString(item) >= minMeasureRunes {
					return []Span{m}
				}
			}
		}
		if len(items) > 0 {
			return items
		}
	}
	return nil
}

// heading reports whether a line reads as a heading: short, and not a
// sentence.
func (measureExtractor) heading(line string) bool {
	return line != "" && utf8.RuneCountInString(line) <= maxHeadingRunes && !strings.HasSuffix(line, "。")
}

// sentences returns the sentences that introduce measures.
func (x measureExtractor) sentences(n *Notice) []Span {
	var out []Span
	for _, s := range n.Sentences {
		if x.lex.context.has(n, s.Start, s.End, "measures_lead") {
			if out = append(out, s); len(out) == maxMeasures {
				break
			}
		}
	}
	return out
}
