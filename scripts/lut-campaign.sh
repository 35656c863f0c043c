#!/usr/bin/env bash
# This machine's own lookup tables and the networks that judge them (issue 24, items 3
# and 4): for each space, every operator timed alone (measure-lut: datasets/lut-*.csv
# and one YAML table per resolution), then networks measured end to end under the same
# paired protocol and calm reference times (datasets/calm-onnxruntime.csv): a
# calibration set, on which the table's per-network overhead is fitted, and a held-out
# set, on which the table is judged. Each file gets a .provenance file beside it (start
# and end, load average, CPU steal time, command, machine).
#
# Usage: scripts/lut-campaign.sh [STEP ...]   (default: every step, in this order)
#   lut-ofa-mbv3 check-ofa-mbv3 lut-proxylessnas check-proxylessnas check-ofa-resnet50 lut-ofa-resnet50
# One measuring process at a time (two disturb each other). Every step resumes where it
# stopped. Needs `make setup` (the ONNX Runtime library).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-datasets}
mkdir -p "$out"
tmp=$(mktemp -d)
bin=$tmp/nasanalysis
trap 'rm -rf "$tmp"' EXIT
go build -o "$bin" ./cmd/nasanalysis

. scripts/provenance.sh

lut() { # space, measurement file
	provenance "$out/$2" scripts/lut-campaign.sh "$bin" measure-lut --space "$1" --tables "$out"
}

check() { # space, calibration size, held-out size
	provenance "$out/lutcheck-$1-calib.csv" scripts/lut-campaign.sh "$bin" measure --space "$1" --n "$2" --seed 2402 --out "$out/lutcheck-$1-calib.csv"
	provenance "$out/lutcheck-$1-test.csv" scripts/lut-campaign.sh "$bin" measure --space "$1" --n "$3" --seed 2401 --out "$out/lutcheck-$1-test.csv"
}

steps=("$@")
[ ${#steps[@]} -eq 0 ] && steps=(lut-ofa-mbv3 check-ofa-mbv3 lut-proxylessnas check-proxylessnas check-ofa-resnet50 lut-ofa-resnet50)
for s in "${steps[@]}"; do
	echo "== $s ($(date -u +%T))"
	case "$s" in
	lut-ofa-mbv3) lut ofa-mbv3 lut-ofa-mbv3-w1.2.csv ;;
	lut-proxylessnas) lut proxylessnas lut-proxylessnas-w1.3.csv ;;
	lut-ofa-resnet50) lut ofa-resnet50 lut-ofa-resnet50.csv ;;
	check-ofa-mbv3) check ofa-mbv3 100 300 ;;
	check-proxylessnas) check proxylessnas 50 100 ;;
	check-ofa-resnet50) check ofa-resnet50 50 100 ;;
	*) echo "unknown step $s" >&2; exit 2 ;;
	esac
done
