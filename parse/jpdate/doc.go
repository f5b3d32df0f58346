// Package jpdate finds and normalizes the dates written in Japanese
// incident notices (個人情報漏えいのお知らせ and similar).
//
// It owns one job: turning the written forms that such notices use into
// calendar dates, together with the byte range of each written form so that
// callers can quote or highlight it. It recognizes
//
//   - 西暦 with kanji units or separators: 2024年2月15日, 2024/2/15,
//     2024.2.15, 2024-02-15, and year-month or year alone (2024年2月, 2024年);
//   - 和暦: 令和5年10月12日, 令和元年, 平成31年, ㍻31年, and the
//     abbreviations R5.10.12, H30.1.5, S64.1.7 when a month and day follow;
//   - short years: '18年7月28日, and 18年7月28日 when a month and day follow;
//   - full-width and kanji digits: ２０２４年２月１５日, 二〇二三年一月五日,
//     十二月二十五日;
//   - dates without a year (3月5日, 2/15(木)), day-only mentions (4日, 12日朝)
//     and references to an earlier date (同年, 同月5日, 同日, 翌日);
//   - weekday and time annotations, which are kept inside the mention:
//     (木), （木・祝）, 13時30分過ぎ, 13:30, 午後1時頃;
//   - ranges joined by 〜, ～, ~, -, から or 至, whose second date is
//     marked RangeEnd.
//
// Durations, counts and other numbers that merely look like dates (3日間,
// 10年以上, 2024年度, 099-813-8699, 1.2.3, 13:30 on its own) are not
// mentions, and neither is any form that does not name a real calendar day
// (2月30日, 13月, 令和0年).
//
// Matching happens on a width-folded copy of the text, but every offset
// refers to the original string, so text[m.Start:m.End] is exactly what the
// notice wrote. The package keeps no mutable global state and is safe for
// concurrent use.
package jpdate
