package latency

import (
	"fmt"
	"io"
	"time"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency/measfile"
)

// CalibrationRounds are the rounds of a reference against itself that set its calm time
// (CalmMS) when no calm file holds one for it.
const CalibrationRounds = 60

// CalmTimes gives each reference network of the paired protocol its calm time: the one
// a file's own rows were scaled by (so a resumed file stays consistent), else the calm
// file's (measfile.Calm, shared by every run measuring into one directory so that their
// scaled_ms agree as their ratios do), else a calibration of CalibrationRounds rounds,
// appended to the calm file when it is writable.
type CalmTimes struct {
	path     string // "" keeps calibrations in memory
	readOnly bool
	space    string // the design space of every reference asked for
	eng      Engine
	opener   Opener
	p        PairedProtocol
	known    map[string]float64 // by ref_arch: the file's own
	file     map[string]float64 // by measfile.CalmKey
	log      io.Writer
}

// NewCalmTimes reads the calm file at path ("" for none; a missing file is empty) for
// references of the design space timed by eng under p; known are calm times by reference architecture that
// take precedence (a resumed file's own); calibrations are reported to log. A
// calibration is appended to the file unless readOnly.
func NewCalmTimes(path string, readOnly bool, space string, eng Engine, opener Opener, p PairedProtocol, known map[string]float64, log io.Writer) (*CalmTimes, error) {
	c := &CalmTimes{path: path, readOnly: readOnly, space: space, eng: eng, opener: opener, p: p, known: map[string]float64{}, file: map[string]float64{}, log: log}
	for k, v := range known {
		c.known[k] = v
	}
	if path != "" {
		m, err := measfile.ReadCalm(path)
		if err != nil {
			return nil, err
		}
		c.file = m
	}
	return c, nil
}

// Of returns the calm time of the reference network ref (ms).
func (c *CalmTimes) Of(ref arch.Arch) (float64, error) {
	key := ref.String()
	if ms, ok := c.known[key]; ok {
		return ms, nil
	}
	fk := measfile.CalmKey(c.space, key, c.eng.Name(), c.p.Threads, c.p.OptLevel)
	if ms, ok := c.file[fk]; ok {
		c.known[key] = ms
		return ms, nil
	}
	cal := c.p
	cal.MinRounds, cal.MaxRounds = CalibrationRounds, CalibrationRounds
	t, err := MeasurePaired(c.opener, ref, ref, cal)
	if err != nil {
		return 0, fmt.Errorf("reference %s: %w", ref, err)
	}
	ms, err := CalmMS(t.RefRoundMS)
	if err != nil {
		return 0, err
	}
	fmt.Fprintf(c.log, "reference %s: calm time %.4g ms (the %.0fth percentile of %d rounds)\n", key, ms, 100*CalmQuantile, len(t.RefRoundMS))
	if c.path != "" && !c.readOnly {
		row := measfile.CalmRow{RefArch: key, Space: c.space, Engine: c.eng.Name(), Threads: c.p.Threads, OptLevel: c.p.OptLevel, CalmMS: ms,
			Rounds: len(t.RefRoundMS), Quantile: CalmQuantile, EngineVersion: c.eng.Version(), Machine: measfile.Host(),
			CPU: measfile.CPUModel(), Date: time.Now()}
		if err := measfile.Calm.Append(c.path, row.Record()); err != nil {
			return 0, err
		}
		fmt.Fprintf(c.log, "  kept in %s for every later run\n", c.path)
		c.file[fk] = ms
	}
	c.known[key] = ms
	return ms, nil
}
