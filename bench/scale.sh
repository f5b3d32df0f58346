#!/usr/bin/env bash
# Scale benchmark: generate N realistic notices (default 100,000, 2-4 KB each),
# ingest them into a fresh data directory, and report ingest throughput, peak
# memory, store and index size, warm query latency (bench/querybench) and the
# time of a whole `incidex search` process. Needs GNU time (/usr/bin/time).
#
#	bench/scale.sh [N] [WORKDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
work=${2:-$(mktemp -d)}
echo "== $n notices in $work"
go build -o "$work/incidex" ./cmd/incidex
go run ./bench/gen -n "$n" -seed 1 -out "$work/notices" >/dev/null
du -sh "$work/notices"
echo "== ingest"
/usr/bin/time -f "ingest: %e s wall, %M KB peak RSS" "$work/incidex" ingest --data "$work/data" "$work/notices" 2>&1 | tail -2
du -sh "$work/data/corpus.db" "$work/data/index"
echo "== warm queries"
go run ./bench/querybench -data "$work/data" -n 50
echo "== whole search processes"
for q in "漏洩" "--cause ransomware --facets" "個人情報 流出 --sort date"; do
	/usr/bin/time -f "incidex search $q: %e s, %M KB" "$work/incidex" search --data "$work/data" --format jsonl $q >/dev/null
done
