#!/usr/bin/env bash
# Submits one measurement campaign to Slurm: `measure` over a job array, one shard per
# task, and a merge job that runs once every task has succeeded. Run it from the
# repository root on the submit host:
#
#   deploy/slurm/submit.sh --space ofa-mbv3 --n 2000 --seed 1 --tasks 8
#   deploy/slurm/submit.sh --space ofa-mbv3 --archs my-networks.jsonl --tasks 8
#   deploy/slurm/submit.sh --space ofa-mbv3 --n 2000 --seed 1 --tasks 8 --only 3   # resubmit task 3
#
# Options: --space S (ofa-mbv3), --n N (2000), --seed K (1), --res R (0: each network's
# sampled resolution), --width W (0: the space's default), --archs FILE (JSON lines,
# instead of --n/--seed/--res/--width), --tasks T (the number of shards, required),
# --only LIST (the array tasks to submit, e.g. 3 or 1,5: default all, 0-(T-1)); after
# `--`, more flags for measure (e.g. --target-ci 0.02). Slurm options go in the usual
# SBATCH_* variables (SBATCH_PARTITION, SBATCH_CONSTRAINT to pin one node type,
# SBATCH_TIMELIMIT, SBATCH_ACCOUNT).
#
# The campaign's folder, results/<space>-w<width>-n<n>-seed<seed>-r<res>/ (an --archs
# campaign: results/<space>-archs-<first 12 hex of the file's SHA-256>-n<count>/), is
# made here, before Slurm opens any file in it. It holds the tool, built once here for
# every task (the nodes need only the ONNX Runtime library: scripts/setup.sh --measure),
# each task's shard-I-of-T.csv, calm-shard-I.csv (each task calibrates the reference on
# its own node: one file shared on a shared disk would put every node on the scale of
# the first to calibrate; merge puts the shards on their median) and slurm-<job>_I.out, and
# at the end merged.csv, every network of the sample in sample order. A task that is
# cancelled, pre-empted or runs out of time loses at most the network it was timing:
# submit it again with --only and it resumes where it stopped; the merge job of the
# first submission is then dropped by Slurm (its dependency can no longer be met) and
# the new submission brings its own.
set -euo pipefail
cd "$(dirname "$0")/../.."

space=ofa-mbv3 n=2000 seed=1 res=0 width=0 archs="" tasks="" only=""
while [ $# -gt 0 ]; do
	case "$1" in
	--space | --n | --seed | --res | --width | --archs | --tasks | --only)
		[ $# -ge 2 ] || { echo "submit.sh: $1 needs a value" >&2; exit 2; }
		v=$2
		case "$1" in
		--space) space=$v ;; --n) n=$v ;; --seed) seed=$v ;; --res) res=$v ;; --width) width=$v ;;
		--archs) archs=$v ;; --tasks) tasks=$v ;; --only) only=$v ;;
		esac
		shift 2 ;;
	--) shift; break ;;
	*) echo "submit.sh: unknown option $1 (see the comment at the top of $0)" >&2; exit 2 ;;
	esac
done
extra=("$@")
[[ "$tasks" =~ ^[1-9][0-9]*$ ]] || { echo "submit.sh: --tasks T (a positive number of shards) is required" >&2; exit 2; }
[ -n "$only" ] || only="0-$((tasks - 1))"
[[ "$only" =~ ^[0-9,-]+$ ]] || { echo "submit.sh: --only $only: want array indices such as 3 or 1,5 or 0-3" >&2; exit 2; }
command -v sbatch >/dev/null || { echo "submit.sh: sbatch not found: run this on a Slurm submit host" >&2; exit 1; }

results=${NASANALYSIS_RESULTS:-results} # where campaigns go (make cluster-test: under build/)
if [ -n "$archs" ]; then
	[ -f "$archs" ] || { echo "submit.sh: --archs $archs: no such file" >&2; exit 2; }
	sum=$(sha256sum "$archs" | cut -c1-64)
	count=$(grep -c . "$archs" || true)
	dir="$results/$space-archs-${sum:0:12}-n$count"
	args=(--space "$space" --archs archs.jsonl) # in the campaign's folder
else
	dir="$results/$space-w$width-n$n-seed$seed-r$res"
	args=(--space "$space" --n "$n" --seed "$seed" --res "$res" --width "$width")
fi
args+=("${extra[@]}")

mkdir -p "$dir"
dir=$(cd "$dir" && pwd) # the tasks may start elsewhere than here
# The campaign's measure flags, one per line, as every task reads them. A folder holds
# one campaign: other flags for the same sample would make shards no merge can join.
printf '%s\n' "${args[@]}" > "$dir/measure.args.new"
if [ -f "$dir/measure.args" ] && ! cmp -s "$dir/measure.args" "$dir/measure.args.new"; then
	echo "submit.sh: $dir was submitted with other measure flags ($(tr '\n' ' ' < "$dir/measure.args")); move it away first" >&2
	rm "$dir/measure.args.new"
	exit 1
fi
mv "$dir/measure.args.new" "$dir/measure.args"
[ -z "$archs" ] || [ -f "$dir/archs.jsonl" ] || cp "$archs" "$dir/archs.jsonl"
if [ -e "$dir/merged.csv" ]; then
	echo "submit.sh: $dir/merged.csv exists: this campaign is complete" >&2
	exit 1
fi
# One binary for every task, built once (a resubmission reuses it, so all shards are
# measured by the same build).
if [ ! -x "$dir/nasanalysis" ]; then
	echo "building $dir/nasanalysis"
	go build -o "$dir/nasanalysis.partial" ./cmd/nasanalysis
	mv "$dir/nasanalysis.partial" "$dir/nasanalysis"
	{
		echo "built $(date -u +%FT%TZ) on $(hostname) from $(git rev-parse HEAD 2>/dev/null || echo 'no git') with $(go version)"
	} >> "$dir/campaign.log"
fi

env_vars="ALL,CAMPAIGN=$dir,TASKS=$tasks"
jid=$(sbatch --parsable --array="$only" --output="$dir/slurm-%A_%a.out" --export="$env_vars" deploy/slurm/measure.sbatch)
jid=${jid%%;*}
mid=$(sbatch --parsable --dependency="afterok:$jid" --kill-on-invalid-dep=yes --output="$dir/merge-%j.out" \
	--export="$env_vars" deploy/slurm/merge.sbatch)
mid=${mid%%;*}
echo "$(date -u +%FT%TZ) submitted tasks $only of 0-$((tasks - 1)) as job $jid, merge as job $mid" >> "$dir/campaign.log"
echo "campaign $dir: measuring tasks $only of 0-$((tasks - 1)) as job $jid; merge job $mid writes $dir/merged.csv"
