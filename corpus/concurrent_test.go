package corpus

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"
)

var fictionalCauses = []string{"ransomware", "misdelivery", "loss", "misdisplay", "insider"}

// fictionalPages returns n pages of a feed in the order a crawl would
// ingest them: each organization's incident gets a new report every few
// pages (第1報, 第2報 …, which link), every third page also carries a
// different incident of the same organization (which must not link), and
// every seventh page re-publishes an earlier page with a corrected count
// (an update). The prefix tells runs apart.
func fictionalPages(n int) []Page { return fictionalFeed("feed", 12, n) }

func fictionalFeed(prefix string, orgs, n int) []Page {
	var pages []Page
	ins := map[int][]Incident{} // by page number; an edit's page is never itself an edit
	for i := range n {
		if i%7 == 6 {
			j := i - 5
			edited := append([]Incident(nil), ins[j]...)
			edited[0].Affected = affected(*edited[0].Affected + 1)
			pages = append(pages, page(fmt.Sprintf("%s/page-%03d", prefix, j), edited...))
			continue
		}
		k, round := i%orgs, i/orgs
		org := fmt.Sprintf("株式会社%sテスト%d", prefix, k)
		if round%2 == 1 {
			org = fmt.Sprintf("%sテスト%d", prefix, k) // written without the legal form
		}
		report := Incident{
			Organization: org,
			Title:        fmt.Sprintf("個人情報の取り扱いについて(第%d報)", round+1),
			Text: fmt.Sprintf("個人情報の取り扱いについて(第%d報)\n%sは、%d月10日、お客様情報%d件が漏えいした可能性があることを確認いたしました。",
				round+1, org, k%12+1, 10*(round+1)),
			Discovered: Date{2024, k%12 + 1, 10},
			Causes:     []string{fictionalCauses[k%5]},
			Sequence:   seqp(round + 1),
			Affected:   affected(int64(10 * (round + 1))),
		}
		notices := []Incident{report}
		if i%3 == 2 {
			notices = append(notices, Incident{
				Organization: org,
				Title:        "別件のお知らせ",
				Text:         fmt.Sprintf("別件のお知らせ\n%sにおいて、昨年%d月20日に別の事案が判明しました。", org, k%12+1),
				Discovered:   Date{2023, k%12 + 1, 20},
				Causes:       []string{fictionalCauses[(k+2)%5]},
				Affected:     affected(int64(i)),
			})
		}
		ins[i] = notices
		pages = append(pages, page(fmt.Sprintf("%s/page-%03d", prefix, i), notices...))
	}
	return pages
}

func TestConcurrentIngest(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, t.TempDir())
	const writers, perWriter = 6, 20
	want := openStore(t, t.TempDir()) // the same feeds ingested one after another
	feeds := make([][]Page, writers)
	for w := range feeds {
		feeds[w] = fictionalFeed(fmt.Sprintf("w%d", w), 5, perWriter)
		for _, p := range feeds[w] {
			ingest(t, want, p)
		}
	}

	var writersWG, readerWG sync.WaitGroup
	errs := make(chan error, writers+1)
	for w := range writers {
		writersWG.Go(func() {
			for _, p := range feeds[w] {
				if _, err := s.Ingest(ctx, p); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	done := make(chan struct{})
	readerWG.Go(func() { // a reader beside the writers
		for {
			select {
			case <-done:
				return
			default:
			}
			if _, _, err := s.Count(ctx); err != nil {
				errs <- err
				return
			}
			if err := s.Cases(ctx, func(*Case) error { return nil }); err != nil {
				errs <- err
				return
			}
			time.Sleep(time.Millisecond) // let the writers make progress under -race
		}
	})
	writersWG.Wait()
	close(done)
	readerWG.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("concurrent: %v", err)
	}
	// Feeds share no organization, so their interleaving does not change
	// the result.
	if got, w := dump(t, s), dump(t, want); got != w {
		t.Errorf("concurrent ingest differs from sequential:\n%s\nvs\n%s", got, w)
	}
}
