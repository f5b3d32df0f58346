package checklist_test

// The seed test runs the real extractor, so it lives in the external test
// package (parse does not import checklist, but keeping it outside keeps
// the package's own tests independent of the extractor).

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/incidex/incidex/checklist"
	"github.com/incidex/incidex/parse"
)

const seedDir = "/work/shared/seeds"

// causeItems names, per cause, items a seed with that cause must map to.
var causeItems = map[string][]string{
	"unauthorized_access": {"10-6-3-patch"},
	"payment_tampering":   {"card-tamper-detection", "art25-vendor-oversight"},
	"ransomware":          {"10-3-4-backup"},
	"malware":             {"10-6-3-malware-protection"},
	"account_compromise":  {"10-6-2-mfa"},
	"phishing":            {"10-4-phishing-training"},
	"misdelivery":         {"10-6-4-mail-control", "10-4-training"},
	"misdisplay":          {"10-6-4-change-testing"},
	"misconfiguration":    {"10-6-1-cloud-config"},
	"loss":                {"10-5-3-media-carry"},
	"theft":               {"10-5-2-device-theft"},
	"improper_disposal":   {"10-5-4-disposal"},
	"insider":             {"art24-staff-supervision"},
	"unknown":             {"10-3-4-incident-response"},
}

func TestSeeds(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(seedDir, "*.txt"))
	if len(files) == 0 {
		t.Skip("seeds not available")
	}
	a, err := parse.New()
	if err != nil {
		t.Fatal(err)
	}
	c, err := checklist.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ins, err := a.Extract(context.Background(), parse.Page{Source: f, Body: b})
		if err != nil {
			t.Fatal(err)
		}
		for _, in := range ins {
			ms := c.Map(&in)
			var got []string
			for _, m := range ms {
				got = append(got, m.Item.ID)
			}
			t.Logf("%s %s causes=%v data=%v third=%v → %v; VERIS %+v", filepath.Base(f), in.Organization,
				in.Causes, in.DataTypes, in.ViaThirdParty, got, checklist.VERIS(&in))
			if len(ms) == 0 {
				t.Errorf("%s: nothing mapped", f)
			}
			for _, cause := range in.Causes {
				for _, w := range causeItems[cause] {
					if !slices.Contains(got, w) {
						t.Errorf("%s: cause %s does not map to %s (got %v)", filepath.Base(f), cause, w, got)
					}
				}
			}
		}
	}
}
