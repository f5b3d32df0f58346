package report

import (
	"strconv"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// Charts are laid out here, in SVG user units, and drawn by the HTML
// template, so that every label goes through html/template's escaping
// like the rest of the page.

// barChart is a bar chart: horizontal bars with labels on the left (for
// long labels such as causes), or columns with labels below.
type barChart struct {
	Name          string // what it counts; the svg's data-chart attribute
	Title         string // the accessible name
	Horizontal    bool
	Width, Height float64
	Bars          []bar
}

// bar is one bar and where its label and value go.
type bar struct {
	Label, Value string
	Tip          string // the full label and value, shown on hover
	X, Y, W, H   float64
	LX, LY       float64 // label anchor
	VX, VY       float64 // value anchor
}

// Chart metrics, in user units (CSS pixels at 100%).
const (
	chartWidth  = 720.0
	fontSize    = 12.0
	rowHeight   = 22.0
	barHeight   = 14.0
	columnMin   = 40.0
	columnMax   = 72.0
	columnArea  = 160.0 // height of the tallest column
	chartMargin = 8.0
)

// textWidth estimates how wide s is drawn at size: East Asian wide runes
// take a full em, others about half.
func textWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			w += size
		default:
			w += 0.6 * size
		}
	}
	return w
}

// hbars lays out counts as horizontal bars, in the order given.
func hbars(name, title string, counts []Count) barChart {
	labelW := 0.0
	for _, c := range counts {
		labelW = max(labelW, textWidth(c.Label, fontSize))
	}
	labelW = min(labelW, chartWidth/2) + chartMargin
	most := maxIncidents(counts)
	room := chartWidth - labelW - 2*chartMargin - textWidth("0000件", fontSize)
	ch := barChart{Name: name, Title: title, Horizontal: true, Width: chartWidth, Height: float64(len(counts))*rowHeight + 2*chartMargin}
	for i, c := range counts {
		y := chartMargin + float64(i)*rowHeight
		w := room * float64(c.Incidents) / float64(most)
		ch.Bars = append(ch.Bars, bar{
			Label: truncate(c.Label, chartWidth/2), Value: strconv.Itoa(c.Incidents) + "件", Tip: tip(c),
			X: labelW + chartMargin, Y: y + (rowHeight-barHeight)/2, W: w, H: barHeight,
			LX: labelW, LY: y + rowHeight/2 + fontSize/3,
			VX: labelW + chartMargin + w + 4, VY: y + rowHeight/2 + fontSize/3,
		})
	}
	return ch
}

// columns lays out counts as vertical columns, in the order given.
func columns(name, title string, counts []Count) barChart {
	n := float64(max(len(counts), 1))
	colW := min(max((chartWidth-2*chartMargin)/n, columnMin), columnMax)
	top := 2 * fontSize // room for the value over the tallest column
	base := top + columnArea
	ch := barChart{Name: name, Title: title, Width: n*colW + 2*chartMargin, Height: base + 2.5*fontSize}
	most := maxIncidents(counts)
	for i, c := range counts {
		x := chartMargin + float64(i)*colW
		h := columnArea * float64(c.Incidents) / float64(most)
		ch.Bars = append(ch.Bars, bar{
			Label: truncate(c.Label, colW-4), Value: strconv.Itoa(c.Incidents), Tip: tip(c),
			X: x + colW*0.15, Y: base - h, W: colW * 0.7, H: h,
			LX: x + colW/2, LY: base + 1.5*fontSize,
			VX: x + colW/2, VY: base - h - 4,
		})
	}
	return ch
}

func tip(c Count) string { return c.Label + ": " + strconv.Itoa(c.Incidents) + "件" }

func maxIncidents(counts []Count) int {
	most := 1 // an empty or all-zero chart draws no bars, not NaN
	for _, c := range counts {
		most = max(most, c.Incidents)
	}
	return most
}

// truncate shortens s to fit w at the chart's font size, with an ellipsis.
func truncate(s string, w float64) string {
	if textWidth(s, fontSize) <= w {
		return s
	}
	for s != "" && textWidth(s+"…", fontSize) > w {
		_, n := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-n]
	}
	return s + "…"
}
