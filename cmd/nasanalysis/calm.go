package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/nasanalysis/nasanalysis/nasanalysis/latency"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency/measfile"
	"github.com/nasanalysis/nasanalysis/nasanalysis/metric"
)

// calmHelp documents --calm for measure and measure-lut.
const calmHelp = "file of this machine's calm reference times, shared by every run measuring into the same directory so their scaled_ms agree as their ratios do (default: calm-<engine>.csv beside --out); a reference it lacks is calibrated once and appended. none: calibrate per file"

// calmPath resolves --calm: "none", or standard output without --calm, keeps calm
// times in memory ("" returned); no flag is calm-<engine>.csv in the directory of out.
func calmPath(flag, out, engine string) string {
	switch {
	case flag == "none" || out == "-" && flag == "":
		return ""
	case flag == "":
		return filepath.Join(filepath.Dir(out), "calm-"+engine+".csv")
	}
	return flag
}

// newCalmSource is latency.NewCalmTimes for a --calm file that is written to, checked
// first to be a regular file (or none yet).
func newCalmSource(path, space string, eng latency.Engine, opener latency.Opener, p latency.PairedProtocol, known map[string]float64, stderr io.Writer) (*latency.CalmTimes, error) {
	if path != "" {
		if err := measfile.CheckRegular(path); err != nil {
			return nil, usagef("--calm %v", err)
		}
	}
	return latency.NewCalmTimes(path, false, space, eng, opener, p, known, stderr)
}

// measuredFlags are the flags of the measured metric in eval and profile: the engine and
// the protocol it is timed under.
type measuredFlags struct {
	engine, protocol, calm *string
	rounds, repeats        *int
}

func (fs *flagSet) measuredFlags() *measuredFlags {
	return &measuredFlags{
		engine:   fs.String("engine", latency.EngineORT, "for measured: inference engine, onnxruntime or gomlx (gomlx: --protocol single only)"),
		protocol: fs.String("protocol", "paired", "for measured: paired (each network timed against its space's reference network and scaled to the reference's calm time, as measure does) or single (each network alone; its median follows the host's speed)"),
		calm:     fs.String("calm", "", "for measured, paired: file of this machine's calm reference times (measure's --calm), a reference it lacks calibrated once and appended (default: the project's datasets/calm-<engine>.csv, read only: a reference it lacks is calibrated for this run alone)"),
		rounds:   fs.Int("rounds", 0, fmt.Sprintf("for measured, paired: exactly this many rounds per network (0: measure's default, %d to %d rounds until the ratio is known to ±%.0f %%; at most %d)", latency.DefaultPaired.MinRounds, latency.DefaultPaired.MaxRounds, 100*latency.DefaultPaired.TargetCI, maxMeasuredRounds)),
		repeats:  fs.Int("repeats", 0, fmt.Sprintf("for measured, single: exactly this many timed runs (0: until the median is known to ±1 %%; at most %d)", maxMeasuredRounds)),
	}
}

// maxMeasuredRounds bounds --rounds and --repeats.
const maxMeasuredRounds = 10000

// options sets the measured metric's fields of opts.
func (m *measuredFlags) options(opts *metric.Options) error {
	if *m.rounds < 0 || *m.rounds > maxMeasuredRounds || *m.repeats < 0 || *m.repeats > maxMeasuredRounds {
		return usagef("--rounds %d and --repeats %d: want 0 (the default) to %d", *m.rounds, *m.repeats, maxMeasuredRounds)
	}
	if *m.rounds == 1 {
		return usagef("--rounds 1: a ratio's interval needs at least 2 rounds")
	}
	opts.Engine = *m.engine
	switch *m.protocol {
	case "paired":
		if *m.repeats != 0 {
			return usagef("--repeats is the single protocol's; with --protocol paired use --rounds")
		}
		opts.Paired = latency.DefaultPaired
		if *m.rounds > 0 {
			opts.Paired.MinRounds, opts.Paired.MaxRounds, opts.Paired.TargetCI = *m.rounds, *m.rounds, 0
		}
		if *m.calm != "" {
			if err := measfile.CheckRegular(*m.calm); err != nil {
				return usagef("--calm %v", err)
			}
			opts.CalmFile = *m.calm
		}
	case "single":
		if *m.rounds != 0 || *m.calm != "" {
			return usagef("--rounds and --calm are the paired protocol's; with --protocol single use --repeats")
		}
		opts.Single = true
		if *m.repeats > 0 {
			opts.Protocol = latency.DefaultProtocol.Exactly(*m.repeats)
		}
	default:
		return usagef("--protocol %q: want paired or single", *m.protocol)
	}
	return nil
}
