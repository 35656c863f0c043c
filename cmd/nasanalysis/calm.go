package main

import (
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency/measfile"
)

// calibrationRounds are the rounds of a reference against itself that set its calm
// time (latency.CalmMS) when the calm file holds none for it.
const calibrationRounds = 60

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

// calmSource gives each reference network its calm time: the one a file's own rows were
// scaled by (so a resumed file stays consistent), else the calm file's, else a
// calibration appended to the calm file.
type calmSource struct {
	path   string // "" keeps calibrations in memory only
	eng    latency.Engine
	opener latency.Opener
	p      latency.PairedProtocol
	known  map[string]float64 // by ref_arch: the file's own
	file   map[string]float64 // by measfile.CalmKey
	stderr io.Writer
}

func newCalmSource(path string, eng latency.Engine, opener latency.Opener, p latency.PairedProtocol, known map[string]float64, stderr io.Writer) (*calmSource, error) {
	c := &calmSource{path: path, eng: eng, opener: opener, p: p, known: known, file: map[string]float64{}, stderr: stderr}
	if c.known == nil {
		c.known = map[string]float64{}
	}
	if path != "" {
		if err := measfile.CheckRegular(path); err != nil {
			return nil, usagef("--calm %v", err)
		}
		m, err := measfile.ReadCalm(path)
		if err != nil {
			return nil, err
		}
		c.file = m
	}
	return c, nil
}

// calm returns the calm time of ref (ms).
func (c *calmSource) calm(ref arch.Arch) (float64, error) {
	key := ref.String()
	if ms, ok := c.known[key]; ok {
		return ms, nil
	}
	fk := measfile.CalmKey(key, c.eng.Name(), c.p.Threads, c.p.OptLevel)
	if ms, ok := c.file[fk]; ok {
		c.known[key] = ms
		return ms, nil
	}
	cal := c.p
	cal.MinRounds, cal.MaxRounds = calibrationRounds, calibrationRounds
	t, err := latency.MeasurePaired(c.opener, ref, ref, cal)
	if err != nil {
		return 0, fmt.Errorf("reference %s: %w", ref, err)
	}
	ms, err := latency.CalmMS(t.RefRoundMS)
	if err != nil {
		return 0, err
	}
	fmt.Fprintf(c.stderr, "reference %s: calm time %.4g ms (the %.0fth percentile of %d rounds)\n", key, ms, 100*latency.CalmQuantile, len(t.RefRoundMS))
	if c.path != "" {
		row := measfile.CalmRow{RefArch: key, Engine: c.eng.Name(), Threads: c.p.Threads, OptLevel: c.p.OptLevel, CalmMS: ms,
			Rounds: len(t.RefRoundMS), Quantile: latency.CalmQuantile, EngineVersion: c.eng.Version(), Machine: measfile.Host(),
			CPU: measfile.CPUModel(), Date: time.Now()}
		if err := measfile.Calm.Append(c.path, row.Record()); err != nil {
			return 0, err
		}
		fmt.Fprintf(c.stderr, "  kept in %s for every later run\n", c.path)
		c.file[fk] = ms
	}
	c.known[key] = ms
	return ms, nil
}
