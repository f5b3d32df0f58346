package noticegen

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// epoch is the earliest publication date generated.
var epoch = time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC)

// reiwa is the first day of the Reiwa era; earlier dates are Heisei.
var reiwa = time.Date(2019, 5, 1, 0, 0, 0, 0, time.UTC)

var weekdays = [...]string{"日", "月", "火", "水", "木", "金", "土"}

// A dateStyle is how one notice writes its dates.
type dateStyle struct {
	era     int  // 0 西暦, 1 和暦, 2 和暦(西暦), 3 西暦 with slashes in rows
	weekday int  // 0 none, 1 (金), 2 (金曜日)
	gan     bool // write 令和元年 rather than 令和1年
	clock   int  // 0 午前10時30分頃, 1 10時30分頃, 2 10:30頃
	pub     time.Time
	since   time.Time // the earliest date the notice writes
}

func newDateStyle(r *rand.Rand, pub, since time.Time) dateStyle {
	return dateStyle{era: pick(r, 55, 25, 10, 10), weekday: pick(r, 50, 30, 20), gan: r.IntN(2) == 0, clock: r.IntN(3), pub: pub, since: since}
}

// pick returns an index chosen with the given weights.
func pick(r *rand.Rand, weights ...int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := r.IntN(total)
	for k, w := range weights {
		if n < w {
			return k
		}
		n -= w
	}
	return len(weights) - 1
}

// year writes the year part of t: 2024年, 令和6年 or 令和6年(2024年).
func (s dateStyle) year(t time.Time) string {
	if s.era == 0 || s.era == 3 {
		return fmt.Sprintf("%d年", t.Year())
	}
	era, y := "令和", t.Year()-2018
	if t.Before(reiwa) {
		era, y = "平成", t.Year()-1988
	}
	ys := fmt.Sprint(y)
	if y == 1 && s.gan {
		ys = "元"
	}
	if s.era == 2 {
		return fmt.Sprintf("%s%s年(%d年)", era, ys, t.Year())
	}
	return fmt.Sprintf("%s%s年", era, ys)
}

// full writes a complete date, with the weekday when the style has one.
func (s dateStyle) full(t time.Time) string {
	return s.year(t) + s.monthDay(t)
}

// dateline writes the date a notice is dated with (never with slashes).
func (s dateStyle) dateline(t time.Time) string {
	if s.era == 3 {
		return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
	}
	return s.year(t) + fmt.Sprintf("%d月%d日", int(t.Month()), t.Day())
}

// row writes a date for a timeline row, in slashes for era 3.
func (s dateStyle) row(t time.Time, short bool) string {
	if s.era == 3 {
		if short {
			return fmt.Sprintf("%d/%d", int(t.Month()), t.Day()) + s.wd(t)
		}
		return fmt.Sprintf("%d/%02d/%02d", t.Year(), int(t.Month()), t.Day()) + s.wd(t)
	}
	if short {
		return s.monthDay(t)
	}
	return s.full(t)
}

func (s dateStyle) monthDay(t time.Time) string {
	return fmt.Sprintf("%d月%d日", int(t.Month()), t.Day()) + s.wd(t)
}

func (s dateStyle) wd(t time.Time) string {
	switch s.weekday {
	case 1:
		return "(" + weekdays[t.Weekday()] + ")"
	case 2:
		return "(" + weekdays[t.Weekday()] + "曜日)"
	}
	return ""
}

// short writes month and day only when the year is the dateline's year
// and the year the incident began, as notices do; otherwise the full date.
func (s dateStyle) short(t time.Time) string {
	if t.Year() == s.pub.Year() && t.Year() == s.since.Year() && !s.pub.IsZero() {
		return s.monthDay(t)
	}
	return s.full(t)
}

// clockTime writes a time of day from minutes after midnight.
func (s dateStyle) clockTime(min int) string {
	h, m := min/60, min%60
	switch s.clock {
	case 0:
		ampm := "午前"
		if h >= 12 {
			ampm, h = "午後", h-12
		}
		if m == 0 {
			return fmt.Sprintf("%s%d時頃", ampm, h)
		}
		return fmt.Sprintf("%s%d時%d分頃", ampm, h, m)
	case 1:
		if m == 0 {
			return fmt.Sprintf("%d時頃", h)
		}
		return fmt.Sprintf("%d時%d分頃", h, m)
	}
	return fmt.Sprintf("%d:%02d頃", h, m)
}

// iso writes t as YYYY-MM-DD, or "" for the zero time.
func iso(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// days returns t moved by n days.
func days(t time.Time, n int) time.Time { return t.AddDate(0, 0, n) }
