package noticegen_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/incidex/incidex/bench/noticegen"
)

const sample = 500

func notices(t *testing.T, seed int64) []noticegen.Notice {
	t.Helper()
	g := noticegen.New(seed)
	out := make([]noticegen.Notice, sample)
	for i := range out {
		out[i] = g.Notice(i)
	}
	return out
}

func TestDeterministic(t *testing.T) {
	a, b := noticegen.New(7), noticegen.New(7)
	for _, i := range []int{0, 1, 42, 999, 123456} {
		x, y := a.Notice(i), b.Notice(i)
		if x.Text != y.Text || x.Truth.Title != y.Truth.Title {
			t.Errorf("notice %d differs between two generators of one seed", i)
		}
		if again := a.Notice(i); again.Text != x.Text {
			t.Errorf("notice %d differs between two calls", i)
		}
	}
	if noticegen.New(8).Notice(3).Text == a.Notice(3).Text {
		t.Error("seeds 7 and 8 give the same notice 3")
	}
}

func TestShape(t *testing.T) {
	ns := notices(t, 1)
	inRange, html, follow := 0, 0, 0
	causes := map[string]int{}
	for i, n := range ns {
		if l := len(n.Text); l >= noticegen.MinBytes && l <= noticegen.MaxBytes {
			inRange++
		}
		if !utf8.ValidString(n.Text) {
			t.Errorf("notice %d: invalid UTF-8", i)
		}
		if strings.ContainsAny(n.Text, "{}") {
			t.Errorf("notice %d: unexpanded placeholder", i)
		}
		if n.HTML {
			html++
			if !strings.HasPrefix(n.Text, "<!DOCTYPE html>") {
				t.Errorf("notice %d: HTML without doctype", i)
			}
		} else if first, _, _ := strings.Cut(n.Text, "\n"); !strings.Contains(first, n.Truth.Title) {
			t.Errorf("notice %d: first line %q lacks title %q", i, first, n.Truth.Title)
		}
		if n.Truth.Incident != i {
			follow++
			if o := ns[n.Truth.Incident].Truth; o.Organization != n.Truth.Organization || o.Discovered != n.Truth.Discovered || o.Cause != n.Truth.Cause {
				t.Errorf("notice %d follows %d but tells another incident", i, n.Truth.Incident)
			}
			if n.Truth.Published <= ns[n.Truth.Incident].Truth.Published && n.Truth.Published != "" {
				t.Errorf("notice %d is published before the notice it follows", i)
			}
		}
		causes[n.Truth.Cause]++
	}
	if share := float64(inRange) / sample; share < 0.95 {
		t.Errorf("%.1f%% of notices are %d–%d bytes, want ≥ 95%%", 100*share, noticegen.MinBytes, noticegen.MaxBytes)
	}
	if share := float64(html) / sample; share < 0.22 || share > 0.38 {
		t.Errorf("HTML share %.2f, want about 0.3", share)
	}
	if share := float64(follow) / sample; share < 0.04 || share > 0.16 {
		t.Errorf("follow-up share %.2f, want about 0.09", share)
	}
	for _, c := range []string{"unauthorized_access", "payment_tampering", "ransomware", "malware",
		"account_compromise", "phishing", "misdelivery", "misdisplay", "misconfiguration",
		"loss", "theft", "improper_disposal", "insider"} {
		if causes[c] == 0 {
			t.Errorf("cause %s never generated", c)
		}
	}
	t.Logf("in range %d/%d, HTML %d, follow-ups %d, causes %v", inRange, sample, html, follow, causes)
}

func BenchmarkNotice(b *testing.B) {
	g := noticegen.New(1)
	bytes := 0
	for i := 0; b.Loop(); i++ {
		bytes += len(g.Notice(i).Text)
	}
	b.SetBytes(int64(bytes / max(1, b.N)))
}
