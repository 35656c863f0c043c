#!/usr/bin/env bash
# Re-creates this project's ONNX Runtime measurements in datasets/ (see datasets/README.md).
# Each run appends to its file and skips networks already in it, so an interrupted script
# resumes where it stopped. The big OFA-MobileNetV3 set is measured as two shards and
# merged, the same way a cluster run is (deploy/), here one shard after the other so the
# single-threaded timings never share this 2-core machine's cores with each other.
#
# Usage: scripts/measure-datasets.sh [OUTDIR]   (default: datasets)
# Takes about an hour on a 2-core machine; needs `make setup` (the ONNX Runtime library).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-datasets}
mkdir -p "$out"
bin=$(mktemp -d)/nasanalysis
trap 'rm -rf "$(dirname "$bin")"' EXIT
go build -o "$bin" ./cmd/nasanalysis

# The protocol of the large sets: stop once the median's 95 % interval is within ±2 %,
# at most 100 timed runs (the default ±1 % / 200 runs costs twice the time on this VM,
# whose run-to-run noise often keeps ±1 % out of reach even at 200 runs).
fast=(--target-ci 0.02 --max-repeats 100)

# 1. The 300 networks GoMLX timed (datasets/ofa-mbv3-r160-measured.csv: the first 300 of
#    `sample --space ofa-mbv3 --seed 1`, at 160 px), with per-block times; default protocol.
"$bin" measure --space ofa-mbv3 --n 300 --seed 1 --res 160 \
	--per-block "$out/ort-ofa-mbv3-r160-blocks.csv" --out "$out/ort-ofa-mbv3-r160.csv"

# 2. The 60 networks HELP timed on four GPUs (first 60 at 160 px of ofa/gpu_latency.csv).
"$bin" measure --space ofa-mbv3 --gpu-archs 60 --res 160 --out "$out/ort-ofa-mbv3-gpu160.csv"

# 3. 2,000 OFA-MobileNetV3 networks at their sampled resolutions (160-224 px), two shards.
if [[ ! -e "$out/ort-ofa-mbv3.csv" ]]; then
	for shard in 0/2 1/2; do
		"$bin" measure --space ofa-mbv3 --n 2000 --seed 2 --shard "$shard" "${fast[@]}" \
			--out "$out/ort-ofa-mbv3.shard${shard%/*}.csv"
	done
	"$bin" merge --out "$out/ort-ofa-mbv3.csv" "$out"/ort-ofa-mbv3.shard0.csv "$out"/ort-ofa-mbv3.shard1.csv
	rm "$out"/ort-ofa-mbv3.shard[01].csv
fi

# 4. 500 OFA-ProxylessNAS and 500 OFA-ResNet50 networks at their sampled resolutions.
"$bin" measure --space proxylessnas --n 500 --seed 1 "${fast[@]}" --out "$out/ort-proxylessnas.csv"
"$bin" measure --space ofa-resnet50 --n 500 --seed 1 "${fast[@]}" --out "$out/ort-ofa-resnet50.csv"
