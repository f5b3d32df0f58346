package jpdate

// This file holds the kanji-unit grammar: [year 年] [month 月] [day 日],
// the era forms, and the references 同年, 同月, 同日 and 翌日.
//
// Every reader returns the mention (Start and End as rune indices), the
// index at which scanning resumes, and whether a mention was read. On
// failure next lies past everything the attempt consumed, so that the tail
// of a rejected form ("13月4日", "2月30日") is not read again as a date.

// Words that, right after a unit, turn a number into a duration, a count or
// a fiscal year instead of a date: 3日間, 10年以上, 4日後, 2024年度.
var (
	afterYearStop  = []string{"間", "以内", "以上", "以下", "未満", "度", "代", "目", "余", "程度", "ほど", "超", "ぶり", "版"}
	afterMonthStop = []string{"間", "以内", "以上", "以下", "未満", "目", "余", "程度", "ほど", "超", "ぶり"}
	afterDayStop   = []string{"間", "以内", "以上", "以下", "未満", "後", "前", "分", "程度", "ほど", "程",
		"目", "超", "弱", "余", "ぶり", "振り", "連続", "当たり", "あたり", "当り", "おき", "ごと", "毎", "も"}
)

// Runes before a bare "N日" that make it a count or a recurrence, not a
// date: 第3日, 毎月5日, 約3日, 各5日.
const beforeDayStop = "第月毎約各"

// yearNeeds says what must follow a year for the year to count.
type yearNeeds int

const (
	needNothing  yearNeeds = iota
	needMonth              // R5年10月 — R5年 alone is too likely a code
	needMonthDay           // 18年7月28日 — 18年 alone is a duration
)

// dateAt reads the mention, if any, that starts at rune index i.
func (s *scanner) dateAt(i int) (m Mention, next int, ok bool) {
	r := s.at(i)
	switch {
	case isDigit(r) || kanjiDigit(r) >= 0:
		return s.fromNumber(i)
	case r == '\'':
		return s.apostropheYear(i)
	case r == '同':
		return s.same(i)
	case r == '翌':
		return s.nextDay(i)
	case r == 'R' || r == 'H' || r == 'S':
		return s.eraAbbrev(i)
	}
	for _, e := range eras {
		switch {
		case r == e.square:
			return s.eraYear(i, i+1, e)
		case r == e.name[0] && s.at(i+1) == e.name[1]:
			return s.eraYear(i, i+2, e)
		}
	}
	return Mention{}, i + 1, false
}

// fromNumber reads a mention that starts with a numeral.
func (s *scanner) fromNumber(i int) (Mention, int, bool) {
	n, _ := s.number(i)
	j := n.end
	switch s.at(j) {
	case '年':
		if s.at(j+1) == '度' || s.afterDigitSep(i, ",") {
			return Mention{}, j + 1, false
		}
		switch {
		case (n.kanji || n.n == 4) && minYear <= n.val && n.val <= maxYear:
			return s.afterYear(i, j+1, n.val, true, needNothing)
		case !n.kanji && n.n == 2:
			return s.afterYear(i, j+1, shortYear(n.val), true, needMonthDay)
		}
		return Mention{}, j + 1, false
	case '月':
		if s.afterDigitSep(i, ".,:/") {
			return Mention{}, j + 1, false
		}
		return s.afterMonth(i, n, s.inferYear(), false, needNothing)
	case '日':
		return s.dayOnly(i, n)
	case '/', '.', '-':
		if !n.kanji {
			return s.numeric(i, n)
		}
	}
	return Mention{}, j, false
}

// afterYear continues after the 年 of a year that starts at start and whose
// 年 ends at j.
func (s *scanner) afterYear(start, j, year int, stated bool, needs yearNeeds) (Mention, int, bool) {
	k := s.skipSpace(j)
	if mn, ok := s.number(k); ok && s.at(mn.end) == '月' {
		// If the month or day is invalid (2024年13月, 2024年2月30日) the
		// whole form is rejected, not shortened to the year.
		return s.afterMonth(start, mn, year, stated, needs)
	}
	if needs != needNothing || s.matchAny(j, afterYearStop) >= 0 {
		return Mention{}, j, false
	}
	return Mention{Date: Date{Year: year}, Start: start, End: j, YearStated: stated}, j, true
}

// afterMonth continues with the month numeral mn (followed by 月) of a date
// that starts at start in the given year.
func (s *scanner) afterMonth(start int, mn number, year int, yearStated bool, needs yearNeeds) (Mention, int, bool) {
	month := small(mn)
	p := mn.end + 1 // after 月
	if month < 1 || month > 12 {
		return Mention{}, p, false
	}
	k := s.skipSpace(p)
	if dn, ok := s.number(k); ok && s.at(dn.end) == '日' {
		e := dn.end + 1
		day := small(dn)
		if !valid(year, month, day) || day == 0 {
			return Mention{}, e, false
		}
		m := Mention{Date: Date{year, month, day}, Start: start, YearStated: yearStated, MonthStated: true}
		m.End = s.annotate(&m, e)
		return m, m.End, true
	}
	if needs == needMonthDay || s.matchAny(p, afterMonthStop) >= 0 {
		return Mention{}, p, false
	}
	m := Mention{Date: Date{Year: year, Month: month}, Start: start, End: p, YearStated: yearStated, MonthStated: true}
	return m, p, true
}

// dayOnly reads "N日" with no month before it: 4日, 12日朝, 〜30日.
func (s *scanner) dayOnly(i int, n number) (Mention, int, bool) {
	e := n.end + 1
	day := small(n)
	switch {
	case day < 1 || day > 31,
		// A lone kanji digit before 日 is almost always a word: 一日も早く.
		n.kanji && n.n == 1 && day < 10,
		containsRune(beforeDayStop, s.at(i-1)),
		s.afterDigitSep(i, ".,:/"),
		s.matchAny(e, afterDayStop) >= 0:
		return Mention{}, e, false
	}
	d := Date{s.inferYear(), s.inferMonth(), day}
	if d.Month == 0 || !valid(d.Year, d.Month, d.Day) {
		return Mention{}, e, false
	}
	m := Mention{Date: d, Start: i}
	m.End = s.annotate(&m, e)
	return m, m.End, true
}

// eraYear reads 令和5年, 令和元年, 平成 三十一 年: the era name ends at j.
func (s *scanner) eraYear(i, j int, e era) (Mention, int, bool) {
	k := s.skipSpace(j)
	n, end := 1, k+1
	if s.at(k) != '元' {
		num, ok := s.number(k)
		if !ok {
			return Mention{}, j, false
		}
		n, end = small(num), num.end
	}
	y := s.skipSpace(end)
	if s.at(y) != '年' || s.at(y+1) == '度' {
		return Mention{}, end, false
	}
	if n < 1 {
		// 令和0年1月1日: skip the month and day too, lest they be read
		// as a date of their own.
		_, next, _ := s.afterYear(i, y+1, 2000, false, needNothing)
		return Mention{}, next, false
	}
	return s.afterYear(i, y+1, e.offset+n, true, needNothing)
}

// apostropheYear reads '18年 (or ’18年), the news style for 2018年.
func (s *scanner) apostropheYear(i int) (Mention, int, bool) {
	n, ok := s.number(i + 1)
	if !ok || n.kanji || n.n != 2 || s.at(n.end) != '年' || s.at(n.end+1) == '度' {
		return Mention{}, i + 1, false
	}
	return s.afterYear(i, n.end+1, shortYear(n.val), true, needNothing)
}

// same reads the references 同年 (with a month), 同月 (with a day) and 同日,
// which take their year, month and day from the previous mention.
func (s *scanner) same(i int) (Mention, int, bool) {
	p := s.last()
	switch s.at(i + 1) {
	case '年':
		if p == nil || p.Date.Year == 0 || s.at(i+2) == '度' {
			return Mention{}, i + 2, false
		}
		k := s.skipSpace(i + 2)
		if s.match(k, "同月") >= 0 {
			return s.sameMonth(i, k+2, p)
		}
		return s.afterYear(i, i+2, p.Date.Year, false, needMonth)
	case '月':
		return s.sameMonth(i, i+2, p)
	case '日':
		if p == nil || p.Date.Day == 0 {
			return Mention{}, i + 2, false
		}
		m := Mention{Date: p.Date, Start: i}
		m.End = s.annotate(&m, i+2)
		return m, m.End, true
	}
	return Mention{}, i + 1, false
}

// sameMonth reads the day after 同月, which ends at j.
func (s *scanner) sameMonth(i, j int, p *Mention) (Mention, int, bool) {
	if p == nil || p.Date.Month == 0 {
		return Mention{}, j, false
	}
	k := s.skipSpace(j)
	dn, ok := s.number(k)
	if !ok || s.at(dn.end) != '日' {
		return Mention{}, j, false
	}
	e := dn.end + 1
	d := Date{p.Date.Year, p.Date.Month, small(dn)}
	if d.Day < 1 || !valid(d.Year, d.Month, d.Day) || s.matchAny(e, afterDayStop) >= 0 {
		return Mention{}, e, false
	}
	m := Mention{Date: d, Start: i}
	m.End = s.annotate(&m, e)
	return m, m.End, true
}

// nextDay reads 翌日, the day after the previous mention.
func (s *scanner) nextDay(i int) (Mention, int, bool) {
	p := s.last()
	if s.at(i+1) != '日' || p == nil || !p.Date.Complete() {
		return Mention{}, i + 1, false
	}
	m := Mention{Date: nextDay(p.Date), Start: i}
	m.End = s.annotate(&m, i+2)
	return m, m.End, true
}

func containsRune(set string, r rune) bool {
	for _, c := range set {
		if c == r {
			return true
		}
	}
	return false
}
