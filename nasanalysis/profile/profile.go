package profile

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"

	"gonum.org/v1/gonum/stat"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/internal/par"
	"github.com/nasanalysis/nasanalysis/nasanalysis/metric"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// Config is one profiling run.
type Config struct {
	// Space is the design space the networks are drawn from (arch.Space): its family,
	// and optionally a supernet width (ProxylessNAS's mobile lookup table needs 1.0),
	// dropped blocks (that table has no expand ratio 4) and a depth range per stage
	// (BlockProfile's Note10 caps 3, 4, 4, 4, 4). A profile runs at one resolution: the
	// space's one, or none to sample each network's with the rest; a space of several
	// resolutions is refused.
	Space   arch.Space
	Metrics []*metric.Metric
	N       int    // architectures per group (the paper: 100)
	Seed    uint64 // every group's stream derives from it
	// Fixes are the block fixes to profile (nil: every fix of the space whose block is
	// not dropped).
	Fixes []arch.Fix
	// ResolutionGroups adds one group per resolution: the resolution fixed, blocks
	// random.
	ResolutionGroups []int
	Deepen           arch.Deepen
	Bootstrap        int // resamples of each shift interval (0: 1000)
	// Progress, when set, is called with the number of architectures evaluated so far
	// and the total, as batches finish.
	Progress func(done, total int)
}

// Res is every network's input resolution: the space's one resolution, or 0 when the
// space leaves it to be sampled.
func (cfg Config) Res() int { return oneResolution(cfg.Space) }

// oneResolution is a space's resolution when it has exactly one, else 0.
func oneResolution(sp arch.Space) int {
	if len(sp.Resolutions) == 1 {
		return sp.Resolutions[0]
	}
	return 0
}

// Group is one profiled condition: the baseline (Fix nil, Resolution 0), a block fix,
// or a fixed resolution (Fix nil).
type Group struct {
	Fix        *arch.Fix
	Resolution int // the fixed resolution (0: sampled)
	Archs      []arch.Arch
	// Present is the fraction of Archs that hold the fixed block (1 under
	// arch.DeepenToInclude; less under the released deepening rule).
	Present float64
	Values  [][]float64 // per metric, per architecture
	Stats   []Stats     // per metric
}

// Stats summarises one metric over one group, and its shift from the baseline.
type Stats struct {
	N                                       int
	Mean, Std, Min, Q01, Q05, Q95, Q99, Max float64
	Shift, ShiftLo, ShiftHi                 float64 // mean - baseline mean, 95 % bootstrap interval
}

// Result is a finished profile: the baseline first, then the groups in Config order
// (fixes, then resolution groups).
type Result struct {
	Config
	Names    []string // metric names
	Baseline *Group
	Groups   []*Group
}

// batch is how many architectures one metric call evaluates: large enough for the
// batched predictors, small enough to spread over cores and report progress.
const batch = 2048

// Run profiles the space.
func Run(cfg Config) (*Result, error) {
	if cfg.N < 2 {
		return nil, fmt.Errorf("profile: N = %d, need at least 2 architectures per group", cfg.N)
	}
	if len(cfg.Metrics) == 0 {
		return nil, fmt.Errorf("profile: no metrics")
	}
	space := cfg.Space
	if err := space.Validate(); err != nil {
		return nil, fmt.Errorf("profile: %w", err)
	}
	if len(space.Resolutions) > 1 {
		return nil, fmt.Errorf("profile: space %s has %d resolutions; a profile runs at one (or none, to sample each network's), and ResolutionGroups adds a group per resolution", space, len(space.Resolutions))
	}
	if cfg.Fixes == nil {
		fixes, err := arch.Fixes(space.Family)
		if err != nil {
			return nil, err
		}
		for _, f := range fixes {
			if space.CheckFix(f, cfg.Deepen) == nil {
				cfg.Fixes = append(cfg.Fixes, f)
			}
		}
	}
	for _, f := range cfg.Fixes {
		if err := space.CheckFix(f, cfg.Deepen); err != nil {
			return nil, fmt.Errorf("profile: %w", err)
		}
	}
	if cfg.Bootstrap == 0 {
		cfg.Bootstrap = 1000
	}
	if cfg.Bootstrap < stats.MinResamples {
		return nil, fmt.Errorf("profile: %d bootstrap resamples, want 0 (the default 1000) or at least %d", cfg.Bootstrap, stats.MinResamples)
	}
	r := &Result{Config: cfg, Baseline: &Group{}}
	for _, m := range cfg.Metrics {
		r.Names = append(r.Names, m.Name)
	}
	for i := range cfg.Fixes {
		r.Groups = append(r.Groups, &Group{Fix: &cfg.Fixes[i], Resolution: cfg.Res()})
	}
	for _, res := range cfg.ResolutionGroups {
		r.Groups = append(r.Groups, &Group{Resolution: res})
	}
	r.Baseline.Resolution = cfg.Res()
	all := append([]*Group{r.Baseline}, r.Groups...)
	var sampleErr error
	var once sync.Once
	par.For(len(all), func(g int) {
		if err := cfg.sample(all[g], uint64(g), space); err != nil {
			once.Do(func() { sampleErr = err })
		}
	})
	if sampleErr != nil {
		return nil, sampleErr
	}
	if err := cfg.evaluate(all); err != nil {
		return nil, err
	}
	summaryErrs := make([]error, len(all))
	par.For(len(all), func(g int) { summaryErrs[g] = cfg.summarise(all[g], r.Baseline, uint64(g)) })
	if err := errors.Join(summaryErrs...); err != nil {
		return nil, err
	}
	return r, nil
}

// sample draws a group's architectures from its own stream (seed, stream): from the
// space, at the group's resolution when it fixes one (the space's, or a resolution
// group's).
func (cfg Config) sample(g *Group, stream uint64, space arch.Space) error {
	rng := rand.New(rand.NewPCG(cfg.Seed, stream))
	if g.Resolution != 0 {
		space.Resolutions = []int{g.Resolution}
	}
	present := 0
	for range cfg.N {
		a, err := space.Sample(rng)
		if err != nil {
			return err
		}
		if g.Fix != nil {
			if a, err = g.Fix.Apply(a, cfg.Deepen); err != nil {
				return err
			}
			if g.Fix.Present(a) {
				present++
			}
		}
		g.Archs = append(g.Archs, a)
	}
	g.Present = float64(present) / float64(cfg.N)
	if g.Fix == nil {
		g.Present = 1
	}
	return nil
}

// evaluate computes every metric of every architecture in batches; deterministic
// metrics run batches on all cores, measured latency one network at a time (so timings
// never share the cores) in a random order.
func (cfg Config) evaluate(groups []*Group) error {
	var archs []arch.Arch
	for _, g := range groups {
		archs = append(archs, g.Archs...)
		g.Values = make([][]float64, len(cfg.Metrics))
	}
	total := len(archs) * len(cfg.Metrics)
	done := 0
	var mu sync.Mutex
	report := func(n int) {
		if cfg.Progress == nil {
			return
		}
		mu.Lock()
		done += n
		cfg.Progress(done, total)
		mu.Unlock()
	}
	for k, m := range cfg.Metrics {
		values := make([]float64, len(archs))
		nb := (len(archs) + batch - 1) / batch
		errs := make([]error, nb)
		run := func(b int) {
			lo, hi := b*batch, min((b+1)*batch, len(archs))
			v, err := m.Values(archs[lo:hi])
			if err == nil && len(v) != hi-lo {
				err = fmt.Errorf("metric %s returned %d values for %d architectures", m.Name, len(v), hi-lo)
			}
			if err != nil {
				errs[b] = fmt.Errorf("metric %s: %w", m.Name, err)
				return
			}
			copy(values[lo:], v)
			report(hi - lo)
		}
		switch {
		case !m.Deterministic:
			// A measurement drifts with the machine's state; measuring the networks in a
			// seeded random order spreads any drift over every group as noise instead of
			// letting it bias the groups measured during a slow spell.
			perm := rand.New(rand.NewPCG(cfg.Seed, 0x6d656173)).Perm(len(archs))
			shuffled := make([]arch.Arch, len(archs))
			for i, j := range perm {
				shuffled[i] = archs[j]
			}
			v, err := m.Values(shuffled)
			if err != nil {
				return fmt.Errorf("metric %s: %w", m.Name, err)
			}
			for i, j := range perm {
				values[j] = v[i]
			}
			report(len(archs))
		case runtime.GOMAXPROCS(0) > 1:
			par.For(nb, run)
		default:
			for b := range nb {
				run(b)
			}
		}
		for _, err := range errs {
			if err != nil {
				return err
			}
		}
		at := 0
		for _, g := range groups {
			g.Values[k] = values[at : at+len(g.Archs)]
			at += len(g.Archs)
		}
	}
	return nil
}

// summarise fills a group's statistics; the bootstrap stream is the group's own.
func (cfg Config) summarise(g, base *Group, stream uint64) error {
	rng := rand.New(rand.NewPCG(cfg.Seed^0x9e3779b97f4a7c15, stream))
	g.Stats = make([]Stats, len(g.Values))
	name := "baseline"
	switch {
	case g.Fix != nil:
		name = "fix " + g.Fix.String()
	case g.Resolution != 0:
		name = fmt.Sprintf("resolution %d", g.Resolution)
	}
	for k, v := range g.Values {
		q, err := stats.Quantiles(v, 0, 0.01, 0.05, 0.95, 0.99, 1)
		if err != nil {
			return fmt.Errorf("profile: %s, metric %s: %w", name, cfg.Metrics[k].Name, err)
		}
		mean, std := stat.MeanStdDev(v, nil)
		s := Stats{N: len(v), Mean: mean, Std: std, Min: q[0], Q01: q[1], Q05: q[2], Q95: q[3], Q99: q[4], Max: q[5]}
		iv, err := stats.BootstrapShift(v, base.Values[k], cfg.Bootstrap, 0.95, rng)
		if err != nil {
			return fmt.Errorf("profile: %s, metric %s: shift from the baseline: %w", name, cfg.Metrics[k].Name, err)
		}
		s.Shift, s.ShiftLo, s.ShiftHi = iv.Estimate, iv.Lo, iv.Hi
		g.Stats[k] = s
	}
	return nil
}
