package crawl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
)

// cidPDF writes a one-page PDF whose text is in a CID-keyed font (Type0,
// Identity-H, not embedded) with a ToUnicode map: the way Japanese notices
// are usually made, and what pure-Go PDF readers get wrong. Each line is
// shown on its own line of the page.
func cidPDF(lines []string) []byte {
	var content bytes.Buffer
	content.WriteString("BT /F1 10.5 Tf 14 TL 50 800 Td\n")
	used := map[uint16]bool{}
	for _, l := range lines {
		content.WriteString("<")
		for _, u := range utf16.Encode([]rune(l)) {
			fmt.Fprintf(&content, "%04X", u)
			used[u] = true
		}
		content.WriteString("> Tj T*\n")
	}
	content.WriteString("ET\n")
	// The CIDs are the UTF-16 code units, so ToUnicode maps each to itself.
	var cmap bytes.Buffer
	cmap.WriteString("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n" +
		"1 begincodespacerange <0000> <FFFF> endcodespacerange\n")
	fmt.Fprintf(&cmap, "%d beginbfchar\n", len(used))
	for _, u := range slices.Sorted(maps.Keys(used)) {
		fmt.Fprintf(&cmap, "<%04X> <%04X>\n", u, u)
	}
	cmap.WriteString("endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end\n")

	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type0 /BaseFont /HeiseiMin-W3 /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", content.Len(), content.String()),
		"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /HeiseiMin-W3 /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 8 0 R /DW 1000 >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", cmap.Len(), cmap.String()),
		"<< /Type /FontDescriptor /FontName /HeiseiMin-W3 /Flags 6 /FontBBox [0 -141 1000 859] /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 700 /StemV 80 >>",
	}
	var out bytes.Buffer
	out.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&out, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return out.Bytes()
}

// pdfNotice is the text of the fictional PDF notice of the tests; the
// crawl command's fake site serves the same PDF (testdata/notice-cid.pdf,
// written by TestWritePDFFixture).
var pdfNotice = []string{
	"社内サーバーへのランサムウェア攻撃に関するお知らせ",
	"2024年2月15日",
	"株式会社さくら珈琲",
	"このたび、当社の社内サーバーがランサムウェアに感染し、保存されていたデータが暗号化される被害が",
	"2024年2月9日に判明いたしました。外部専門機関の調査の結果、お取引先様の担当者の氏名、電話番号、",
	"メールアドレス合わせて約1,200件が外部に流出したおそれがあることが分かりました。",
	"なお、本件は個人情報保護委員会に報告するとともに、警察に相談しております。",
	"関係者の皆様に多大なるご迷惑とご心配をおかけしますことを、深くお詫び申し上げます。",
}

func TestPDFText(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (apt-get install poppler-utils): PDF conversion untested")
	}
	text, err := PDFText(context.Background(), cidPDF(pdfNotice))
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(strings.Fields(string(text)), "")
	for _, line := range pdfNotice {
		if !strings.Contains(got, strings.Join(strings.Fields(line), "")) {
			t.Errorf("pdftotext lost %q; got:\n%s", line, text)
		}
	}
	if _, err := PDFText(context.Background(), []byte("%PDF-1.4\ngarbage")); err == nil || errors.Is(err, ErrNoPDFText) {
		t.Errorf("a broken PDF: err = %v, want pdftotext's complaint", err)
	}
}

// Without pdftotext on the PATH the error says how to install it.
func TestPDFTextMissing(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := PDFText(context.Background(), cidPDF(pdfNotice))
	if !errors.Is(err, ErrNoPDFText) || !strings.Contains(err.Error(), "apt-get install poppler-utils") {
		t.Errorf("err = %v, want %v", err, ErrNoPDFText)
	}
}

// TestWritePDFFixture rewrites the crawl command's PDF fixture when
// INCIDEX_WRITE_FIXTURES is set.
func TestWritePDFFixture(t *testing.T) {
	if os.Getenv("INCIDEX_WRITE_FIXTURES") == "" {
		t.Skip("set INCIDEX_WRITE_FIXTURES=1 to rewrite ../cmd/incidex/crawlcmd/testdata/notice-cid.pdf")
	}
	p := filepath.Join("..", "cmd", "incidex", "crawlcmd", "testdata", "notice-cid.pdf")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, cidPDF(pdfNotice), 0o644); err != nil {
		t.Fatal(err)
	}
}
