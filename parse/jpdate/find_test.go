package jpdate

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// describe renders a mention as "written form|date|flags" where flags holds
// Y (YearStated), M (MonthStated), R (RangeEnd) and the time if any.
func describe(text string, m Mention) string {
	var f strings.Builder
	if m.YearStated {
		f.WriteByte('Y')
	}
	if m.MonthStated {
		f.WriteByte('M')
	}
	if m.RangeEnd {
		f.WriteByte('R')
	}
	if m.HasTime {
		fmt.Fprintf(&f, " %02d:%02d", m.Hour, m.Minute)
	}
	return text[m.Start:m.End] + "|" + m.Date.String() + "|" + f.String()
}

type findTest struct {
	name string
	text string
	ref  Date
	want []string
}

var (
	ref2024 = Date{Year: 2024}
	zero    = Date{}
)

// findTests are phrases in the style of Japanese breach notices. They also
// seed FuzzFind.
var findTests = []findTest{
	// 西暦
	{"kanji units", "2024年2月15日、当社サーバーへの不正アクセスを確認しました。", zero, []string{"2024年2月15日|2024-02-15|YM"}},
	{"weekday", "2024年2月15日(木)に判明", zero, []string{"2024年2月15日(木)|2024-02-15|YM"}},
	{"full-width weekday and time", "2024年2月15日（木）13時30分、外部機関より連絡", zero, []string{"2024年2月15日（木）13時30分|2024-02-15|YM 13:30"}},
	{"colon time", "2024年2月15日 13:30、外部から", zero, []string{"2024年2月15日 13:30|2024-02-15|YM 13:30"}},
	{"slash", "発生日：2024/2/15", zero, []string{"2024/2/15|2024-02-15|YM"}},
	{"slash padded", "発生日：2024/02/15（木）", zero, []string{"2024/02/15（木）|2024-02-15|YM"}},
	{"dot", "公表日 2024.2.15 更新", zero, []string{"2024.2.15|2024-02-15|YM"}},
	{"iso", "公開日: 2024-02-15", zero, []string{"2024-02-15|2024-02-15|YM"}},
	{"year month", "2024年2月より順次通知", zero, []string{"2024年2月|2024-02|YM"}},
	{"year alone", "2024年に実施した監査", zero, []string{"2024年|2024|Y"}},
	{"spaced parts", "令和 5年 10月 12日 発表", zero, []string{"令和 5年 10月 12日|2023-10-12|YM"}},
	{"seconds", "2024/2/15 13:30:05 検知", zero, []string{"2024/2/15 13:30:05|2024-02-15|YM 13:30"}},

	// 和暦
	{"reiwa", "令和5年10月12日に発生", zero, []string{"令和5年10月12日|2023-10-12|YM"}},
	{"reiwa gannen", "令和元年5月1日より", zero, []string{"令和元年5月1日|2019-05-01|YM"}},
	{"heisei last day", "平成31年4月30日付", zero, []string{"平成31年4月30日|2019-04-30|YM"}},
	{"heisei year only", "平成28年に取得した個人情報", zero, []string{"平成28年|2016|Y"}},
	{"showa", "昭和64年1月7日生まれ", zero, []string{"昭和64年1月7日|1989-01-07|YM"}},
	{"square era", "㍻31年4月1日", zero, []string{"㍻31年4月1日|2019-04-01|YM"}},
	{"abbrev R5", "更新日 R5.10.12", zero, []string{"R5.10.12|2023-10-12|YM"}},
	{"abbrev R05", "更新日:R05.10.12", zero, []string{"R05.10.12|2023-10-12|YM"}},
	{"abbrev H30", "（H30.1.5 受付）", zero, []string{"H30.1.5|2018-01-05|YM"}},
	{"abbrev slash", "H30/1/5", zero, []string{"H30/1/5|2018-01-05|YM"}},
	{"abbrev kanji units", "R5年10月12日", zero, []string{"R5年10月12日|2023-10-12|YM"}},
	{"abbrev full-width", "Ｒ５．１０．１２", zero, []string{"Ｒ５．１０．１２|2023-10-12|YM"}},
	{"reiwa 0", "令和0年に", zero, nil},
	{"reiwa 0 full", "令和0年1月1日", zero, nil},
	{"abbrev alone", "型番R5、H30", zero, nil},
	{"abbrev in word", "VER5.1.2 WS5.1.2", zero, nil},

	// Width and kanji digits
	{"full-width digits", "２０２４年２月１５日に発覚", zero, []string{"２０２４年２月１５日|2024-02-15|YM"}},
	{"full-width slash", "２０２４／２／１５", zero, []string{"２０２４／２／１５|2024-02-15|YM"}},
	{"kanji digit by digit", "二〇二三年一月五日(木)", zero, []string{"二〇二三年一月五日(木)|2023-01-05|YM"}},
	{"kanji era", "令和五年十月十二日", zero, []string{"令和五年十月十二日|2023-10-12|YM"}},
	{"kanji no year", "十二月二十五日", ref2024, []string{"十二月二十五日|2024-12-25|M"}},
	{"kanji positional year", "二千二十三年三月三十一日", zero, []string{"二千二十三年三月三十一日|2023-03-31|YM"}},
	{"mixed", "２０２４年十月1日", zero, []string{"２０２４年十月1日|2024-10-01|YM"}},

	// Short years
	{"apostrophe", "'18年7月28日に", zero, []string{"'18年7月28日|2018-07-28|YM"}},
	{"typographic apostrophe", "’18年7月28日", zero, []string{"’18年7月28日|2018-07-28|YM"}},
	{"apostrophe year alone", "'18年の事件", zero, []string{"'18年|2018|Y"}},
	{"bare short year", "18年7月28日、同社は", zero, []string{"18年7月28日|2018-07-28|YM"}},
	{"bare short year 1900s", "98年1月5日", zero, []string{"98年1月5日|1998-01-05|YM"}},
	{"bare short year without day", "18年7月に", zero, nil},

	// Annotations
	{"weekday holiday", "2024年2月12日(月・祝)に", zero, []string{"2024年2月12日(月・祝)|2024-02-12|YM"}},
	{"weekday long", "2024年2月15日(木曜日)", zero, []string{"2024年2月15日(木曜日)|2024-02-15|YM"}},
	{"after past", "2024年2月15日13時30分過ぎ", zero, []string{"2024年2月15日13時30分過ぎ|2024-02-15|YM 13:30"}},
	{"am", "2024年2月15日午前10時に", zero, []string{"2024年2月15日午前10時|2024-02-15|YM 10:00"}},
	{"pm about", "2024年2月15日（木）午後1時頃", zero, []string{"2024年2月15日（木）午後1時頃|2024-02-15|YM 13:00"}},
	{"hour about", "2024年2月15日17時頃、", zero, []string{"2024年2月15日17時頃|2024-02-15|YM 17:00"}},
	{"half", "2024年2月15日 9時半", zero, []string{"2024年2月15日 9時半|2024-02-15|YM 09:30"}},
	{"not a time", "2024年2月15日 3時間にわたり", zero, []string{"2024年2月15日|2024-02-15|YM"}},
	{"parenthesis not weekday", "2024年2月15日（予定）", zero, []string{"2024年2月15日|2024-02-15|YM"}},

	// Ranges
	{"range tilde", "期間：2022年7月24日～2022年7月26日", zero, []string{"2022年7月24日|2022-07-24|YM", "2022年7月26日|2022-07-26|YMR"}},
	{"range wave dash", "2022年7月24日〜7月26日", zero, []string{"2022年7月24日|2022-07-24|YM", "7月26日|2022-07-26|MR"}},
	{"range kara made", "2021年3月2日から2022年8月3日までの間", zero, []string{"2021年3月2日|2021-03-02|YM", "2022年8月3日|2022-08-03|YMR"}},
	{"range hyphen", "2023年12月8日-2024年2月16日", zero, []string{"2023年12月8日|2023-12-08|YM", "2024年2月16日|2024-02-16|YMR"}},
	{"range day only", "2024年4月1日〜30日", zero, []string{"2024年4月1日|2024-04-01|YM", "30日|2024-04-30|R"}},
	{"range without year", "4月1日〜30日", ref2024, []string{"4月1日|2024-04-01|M", "30日|2024-04-30|R"}},
	{"range itaru", "自 2022年1月1日 至 2022年12月31日", zero, []string{"2022年1月1日|2022-01-01|YM", "2022年12月31日|2022-12-31|YMR"}},
	{"range with weekdays", "2024年2月15日（木）～2月17日（土）", zero, []string{"2024年2月15日（木）|2024-02-15|YM", "2月17日（土）|2024-02-17|MR"}},
	{"range months", "2024年1月～3月", zero, []string{"2024年1月|2024-01|YM", "3月|2024-03|MR"}},
	{"not a range", "2024年2月1日に発覚し、2月5日に公表", zero, []string{"2024年2月1日|2024-02-01|YM", "2月5日|2024-02-05|M"}},
	{"slash month day", "2/15(木)〜2/17(土)", ref2024, []string{"2/15(木)|2024-02-15|M", "2/17(土)|2024-02-17|MR"}},

	// Context
	{"day only", "2023年1月10日に判明しました。その後、4日、学校から連絡がありました。", zero, []string{"2023年1月10日|2023-01-10|YM", "4日|2023-01-04|"}},
	{"day only with morning", "2023年1月10日、12日朝に再発", zero, []string{"2023年1月10日|2023-01-10|YM", "12日|2023-01-12|"}},
	{"day only weekday", "2024年1月に発覚し、5日(金)に報告", zero, []string{"2024年1月|2024-01|YM", "5日(金)|2024-01-05|"}},
	{"same month", "2024年2月15日に検知し、同月20日に公表", zero, []string{"2024年2月15日|2024-02-15|YM", "同月20日|2024-02-20|"}},
	{"same year", "2023年1月10日に発生、同年3月5日に完了", zero, []string{"2023年1月10日|2023-01-10|YM", "同年3月5日|2023-03-05|M"}},
	{"same day", "2024年2月15日に検知し、同日18時に遮断", zero, []string{"2024年2月15日|2024-02-15|YM", "同日18時|2024-02-15| 18:00"}},
	{"next day", "2024年1月31日に検知し、翌日に公表", zero, []string{"2024年1月31日|2024-01-31|YM", "翌日|2024-02-01|"}},
	{"next day year end", "2023年12月31日、翌日", zero, []string{"2023年12月31日|2023-12-31|YM", "翌日|2024-01-01|"}},
	{"next day leap", "2024年2月28日、翌日", zero, []string{"2024年2月28日|2024-02-28|YM", "翌日|2024-02-29|"}},
	{"ref year", "3月5日に判明", ref2024, []string{"3月5日|2024-03-05|M"}},
	{"no year", "3月5日に判明", zero, []string{"3月5日|--03-05|M"}},
	{"ref month", "4日に判明", Date{2024, 5, 1}, []string{"4日|2024-05-04|"}},
	{"day without month", "4日に判明", ref2024, nil},
	{"stated year wins over ref", "2022年6月1日、7月2日", ref2024, []string{"2022年6月1日|2022-06-01|YM", "7月2日|2022-07-02|M"}},
	{"no rollover", "2023年12月28日に発覚し、1月5日に公表", zero, []string{"2023年12月28日|2023-12-28|YM", "1月5日|2023-01-05|M"}},
	{"nearest stated year", "2022年6月1日、2023年3月1日、7月2日", zero, []string{"2022年6月1日|2022-06-01|YM", "2023年3月1日|2023-03-01|YM", "7月2日|2023-07-02|M"}},
	{"feb 29 needs leap", "2023年1月5日、2月29日", zero, []string{"2023年1月5日|2023-01-05|YM"}},

	// Not dates
	{"days", "3日間にわたり", zero, nil},
	{"years", "5年間保存", zero, nil},
	{"one year", "1年が経過", zero, nil},
	{"ten years", "10年以上前から", zero, nil},
	{"fiscal year", "2024年度の計画", zero, nil},
	{"fiscal year era", "平成28年度", zero, nil},
	{"phone", "電話：099-813-8699（平日9時～17時）", zero, nil},
	{"toll free", "0120-123-456", zero, nil},
	{"version", "バージョン1.2.3を適用", zero, nil},
	{"ip address", "192.168.1.10", zero, nil},
	{"report number", "第2報", zero, nil},
	{"amount", "2,000円", zero, nil},
	{"age", "30歳", zero, nil},
	{"four days", "4日間", zero, []string{}},
	{"time alone", "13:30に", zero, nil},
	{"hour alone", "12時に", zero, nil},
	{"section", "1.経緯", zero, nil},
	{"count", "15名", zero, nil},
	{"month 13", "2024年13月1日", zero, nil},
	{"day 32", "2024年1月32日", zero, nil},
	{"feb 30", "2024年2月30日", zero, nil},
	{"feb 30 no year", "2月30日", ref2024, nil},
	{"invalid month tail", "2024年1月1日、13月4日", zero, []string{"2024年1月1日|2024-01-01|YM"}},
	{"slash invalid", "2024/13/15", zero, nil},
	{"decimal days", "2024年1月1日から1.5日", zero, []string{"2024年1月1日|2024-01-01|YM"}},
	{"as soon as possible", "2024年1月1日。一日も早い復旧に努め、1日も早く", zero, []string{"2024年1月1日|2024-01-01|YM"}},
	{"day stops", "2024年1月1日。5日以内、10日後、7日前、第3日、毎月5日、約3日", zero, []string{"2024年1月1日|2024-01-01|YM"}},
	{"fraction", "1/3の顧客", ref2024, nil},
	{"masked", "○月○日", ref2024, nil},
	{"decade", "1990年代", zero, nil},
	{"years of count", "3000年", zero, nil},
	{"empty", "", zero, nil},
}

func TestFind(t *testing.T) {
	for _, tt := range findTests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, m := range Find(tt.text, tt.ref) {
				got = append(got, describe(tt.text, m))
			}
			if len(got) == 0 && len(tt.want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Find(%q)\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestFindOffsets checks that offsets index the original text, not the
// folded copy: full-width runes are three bytes in both, but the offsets
// must still land on the written form.
func TestFindOffsets(t *testing.T) {
	text := "発生日：２０２４年２月１５日（木）１３：３０、公表日：Ｒ６．３．１"
	ms := Find(text, Date{})
	if len(ms) != 2 {
		t.Fatalf("got %d mentions, want 2", len(ms))
	}
	if want := len("発生日："); ms[0].Start != want {
		t.Errorf("Start = %d, want %d", ms[0].Start, want)
	}
	if got, want := text[ms[0].Start:ms[0].End], "２０２４年２月１５日（木）１３：３０"; got != want {
		t.Errorf("form = %q, want %q", got, want)
	}
	if got, want := text[ms[1].Start:ms[1].End], "Ｒ６．３．１"; got != want {
		t.Errorf("form = %q, want %q", got, want)
	}
	if ms[1].End != len(text) {
		t.Errorf("End = %d, want %d", ms[1].End, len(text))
	}
}

func TestFindInvalidUTF8(t *testing.T) {
	text := "\xff2024年2月15日\xfe"
	ms := Find(text, Date{})
	if len(ms) != 1 || text[ms[0].Start:ms[0].End] != "2024年2月15日" {
		t.Errorf("Find(%q) = %+v", text, ms)
	}
}
