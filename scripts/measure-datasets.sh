#!/usr/bin/env bash
# Re-creates this project's "this machine" datasets (datasets/ort-*.csv, see
# datasets/README.md) under measure's paired protocol: every network timed in rounds
# alternating with its space's reference network, its ratio to the reference recorded and
# scaled to the reference's calm time in the shared datasets/calm-onnxruntime.csv (so
# scaled_ms agrees across files as the ratios do). Each run appends to its file and skips
# networks already in it, so an interrupted script resumes where it stopped; each file
# gets a .provenance file (start and end, load average, CPU steal time, command).
#
# Usage: scripts/measure-datasets.sh [STEP ...]   (default: every step, in this order)
#   r160 gpu160 proxylessnas ofa-resnet50 ofa-mbv3 profile
# OUT (default datasets) is where files are written; CALM (default
# datasets/calm-onnxruntime.csv) the calm times shared by all of them. Takes about two
# hours on a 2-core machine; one measuring process at a time (two disturb each other).
# Needs `make setup` (the ONNX Runtime library).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-datasets}
calm=${CALM:-datasets/calm-onnxruntime.csv}
mkdir -p "$out"
tmp=$(mktemp -d)
bin=$tmp/nasanalysis
trap 'rm -rf "$tmp"' EXIT
go build -o "$bin" ./cmd/nasanalysis
. scripts/provenance.sh

# The large sets stop once the ratio's 95 % interval is within ±2 % (the 160 px sets,
# which the predictors and the profiling ground truth rest on, keep the default ±1 %).
large=(--target-ci 0.02)

m() { # file, measure's flags...
	local file=$1
	shift
	provenance "$out/$file" "scripts/measure-datasets.sh" "$bin" measure --calm "$calm" --out "$out/$file" "$@"
}

steps=("$@")
[ ${#steps[@]} -eq 0 ] && steps=(r160 gpu160 proxylessnas ofa-resnet50 ofa-mbv3 profile)
for s in "${steps[@]}"; do
	echo "== $s ($(date -u +%T))"
	case "$s" in
	# The 300 networks GoMLX timed (the first 300 of `sample --space ofa-mbv3 --seed 1`,
	# at 160 px), with per-block times from ONNX Runtime's profiler.
	r160) m ort-ofa-mbv3-r160.csv --space ofa-mbv3 --n 300 --seed 1 --res 160 --per-block "$out/ort-ofa-mbv3-r160-blocks.csv" ;;
	# The 60 networks HELP timed on four GPUs (the first 60 at 160 px of ofa/gpu_latency.csv).
	gpu160) m ort-ofa-mbv3-gpu160.csv --space ofa-mbv3 --gpu-archs 60 --res 160 ;;
	# 500 OFA-ProxylessNAS, 500 OFA-ResNet50 and 2,000 OFA-MobileNetV3 networks at their
	# sampled resolutions.
	proxylessnas) m ort-proxylessnas.csv --space proxylessnas --n 500 --seed 1 "${large[@]}" ;;
	ofa-resnet50) m ort-ofa-resnet50.csv --space ofa-resnet50 --n 500 --seed 1 "${large[@]}" ;;
	ofa-mbv3) m ort-ofa-mbv3.csv --space ofa-mbv3 --n 2000 --seed 2 "${large[@]}" ;;
	# The block-profiling study on directly measured latency: the baseline and all 180
	# OFA-MobileNetV3 block fixes, 10 random networks each, at 160 px, each network timed
	# in exactly 7 rounds of 3 runs against the reference (21 runs of each, as the single
	# protocol's 20 before). Not resumable: written whole once every group is timed.
	profile)
		f="$out/profile-ofa-mbv3-r160-measured.csv"
		provenance "$f" "scripts/measure-datasets.sh" "$bin" profile --space ofa-mbv3 --metrics measured --n 10 --seed 2021 \
			--res 160 --rounds 7 --calm "$calm" > "$f.partial"
		mv "$f.partial" "$f" ;;
	*) echo "unknown step $s" >&2; exit 2 ;;
	esac
done
