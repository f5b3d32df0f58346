package jpdate

// Mention is one date written in a text.
type Mention struct {
	Date         Date
	Start, End   int  // byte offsets of the whole written form in the text (text[Start:End])
	YearStated   bool // the year was written (西暦 or 和暦), not inferred
	MonthStated  bool
	Hour, Minute int
	HasTime      bool // a time like 13時30分, 13:30, 午後1時 followed the date
	RangeEnd     bool // this mention ends a range whose start is the previous mention (〜 ～ ~ － - から…まで 至)
}

// Find returns every date mention in text, in order. Dates without a year take
// the year of the nearest earlier mention whose year was stated, else ref.Year
// (ref may be zero: then such dates keep Year 0 and are still returned).
// Day-only mentions ("4日", "12日朝", "同月5日") take month and year the same way;
// a month without a day ("2022年12月") is returned with Day 0.
//
// The month of a day-only mention is that of the nearest earlier mention
// whose month was stated, else ref.Month; without either it is not a date.
//
// Years never roll over: "2023年12月28日 … 1月5日" gives 2023-01-05, because
// guessing at the writer's intent is less useful than a predictable rule.
func Find(text string, ref Date) []Mention {
	s := newScanner(text, ref)
	for i := 0; i < len(s.rs); {
		if !candidate(s.rs[i]) {
			i++
			continue
		}
		m, next, ok := s.dateAt(i)
		if ok {
			s.emit(m)
		}
		i = max(next, i+1)
	}
	return s.out
}

// scanner holds the state of one Find call. Its fields are rune indices into
// rs until emit converts a mention's span to byte offsets.
type scanner struct {
	rs  []rune // width-folded text
	off []int  // off[i] is the byte offset of rs[i]; off[len(rs)] == len(text)
	ref Date
	out []Mention

	year, month int // from the nearest mention that stated them, or 0
	rangeAt     int // rune index at which a mention would end a range, or -1
}

func newScanner(text string, ref Date) *scanner {
	rs, off := normalize(text)
	return &scanner{rs: rs, off: off, ref: ref, rangeAt: -1}
}

// emit records m, whose Start and End are rune indices, and updates the
// context that later mentions without a year or month draw on.
func (s *scanner) emit(m Mention) {
	if m.Start == s.rangeAt && len(s.out) > 0 {
		m.RangeEnd = true
	}
	if m.YearStated {
		s.year = m.Date.Year
	}
	if m.MonthStated {
		s.month = m.Date.Month
	}
	s.rangeAt = s.rangeStart(m.End)
	m.Start, m.End = s.off[m.Start], s.off[m.End]
	s.out = append(s.out, m)
}

// inferYear is the year for a mention that does not state one.
func (s *scanner) inferYear() int {
	if s.year != 0 {
		return s.year
	}
	return s.ref.Year
}

// inferMonth is the month for a day-only mention.
func (s *scanner) inferMonth() int {
	if s.month != 0 {
		return s.month
	}
	return s.ref.Month
}

// last returns the previous mention, or nil.
func (s *scanner) last() *Mention {
	if len(s.out) == 0 {
		return nil
	}
	return &s.out[len(s.out)-1]
}

// candidate reports whether a mention can start with r. It keeps the scan
// cheap: most runes of a notice are rejected here with one switch.
func candidate(r rune) bool {
	switch r {
	case '\'', '同', '翌', 'R', 'H', 'S',
		'令', '平', '昭', '大', '明', '㋿', '㍻', '㍼', '㍽', '㍾':
		return true
	}
	return isDigit(r) || kanjiDigit(r) >= 0
}

// at returns the rune at index i, or 0 outside the text, so that the
// grammar can look ahead and behind without bounds checks of its own.
func (s *scanner) at(i int) rune {
	if i < 0 || i >= len(s.rs) {
		return 0
	}
	return s.rs[i]
}

// maxSpace bounds the blanks allowed between the parts of one date
// ("令和 5年 10月 12日"); more than that and the parts are not one date.
const maxSpace = 3

// skipSpace returns the index after at most maxSpace blanks at i.
func (s *scanner) skipSpace(i int) int {
	for n := 0; n < maxSpace && (s.at(i) == ' ' || s.at(i) == '\t'); n++ {
		i++
	}
	return i
}

// match returns the index after w if the text at i reads w, else -1.
func (s *scanner) match(i int, w string) int {
	for _, r := range w {
		if s.at(i) != r {
			return -1
		}
		i++
	}
	return i
}

// matchAny returns the index after the first word of ws found at i, else -1.
func (s *scanner) matchAny(i int, ws []string) int {
	for _, w := range ws {
		if j := s.match(i, w); j >= 0 {
			return j
		}
	}
	return -1
}

func isDigit(r rune) bool { return '0' <= r && r <= '9' }

func isASCIILetter(r rune) bool { return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' }

// kanjiDigit returns the value of a kanji numeral: 0–9 for digits (〇 and
// the look-alike ○ are zero), 10, 100, 1000 for 十百千, and -1 otherwise.
func kanjiDigit(r rune) int {
	switch r {
	case '〇', '○', '零':
		return 0
	case '一':
		return 1
	case '二':
		return 2
	case '三':
		return 3
	case '四':
		return 4
	case '五':
		return 5
	case '六':
		return 6
	case '七':
		return 7
	case '八':
		return 8
	case '九':
		return 9
	case '十':
		return 10
	case '百':
		return 100
	case '千':
		return 1000
	}
	return -1
}

// number is a run of ASCII or kanji digits.
type number struct {
	val   int // value, or -1 if the run is not a well-formed numeral
	n     int // runes in the run
	end   int // index after the run
	kanji bool
}

// maxRun bounds the digits evaluated; longer runs are never part of a date.
const maxRun = 8

// number reads the maximal digit run at i. ok is false if i holds no digit.
func (s *scanner) number(i int) (num number, ok bool) {
	j := i
	if isDigit(s.at(i)) {
		v := 0
		for ; isDigit(s.at(j)); j++ {
			if j-i < maxRun {
				v = v*10 + int(s.at(j)-'0')
			}
		}
		if j-i > maxRun {
			v = -1
		}
		return number{val: v, n: j - i, end: j}, true
	}
	for kanjiDigit(s.at(j)) >= 0 {
		j++
	}
	if j == i {
		return number{}, false
	}
	v := -1
	if j-i <= maxRun {
		v = kanjiValue(s.rs[i:j])
	}
	return number{val: v, n: j - i, end: j, kanji: true}, true
}

// kanjiValue evaluates a kanji numeral, either positional (二千二十三,
// 三十一) or digit by digit (二〇二三). It returns -1 for runs such as 十十
// or 二三十 that no one writes as a number.
func kanjiValue(rs []rune) int {
	positional := false
	for _, r := range rs {
		if kanjiDigit(r) >= 10 {
			positional = true
		}
	}
	total, cur := 0, 0
	if !positional {
		for _, r := range rs {
			total = total*10 + kanjiDigit(r)
		}
		return total
	}
	lastMul := 10000
	for _, r := range rs {
		d := kanjiDigit(r)
		if d < 10 {
			if cur != 0 {
				return -1
			}
			cur = d
			continue
		}
		if d >= lastMul {
			return -1
		}
		total += max(cur, 1) * d
		cur, lastMul = 0, d
	}
	return total + cur
}

// small returns the value of a month, day, hour or minute numeral: at most
// two ASCII digits or three kanji (二十五), else -1.
func small(n number) int {
	if n.kanji && n.n > 3 || !n.kanji && n.n > 2 {
		return -1
	}
	return n.val
}

// afterDigitSep reports whether i is preceded by a separator that itself
// follows a digit, as the 5 in "1.5日", "2,500" or "099-813-8699" is: such
// a number continues another one and starts no date.
func (s *scanner) afterDigitSep(i int, seps string) bool {
	for _, r := range seps {
		if s.at(i-1) == r && isDigit(s.at(i-2)) {
			return true
		}
	}
	return false
}
