package jpdate

import (
	"fmt"
	"time"
)

// Date is a calendar date. Month or Day may be 0 when the text does not give them.
type Date struct{ Year, Month, Day int }

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Complete reports whether Year, Month and Day are all set.
func (d Date) Complete() bool { return d.Year > 0 && d.Month > 0 && d.Day > 0 }

// String formats d as "2024-02-15", or "2024-02" without a day and "2024"
// without a month. A date whose year is unknown is written in the ISO 8601
// truncated form "--02-15" (or "--02"). The zero Date formats as "".
func (d Date) String() string {
	switch {
	case d.IsZero():
		return ""
	case d.Year == 0 && d.Day == 0:
		return fmt.Sprintf("--%02d", d.Month)
	case d.Year == 0:
		return fmt.Sprintf("--%02d-%02d", d.Month, d.Day)
	case d.Month == 0:
		return fmt.Sprintf("%04d", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Before reports whether d comes before o, comparing year, then month, then
// day. A missing month or day (0) sorts before every given one, so
// 2024 is before 2024-01 and 2024-01 is before 2024-01-01.
func (d Date) Before(o Date) bool {
	if d.Year != o.Year {
		return d.Year < o.Year
	}
	if d.Month != o.Month {
		return d.Month < o.Month
	}
	return d.Day < o.Day
}

// valid reports whether month m and day d (d may be 0) exist in year y.
// The check is a round trip through time.Date, which normalizes 2月30日
// to March; a changed month or day means the date does not exist.
func valid(y, m, d int) bool {
	if m < 1 || m > 12 || d < 0 || d > 31 {
		return false
	}
	if d == 0 {
		return true
	}
	if y == 0 {
		// Year unknown: judge against a leap year so that 2月29日 survives.
		y = 2000
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d && int(t.Month()) == m
}

// nextDay returns the day after the complete date d.
func nextDay(d Date) Date {
	t := time.Date(d.Year, time.Month(d.Month), d.Day+1, 0, 0, 0, 0, time.UTC)
	return Date{t.Year(), int(t.Month()), t.Day()}
}

// Western years outside this range are read as counts ("3000年分"), not years.
const minYear, maxYear = 1900, 2100

// shortYear expands a two-digit year the way news text intends it:
// '18 is 2018, '98 is 1998.
func shortYear(n int) int {
	if n <= 50 {
		return 2000 + n
	}
	return 1900 + n
}

// era is one Japanese era name. Year n of the era is offset+n.
type era struct {
	name   [2]rune // 令和
	square rune    // the one-rune ligature, ㋿
	abbr   rune    // the Latin abbreviation used in R5.10.12, or 0
	offset int
}

// eras lists the modern eras. Taishō and Meiji have no abbreviation: T and M
// are too common in part numbers and the like to be read as eras.
var eras = [...]era{
	{[2]rune{'令', '和'}, '㋿', 'R', 2018},
	{[2]rune{'平', '成'}, '㍻', 'H', 1988},
	{[2]rune{'昭', '和'}, '㍼', 'S', 1925},
	{[2]rune{'大', '正'}, '㍽', 0, 1911},
	{[2]rune{'明', '治'}, '㍾', 0, 1867},
}
