package checklist

import (
	"time"

	"github.com/incidex/incidex/corpus"
)

// timeline dates the incident by the earliest date known to be at or
// before its start: the start of the exposure period or an occurred event,
// else the discovery, else the first publication, else when a report of it
// was first stored (VERIS requires at least the year). The time to
// discovery is counted only from an occurrence date, and the time to
// containment from the discovery, both when the days are known.
func timeline(c *corpus.Case) VERISTimeline {
	in := &c.Current
	var occurred corpus.Date
	if in.Exposure != nil {
		occurred = in.Exposure.From
	}
	occurred = earliestOf(occurred, eventDates(in.Timeline, corpus.EventOccurred)...)
	disc := earliestOf(in.Discovered, eventDates(in.Timeline, corpus.EventDiscovered)...)
	t := VERISTimeline{Discovery: &VERISDuration{Unit: "Unknown"}}
	pub, published := notification(c)
	switch {
	case inRange(occurred):
		t.Incident = verisDate(occurred)
		if n, ok := daysBetween(occurred, disc); ok {
			t.Discovery = &VERISDuration{Unit: "Days", Value: &n}
		}
	case inRange(disc):
		t.Incident = verisDate(disc)
	case published:
		t.Incident = pub
	default:
		t.Incident = VERISDate{Year: firstStored(c).Year()}
	}
	contained := earliestOf(corpus.Date{}, eventDates(in.Timeline, corpus.EventContained)...)
	if n, ok := daysBetween(disc, contained); ok {
		t.Containment = &VERISDuration{Unit: "Days", Value: &n}
	}
	return t
}

// notification returns the date the incident was first made public: the
// earliest publication date of any report of the case.
func notification(c *corpus.Case) (VERISDate, bool) {
	in := &c.Current
	d := earliestOf(in.Published, eventDates(in.Timeline, corpus.EventPublished)...)
	for _, v := range c.Versions {
		d = earliestOf(d, v.Incident.Published)
		d = earliestOf(d, eventDates(v.Incident.Timeline, corpus.EventPublished)...)
	}
	if !inRange(d) {
		return VERISDate{}, false
	}
	return verisDate(d), true
}

// firstStored is when a report of the case was first ingested; a case
// that was never stored dates from now.
func firstStored(c *corpus.Case) time.Time {
	var first time.Time
	for _, v := range c.Versions {
		if first.IsZero() || v.IngestedAt.Before(first) {
			first = v.IngestedAt
		}
	}
	if first.IsZero() {
		return time.Now()
	}
	return first
}

func eventDates(tl []corpus.Event, kind corpus.EventKind) []corpus.Date {
	var out []corpus.Date
	for _, e := range tl {
		if e.Kind == kind {
			out = append(out, e.Date)
		}
	}
	return out
}

// earliestOf returns the earliest known date. Of two dates where one only
// narrows the other (2024-05 and 2024-05-10) it keeps the more precise.
func earliestOf(d corpus.Date, more ...corpus.Date) corpus.Date {
	for _, o := range more {
		switch {
		case o.IsZero():
		case d.IsZero():
			d = o
		case narrows(o, d):
			d = o
		case narrows(d, o):
		case o.Before(d):
			d = o
		}
	}
	return d
}

// narrows reports whether a is b with more parts known.
func narrows(a, b corpus.Date) bool {
	if a.Year != b.Year {
		return false
	}
	if b.Month == 0 {
		return a.Month != 0
	}
	return a.Month == b.Month && b.Day == 0 && a.Day != 0
}

// inRange reports whether the date is known and within what VERIS accepts
// (1950–2050); an extracted year outside it is a misreading.
func inRange(d corpus.Date) bool { return d.Year >= 1950 && d.Year <= 2050 }

func verisDate(d corpus.Date) VERISDate { return VERISDate{Year: d.Year, Month: d.Month, Day: d.Day} }

// daysBetween returns the whole days from a to b when both are full dates
// and b is not before a.
func daysBetween(a, b corpus.Date) (int, bool) {
	ta, okA := toTime(a)
	tb, okB := toTime(b)
	if !okA || !okB || tb.Before(ta) || !inRange(a) || !inRange(b) {
		return 0, false
	}
	return int(tb.Sub(ta).Hours() / 24), true
}
