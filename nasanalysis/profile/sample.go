package profile

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/metric"
	"github.com/nasanalysis/nasanalysis/nasanalysis/prose"
)

// Sample says what a profile's numbers rest on: the design space and its restrictions,
// how many random networks each group holds, how many block fixes at how many positions,
// and the seed. Every typed result of this package carries one, so that a caption or a
// sentence states its sample from the result itself.
type Sample struct {
	// Space is the design space profiled: its family and restrictions, with the one
	// resolution every network ran at (none: sampled).
	Space     arch.Space
	N         int // random networks per group (0: unknown, e.g. a profile read back from a table)
	Groups    int // the baseline, the block fixes and any fixed-resolution groups
	Fixes     int
	Positions int      // distinct (stage, layer) positions among the fixes
	Blocks    []string // distinct blocks among the fixes, in the space's order
	Released  bool     // fixes deepen a stage as BlockProfile's released code does
	Seed      uint64
}

// Sample describes the profile's sample.
func (r *Result) Sample() Sample {
	s := Sample{Space: r.Space, N: r.N, Groups: len(r.Groups) + 1, Fixes: len(r.Fixes), Released: r.Deepen == arch.DeepenAsReleased, Seed: r.Seed}
	positions := map[[2]int]bool{}
	var blocks []arch.Block
	for _, f := range r.Fixes {
		positions[[2]int{f.Stage, f.Layer}] = true
		if !slices.Contains(blocks, f.Block) {
			blocks = append(blocks, f.Block)
		}
	}
	s.Positions = len(positions)
	order, _ := arch.Blocks(r.Space.Family)
	slices.SortStableFunc(blocks, func(a, b arch.Block) int { return slices.Index(order, a) - slices.Index(order, b) })
	s.Blocks = tokens(blocks)
	return s
}

// Res is every network's input resolution (0: sampled).
func (s Sample) Res() int { return oneResolution(s.Space) }

// tokens lists blocks as their tokens (k7e6, e0.25).
func tokens(bs []arch.Block) []string {
	var out []string
	for _, b := range bs {
		out = append(out, b.String())
	}
	return out
}

// Setting says at what resolution and width the networks ran and what the space left
// out: "224 px, width 1.0, without k3e4, k5e4 and k7e4".
func (s Sample) Setting() string {
	out := "resolution sampled"
	if res := s.Res(); res != 0 {
		out = fmt.Sprintf("%d px", res)
	}
	sp := s.Space
	if sp.Width != 0 {
		out += fmt.Sprintf(", width %.1f", sp.Width)
	}
	if len(sp.Drop) > 0 {
		out += ", without " + prose.JoinAnd(tokens(sp.Drop))
	}
	if sp.MinDepth != nil {
		out += ", stage depths at least " + depths(sp.MinDepth)
	}
	if sp.MaxDepth != nil {
		out += ", stage depths at most " + depths(sp.MaxDepth)
	}
	if s.Released {
		out += ", stages deepened by BlockProfile's released rule"
	}
	return out
}

// depths writes depth bounds as the command line does: 3,4,4,4,4.
func depths(d []int) string {
	var out []string
	for _, v := range d {
		out = append(out, strconv.Itoa(v))
	}
	return strings.Join(out, ",")
}

// String states the sample in a caption's words: "50 random ofa-mbv3 networks per fix
// (180 fixes and a baseline: 9,050 networks), 224 px, seed 2021".
func (s Sample) String() string {
	return fmt.Sprintf("%s random %s networks per fix (%s fixes and a baseline: %s networks), %s, seed %d",
		prose.Num(s.N), s.Space.Family, prose.Num(s.Fixes), prose.Num(s.Groups*s.N), s.Setting(), s.Seed)
}

// FixesSentence counts the fixes: "7 blocks (k3e3, …) x 20 positions = 140 fixes."
func (s Sample) FixesSentence() string {
	return fmt.Sprintf("%d blocks (%s) x %d positions = %s fixes.", len(s.Blocks), strings.Join(s.Blocks, ", "), s.Positions, prose.Num(s.Fixes))
}

// DataLine states the random networks a profile rests on, as a notebook's data line
// does (nb.Data takes its four values): the dataset, how many networks, their unit, and
// how they were drawn and priced; size is the study size and pricedBy says which
// metrics price them.
func (s Sample) DataLine(size, pricedBy string) (dataset string, n int, unit, note string) {
	return "random " + s.Space.Family + " networks", s.Groups * s.N, "networks",
		fmt.Sprintf("%s per block fix (%s fixes) and in the baseline, %s, seed %d, study size %s; %s",
			prose.Num(s.N), prose.Num(s.Fixes), s.Setting(), s.Seed, size, pricedBy)
}

// estimated reports whether a metric's values come from a model trained in this run or
// from this machine's data, whose quality its description states: the GPU latency
// predictors (gpu_<column>), this machine's predicted latency and its lookup tables.
func estimated(name string) bool {
	return strings.HasPrefix(name, "gpu_") || name == "predicted" || name == "local_lut"
}

// RunSentences says what a finished run rests on: the description of every metric whose
// values a model estimates (with its quality, see metric.Metric.About), then the run's
// size and how long it took (seconds, at study size size).
func RunSentences(r *Result, seconds float64, size string) []string {
	var out []string
	for _, m := range r.Metrics {
		if estimated(m.Name) {
			out = append(out, fmt.Sprintf("`%s`: %s.", m.Name, strings.TrimSuffix(m.About, ".")))
		}
	}
	s := r.Sample()
	return append(out, fmt.Sprintf("Profiled %s: %s groups (%s block fixes and the baseline) x %s networks on %d metrics in %s s (study size %s).",
		s.Space.Family, prose.Num(s.Groups), prose.Num(s.Fixes), prose.Num(s.N), len(r.Names), prose.Num(seconds), size))
}

// Spec names a profiling run by its inputs, as plain values (encoding/json and gob
// carry it): a notebook keys a cached profile by its Spec, so that two notebooks asking
// for the same profile share one run.
type Spec struct {
	// Space is the design space profiled, at one resolution or none (Config.Space).
	Space   arch.Space
	Deepen  arch.Deepen
	N       int    // random networks per group
	Seed    uint64 // every group's stream derives from it
	Metrics []string
	// GPUSeed seeds the training of the gpu_<column> latency predictors
	// (metric.Options.GPUSeed); DataDir locates the shared data ("" for the default).
	GPUSeed uint64
	DataDir string
}

// run profiles the spec with its metrics made with opts.
func (s Spec) run(opts metric.Options) (*Result, error) {
	cfg := Config{Space: s.Space, N: s.N, Seed: s.Seed, Deepen: s.Deepen}
	for _, name := range s.Metrics {
		m, err := metric.New(name, s.Space.Family, opts)
		if err != nil {
			return nil, err
		}
		cfg.Metrics = append(cfg.Metrics, m)
	}
	return Run(cfg)
}

// Run profiles the spec: its metrics named as `nasanalysis eval` names them.
func (s Spec) Run() (*Result, error) {
	return s.run(metric.Options{DataDir: s.DataDir, GPUSeed: s.GPUSeed})
}
