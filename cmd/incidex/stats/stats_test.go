package stats_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/incidex/incidex/cmd/incidex/cli"
	"github.com/incidex/incidex/cmd/incidex/internal/clitest"
	"github.com/incidex/incidex/cmd/incidex/stats"
)

// The in-process runner and fixtures every command's tests share.
type (
	runFunc = clitest.Cmd
	result  = clitest.Result
)

var (
	run            = clitest.Run
	mustRun        = clitest.MustRun
	ingestFixtures = clitest.IngestFixtures
)

// row is one group of the report: incidents, people affected where stated,
// and how many of the incidents state a count.
type row struct {
	Incidents int   `json:"incidents"`
	Affected  int64 `json:"affected"`
	Stated    int   `json:"with_count"`
}

// report is stats --format json.
type report struct {
	Incidents       int            `json:"incidents"`
	ByCause         map[string]row `json:"by_cause"`
	ByYear          map[string]row `json:"by_year"`
	MedianAffected  *float64       `json:"median_affected"`
	MedianDaysToPub *float64       `json:"median_days_discovery_to_publication"`
	ThirdPartyShare float64        `json:"third_party_share"`
	PPCShare        float64        `json:"ppc_reported_share"`
	PoliceShare     float64        `json:"police_reported_share"`
}

func ptr(f float64) *float64 { return &f }

// The fixtures by hand (the 第1報 and 第2報 of mikazuki are one incident,
// counted with the 第2報's figures):
//
//	incident      date        cause                affected  discovered→published  third party  PPC  police
//	mikazuki-usb  2024-10-01  loss                 120       6 days                             yes  yes
//	mikazuki      2024-04-20  misdelivery          4         15 days
//	aozora        2023-07-14  ransomware           23000     11 days               yes          yes  yes
//	hinata        2023-02-01  misdelivery          —         5 days
//	hoshizora     2022-12-05  unauthorized_access  850       14 days                            yes
//	komorebi      2021-03-08  misdisplay           310       6 days
func TestStats(t *testing.T) {
	data := ingestFixtures(t)
	tests := []struct {
		name string
		args []string
		want report
	}{
		{"all", nil, report{
			Incidents: 6,
			ByCause: map[string]row{
				"loss": {1, 120, 1}, "misdelivery": {2, 4, 1}, "ransomware": {1, 23000, 1},
				"unauthorized_access": {1, 850, 1}, "misdisplay": {1, 310, 1},
			},
			ByYear: map[string]row{
				"2024": {2, 124, 2}, "2023": {2, 23000, 1}, "2022": {1, 850, 1}, "2021": {1, 310, 1},
			},
			MedianAffected:  ptr(310), // 4 120 [310] 850 23000
			MedianDaysToPub: ptr(8.5), // 5 6 [6 11] 14 15
			ThirdPartyShare: 1.0 / 6, PPCShare: 3.0 / 6, PoliceShare: 2.0 / 6,
		}},
		{"cause", []string{"--cause", "misdelivery"}, report{
			Incidents:       2,
			ByCause:         map[string]row{"misdelivery": {2, 4, 1}},
			ByYear:          map[string]row{"2024": {1, 4, 1}, "2023": {1, 0, 0}},
			MedianAffected:  ptr(4),
			MedianDaysToPub: ptr(10), // 5 15
		}},
		{"since and until", []string{"--since", "2023", "--until", "2024-04"}, report{
			Incidents:       3,
			ByCause:         map[string]row{"misdelivery": {2, 4, 1}, "ransomware": {1, 23000, 1}},
			ByYear:          map[string]row{"2024": {1, 4, 1}, "2023": {2, 23000, 1}},
			MedianAffected:  ptr(11502), // (4 + 23000) / 2
			MedianDaysToPub: ptr(11),    // 5 11 15
			ThirdPartyShare: 1.0 / 3, PPCShare: 1.0 / 3, PoliceShare: 1.0 / 3,
		}},
		{"data type and third party", []string{"--data-type", "name", "--third-party", "no", "--since", "2024"}, report{
			Incidents:       2,
			ByCause:         map[string]row{"loss": {1, 120, 1}, "misdelivery": {1, 4, 1}},
			ByYear:          map[string]row{"2024": {2, 124, 2}},
			MedianAffected:  ptr(62),
			MedianDaysToPub: ptr(10.5), // 6 15
			PPCShare:        0.5, PoliceShare: 0.5,
		}},
		{"nothing matches", []string{"--cause", "theft"}, report{ByCause: map[string]row{}, ByYear: map[string]row{}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := mustRun(t, stats.Run, append([]string{"--data", data, "--format", "json"}, tt.args...)...).Stdout
			var got report
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("not JSON: %v\n%s", err, out)
			}
			if !reflect.DeepEqual(got, tt.want) {
				gb, _ := json.Marshal(got)
				wb, _ := json.Marshal(tt.want)
				t.Errorf("stats %q:\n got %s\nwant %s", tt.args, gb, wb)
			}
		})
	}

	t.Run("table", func(t *testing.T) {
		out := mustRun(t, stats.Run, "--data", data).Stdout
		for _, want := range []string{
			"6 incidents · median affected 310 · median discovery→publication 8.5 days",
			"via a third party 17% · reported to the PPC 50% · to the police 33%",
			"誤送信・誤送付 (misdelivery)",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("table does not show %q:\n%s", want, out)
			}
		}
	})

	t.Run("usage", func(t *testing.T) {
		for _, args := range [][]string{{"--since", "someday"}, {"--until", "2024-13"}, {"漏えい"}, {"--format", "csv"}} {
			if r := run(t, stats.Run, append([]string{"--data", data}, args...)...); r.Code != cli.ExitUsage || r.Stdout != "" {
				t.Errorf("stats %q: exit %d, stdout %q; want 2 and nothing", args, r.Code, r.Stdout)
			}
		}
	})
}

func TestStatsUsage(t *testing.T) {
	data := t.TempDir()
	for _, args := range [][]string{{"--cause", "bogus"}, {"--data-type", "bogus"}, {"extra"}, {"--since", "never"}} {
		r := run(t, stats.Run, append([]string{"--data", data}, args...)...)
		if r.Code != cli.ExitUsage {
			t.Errorf("stats %q: exit %d, want 2 (stderr %q)", args, r.Code, r.Stderr)
		}
	}
}
