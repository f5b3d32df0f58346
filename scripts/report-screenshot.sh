#!/usr/bin/env bash
# Renders incidex's HTML reports in headless Chromium to PNGs, to look at the
# layout: the report on the whole seeds corpus and the report on one incident.
#
#   scripts/report-screenshot.sh [OUTDIR [INCIDENT-ID]]
#
# OUTDIR defaults to a new directory under $TMPDIR; the incident defaults to
# the one affecting the most people. SEEDS overrides ../shared/seeds.
# Needs Debian's chromium and, for the Japanese text, fonts-noto-cjk.
set -euo pipefail
cd "$(dirname "$0")/.."

seeds=${SEEDS:-../shared/seeds}
out=${1:-$(mktemp -d "${TMPDIR:-/tmp}/incidex-report.XXXXXX")}
command -v chromium >/dev/null || { echo "chromium not found: apt-get install chromium" >&2; exit 1; }
[ -d "$seeds" ] || { echo "$seeds: no seeds directory" >&2; exit 1; }
fc-list :lang=ja | grep -q . || echo "warning: no Japanese font; text will show as boxes (apt-get install fonts-noto-cjk)" >&2
mkdir -p "$out"
out=$(cd "$out" && pwd)

work=$(mktemp -d "${TMPDIR:-/tmp}/incidex-shot.XXXXXX")
trap 'rm -rf "$work"' EXIT
go build -o "$work/incidex" ./cmd/incidex
data=$work/data
"$work/incidex" ingest --data "$data" "$seeds"

id=${2:-$("$work/incidex" search --data "$data" --sort affected --limit 1 --format jsonl | sed -n 's/^{"id":"\([^"]*\)".*/\1/p')}
[ -n "$id" ] || { echo "no incident to report on" >&2; exit 1; }
"$work/incidex" report --data "$data" --all -o "$out/all.html"
"$work/incidex" report --data "$data" -o "$out/incident.html" "$id"

# shot PAGE PNG: a 1280-pixel-wide window, tall enough for most of a report.
shot() {
	chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$work/chromium" --screenshot="$2" --window-size=1280,4000 \
		"file://$1" >"$work/chromium.log" 2>&1 || { cat "$work/chromium.log" >&2; return 1; }
}
shot "$out/all.html" "$out/all.png"
shot "$out/incident.html" "$out/incident.png"
echo "$out/all.png"
echo "$out/incident.png"
