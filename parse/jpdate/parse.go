package jpdate

import (
	"fmt"
	"strings"
)

// Parse reads one date written alone ("令和5年10月12日", "2024/2/15", "二〇二三年一月五日(木)").
// Surrounding blanks, a weekday and a time of day are allowed; anything else
// is an error. A date written without a year ("2月15日") is returned with
// Year 0. Year-only and year-month forms ("平成28年", "2024年2月") are
// returned with the missing parts 0.
func Parse(s string) (Date, error) {
	t := strings.TrimSpace(s)
	sc := newScanner(t, Date{})
	if len(sc.rs) > 0 && candidate(sc.rs[0]) {
		if m, _, ok := sc.dateAt(0); ok && m.End == len(sc.rs) {
			return m.Date, nil
		}
	}
	return Date{}, fmt.Errorf("jpdate: cannot parse %q as a date", s)
}
