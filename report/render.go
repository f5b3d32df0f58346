package report

import (
	"embed"
	"fmt"
	htmltemplate "html/template"
	"io"
	"math"
	"strconv"
	"strings"
	texttemplate "text/template"

	"github.com/incidex/incidex/corpus"
)

//go:embed templates
var templateFS embed.FS

// What a rendered set report lists one by one: the items that cover the
// most incidents in full (the rest in a line each), and the first incidents
// (the JSON form lists them all).
const (
	itemsShown = 12
	listMax    = 200
)

// funcs are the template helpers both formats share; none returns markup.
var funcs = map[string]any{
	"date": func(d corpus.Date) string {
		if d.IsZero() {
			return "不明"
		}
		return d.String()
	},
	"num":  groupDigits,
	"int":  func(n int) string { return groupDigits(int64(n)) },
	"days": daysText,
	"median": func(v *float64, unit string) string {
		switch {
		case v == nil:
			return "—"
		case *v == math.Trunc(*v):
			return groupDigits(int64(*v)) + unit
		}
		return strconv.FormatFloat(*v, 'f', 1, 64) + unit
	},
	"pct": func(n, of int) string {
		if of == 0 {
			return "—"
		}
		return fmt.Sprintf("%.0f%%", 100*float64(n)/float64(of))
	},
	"share": func(f float64) string { return fmt.Sprintf("%.0f%%", 100*f) },
	"f":     func(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) },
	"join":  strings.Join,
	"labels": func(ls []Label) string {
		return joinLabels(ls)
	},
	"topItems":   func(v []Coverage) []Coverage { return v[:min(itemsShown, len(v))] },
	"otherItems": func(v []Coverage) []Coverage { return v[min(itemsShown, len(v)):] },
	"listed":     func(v []Brief) []Brief { return v[:min(listMax, len(v))] },
	"unlisted":   func(v []Brief) int { return max(len(v)-listMax, 0) },
	"add":        func(a, b int) int { return a + b },
	"plus":       func(a, b float64) float64 { return a + b },
	"scale":      func(f, w float64) float64 { return f * w },
	"seq": func(s *int) string {
		if s == nil {
			return "—"
		}
		return fmt.Sprintf("第%d報", *s)
	},
	"affected": func(n *int64) string {
		if n == nil {
			return "—"
		}
		return groupDigits(*n)
	},
}

func daysText(d *int) string {
	if d == nil {
		return "—"
	}
	return strconv.Itoa(*d) + "日"
}

var (
	htmlTemplate = htmltemplate.Must(htmltemplate.New("report.html.tmpl").Funcs(funcs).
			ParseFS(templateFS, "templates/report.html.tmpl", "templates/incident.html.tmpl", "templates/set.html.tmpl", "templates/chart.html.tmpl"))
	markdownTemplate = texttemplate.Must(texttemplate.New("report.md.tmpl").Funcs(funcs).
				Funcs(texttemplate.FuncMap{"md": mdEscape, "cell": mdCell, "mdbar": mdBar}).
				ParseFS(templateFS, "templates/report.md.tmpl"))
	css = htmltemplate.CSS(mustRead("templates/report.css"))
)

func mustRead(name string) string {
	b, err := templateFS.ReadFile(name)
	if err != nil {
		panic(err) // embedded at build time; a missing file is a build defect
	}
	return string(b)
}

// htmlView is what the HTML template draws: the document, its stylesheet
// and its charts.
type htmlView struct {
	*Doc
	CSS                                    htmltemplate.CSS
	Causes, Years, DataTypes, Sizes, Delay barChart
	TimelineChart                          *timelineChart
}

// HTML writes the report as one self-contained HTML page: inline CSS and
// SVG, no script, nothing loaded from elsewhere.
func (d *Doc) HTML(w io.Writer) error {
	v := htmlView{Doc: d, CSS: css}
	if r := d.Incident; r != nil {
		if t, ok := newTimeline(r.Timeline, r.Exposure); ok {
			v.TimelineChart = &t
		}
	}
	if s := d.Set; s != nil {
		v.Causes = hbars("cause", "原因別の件数", s.ByCause)
		v.DataTypes = hbars("data_type", "情報の種類別の件数", s.ByDataType)
		v.Years = columns("year", "年別の件数", s.ByYear)
		v.Sizes = columns("affected", "対象件数の分布", s.Affected)
		v.Delay = columns("delay", "発覚から公表までの日数", s.Delay.Buckets)
	}
	if err := htmlTemplate.Execute(w, v); err != nil {
		return fmt.Errorf("report: html: %w", err)
	}
	return nil
}

// Markdown writes the report as Markdown. Text from notices is escaped so
// that a renderer shows it as text, never as markup or HTML.
func (d *Doc) Markdown(w io.Writer) error {
	if err := markdownTemplate.Execute(w, d); err != nil {
		return fmt.Errorf("report: markdown: %w", err)
	}
	return nil
}

// mdEscape backslash-escapes the ASCII punctuation that Markdown (and the
// HTML it may contain) would read as markup, and folds line breaks, so
// untrusted text stays one run of text. A leading list marker ("- ", "1. ")
// is escaped too: the text often follows a list item's own marker.
func mdEscape(s string) string {
	var b strings.Builder
	s = strings.TrimLeft(s, " \t\r\n")
	digits := len(s) - len(strings.TrimLeft(s, "0123456789"))
	switch {
	case strings.HasPrefix(s, "-"), strings.HasPrefix(s, "+"), strings.HasPrefix(s, "="):
		b.WriteByte('\\')
	case digits > 0 && len(s) > digits && s[digits] == '.':
		b.WriteString(s[:digits])
		b.WriteByte('\\')
		s = s[digits:]
	}
	for _, r := range s {
		switch r {
		case '\\', '`', '*', '_', '{', '}', '[', ']', '<', '>', '(', ')', '#', '!', '|', '~', '&', '$':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n', '\r', '\t':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mdCell is mdEscape for a table cell, where an empty cell would look
// like a missing value.
func mdCell(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return mdEscape(s)
}

// mdBar draws n of most as a bar of up to 20 blocks.
func mdBar(n, most int) string {
	if most <= 0 || n <= 0 {
		return ""
	}
	return strings.Repeat("█", max(1, n*20/most))
}
