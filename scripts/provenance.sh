# Sourced by the measuring scripts: records when, under what load and how a file was
# measured, in FILE.provenance beside it (this machine is shared, so each run's load
# average and CPU steal time are part of its result).

# steal is the cumulative CPU steal time (USER_HZ ticks) of the cpu line of /proc/stat.
steal() { awk '/^cpu / { print $9 }' /proc/stat; }

# provenance FILE LABEL CMD...: runs CMD and appends its start, end, load, steal time,
# command (LABEL names the script and step) and machine to FILE.provenance.
provenance() {
	local file=$1 label=$2 s0 s1
	shift 2
	s0=$(steal)
	echo "start $(date -u +%FT%TZ) loadavg $(cut -d' ' -f1-3 /proc/loadavg) steal_ticks $s0" >> "$file.provenance"
	"$@"
	s1=$(steal)
	{ echo "end $(date -u +%FT%TZ) loadavg $(cut -d' ' -f1-3 /proc/loadavg) steal_ticks $s1 steal_during $((s1 - s0))"
	  echo "command: nasanalysis ${*:2} ($label); machine $(hostname), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"; } >> "$file.provenance"
}
