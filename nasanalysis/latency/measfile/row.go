package measfile

import (
	"bufio"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// Settings are how a sample was measured. They must be the same on every row of one
// sample's files: rows that differ in any of them were not measured the same way, and
// are never appended to one another (Resume) nor merged (Merge).
type Settings struct {
	Warmup                               int // untimed runs before the timed ones
	Engine, EngineVersion, LibrarySHA256 string
	Threads, OptLevel                    int
	TargetCI                             float64 // the protocol's stopping rule
	// Protocol names the timing protocol: "single" (each network timed alone) or
	// "paired:burst=B" (timed in rounds of B runs against the reference network).
	Protocol string
	Space    string // the design space
	// Sample names the sample the rows belong to (e.g. its seed, size, resolution and
	// width), so that shards of different samples never merge.
	Sample string
	CPU    string // the processor's model name
}

// settingsColumns are the Measured columns of Settings, in the header's order.
var settingsColumns = []string{"warmup", "engine", "engine_version", "library_sha256", "threads", "opt_level", "target_ci", "space", "sample", "cpu", "protocol"}

// cells are the settings as written, by column.
func (s Settings) cells() map[string]string {
	return map[string]string{"warmup": strconv.Itoa(s.Warmup), "engine": s.Engine, "engine_version": s.EngineVersion,
		"library_sha256": s.LibrarySHA256, "threads": strconv.Itoa(s.Threads), "opt_level": strconv.Itoa(s.OptLevel),
		"target_ci": formatFloat(s.TargetCI), "space": s.Space, "sample": s.Sample, "cpu": s.CPU, "protocol": s.Protocol}
}

// Row is one network's row of a Measured file.
type Row struct {
	Arch       string // the architecture as the space writes it (its key)
	Resolution int
	// The timed runs' median, quartiles and range (ms), the relative half-width of
	// the median's 95 % interval, and how many timed runs.
	MedianMS, Q1MS, Q3MS, MinMS, MaxMS, RelCI float64
	Repeats                                   int
	Settings
	Shard Shard
	// RefMS is the drift reference's latest time (NaN: no reference measured), and
	// Disturbed whether it had drifted past the run's tolerance.
	RefMS     float64
	Disturbed bool
	Host      string // the machine's host name
	Cores     int
	GoVersion string
	Date      time.Time
	// The paired protocol's ratio to the reference network with its 95 % interval, the
	// network's scaled time (RatioRef x RefCalmMS), the reference and its calm time;
	// NaN and "" under the single protocol.
	RatioRef, RatioLo, RatioHi, ScaledMS float64
	RefArch                              string
	RefCalmMS                            float64
	MACsM                                float64 // millions of multiply-accumulates; NaN for a space without a cost model
	// SampleIndex is the network's position in its sample (0-based, before sharding:
	// shard I/N measures the positions I, I+N, ...), by which merge finds what a
	// campaign is missing and puts the merged rows in sample order.
	SampleIndex int
	// MergeNote is empty as measured; merge writes there, on every row, the exceptions it
	// was told to accept (an incomplete campaign, shards at different speeds) and any
	// rescaling of scaled_ms.
	MergeNote string
}

// Record is the row as written, in Measured.Header's order; floats in their shortest
// exact form, the date in RFC 3339 (UTC).
func (r Row) Record() []string {
	s := r.Settings.cells()
	f := formatFloat
	return []string{r.Arch, strconv.Itoa(r.Resolution), f(r.MedianMS), f(r.Q1MS), f(r.Q3MS), f(r.MinMS), f(r.MaxMS), f(r.RelCI),
		strconv.Itoa(r.Repeats), s["warmup"], s["engine"], s["engine_version"], s["library_sha256"], s["threads"],
		s["opt_level"], s["target_ci"], s["space"], s["sample"], r.Shard.String(), f(r.RefMS),
		strconv.FormatBool(r.Disturbed), r.Host, s["cpu"], strconv.Itoa(r.Cores), r.GoVersion,
		r.Date.UTC().Format(time.RFC3339), s["protocol"], f(r.RatioRef), f(r.RatioLo), f(r.RatioHi), f(r.ScaledMS), r.RefArch, f(r.RefCalmMS), f(r.MACsM),
		strconv.Itoa(r.SampleIndex), r.MergeNote}
}

// BlockRow is one block's row of a Blocks file.
type BlockRow struct {
	Arch       string // the network's key in the Measured file
	Resolution int
	Block      string // e.g. stem, s0l1 (stage 0, layer 1), head
	// Stage and Layer place the block (-1 outside the stages); Kernel, Expand and
	// InSize are its kernel size, expansion ratio and input side in pixels.
	Stage, Layer, Kernel int
	Expand               float64
	InSize               int
	MS                   float64 // the block's median time over the profiled runs
	RunMS, SumMS         float64 // the network's profiled end-to-end time and the sum of its blocks
	Runs                 int     // profiled runs
	Engine               string
	Threads, OptLevel    int
}

// Record is the row as written, in Blocks.Header's order.
func (b BlockRow) Record() []string {
	i, f := strconv.Itoa, formatFloat
	return []string{b.Arch, i(b.Resolution), b.Block, i(b.Stage), i(b.Layer), i(b.Kernel), f(b.Expand), i(b.InSize),
		f(b.MS), f(b.RunMS), f(b.SumMS), i(b.Runs), b.Engine, i(b.Threads), i(b.OptLevel)}
}

// formatFloat is the shortest text that reads back as exactly v ("NaN" for NaN).
func formatFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// Host is this machine's host name ("" if it has none).
func Host() string {
	h, _ := os.Hostname()
	return h
}

// CPUModel is this machine's processor model name from /proc/cpuinfo, or the
// architecture (runtime.GOARCH) where there is none.
func CPUModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOARCH
}
