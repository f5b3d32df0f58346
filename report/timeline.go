package report

import (
	"fmt"
	"time"

	"github.com/incidex/incidex/corpus"
)

// timelineChart is one incident's events on a date axis, labels stacked in
// lanes so that they do not overlap, with the exposure period as a band.
type timelineChart struct {
	Width, Height  float64
	AxisY          float64
	AxisX0, AxisX1 float64
	Ticks          []tick
	Marks          []mark
	Band           *band
}

type tick struct {
	X     float64
	Label string
}

// mark is an event: a dot on the axis, a leader line up to its label.
type mark struct {
	X, LabelX, LabelY, LeaderY float64
	Kind, Label, Date          string
}

type band struct {
	X, W, LabelY float64
	Label        string
}

const (
	timelineWidth = 900.0
	laneHeight    = 34.0
	maxLanes      = 8 // beyond, labels share the top lane
	labelGap      = 8.0
)

// newTimeline lays out the events (and exposure, which may be nil) of an
// incident; false when there is nothing dated to draw.
func newTimeline(events []Event, exposure *corpus.Period) (timelineChart, bool) {
	var days []float64
	for _, e := range events {
		days = append(days, dayOf(e.Date))
	}
	hasBand := exposure != nil && !exposure.From.IsZero() && !exposure.To.IsZero()
	if hasBand {
		days = append(days, dayOf(exposure.From), dayOf(exposure.To))
	}
	if len(days) == 0 {
		return timelineChart{}, false
	}
	lo, hi := days[0], days[0]
	for _, d := range days {
		lo, hi = min(lo, d), max(hi, d)
	}
	if span := hi - lo; span < 14 {
		lo, hi = lo-(14-span)/2, hi+(14-span)/2
	}
	pad := (hi - lo) * 0.04
	lo, hi = lo-pad, hi+pad
	t := timelineChart{Width: timelineWidth, AxisX0: chartMargin, AxisX1: timelineWidth - chartMargin}
	x := func(d float64) float64 { return t.AxisX0 + (d-lo)/(hi-lo)*(t.AxisX1-t.AxisX0) }

	// Greedy lanes: each label takes the lowest lane whose last label
	// ends before it starts.
	var laneEnd []float64
	type placed struct {
		mark
		lane int
	}
	var ps []placed
	for _, e := range events {
		px := x(dayOf(e.Date))
		date := e.Date.String()
		w := max(textWidth(e.Label, fontSize), textWidth(date, fontSize))
		lx := min(max(px, t.AxisX0+w/2), t.AxisX1-w/2)
		lane := 0
		for lane < len(laneEnd) && laneEnd[lane] > lx-w/2-labelGap && lane < maxLanes-1 {
			lane++
		}
		if lane == len(laneEnd) {
			laneEnd = append(laneEnd, 0)
		}
		laneEnd[lane] = lx + w/2
		ps = append(ps, placed{mark{X: px, LabelX: lx, Kind: e.Kind, Label: e.Label, Date: date}, lane})
	}
	t.AxisY = chartMargin + float64(len(laneEnd))*laneHeight + 16
	for _, p := range ps {
		top := t.AxisY - 16 - float64(p.lane+1)*laneHeight
		p.LabelY = top + fontSize + 2
		p.LeaderY = top + laneHeight - 6
		t.Marks = append(t.Marks, p.mark)
	}
	t.Ticks = ticks(lo, hi, x)
	t.Height = t.AxisY + 24
	if hasBand {
		x0, x1 := x(dayOf(exposure.From)), x(dayOf(exposure.To))
		t.Band = &band{X: x0, W: max(x1-x0, 2), LabelY: t.AxisY + 44,
			Label: "対象期間 " + exposure.From.String() + " 〜 " + exposure.To.String()}
		t.Height = t.AxisY + 52
	}
	return t, true
}

// dayOf is a date as days since the Unix epoch; a missing month or day is
// the first.
func dayOf(d corpus.Date) float64 {
	return float64(time.Date(d.Year, time.Month(max(d.Month, 1)), max(d.Day, 1), 0, 0, 0, 0, time.UTC).Unix()) / 86400
}

// ticks marks weeks, months or years, whichever fits, every label at
// least minTickGap apart.
func ticks(lo, hi float64, x func(float64) float64) []tick {
	const minTickGap = 64.0
	start := time.Unix(int64(lo*86400), 0).UTC()
	end := time.Unix(int64(hi*86400), 0).UTC()
	var next func(time.Time) time.Time
	var label func(time.Time) string
	t := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, time.UTC)
	switch span := hi - lo; {
	case span <= 70:
		next = func(t time.Time) time.Time { return t.AddDate(0, 0, 7) }
		label = func(t time.Time) string { return fmt.Sprintf("%d/%d", t.Month(), t.Day()) }
	case span <= 3*365:
		t = time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, time.UTC)
		next = func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }
		label = func(t time.Time) string { return fmt.Sprintf("%d/%d", t.Year(), t.Month()) }
	default:
		t = time.Date(start.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
		next = func(t time.Time) time.Time { return t.AddDate(1, 0, 0) }
		label = func(t time.Time) string { return fmt.Sprint(t.Year()) }
	}
	var out []tick
	last := -minTickGap
	for ; !t.After(end); t = next(t) {
		if t.Before(start) {
			continue
		}
		px := x(float64(t.Unix()) / 86400)
		if px-last >= minTickGap {
			out = append(out, tick{X: px, Label: label(t)})
			last = px
		}
	}
	return out
}
