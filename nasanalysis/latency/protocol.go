package latency

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// Protocol is how one network is timed, and is recorded with every measurement.
// Warm-up runs are untimed (the first also builds and optimises the graph); timed runs
// repeat until the 95 % confidence interval of the median is narrower than TargetCI of
// the median on each side, or MaxRepeats runs, whichever comes first, and never fewer
// than MinRepeats.
type Protocol struct {
	Warmup     int
	MinRepeats int
	MaxRepeats int
	TargetCI   float64 // e.g. 0.01: stop at ±1 %
	Threads    int     // ONNX Runtime intra-op threads (0: all cores)
	OptLevel   int     // ONNX Runtime graph optimisation: 0 none .. 3 all
	Seed       uint64  // random weights and input
}

// DefaultProtocol times on one thread (a mobile core's view, and immune to the other
// core's load) with every graph optimisation, 5 warm-up runs and 10 to 200 timed runs
// until the median is known to ±1 %.
var DefaultProtocol = Protocol{Warmup: 5, MinRepeats: 10, MaxRepeats: 200, TargetCI: 0.01, Threads: 1, OptLevel: 3, Seed: 1}

// Exactly is p with exactly n timed runs and no confidence target.
func (p Protocol) Exactly(n int) Protocol {
	p.MinRepeats, p.MaxRepeats, p.TargetCI = n, n, 0
	return p
}

// Check reports an unusable protocol.
func (p Protocol) Check() error {
	if p.Warmup < 0 || p.MinRepeats < 1 || p.MaxRepeats < p.MinRepeats || !(p.TargetCI >= 0 && p.TargetCI < 1) || p.Threads < 0 || p.OptLevel < 0 || p.OptLevel > 3 {
		return fmt.Errorf("measurement protocol %+v: need warm-up >= 0, 1 <= min repeats <= max repeats, target CI in [0, 1), threads >= 0 and optimisation level 0..3", p)
	}
	return nil
}

// Timing summarises the timed runs of one network, in milliseconds.
type Timing struct {
	MedianMS, Q1MS, Q3MS, MinMS, MaxMS float64
	// RelCI is the half-width of the 95 % confidence interval of the median over the
	// median (distribution-free, from order statistics).
	RelCI   float64
	Repeats int
	Warmup  int
}

// medianCI returns the distribution-free 95 % confidence interval of the median of
// sorted samples: the order statistics n/2 ∓ 1.96·√n/2 (normal approximation to the
// binomial), clamped to the sample.
func medianCI(sorted []float64) (lo, hi float64) {
	n := float64(len(sorted))
	h := 1.96 * math.Sqrt(n) / 2
	j := max(0, int(math.Floor(n/2-h)))
	k := min(len(sorted)-1, int(math.Ceil(n/2+h))-1)
	return sorted[j], sorted[k]
}

// summarise turns run times (ms) into a Timing; it fails only for no run times.
func summarise(ms []float64, warmup int) (Timing, error) {
	s := slices.Clone(ms)
	slices.Sort(s)
	q, err := stats.Quantiles(s, 0.25, 0.5, 0.75)
	if err != nil {
		return Timing{}, fmt.Errorf("timing summary: %w", err)
	}
	lo, hi := medianCI(s)
	return Timing{MedianMS: q[1], Q1MS: q[0], Q3MS: q[2], MinMS: s[0], MaxMS: s[len(s)-1],
		RelCI: (hi - lo) / 2 / q[1], Repeats: len(s), Warmup: warmup}, nil
}

// timeRuns applies the protocol to run, one inference per call.
func timeRuns(p Protocol, run func() error) (Timing, error) {
	if err := p.Check(); err != nil {
		return Timing{}, err
	}
	for range p.Warmup {
		if err := run(); err != nil {
			return Timing{}, err
		}
	}
	var ms []float64
	for len(ms) < p.MaxRepeats {
		start := time.Now()
		if err := run(); err != nil {
			return Timing{}, err
		}
		ms = append(ms, float64(time.Since(start).Nanoseconds())/1e6)
		if len(ms) < p.MinRepeats {
			continue
		}
		if tm, err := summarise(ms, 0); err != nil {
			return Timing{}, err
		} else if tm.RelCI <= p.TargetCI {
			break
		}
	}
	return summarise(ms, p.Warmup)
}
