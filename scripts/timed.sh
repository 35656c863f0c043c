#!/usr/bin/env bash
# Runs one step of a make target and appends its timing to $TIMINGS_FILE (default
# build/timings/steps.jsonl) as a timing.Event of kind $TIMING_KIND (default step):
# wall time, the CPU time (user + system) of everything it ran, and the 1-minute load
# average when it ended. `make timings` prints them. Exits with the step's status.
# run-notebooks.sh times each notebook's execution and export with it too.
#
#   scripts/timed.sh NAME COMMAND [ARG...]
set -uo pipefail
name=$1
shift
file=${TIMINGS_FILE:-build/timings/steps.jsonl}
mkdir -p "$(dirname "$file")"
now() { date -u +%Y-%m-%dT%H:%M:%S.%NZ; }
# bash's `times`, run in this shell (not a subshell, whose children are not these), gives
# the CPU time of its finished children on its second line.
tmp=$(mktemp)
children_cpu() { awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%.3f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$tmp"; }
start=$(now)
times >"$tmp"
cpu0=$(children_cpu)
"$@"
status=$?
times >"$tmp"
cpu1=$(children_cpu)
rm -f "$tmp"
load=$(cut -d' ' -f1 /proc/loadavg)
printf '{"kind":"%s","name":"%s","start":"%s","end":"%s","cpu_s":%s,"load1":%s}\n' \
	"${TIMING_KIND:-step}" "$name" "$start" "$(now)" "$(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN { printf "%.3f", b - a }')" "$load" >>"$file"
exit $status
