package corpus

import (
	"slices"
	"testing"
	"unicode"
)

// The ids of shared/eval/SCHEMA.md, in its order, with the Japanese label
// of each cause as the schema gives it.
var (
	schemaCauses = []struct{ id, ja string }{
		{"unauthorized_access", "不正アクセス"},
		{"payment_tampering", "決済画面・ペイメントアプリケーションの改ざん"},
		{"ransomware", "ランサムウェア"},
		{"malware", "マルウェア・ウイルス感染"},
		{"account_compromise", "不正ログイン・アカウント不正利用"},
		{"phishing", "フィッシング・なりすまし"},
		{"misdelivery", "誤送信・誤送付"},
		{"misdisplay", "誤表示・システム不具合"},
		{"misconfiguration", "設定不備・誤公開"},
		{"loss", "紛失・置き忘れ"},
		{"theft", "盗難"},
		{"improper_disposal", "誤廃棄"},
		{"insider", "内部不正・目的外利用"},
		{"unknown", "不明"},
	}
	schemaDataTypes = []string{
		"name", "address", "phone", "email", "birthdate", "gender",
		"card_number", "card_expiry", "card_security_code", "bank_account",
		"credentials", "my_number", "health", "government_id", "employment",
		"customer_id", "transaction", "other",
	}
)

// japanese reports whether s holds at least one kana or kanji.
func japanese(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han) {
			return true
		}
	}
	return false
}

func TestTaxonomyCauses(t *testing.T) {
	tax := Taxonomies()
	var ids []string
	for _, c := range tax.Causes {
		ids = append(ids, c.ID)
	}
	var want []string
	for _, c := range schemaCauses {
		want = append(want, c.id)
	}
	if !slices.Equal(ids, want) {
		t.Errorf("cause ids = %v\nwant (SCHEMA.md order) %v", ids, want)
	}
	for _, sc := range schemaCauses {
		t.Run(sc.id, func(t *testing.T) {
			c, ok := tax.Cause(sc.id)
			if !ok {
				t.Fatalf("Cause(%q) not found", sc.id)
			}
			if c.ID != sc.id {
				t.Errorf("Cause(%q).ID = %q", sc.id, c.ID)
			}
			if c.Ja != sc.ja {
				t.Errorf("Cause(%q).Ja = %q, want %q", sc.id, c.Ja, sc.ja)
			}
			if c.En == "" {
				t.Errorf("Cause(%q) has no English label", sc.id)
			}
		})
	}
	if _, ok := tax.Cause(CauseUnknown); !ok {
		t.Errorf("CauseUnknown %q is not a cause id", CauseUnknown)
	}
}

func TestTaxonomyDataTypes(t *testing.T) {
	tax := Taxonomies()
	var ids []string
	for _, c := range tax.DataTypes {
		ids = append(ids, c.ID)
	}
	if !slices.Equal(ids, schemaDataTypes) {
		t.Errorf("data type ids = %v\nwant (SCHEMA.md order) %v", ids, schemaDataTypes)
	}
	for i, id := range schemaDataTypes {
		t.Run(id, func(t *testing.T) {
			c, ok := tax.DataType(id)
			if !ok {
				t.Fatalf("DataType(%q) not found", id)
			}
			if !japanese(c.Ja) {
				t.Errorf("DataType(%q).Ja = %q, want a Japanese label", id, c.Ja)
			}
			if c.En == "" {
				t.Errorf("DataType(%q) has no English label", id)
			}
			if got := tax.Rank(id); got != i {
				t.Errorf("Rank(%q) = %d, want %d", id, got, i)
			}
		})
	}
	if _, ok := tax.DataType(DataTypeOther); !ok {
		t.Errorf("DataTypeOther %q is not a data type id", DataTypeOther)
	}
}

func TestTaxonomyUnknownIDs(t *testing.T) {
	tax := Taxonomies()
	for _, id := range []string{"", "Ransomware", "不正アクセス", "name ", "bogus"} {
		if c, ok := tax.Cause(id); ok {
			t.Errorf("Cause(%q) = %+v, want not found", id, c)
		}
		if c, ok := tax.DataType(id); ok {
			t.Errorf("DataType(%q) = %+v, want not found", id, c)
		}
	}
	// Cause and data-type ids live apart: "name" is not a cause.
	if _, ok := tax.Cause("name"); ok {
		t.Error(`Cause("name") found`)
	}
	if got, want := tax.Rank("bogus"), len(tax.DataTypes); got != want {
		t.Errorf("Rank(unknown) = %d, want %d (after every known id)", got, want)
	}
	if Taxonomies() != tax {
		t.Error("Taxonomies() loads a new copy on each call")
	}
}
