package crawl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"
)

// ErrNoPDFText is returned when PDFs cannot be turned into text here: the
// pure-Go PDF readers garble the CID fonts Japanese notices use, so
// pdftotext (poppler) does it, and it is not installed.
var ErrNoPDFText = errors.New("pdftotext not found: install poppler-utils (apt-get install poppler-utils)")

// pdfTimeout bounds one conversion: a hostile PDF must not stall a run.
const pdfTimeout = time.Minute

// IsPDF reports whether content is a PDF, by its Content-Type or its magic.
func IsPDF(contentType string, body []byte) bool {
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(contentType)), "application/pdf") {
		return true
	}
	return bytes.HasPrefix(bytes.TrimLeft(body[:min(len(body), 1024)], " \t\r\n"), []byte("%PDF-"))
}

// PDFText returns the text of a PDF as UTF-8, from `pdftotext -enc UTF-8 - -`
// run with a timeout. Pages are separated by form feeds, as pdftotext
// writes them. Errors: ErrNoPDFText, ErrEmpty for a PDF without text (a
// scanned image), or pdftotext's own complaint.
func PDFText(ctx context.Context, pdf []byte) ([]byte, error) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		return nil, ErrNoPDFText
	}
	ctx, cancel := context.WithTimeout(ctx, pdfTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("pdftotext: %w", ctx.Err())
		}
		msg := strings.TrimSpace(stderr.String())
		if i := strings.IndexByte(msg, '\n'); i >= 0 {
			msg = msg[:i]
		}
		return nil, fmt.Errorf("pdftotext: %v: %s", err, msg)
	}
	if len(bytes.TrimSpace(bytes.ReplaceAll(out.Bytes(), []byte("\f"), nil))) == 0 {
		return nil, fmt.Errorf("%w: the PDF has no text (a scanned image?)", ErrEmpty)
	}
	return out.Bytes(), nil
}
