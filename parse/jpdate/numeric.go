package jpdate

// This file holds the separator grammar: 2024/2/15, 2024.2.15, 2024-02-15,
// the era abbreviations R5.10.12 and H30年1月5日, and 2/15(木).

// numeric reads a date whose parts are joined by '/', '.' or '-'. Such
// numbers are everywhere in notices (phone numbers, versions, section
// numbers), so the form is accepted only with a plausible four-digit year,
// or, for a bare month/day, when a weekday follows to vouch for it.
func (s *scanner) numeric(i int, n number) (Mention, int, bool) {
	sep := s.at(n.end)
	if isASCIILetter(s.at(i-1)) || s.afterDigitSep(i, "./-:,") {
		return Mention{}, n.end, false
	}
	switch {
	case n.n == 4 && minYear <= n.val && n.val <= maxYear:
		return s.ymd(i, n.end, n.val, sep)
	case n.n <= 2 && sep == '/':
		return s.slashMonthDay(i, n)
	}
	return Mention{}, n.end, false
}

// ymd reads "M<sep>D" after the year that starts at start; sep is at j.
func (s *scanner) ymd(start, j, year int, sep rune) (Mention, int, bool) {
	month, day, e, ok := s.sepMonthDay(j, sep)
	if !ok {
		return Mention{}, j + 1, false
	}
	if day < 1 || !valid(year, month, day) {
		return Mention{}, e, false
	}
	m := Mention{Date: Date{year, month, day}, Start: start, YearStated: true, MonthStated: true}
	m.End = s.annotate(&m, e)
	return m, m.End, true
}

// sepMonthDay reads "<sep>M<sep>D" with sep at j, both parts one or two
// ASCII digits. A further "<sep>digit" makes the whole a version number or
// an address (1.2.3.4), not a date.
func (s *scanner) sepMonthDay(j int, sep rune) (month, day, end int, ok bool) {
	mn, isNum := s.number(j + 1)
	if !isNum || mn.kanji || mn.n > 2 || s.at(mn.end) != sep {
		return 0, 0, 0, false
	}
	dn, isNum := s.number(mn.end + 1)
	if !isNum || dn.kanji || dn.n > 2 {
		return 0, 0, 0, false
	}
	e := dn.end
	if (s.at(e) == sep || s.at(e) == '.') && isDigit(s.at(e+1)) {
		return 0, 0, 0, false
	}
	return mn.val, dn.val, e, true
}

// slashMonthDay reads 2/15(木). Without the weekday, "1/3" is as likely a
// fraction as a date, so the weekday is required.
func (s *scanner) slashMonthDay(i int, mn number) (Mention, int, bool) {
	dn, isNum := s.number(mn.end + 1)
	if !isNum || dn.kanji || dn.n > 2 {
		return Mention{}, mn.end, false
	}
	e := dn.end
	if s.at(e) == '/' && isDigit(s.at(e+1)) {
		return Mention{}, e, false
	}
	if _, ok := s.weekday(s.skipSpace(e)); !ok {
		return Mention{}, e, false
	}
	d := Date{s.inferYear(), mn.val, dn.val}
	if d.Day < 1 || !valid(d.Year, d.Month, d.Day) {
		return Mention{}, e, false
	}
	m := Mention{Date: d, Start: i, MonthStated: true}
	m.End = s.annotate(&m, e)
	return m, m.End, true
}

// eraAbbrev reads R5.10.12, H30/1/5 and R5年10月12日. The letter must not
// continue a word (VER5.1.2, WS5.1.2), and the year must be followed by a
// month: a bare "R5" is more often a code than a year.
func (s *scanner) eraAbbrev(i int) (Mention, int, bool) {
	var e era
	for _, c := range eras {
		if c.abbr == s.at(i) {
			e = c
		}
	}
	if r := s.at(i - 1); e.abbr == 0 || isASCIILetter(r) || isDigit(r) {
		return Mention{}, i + 1, false
	}
	n, ok := s.number(i + 1)
	if !ok || n.kanji || n.n > 2 || n.val < 1 {
		return Mention{}, i + 1, false
	}
	y := e.offset + n.val
	switch sep := s.at(n.end); sep {
	case '年':
		if s.at(n.end+1) == '度' {
			return Mention{}, n.end + 1, false
		}
		return s.afterYear(i, n.end+1, y, true, needMonth)
	case '.', '/':
		return s.ymd(i, n.end, y, sep)
	}
	return Mention{}, n.end, false
}
