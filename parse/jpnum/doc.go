// Package jpnum reads numbers as they are written in Japanese prose and
// finds the counted quantities built from them.
//
// It owns two things. [Parse] turns one written number into an int64,
// whatever its script: Arabic digits with thousands separators in half or
// full width ("1,234", "１，２３４"), kanji numerals in positional form
// ("一万二千三百四十五") or digit by digit ("二〇二三"), the formal 大字 used
// in contracts ("壱万"), and the mixes that notices actually print
// ("1.2万", "3万5千", "1億2000万").
//
// [Counts] scans a text for a number immediately followed by a counter
// word (件, 名, 世帯, アカウント, ...), together with the qualifiers that
// change what the figure means (約, 最大, 以上, ...). It reports byte
// offsets into the original text so callers can quote or highlight the
// evidence for every figure they extract.
//
// Counts deliberately looks no further than the counter: "個人情報1,234件"
// and "1,234件の個人情報" yield the same Count, and deciding what was
// counted is left to the caller. It also prefers missing a figure to
// inventing one: dates, times, prices, phone numbers, versions, ordinals
// (第2報, 3件目), rates (1件あたり) and vague amounts (数百件) are skipped.
//
// The counter words and qualifiers live in counters.tsv, embedded at build
// time, so that vocabulary can grow without touching the scanner.
package jpnum
