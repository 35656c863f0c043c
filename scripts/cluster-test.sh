#!/usr/bin/env bash
# make cluster-test: the README's Slurm commands, run as written on a real single-node
# Slurm cluster started here. It installs Debian's slurm-wlm and munge where missing,
# starts munged, slurmctld and slurmd on 127.0.0.1 with every file they use (key,
# sockets, configuration, state, logs) under build/cluster-test/ and ports free at the
# time, then:
#   1. runs the cluster section's commands (extracted from README.md) for a sample of 6
#      networks in 2 tasks, waits for the array and its merge job, and checks the merged
#      dataset: 6 rows in sample order, no network twice, the same networks in the same
#      order as one `measure` process of the same sample;
#   2. submits a second campaign (16 networks), cancels task 1 once its shard has a row
#      and before it ends, resubmits it with the README's resubmission command, and
#      checks that the rows written before the cancel are unchanged and the campaign
#      merges complete;
# and stops the daemons it started, by their process ids. Fails on anything above.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
D=$root/build/cluster-test
start=$(date +%s)
say() { echo "cluster-test [$(($(date +%s) - start)) s]: $*"; }
fail() { echo "cluster-test: FAIL: $*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# --- Debian's Slurm and munge ---------------------------------------------------------
if ! command -v sbatch >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
	say "installing Debian's slurm-wlm and munge"
	as_root apt-get update -qq
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null
fi
for b in sbatch slurmctld slurmd munged; do
	p=$(readlink -f "$(command -v "$b")")
	dpkg -S "$p" >/dev/null 2>&1 || fail "$b is $p, which no Debian package installed: this test runs Debian's Slurm (slurm-wlm)"
done
say "Debian's slurm-wlm $(dpkg-query -W -f '${Version}' slurm-client), $(munged --version 2>&1 | head -1)"
installed=$(date +%s)

# --- the daemons ----------------------------------------------------------------------
pids=()
stop_daemons() {
	local p
	for f in "$D"/slurmd.pid "$D"/slurmctld.pid "$D"/munged.pid; do
		[ -f "$f" ] || continue
		p=$(cat "$f")
		kill "$p" 2>/dev/null || true
		for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
		rm -f "$f"
	done
}
trap 'status=$?; stop_daemons; [ $status -eq 0 ] || echo "cluster-test: logs in $D" >&2; exit $status' EXIT
stop_daemons # a previous run's, if it was killed
rm -rf "$D"
mkdir -p "$D/state" "$D/spool" "$D/results"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
ctld_port=$(free_port)
slurmd_port=$(free_port)
[ "$ctld_port" != "$slurmd_port" ] || slurmd_port=$(free_port)
host=$(hostname -s)
# NoInAddrAny binds each daemon to the address its host name resolves to (measured: not
# to the address given in slurm.conf). Where that is not loopback, binding there would
# leave 127.0.0.1 unserved, so the daemons then listen on every interface, and say so.
bind="CommunicationParameters=NoInAddrAny,NoCtldInAddrAny"
loopback=true
case "$(getent ahostsv4 "$host" | awk 'NR == 1 { print $1 }')" in
127.*) ;;
*) bind="# $host does not resolve to a loopback address: the daemons listen on every interface"
	loopback=false
	say "WARNING: $host does not resolve to 127.x; slurmctld and slurmd will listen on every interface" ;;
esac

head -c 1024 /dev/urandom > "$D/munge.key"
chmod 400 "$D/munge.key"
# --force: munged refuses to run as root otherwise (CI runs as root).
munged --force --key-file="$D/munge.key" --socket="$D/munge.socket" --pid-file="$D/munged.pid" \
	--log-file="$D/munged.log" --seed-file="$D/munged.seed"

cat > "$D/slurm.conf" <<EOF
# Written by scripts/cluster-test.sh: a one-node cluster on 127.0.0.1, all state here.
ClusterName=nasanalysis-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=$(id -un)
SlurmdUser=$(id -un)
AuthType=auth/munge
AuthInfo=socket=$D/munge.socket
CredType=cred/munge
StateSaveLocation=$D/state
SlurmdSpoolDir=$D/spool
SlurmctldPidFile=$D/slurmctld.pid
SlurmdPidFile=$D/slurmd.pid
SlurmctldLogFile=$D/slurmctld.log
SlurmdLogFile=$D/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
MpiDefault=none
MailProg=/bin/true
# Bind to the address the host name resolves to (127.0.0.1), never to every interface.
$bind
ReturnToService=2
# Twice this machine's cores, so that the array's two tasks (2 CPUs each, as the recipe
# asks) run at once, as on two nodes of a real cluster.
SlurmdParameters=config_overrides
NodeName=$host NodeAddr=127.0.0.1 CPUs=$((2 * $(nproc))) State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF=$D/slurm.conf
slurmctld -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF" -N "$host"
for _ in $(seq 100); do
	sinfo -h -o %t 2>/dev/null | grep -qx idle && break
	sleep 0.2
done
sinfo -h -o %t | grep -qx idle || fail "the node did not come up: $(sinfo 2>&1)"
# Both daemons listen on 127.0.0.1 only (/proc/net/tcp: local address in hex, state 0A).
$loopback && for port in "$ctld_port" "$slurmd_port"; do
	hexport=$(printf '%04X' "$port")
	addrs=$(awk -v p="$hexport" '$4 == "0A" { split($2, a, ":"); if (a[2] == p) print a[1] }' /proc/net/tcp /proc/net/tcp6 | sort -u)
	[ "$addrs" = "0100007F" ] || fail "port $port listens on '$addrs' (hex), not 127.0.0.1 alone"
done
say "slurmctld on 127.0.0.1:$ctld_port, slurmd on 127.0.0.1:$slurmd_port, node $host idle"

# --- the README's commands ------------------------------------------------------------
# The fenced block after the marker line in README.md's cluster section.
mapfile -t readme < <(awk '/<!-- cluster-commands/ {m = 1; next} m && /^```sh/ {b = 1; next} b && /^```/ {exit} b' README.md)
[ ${#readme[@]} -gt 0 ] || fail "README.md has no <!-- cluster-commands ... --> block"
cmd_of() { # the README's line starting with $1, its trailing comment dropped
	local l
	for l in "${readme[@]}"; do
		case "$l" in "$1"*) echo "${l%%  #*}"; return ;; esac
	done
	fail "README.md's cluster commands have no line starting with '$1'"
}
setup_cmd=$(cmd_of "scripts/setup.sh")
submit_cmd=$(cmd_of "deploy/slurm/submit.sh" | head -1)
resubmit_cmd=""
for l in "${readme[@]}"; do case "$l" in deploy/slurm/submit.sh*--only*) resubmit_cmd=${l%%  #*} ;; esac; done
[ -n "$resubmit_cmd" ] || fail "README.md's cluster commands have no resubmission (submit.sh ... --only)"
watch_cmd=$(cmd_of "squeue")
# A small sample: the README's command with its size, split, seed and resolution changed.
small() { # command, n, seed
	sed -E -e "s/--n [0-9]+/--n $2/" -e "s/--seed [0-9]+/--seed $3/" -e 's/--tasks [0-9]+/--tasks 2/' \
		-e 's/--res [0-9]+/--res 128/' -e 's/--only [0-9,-]+/--only 1/' <<<"$1"
}
export NASANALYSIS_RESULTS=$D/results
say "setup: $setup_cmd"
bash -c "$setup_cmd" >"$D/setup.log" 2>&1 || { cat "$D/setup.log" >&2; fail "$setup_cmd"; }

jobs_of() { sed -nE 's/.* as job ([0-9]+); merge job ([0-9]+) .*/\1 \2/p' <<<"$1"; }
wait_jobs() { # job ids...: until none is queued or running (at most 150 s)
	local ids
	ids=$(IFS=,; echo "$*")
	for _ in $(seq 750); do
		[ -z "$(squeue -h -j "$ids" 2>/dev/null)" ] && return 0
		sleep 0.2
	done
	fail "jobs $ids still queued after 150 s: $(squeue 2>&1)"
}
rows() { python3 -c 'import csv, sys; print(sum(1 for _ in csv.DictReader(open(sys.argv[1]))))' "$1"; }
check_merged() { # merged file, n, [reference file]: n rows, positions 0..n-1, no network twice, as the reference
	python3 - "$@" <<'PY' || fail "$1: see above"
import csv, sys
path, n = sys.argv[1], int(sys.argv[2])
rows = list(csv.DictReader(open(path)))
archs = [r["arch"] for r in rows]
assert len(rows) == n, f"{path}: {len(rows)} rows, want {n}"
assert len(set(archs)) == n, f"{path}: a network twice"
assert [int(r["sample_index"]) for r in rows] == list(range(n)), f"{path}: not in sample order"
# Nothing accepted: at most the shards put on their median calm time.
assert all("accepted" not in r["merge_note"] for r in rows), f"{path}: merge_note {rows[0]['merge_note']!r}"
if len(sys.argv) > 3:
    ref = [r["arch"] for r in csv.DictReader(open(sys.argv[3]))]
    assert archs == ref, f"{path}: not the networks, in the order, of {sys.argv[3]}"
PY
}

# 1. A campaign as the README submits it.
cmd=$(small "$submit_cmd" 6 11)
say "$cmd"
out=$(bash -c "$cmd") || fail "$cmd"
echo "$out"
read -r jid mid <<<"$(jobs_of "$out")"
[ -n "$mid" ] || fail "no job ids in: $out"
bash -c "$watch_cmd" | sed 's/^/  /'
wait_jobs "$jid" "$mid"
camp=$(sed -nE 's/^campaign ([^:]+):.*/\1/p' <<<"$out")
[ "$camp" = "$D/results/ofa-mbv3-w0-n6-seed11-r128" ] || fail "campaign folder $camp, want $D/results/ofa-mbv3-w0-n6-seed11-r128"
[ -f "$camp/merged.csv" ] || { cat "$camp"/*.out >&2; fail "no $camp/merged.csv"; }
"$camp/nasanalysis" measure --space ofa-mbv3 --n 6 --seed 11 --res 128 --threads 1 --out "$D/single.csv" --calm "$D/single-calm.csv" 2>"$D/single.log" ||
	{ cat "$D/single.log" >&2; fail "single-process measure"; }
check_merged "$camp/merged.csv" 6 "$D/single.csv"
say "campaign 1: 6 networks in sample order, as one process measures them"

# 2. Cancel a task midway, resubmit it, merge.
cmd=$(small "$submit_cmd" 16 12)
out=$(bash -c "$cmd") || fail "$cmd"
read -r jid mid <<<"$(jobs_of "$out")"
camp=$(sed -nE 's/^campaign ([^:]+):.*/\1/p' <<<"$out")
shard=$camp/shard-1-of-2.csv
for _ in $(seq 1500); do
	[ -f "$shard" ] && [ "$(wc -l <"$shard")" -ge 2 ] && break
	sleep 0.1
done
[ -f "$shard" ] && [ "$(wc -l <"$shard")" -ge 2 ] || fail "task 1 wrote no row in 150 s"
scancel "${jid}_1"
wait_jobs "$jid"
n1=$(rows "$shard")
[ "$n1" -lt 8 ] || fail "task 1 finished (8 rows) before it was cancelled: nothing was tested"
# slurmctld drops a job whose dependency can no longer be met at its next scheduling
# pass, not at once: give it up to 60 s.
for _ in $(seq 300); do
	[ -z "$(squeue -h -j "$mid" 2>/dev/null)" ] && break
	sleep 0.2
done
[ -z "$(squeue -h -j "$mid" 2>/dev/null)" ] || fail "the first merge job $mid still waits on a cancelled task after 60 s"
cp "$shard" "$D/cancelled.csv"
say "task 1 cancelled after $n1 of 8 rows; the merge job $mid was dropped"
cmd=$(small "$resubmit_cmd" 16 12)
say "$cmd"
out=$(bash -c "$cmd") || fail "$cmd"
echo "$out"
read -r jid2 mid2 <<<"$(jobs_of "$out")"
wait_jobs "$jid2" "$mid2"
[ -f "$camp/merged.csv" ] || { cat "$camp"/*.out >&2; fail "no $camp/merged.csv after the resubmission"; }
# Every complete row written before the cancel is byte for byte where it was.
keep=$(python3 -c 'import sys; b = open(sys.argv[1], "rb").read(); print(b.rfind(b"\n") + 1)' "$D/cancelled.csv")
cmp -s -n "$keep" "$D/cancelled.csv" "$shard" || fail "rows written before the cancel changed in $shard"
check_merged "$camp/merged.csv" 16
[ "$(rows "$shard")" = 8 ] || fail "$shard holds $(rows "$shard") rows, want 8"
say "campaign 2: task 1 resumed from its $n1 rows; 16 networks merged"
say "passed in $(($(date +%s) - installed)) s after the install"
