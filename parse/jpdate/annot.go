package jpdate

// This file reads what may follow a date: a weekday, a time of day, and a
// range connector.

// Words after a time that only qualify it: 13時頃, 13時30分過ぎ.
var clockSuffix = []string{"頃", "ごろ", "ころ", "過ぎ", "すぎ", "前後"}

// annotate extends a date that ends at j over a weekday and a time of day,
// recording the time in m, and returns the new end.
func (s *scanner) annotate(m *Mention, j int) int {
	if k, ok := s.weekday(s.skipSpace(j)); ok {
		j = k
	}
	if h, mi, k, ok := s.clock(s.skipSpace(j)); ok {
		m.Hour, m.Minute, m.HasTime = h, mi, true
		j = k
	}
	return j
}

// maxWeekday bounds the runes inside the parentheses: (木・祝), (木曜日).
const maxWeekday = 6

// weekday reads a parenthesized weekday at i and returns the index after it.
func (s *scanner) weekday(i int) (int, bool) {
	if s.at(i) != '(' {
		return i, false
	}
	day := false
	for j := i + 1; j <= i+maxWeekday+1; j++ {
		switch s.at(j) {
		case ')':
			return j + 1, day
		case '日', '月', '火', '水', '木', '金', '土', '祝', '休':
			day = true
		case '曜', '・', ',', '、', ' ':
		default:
			return i, false
		}
	}
	return i, false
}

// clock reads a time of day at i: 13時30分, 13時半, 13:30, 13:30:00,
// 午前10時, 午後1時頃. 時 followed by 間 is a duration (3時間), not a time.
func (s *scanner) clock(i int) (hour, minute, end int, ok bool) {
	p, pm := i, false
	if j := s.match(p, "午前"); j >= 0 {
		p = s.skipSpace(j)
	} else if j := s.match(p, "午後"); j >= 0 {
		p, pm = s.skipSpace(j), true
	}
	hn, isNum := s.number(p)
	if !isNum {
		return 0, 0, 0, false
	}
	hour, e := small(hn), hn.end
	switch s.at(e) {
	case '時':
		if s.at(e+1) == '間' {
			return 0, 0, 0, false
		}
		e++
		if mn, isNum := s.number(e); isNum && s.at(mn.end) == '分' {
			minute, e = small(mn), mn.end+1
		} else if s.at(e) == '半' {
			minute, e = 30, e+1
		}
	case ':':
		mn, isNum := s.number(e + 1)
		if hn.kanji || !isNum || mn.kanji || mn.n != 2 {
			return 0, 0, 0, false
		}
		minute, e = mn.val, mn.end
		if sn, isNum := s.number(e + 1); s.at(e) == ':' && isNum && !sn.kanji && sn.n == 2 && sn.val < 60 {
			e = sn.end
		}
	default:
		return 0, 0, 0, false
	}
	if j := s.matchAny(e, clockSuffix); j >= 0 {
		e = j
	}
	if pm && hour >= 0 && hour < 12 {
		hour += 12
	}
	if hour < 0 || hour > 23 || minute < 0 || minute > 59 {
		return 0, 0, 0, false
	}
	return hour, minute, e, true
}

// rangeStart returns the index at which a mention would end a range begun
// by the mention that ends at j, or -1 if no range connector follows.
// The ー (prolonged sound mark) is included because notices typed on
// Japanese IMEs often use it as a dash.
func (s *scanner) rangeStart(j int) int {
	k := s.skipSpace(j)
	switch s.at(k) {
	case '~', '-', 'ー', '至':
		return s.skipSpace(k + 1)
	}
	if e := s.match(k, "から"); e >= 0 {
		return s.skipSpace(e)
	}
	return -1
}
