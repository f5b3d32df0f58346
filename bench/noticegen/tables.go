package noticegen

// causeInfo describes how incidents of one cause id usually look.
type causeInfo struct {
	id      string
	weight  int
	via     float64 // share that happened at or through a contractor
	ppc     float64 // share reported to 個人情報保護委員会
	police  float64 // share reported to the police
	polKind string  // which police phrases fit: cyber, loss, theft, insider
	lo, hi  int64   // range of affected counts
	lead    int     // most days between occurrence and discovery
	cyber   bool    // investigated by a forensic firm
}

// causes are the cause ids of SCHEMA.md except unknown.
var causes = []causeInfo{
	{"unauthorized_access", 14, 0.3, 0.7, 0.35, "cyber", 50, 400000, 60, true},
	{"payment_tampering", 9, 0.4, 0.8, 0.4, "cyber", 100, 30000, 500, true},
	{"ransomware", 8, 0.3, 0.75, 0.5, "cyber", 500, 300000, 20, true},
	{"malware", 6, 0.15, 0.5, 0.15, "cyber", 20, 20000, 30, true},
	{"account_compromise", 8, 0.15, 0.5, 0.2, "cyber", 10, 50000, 30, true},
	{"phishing", 5, 0.15, 0.5, 0.15, "cyber", 5, 10000, 10, true},
	{"misdelivery", 14, 0.2, 0.3, 0, "", 1, 3000, 10, false},
	{"misdisplay", 6, 0.25, 0.4, 0, "", 1, 5000, 30, false},
	{"misconfiguration", 7, 0.2, 0.45, 0, "", 10, 100000, 400, false},
	{"loss", 9, 0.15, 0.35, 0.5, "loss", 5, 5000, 20, false},
	{"theft", 5, 0.15, 0.4, 0.95, "theft", 5, 3000, 2, false},
	{"improper_disposal", 4, 0.2, 0.3, 0.05, "loss", 10, 5000, 300, false},
	{"insider", 5, 0.2, 0.5, 0.5, "insider", 10, 100000, 400, false},
}

func causeWeights() []int {
	w := make([]int, len(causes))
	for k, c := range causes {
		w[k] = c.weight
	}
	return w
}

// Kinds of organization.
const (
	kindCompany = iota
	kindMuni
	kindSchool
	kindHospital
	kindAssoc
)

// kindInfo is how one kind of organization writes about itself.
type kindInfo struct {
	name    string // fragment suffix: org.NAME, rep.NAME, dept.NAME
	people  string // the affected group, politely
	person  string // the counted noun
	staff   string
	self    []string // first-person names: 弊社 …
	news    string   // third-person name in news: 同社 …
	partSec string
}

var kinds = []kindInfo{
	{"company", "お客様", "お客様", "従業員", []string{"弊社", "当社"}, "同社", "part.company"},
	{"muni", "市民の皆様", "対象者", "職員", nil, "", "part.muni"},
	{"school", "学生の皆様", "学生", "教職員", nil, "同大学", "part.school"},
	{"hospital", "患者様", "患者", "職員", []string{"当院"}, "同院", "part.hospital"},
	{"assoc", "会員の皆様", "会員", "職員", []string{"本会", "当会"}, "同会", "part.assoc"},
}
