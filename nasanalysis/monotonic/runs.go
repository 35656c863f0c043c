package monotonic

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/internal/par"
	"github.com/nasanalysis/nasanalysis/nasanalysis/predictor"
)

// Method names an adaptation method.
type Method string

// The adaptation methods. MethodFineTune is the GoMLX alternative (FineTuner: an MLP
// of package predictor pre-trained on the proxy, fine-tuned on the target cells).
const (
	MethodAdaProxy    Method = "adaproxy"     // AdaProxy, λ by GCV over all sampled cells (the default)
	MethodAdaProxyVal Method = "adaproxy-val" // OneProxy's AdaProxy, λ on the validation cells
	MethodAdaProxyCV  Method = "adaproxy-cv"  // AdaProxy, λ by 5-fold CV over all sampled cells
	MethodTargetOnly  Method = "target-only"  // per-operator model from the target cells alone
	MethodProxy       Method = "proxy"        // the unadapted proxy
	MethodFineTune    Method = "finetune"     // an MLP pre-trained on the proxy, fine-tuned on the target
)

// Methods lists the adaptation methods of this package.
var Methods = []Method{MethodAdaProxy, MethodAdaProxyVal, MethodAdaProxyCV, MethodTargetOnly, MethodProxy, MethodFineTune}

// FineTunePretrainSteps is how many steps MethodFineTune pre-trains its MLP
// (predictor.DefaultMLP) on the proxy.
const FineTunePretrainSteps = 2000

// ParseMethod returns the method with the given name (one of Methods); the error lists
// them.
func ParseMethod(name string) (Method, error) {
	var names []string
	for _, m := range Methods {
		if string(m) == name {
			return m, nil
		}
		names = append(names, string(m))
	}
	return "", fmt.Errorf("unknown method %q (want %s)", name, strings.Join(names, ", "))
}

// Prepare returns the runner of m for one proxy, to be used for every target of that
// proxy: for MethodFineTune a FineTuner pre-trained once on the proxy's latencies
// (encodings X); for the other methods m.Run.
func (m Method) Prepare(X [][]float64, proxy []float64) (Runner, error) {
	if m != MethodFineTune {
		if _, err := ParseMethod(string(m)); err != nil {
			return nil, err
		}
		return m.Run, nil
	}
	ft, err := NewFineTuner(X, proxy, predictor.DefaultMLP, FineTunePretrainSteps)
	if err != nil {
		return nil, err
	}
	return ft.Run, nil
}

// Run adapts p with the split's target cells. For MethodFineTune it pre-trains a model
// on the proxy at every call; Prepare pre-trains it once for all targets of a proxy.
func (m Method) Run(p *Pair, s Split) (Result, error) {
	switch m {
	case MethodAdaProxy:
		return AdaProxy(p, s, DefaultLambdaFracs)
	case MethodAdaProxyVal:
		return AdaProxyVal(p, s, DefaultLambdaFracs)
	case MethodAdaProxyCV:
		return AdaProxyCV(p, s, DefaultLambdaFracs, 5)
	case MethodTargetOnly:
		return TargetOnly(p, s)
	case MethodProxy:
		return ProxyOnlyOn(p, s)
	case MethodFineTune:
		run, err := m.Prepare(p.X, p.Proxy)
		if err != nil {
			return Result{}, err
		}
		return run(p, s)
	}
	return Result{}, fmt.Errorf("unknown adaptation method %q", m)
}

// SplitForSeed draws the target cells of one seed. The draw depends only on the seed
// and the candidate cells, so every method and every proxy sees the same target cells.
func SplitForSeed(seed uint64, candidates []int, nTrain, nVal int) (Split, error) {
	return SampleSplit(rand.New(rand.NewPCG(seed, 0x5eed)), candidates, nTrain, nVal)
}

// Grid is a device x device table of adaptation results: Before[i][j] and After[i][j]
// are means over seeds with proxy Devices[i] and target Devices[j] (NaN on the
// diagonal), scored on all cells; the HeldOut matrices score the same runs on held-out
// cells only (ScoreHeldOut).
type Grid struct {
	Devices                     []string
	Method                      Method
	NTrain, NVal                int
	Seeds                       int
	Before, After               [][]float64
	StdAfter                    [][]float64
	BeforeHeldOut, AfterHeldOut [][]float64
	StdAfterHeldOut             [][]float64
	// SeedMeanAfter and SeedMeanAfterHeldOut are, per seed, the mean over pairs of SRCC
	// after adaptation (undefined entries left out). Seed k draws the same target cells
	// for every method, so two grids over the same devices compare seed by seed, as a
	// paired sample.
	SeedMeanAfter, SeedMeanAfterHeldOut []float64
}

// Scored returns the grid's matrices under sc.
func (g Grid) Scored(sc Scoring) (before, after, stdAfter [][]float64) {
	if sc == ScoreHeldOut {
		return g.BeforeHeldOut, g.AfterHeldOut, g.StdAfterHeldOut
	}
	return g.Before, g.After, g.StdAfter
}

// Runner adapts one pair with one split of target cells.
type Runner func(p *Pair, s Split) (Result, error)

// RunSeeds runs one adaptation of p for seeds 0..nSeeds-1, each on the split
// SplitForSeed draws from the architectures measured on the target, and returns the
// results in seed order: the protocol every repeated-seed figure of this package uses.
func RunSeeds(p *Pair, run Runner, nTrain, nVal, nSeeds int) ([]Result, error) {
	cand := Measured(p.Target)
	rs := make([]Result, 0, nSeeds)
	for seed := range nSeeds {
		s, err := SplitForSeed(uint64(seed), cand, nTrain, nVal)
		if err != nil {
			return nil, err
		}
		r, err := run(p, s)
		if err != nil {
			return nil, fmt.Errorf("seed %d: %w", seed, err)
		}
		rs = append(rs, r)
	}
	return rs, nil
}

// AdaptAll runs method on every ordered pair of devices of t, over seeds 0..nSeeds-1,
// each target's cells drawn among the architectures measured on it.
func AdaptAll(t *data.LatencyTable, X [][]float64, devices []string, m Method, nTrain, nVal, nSeeds int) (Grid, error) {
	g, err := AdaptAllWith(t, X, devices, nTrain, nVal, nSeeds, func(proxy []float64) (Runner, error) { return m.Prepare(X, proxy) })
	g.Method = m
	return g, err
}

// AdaptAllWith is AdaptAll for any adaptation: prepare is called once per proxy (e.g. to
// pre-train a model on it) and returns the runner used for every target of that proxy.
func AdaptAllWith(t *data.LatencyTable, X [][]float64, devices []string, nTrain, nVal, nSeeds int,
	prepare func(proxy []float64) (Runner, error)) (Grid, error) {
	sel, err := t.Select(devices)
	if err != nil {
		return Grid{}, err
	}
	k := len(sel.Devices)
	g := Grid{Devices: sel.Devices, NTrain: nTrain, NVal: nVal, Seeds: nSeeds}
	for _, p := range []*[][]float64{&g.Before, &g.After, &g.StdAfter, &g.BeforeHeldOut, &g.AfterHeldOut, &g.StdAfterHeldOut} {
		*p = make([][]float64, k)
		for i := range *p {
			(*p)[i] = make([]float64, k)
			(*p)[i][i] = math.NaN()
		}
	}
	weights := make([][]float64, k)
	runners := make([]Runner, k)
	errs := make([]error, k)
	par.For(k, func(i int) {
		if weights[i], errs[i] = FitOperatorWeights(X, sel.Latency[i]); errs[i] != nil {
			return
		}
		runners[i], errs[i] = prepare(sel.Latency[i])
	})
	for i, e := range errs {
		if e != nil {
			return Grid{}, fmt.Errorf("proxy %s: %w", sel.Devices[i], e)
		}
	}
	type job struct{ i, j int }
	var jobs []job
	for i := 0; i < k; i++ {
		for j := 0; j < k; j++ {
			if i != j {
				jobs = append(jobs, job{i, j})
			}
		}
	}
	jobErrs := make([]error, len(jobs))
	after, afterHeld := make([][]float64, len(jobs)), make([][]float64, len(jobs))
	par.For(len(jobs), func(n int) {
		i, j := jobs[n].i, jobs[n].j
		p := &Pair{X: X, Proxy: sel.Latency[i], Target: sel.Latency[j], W: weights[i]}
		rs, err := RunSeeds(p, runners[i], nTrain, nVal, nSeeds)
		if err != nil {
			jobErrs[n] = fmt.Errorf("proxy %s, target %s: %w", sel.Devices[i], sel.Devices[j], err)
			return
		}
		sum, held := Summarize(rs), SummarizeScored(rs, ScoreHeldOut)
		g.Before[i][j], g.After[i][j], g.StdAfter[i][j] = sum.MeanBefore, sum.MeanAfter, sum.StdAfter
		g.BeforeHeldOut[i][j], g.AfterHeldOut[i][j], g.StdAfterHeldOut[i][j] = held.MeanBefore, held.MeanAfter, held.StdAfter
		after[n], afterHeld[n] = sum.After, held.After
	})
	for _, e := range jobErrs {
		if e != nil {
			return Grid{}, e
		}
	}
	g.SeedMeanAfter, g.SeedMeanAfterHeldOut = seedMeans(after, nSeeds), seedMeans(afterHeld, nSeeds)
	return g, nil
}

// seedMeans returns, per seed, the mean of perJob[n][seed] over the jobs n, NaN values
// left out (NaN when every job's value is).
func seedMeans(perJob [][]float64, nSeeds int) []float64 {
	out := make([]float64, nSeeds)
	for s := range out {
		sum, n := 0.0, 0
		for _, v := range perJob {
			if s < len(v) && !math.IsNaN(v[s]) {
				sum, n = sum+v[s], n+1
			}
		}
		out[s] = sum / float64(n) // 0/0 = NaN when no job has a value
	}
	return out
}

// Frame lists the grid as rows proxy, target, srcc_before, srcc_after, srcc_after_sd,
// scored on all cells: FrameScored(ScoreAll).
func (g Grid) Frame() dataframe.DataFrame { return g.FrameScored(ScoreAll) }

// FrameScored lists the grid as rows proxy, target, then srcc_before, srcc_after and
// srcc_after_sd for each scoring in scs, named with its Suffix (held-out:
// srcc_before_heldout, ...). Without scorings it is Frame.
func (g Grid) FrameScored(scs ...Scoring) dataframe.DataFrame {
	if len(scs) == 0 {
		scs = []Scoring{ScoreAll}
	}
	var p, t []string
	vals := make([][]float64, 3*len(scs))
	for i := range g.Devices {
		for j := range g.Devices {
			if i == j {
				continue
			}
			p, t = append(p, g.Devices[i]), append(t, g.Devices[j])
			for k, sc := range scs {
				b, a, sd := g.Scored(sc)
				vals[3*k], vals[3*k+1], vals[3*k+2] = append(vals[3*k], b[i][j]), append(vals[3*k+1], a[i][j]), append(vals[3*k+2], sd[i][j])
			}
		}
	}
	cols := []series.Series{series.New(p, series.String, "proxy"), series.New(t, series.String, "target")}
	for k, sc := range scs {
		for c, name := range []string{"srcc_before", "srcc_after", "srcc_after_sd"} {
			cols = append(cols, series.New(vals[3*k+c], series.Float, name+sc.Suffix()))
		}
	}
	return dataframe.New(cols...)
}

// CountAtLeast counts the off-diagonal entries of m that reach threshold.
func CountAtLeast(m [][]float64, threshold float64) (reached, total int) {
	for i := range m {
		for j := range m[i] {
			if i == j || math.IsNaN(m[i][j]) {
				continue
			}
			total++
			if m[i][j] >= threshold {
				reached++
			}
		}
	}
	return reached, total
}

// AdaptPoint is the adaptation quality at one number of target samples: Summary on
// all cells, HeldOut on the cells not sampled.
type AdaptPoint struct {
	Samples, NTrain, NVal int
	Summary               SeedSummary
	HeldOut               SeedSummary
}

// Scored returns the point's summary under sc.
func (p AdaptPoint) Scored(sc Scoring) SeedSummary {
	if sc == ScoreHeldOut {
		return p.HeldOut
	}
	return p.Summary
}

// ValidationShare is the fraction of target samples a curve sets aside as validation
// cells (OneProxy's example: 10 of 70), for the methods that use them (adaproxy-val,
// finetune); the others fit on all samples.
const ValidationShare = 1.0 / 7

// AdaptCurve runs method on one pair for each total number of target samples in sizes
// (split ValidationShare for validation, at least 2), over nSeeds seeds.
func AdaptCurve(p *Pair, m Method, sizes []int, nSeeds int) ([]AdaptPoint, error) {
	var out []AdaptPoint
	for _, n := range sizes {
		nVal := max(2, int(math.Round(float64(n)*ValidationShare)))
		nTrain := n - nVal
		rs, err := RunSeeds(p, m.Run, nTrain, nVal, nSeeds)
		if err != nil {
			return nil, err
		}
		out = append(out, AdaptPoint{Samples: n, NTrain: nTrain, NVal: nVal, Summary: Summarize(rs), HeldOut: SummarizeScored(rs, ScoreHeldOut)})
	}
	return out, nil
}
