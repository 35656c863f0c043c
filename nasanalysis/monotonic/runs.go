package monotonic

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/internal/par"
)

// Method names an adaptation method.
type Method string

// The adaptation methods. "finetune" (a GoMLX predictor pre-trained on the proxy) lives
// in package predictor, which this package does not import.
const (
	MethodAdaProxy   Method = "adaproxy"    // OneProxy's AdaProxy, λ on the validation cells
	MethodAdaProxyCV Method = "adaproxy-cv" // AdaProxy, λ by 5-fold CV over all sampled cells
	MethodTargetOnly Method = "target-only" // per-operator model from the target cells alone
	MethodProxy      Method = "proxy"       // the unadapted proxy
)

// Methods lists the adaptation methods of this package.
var Methods = []Method{MethodAdaProxy, MethodAdaProxyCV, MethodTargetOnly, MethodProxy}

// ParseRankCorrelation returns the method with the given name.
func ParseRankCorrelation(name string) (Method, error) {
	for _, m := range Methods {
		if string(m) == name {
			return m, nil
		}
	}
	return "", fmt.Errorf("unknown adaptation method %q (want adaproxy, adaproxy-cv, target-only or proxy)", name)
}

// Run adapts p with the split's target cells.
func (m Method) Run(p *Pair, s Split) (Result, error) {
	switch m {
	case MethodAdaProxy:
		return AdaProxy(p, s, DefaultLambdaFracs)
	case MethodAdaProxyCV:
		return AdaProxyCV(p, s, DefaultLambdaFracs, 5)
	case MethodTargetOnly:
		return TargetOnly(p, s)
	case MethodProxy:
		return ProxyOnly(p), nil
	}
	return Result{}, fmt.Errorf("unknown adaptation method %q", m)
}

// SplitForSeed draws the target cells of one seed. The draw depends only on the seed
// and the candidate cells, so every method and every proxy sees the same target cells.
func SplitForSeed(seed uint64, candidates []int, nTrain, nVal int) (Split, error) {
	return SampleSplit(rand.New(rand.NewPCG(seed, 0x5eed)), candidates, nTrain, nVal)
}

// Grid is a device x device table of adaptation results: Before[i][j] and After[i][j]
// are means over seeds with proxy Devices[i] and target Devices[j] (NaN on the diagonal).
type Grid struct {
	Devices       []string
	Method        Method
	NTrain, NVal  int
	Seeds         int
	Before, After [][]float64
	StdAfter      [][]float64
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
	g, err := AdaptAllWith(t, X, devices, nTrain, nVal, nSeeds, func(proxy []float64) (Runner, error) { return m.Run, nil })
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
	for _, p := range []*[][]float64{&g.Before, &g.After, &g.StdAfter} {
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
	par.For(len(jobs), func(n int) {
		i, j := jobs[n].i, jobs[n].j
		p := &Pair{X: X, Proxy: sel.Latency[i], Target: sel.Latency[j], W: weights[i]}
		rs, err := RunSeeds(p, runners[i], nTrain, nVal, nSeeds)
		if err != nil {
			jobErrs[n] = fmt.Errorf("proxy %s, target %s: %w", sel.Devices[i], sel.Devices[j], err)
			return
		}
		sum := Summarize(rs)
		g.Before[i][j], g.After[i][j], g.StdAfter[i][j] = sum.MeanBefore, sum.MeanAfter, sum.StdAfter
	})
	for _, e := range jobErrs {
		if e != nil {
			return Grid{}, e
		}
	}
	return g, nil
}

// Frame lists the grid as rows proxy, target, srcc_before, srcc_after, srcc_after_sd.
func (g Grid) Frame() dataframe.DataFrame {
	var p, t []string
	var b, a, sd []float64
	for i := range g.Devices {
		for j := range g.Devices {
			if i == j {
				continue
			}
			p, t = append(p, g.Devices[i]), append(t, g.Devices[j])
			b, a, sd = append(b, g.Before[i][j]), append(a, g.After[i][j]), append(sd, g.StdAfter[i][j])
		}
	}
	return dataframe.New(series.New(p, series.String, "proxy"), series.New(t, series.String, "target"),
		series.New(b, series.Float, "srcc_before"), series.New(a, series.Float, "srcc_after"), series.New(sd, series.Float, "srcc_after_sd"))
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

// AdaptPoint is the adaptation quality at one number of target samples.
type AdaptPoint struct {
	Samples, NTrain, NVal int
	Summary               SeedSummary
}

// ValidationShare is the fraction of target samples a curve holds out to choose λ
// (OneProxy's example: 10 of 70).
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
		out = append(out, AdaptPoint{Samples: n, NTrain: nTrain, NVal: nVal, Summary: Summarize(rs)})
	}
	return out, nil
}
