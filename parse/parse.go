// Package parse turns a page — HTML or plain text — into incident records. It
// owns cleaning pages into text, splitting a page into its notices, and the
// extraction of every field, each by one small Extractor reading one shared
// analyzed Notice (text, kagome tokens, dates, counts) computed once.
package parse

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/ikawaha/kagome-dict/ipa"
	"github.com/ikawaha/kagome/v2/tokenizer"

	"github.com/incidex/incidex/corpus"
)

// An Extractor reads one field, or a few that share their evidence, from an
// analyzed notice into the incident.
type Extractor interface {
	Name() string
	Extract(n *Notice, in *corpus.Incident)
}

// Analyzer extracts incidents from pages. It holds the kagome dictionary and
// the lexicons, loaded once; one Analyzer is safe for concurrent use.
type Analyzer struct {
	tok        *tokenizer.Tokenizer
	lex        *lexicons
	extractors []Extractor
}

// New loads the dictionary and lexicons (about a second) and returns an
// Analyzer with the standard extractors.
func New() (*Analyzer, error) {
	tok, err := tokenizer.New(ipa.Dict(), tokenizer.OmitBosEos())
	if err != nil {
		return nil, fmt.Errorf("parse: tokenizer: %w", err)
	}
	lex, err := loadLexicons()
	if err != nil {
		return nil, fmt.Errorf("parse: %w", err)
	}
	a := &Analyzer{tok: tok, lex: lex}
	// Order matters only where a field reads another: the causes and flags
	// read the title, the flags the causes, the dates the third party.
	a.extractors = []Extractor{
		titleExtractor{lex},
		organizationExtractor{lex},
		causeExtractor{lex},
		flagExtractor{lex},
		dateExtractor{lex},
		affectedExtractor{lex},
		dataTypeExtractor{lex},
		measureExtractor{lex},
	}
	return a, nil
}

// Page is one document to extract from.
type Page struct {
	Source string // where it was read: a path, "-" or a URL
	Body   []byte // UTF-8
	HTML   bool
}

// ErrNotBreach is returned for a page whose text tells of no data breach:
// a product announcement or an office closing that says お知らせ too.
var ErrNotBreach = errors.New("not a data-breach notice")

// Extract returns the incidents of the notices on the page, in page order.
// A page with no notice text returns an error naming the source; one whose
// notices all tell of something else than a breach, ErrNotBreach.
func (a *Analyzer) Extract(ctx context.Context, p Page) ([]corpus.Incident, error) {
	var notices []*Notice
	if p.HTML {
		notices = a.htmlNotices(p.Body)
	} else {
		notices = a.textNotices(string(p.Body))
	}
	if len(notices) == 0 {
		return nil, fmt.Errorf("%s: no notice text found", p.Source)
	}
	out := make([]corpus.Incident, 0, len(notices))
	for _, n := range notices {
		if err := ctx.Err(); err != nil {
			return out, fmt.Errorf("%s: %w", p.Source, err)
		}
		if in := a.Notice(p.Source, n); a.breach(n, in) {
			out = append(out, in)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: %w", p.Source, ErrNotBreach)
	}
	return out, nil
}

// breach reports whether a notice tells of a data breach: a cause, a kind
// of personal data or a report number (第2報 of an unexplained incident)
// was read, or it speaks of personal data or its security at all. Only a
// page with none of these is something else.
func (a *Analyzer) breach(n *Notice, in corpus.Incident) bool {
	if len(in.Causes) > 0 && in.Causes[0] != corpus.CauseUnknown {
		return true
	}
	return len(in.DataTypes) > 0 || in.Sequence != nil || a.lex.context.has(n, 0, len(n.Text), "topic")
}

// Notice extracts one incident from one notice.
func (a *Analyzer) Notice(source string, n *Notice) corpus.Incident {
	a.analyze(n)
	in := corpus.Incident{
		Source:          source,
		Text:            n.Text,
		LeakStatus:      corpus.LeakUnknown,
		SecondaryDamage: corpus.DamageNotStated,
		Causes:          []string{},
		DataTypes:       []string{},
	}
	for _, x := range a.extractors {
		x.Extract(n, &in)
	}
	in.Tokens = make([]corpus.Token, len(n.Tokens))
	for i, t := range n.Tokens {
		in.Tokens[i] = t.Token
	}
	return in
}

// cite records that field took value from text[s.Start:s.End].
func cite(in *corpus.Incident, n *Notice, field, value string, s Span) {
	in.Evidence = append(in.Evidence, corpus.Evidence{Field: field, Value: value, Start: s.Start, End: s.End, Quote: shorten(n.quote(s), 120)})
}

// spacedDate matches the spaces some pages put inside dates: "2023 年 5 月 9 日".
var spacedDate = regexp.MustCompile(`([0-9]) +([年月日])|([年月]) +([0-9])`)

// doubleYear matches a year written in both eras, "令和3年(2021年)" or
// "2021年(令和3年)", which is kept as its first form so the date reads whole.
var doubleYear = regexp.MustCompile(`((?:令和|平成|昭和)(?:元|[0-9]{1,2})年|[0-9]{4}年)\((?:(?:令和|平成|昭和)(?:元|[0-9]{1,2})|[0-9]{4})年\)`)

// fold normalizes text the way every extractor expects it: full-width ASCII
// to half width, half-width katakana to full width, CRLF to LF, and blank
// runs collapsed. Offsets in a Notice are into the folded text.
func fold(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD") // every offset below may assume whole runes
	// NFC after the fold joins a half-width kana and its voicing mark
	// (ｶﾞ → ガ); the index folds text the same way (index.foldWidth).
	s = norm.NFC.String(widthFold.String(s))
	// The regexps are costly next to everything else here: run them only
	// on text that has what they look for.
	if strings.Contains(s, " 年") || strings.Contains(s, " 月") || strings.Contains(s, " 日") ||
		strings.Contains(s, "年 ") || strings.Contains(s, "月 ") {
		s = spacedDate.ReplaceAllString(s, "$1$2$3$4")
	}
	if strings.Contains(s, "年(") {
		s = doubleYear.ReplaceAllString(s, "$1$2")
	}
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u00a0", " ", "\u3000", " ", "\t", " ", "\u200b", "").Replace(s)
	lines := strings.Split(s, "\n")
	out := lines[:0]
	blank := 0
	for _, l := range lines {
		l = strings.TrimRight(l, " ")
		if strings.TrimSpace(l) == "" {
			blank++
			if blank > 1 {
				continue
			}
			l = ""
		} else {
			blank = 0
		}
		out = append(out, l)
	}
	return strings.Trim(strings.Join(out, "\n"), "\n")
}
