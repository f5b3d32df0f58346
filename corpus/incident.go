// Package corpus owns the incident record: the Incident model and its JSON
// form (a contract shared with tools outside the project), and the taxonomies
// of causes and data types with their Japanese labels.
package corpus

import (
	"encoding/json"
	"fmt"
	"time"
)

// Incident is one breach notice turned into a record. The JSON names of the
// contract fields (organization … sequence) are fixed: renaming one breaks the
// tools that read them.
type Incident struct {
	Source         string   `json:"source"`
	Organization   string   `json:"organization"`
	Title          string   `json:"title"`
	Published      Date     `json:"published"`
	Discovered     Date     `json:"discovered"`
	Causes         []string `json:"causes"`
	ViaThirdParty  bool     `json:"via_third_party"`
	Affected       *int64   `json:"affected"`
	DataTypes      []string `json:"data_types"`
	PPCReported    bool     `json:"ppc_reported"`
	PoliceReported bool     `json:"police_reported"`
	Sequence       *int     `json:"sequence"`

	// Serial is the number an aggregator gave the incident
	// (【セキュリティ事件簿#2023-446】 → "2023-446"), which links its reposts.
	Serial string `json:"serial,omitempty"`
	// AffectedQualifier is how the count was qualified (約, 最大, 延べ, 以上, 未満).
	AffectedQualifier string `json:"affected_qualifier,omitempty"`
	// AffectedUnit is the counter the count was written with (件, 名, 人分 …).
	AffectedUnit string `json:"affected_unit,omitempty"`
	// Exposure is the period during which data was exposed (発生/対象期間).
	Exposure *Period `json:"exposure,omitempty"`
	// Timeline lists the dated events the notice describes, in date order.
	Timeline []Event `json:"timeline,omitempty"`
	// LeakStatus tells a confirmed leak from a possible one.
	LeakStatus LeakStatus `json:"leak_status"`
	// SecondaryDamage tells whether misuse (二次被害, 不正利用) was confirmed.
	SecondaryDamage SecondaryDamage `json:"secondary_damage"`
	// Countermeasures are the measures the notice announces (再発防止策), as
	// written, one per item.
	Countermeasures []string `json:"countermeasures,omitempty"`
	// Evidence says where in Text each value was read.
	Evidence []Evidence `json:"evidence,omitempty"`
	// Text is the notice's own text, without page wrapping.
	Text string `json:"text,omitempty"`
	// Tokens are the words of Text as parse segmented it, handed on so the
	// index need not segment the text again. Never stored: a record read
	// back has none, and the index segments its text itself.
	Tokens []Token `json:"-"`
}

// Token is one word of an incident's Text: kagome's IPA segmentation in
// normal mode, offsets in bytes into Text.
type Token struct {
	Surface string
	Base    string // the dictionary form (盗まれ → 盗む); Surface when none
	POS     string // the first two part-of-speech levels, "名詞-固有名詞"
	Start   int
	End     int
}

// MarshalJSON writes an unknown organization or title as null, as the
// contract expects, instead of "".
func (in Incident) MarshalJSON() ([]byte, error) {
	type plain Incident
	return json.Marshal(struct {
		plain
		Organization *string `json:"organization"`
		Title        *string `json:"title"`
	}{plain(in), nullable(in.Organization), nullable(in.Title)})
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// Period is a span of dates; either end may be unknown.
type Period struct {
	From Date `json:"from"`
	To   Date `json:"to"`
}

// Event is one dated step of an incident.
type Event struct {
	Date Date      `json:"date"`
	Kind EventKind `json:"kind"`
	Text string    `json:"text"`
}

// EventKind names the step an Event records.
type EventKind string

// Event kinds.
const (
	EventOccurred     EventKind = "occurred"
	EventDiscovered   EventKind = "discovered"
	EventContained    EventKind = "contained"
	EventPPCReport    EventKind = "ppc_report"
	EventPoliceReport EventKind = "police_report"
	EventPublished    EventKind = "published"
	EventRestored     EventKind = "restored"
	EventNotified     EventKind = "notified"
)

// LeakStatus is whether data is known to have leaked.
type LeakStatus string

// Leak statuses.
const (
	LeakUnknown   LeakStatus = "unknown"
	LeakConfirmed LeakStatus = "confirmed"
	LeakPossible  LeakStatus = "possible"
)

// SecondaryDamage is whether leaked data is known to have been misused
// (二次被害, 不正利用): confirmed, possible, none confirmed, or not stated.
type SecondaryDamage string

// Secondary damage states.
const (
	DamageNotStated     SecondaryDamage = "not_stated"
	DamageConfirmed     SecondaryDamage = "confirmed"
	DamageNoneConfirmed SecondaryDamage = "none_confirmed"
	DamagePossible      SecondaryDamage = "possible"
)

// Evidence is the text span a value was read from. Start and End are byte
// offsets into the incident's Text.
type Evidence struct {
	Field string `json:"field"`
	Value string `json:"value"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Quote string `json:"quote"`
}

// Date is a calendar date. The zero Date is unknown and reads and writes as
// JSON null; Month or Day 0 means the text gave only the year or month.
type Date struct {
	Year, Month, Day int
}

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d.Year == 0 }

// Before reports whether d is earlier than o (unknown parts sort first).
func (d Date) Before(o Date) bool {
	if d.Year != o.Year {
		return d.Year < o.Year
	}
	if d.Month != o.Month {
		return d.Month < o.Month
	}
	return d.Day < o.Day
}

// String formats d as YYYY-MM-DD, YYYY-MM or YYYY; "" when unknown.
func (d Date) String() string {
	switch {
	case d.Year == 0:
		return ""
	case d.Month == 0:
		return fmt.Sprintf("%04d", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// MarshalJSON implements json.Marshaler.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON implements json.Unmarshaler for null, YYYY, YYYY-MM and YYYY-MM-DD.
func (d *Date) UnmarshalJSON(b []byte) error {
	var s *string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("date: %w", err)
	}
	if s == nil || *s == "" {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(*s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// ParseDate reads YYYY, YYYY-MM or YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		d := Date{Year: t.Year()}
		if len(layout) > 4 {
			d.Month = int(t.Month())
		}
		if len(layout) > 7 {
			d.Day = t.Day()
		}
		return d, nil
	}
	return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
}
