#!/usr/bin/env bash
# The repeatability of this machine's latency under measure's paired protocol (issue 24,
# item 2): the same 200 OFA-MobileNetV3 networks (sample --seed 24, resolutions sampled
# among 160-224 px) measured in two separate runs, the second in a shuffled order, once
# with nothing else running ("quiet") and once while a busy loop loads the other core
# ("busy"). Each run's load average and CPU steal time (from /proc) are written beside
# its file; compare-runs prints the agreement of the two runs of a condition.
#
# Usage: scripts/repeatability.sh [quiet|busy|both] [OUTDIR]   (default: both, datasets)
# Takes about 7 minutes per run (4 runs) on a 2-core machine; resumable (measure skips
# networks already in a file). Needs `make setup` (the ONNX Runtime library).
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:-both}
out=${2:-datasets}
n=${N:-200}
mkdir -p "$out"
tmp=$(mktemp -d)
bin=$tmp/nasanalysis
busy_pid=""
trap '[ -n "$busy_pid" ] && kill "$busy_pid" 2>/dev/null; rm -rf "$tmp"' EXIT
go build -o "$bin" ./cmd/nasanalysis

"$bin" sample --space ofa-mbv3 --n "$n" --seed 24 > "$tmp/order1.jsonl"
# The second order: the same lines, shuffled with a fixed seed (awk's srand), so the
# machine's drift falls on other networks.
awk 'BEGIN { srand(7) } { printf "%.12f\t%s\n", rand(), $0 }' "$tmp/order1.jsonl" | sort -k1,1 | cut -f2- > "$tmp/order2.jsonl"

# steal is the cumulative CPU steal time (USER_HZ ticks) of the cpu line of /proc/stat.
steal() { awk '/^cpu / { print $9 }' /proc/stat; }

run() { # condition, run number, order file
	local file="$out/repeat-$1-$2.csv" s0 s1
	s0=$(steal)
	{ echo "start $(date -u +%FT%TZ) loadavg $(cut -d' ' -f1-3 /proc/loadavg) steal_ticks $s0"; } > "$file.provenance"
	"$bin" measure --space ofa-mbv3 --archs "$3" --out "$file"
	s1=$(steal)
	{ echo "end $(date -u +%FT%TZ) loadavg $(cut -d' ' -f1-3 /proc/loadavg) steal_ticks $s1 steal_during $((s1 - s0))"
	  echo "command: scripts/repeatability.sh $1 (run $2, $(basename "$3" .jsonl)); machine $(hostname), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"; } >> "$file.provenance"
}

condition() {
	if [ "$1" = busy ]; then
		# A busy loop on the other core for the whole condition.
		( while :; do :; done ) &
		busy_pid=$!
	fi
	run "$1" 1 "$tmp/order1.jsonl"
	run "$1" 2 "$tmp/order2.jsonl"
	if [ -n "$busy_pid" ]; then kill "$busy_pid"; busy_pid=""; fi
	for c in scaled_ms ratio_ref median_ms; do
		echo "== $1: run 1 against run 2, $c"
		"$bin" compare-runs --a "$out/repeat-$1-1.csv" --b "$out/repeat-$1-2.csv" --column "$c" --format table
	done
}

case "$which" in
quiet | busy) condition "$which" ;;
both) condition quiet; condition busy ;;
*) echo "usage: $0 [quiet|busy|both] [OUTDIR]" >&2; exit 2 ;;
esac
