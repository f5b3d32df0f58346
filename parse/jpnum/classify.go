package jpnum

// class is the role a character can play inside a written number.
type class uint8

const (
	cOther  class = iota
	cArabic       // 0-9 in half or full width; value is the digit
	cKanji        // 〇 一 ... 九 and the 大字 壱 弐 参; value is the digit
	cSmall        // 十 百 千; value is the power of ten
	cBig          // 万 億 兆; value is the power of ten
	cComma        // thousands separator
	cPoint        // decimal point
)

// classify reports the role of r in a number and its value. The numeral
// set is closed and tiny, so it lives here rather than in counters.tsv.
// 大字 beyond 壱弐参拾 (伍, 陸, ...) are left out: they no longer appear in
// modern documents and are ordinary words elsewhere.
func classify(r rune) (class, int) {
	switch {
	case r >= '0' && r <= '9':
		return cArabic, int(r - '0')
	case r >= '０' && r <= '９':
		return cArabic, int(r - '０')
	}
	switch r {
	case ',', '，':
		return cComma, 0
	case '.', '．':
		return cPoint, 0
	case '〇', '零':
		return cKanji, 0
	case '一', '壱', '壹':
		return cKanji, 1
	case '二', '弐', '貳':
		return cKanji, 2
	case '三', '参', '參':
		return cKanji, 3
	case '四':
		return cKanji, 4
	case '五':
		return cKanji, 5
	case '六':
		return cKanji, 6
	case '七':
		return cKanji, 7
	case '八':
		return cKanji, 8
	case '九':
		return cKanji, 9
	case '十', '拾':
		return cSmall, 1
	case '百':
		return cSmall, 2
	case '千':
		return cSmall, 3
	case '万', '萬':
		return cBig, 4
	case '億':
		return cBig, 8
	case '兆':
		return cBig, 12
	}
	return cOther, 0
}
