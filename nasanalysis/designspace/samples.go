package designspace

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/go-gota/gota/dataframe"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency"
	"github.com/nasanalysis/nasanalysis/nasanalysis/predictor/ofa"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// Samples is section 2: the spaces' sizes, and the compute, size and Note10 latency of
// random networks of each.
type Samples struct {
	N    int
	Seed uint64
	// Spaces names the three spaces with their width ("ofa-mbv3 (w1.2)"); MACs and
	// Params hold each one's random networks' counts, in millions, at their sampled
	// resolutions.
	Spaces       []string
	MACs, Params [][]float64
	// Sizes: distinct architectures of OFA-MobileNetV3 and ProxylessNAS (one width) and
	// of OFA-ResNet50; the block configurations of one mobile stage (every depth, each
	// layer's kernel and expand ratio), the number of stages and of resolutions.
	MBv3Size, ProxylessSize, ResNetSize float64
	PerStage                            float64
	Stages, Resolutions                 int
	MBv3Width, ProxylessWidth           float64
	// Priced is how many of the ofa-mbv3 networks were priced at every resolution of
	// the Note10 tables; Note10[r] is their latency (ms) at PricedRes[r].
	Priced    int
	PricedRes []int
	Note10    [][]float64
}

// Samples draws c.N random networks of each space with c.Seed, counts their MACs and
// parameters, and prices the first c.Priced ofa-mbv3 networks with the Note10 tables at
// each of their resolutions.
func (c Config) Samples() (Samples, error) {
	if err := c.check(); err != nil {
		return Samples{}, err
	}
	mb := arch.MBv3.SampleN(c.N, c.Seed)
	mbM, mbP := arch.CostsOf(mb)
	plM, plP := arch.CostsOf(arch.Proxyless.SampleN(c.N, c.Seed))
	rsM, rsP := arch.CostsOf(arch.SampleResNets(c.N, c.Seed))
	s := Samples{N: c.N, Seed: c.Seed,
		Spaces: []string{fmt.Sprintf("%s (w%.1f)", arch.OFAMBv3, arch.MBv3.DefaultWidth), fmt.Sprintf("%s (w%.1f)", arch.ProxylessNAS, arch.Proxyless.DefaultWidth), arch.OFAResNet50},
		MACs:   [][]float64{mbM, plM, rsM}, Params: [][]float64{mbP, plP, rsP},
		MBv3Size: arch.MBv3.Size(), ProxylessSize: arch.Proxyless.Size(), ResNetSize: arch.ResNetSize(),
		Resolutions: len(arch.MBResolutions), MBv3Width: arch.MBv3.DefaultWidth, ProxylessWidth: arch.Proxyless.DefaultWidth,
		Priced: c.Priced, PricedRes: slices.Clone(arch.MBResolutions)}
	for _, d := range arch.MBDepths {
		s.PerStage += math.Pow(float64(len(arch.MBKernels)*len(arch.MBExpands)), float64(d))
	}
	// The space is PerStage^stages x resolutions; the number of stages follows.
	s.Stages = int(math.Round(math.Log(s.MBv3Size/float64(s.Resolutions)) / math.Log(s.PerStage)))
	n10, err := latency.LoadNote10(c.DataDir)
	if err != nil {
		return Samples{}, err
	}
	for _, r := range s.PricedRes {
		ms, err := latency.Latencies(n10, arch.WithResolution(mb[:c.Priced], r))
		if err != nil {
			return Samples{}, fmt.Errorf("Note10 latency at %d px: %w", r, err)
		}
		s.Note10 = append(s.Note10, ms)
	}
	return s, nil
}

// CostTables summarises the random networks' MACs and, separately, their parameters
// (stats.Describe: n, mean, sd, quantiles), both in millions. Two tables, because one
// column format serves one magnitude: parameters (4–40 M) printed in a column of MACs
// (100–5,700 M) lose the decimals that tell the spaces apart.
func (s Samples) CostTables() (macs, params dataframe.DataFrame, err error) {
	name := func(what string) []string {
		out := make([]string, len(s.Spaces))
		for i, sp := range s.Spaces {
			out[i] = fmt.Sprintf("%s %s (M)", spaceName(sp), what)
		}
		return out
	}
	if macs, err = stats.Describe(name("MACs"), s.MACs); err != nil {
		return macs, params, err
	}
	params, err = stats.Describe(name("params"), s.Params)
	return macs, params, err
}

// spaceName drops the width from a space's label: "ofa-mbv3 (w1.2)" is "ofa-mbv3".
func spaceName(label string) string {
	name, _, _ := strings.Cut(label, " ")
	return name
}

// Accuracy is section 3: OFA's predicted top-1 of the random ofa-mbv3 networks against
// their Note10 latency and MACs, and of random ResNet50 networks against MACs.
type Accuracy struct {
	N     int
	Seed  uint64
	Width float64 // the networks' width multiplier
	// The random ofa-mbv3 networks: predicted top-1 (%), Note10 latency at their own
	// resolution (ms), MACs (millions), and the index of their resolution in
	// Resolutions.
	Top1, Note10, MACs []float64
	ResIndex           []int
	Resolutions        []int
	// Rho is the SRCC of Note10 latency and predicted top-1 (bootstrap seed RhoSeed).
	Rho     stats.Interval
	RhoSeed uint64
	// Spread[g] is the range of the middle 80 % of predicted top-1 (10 % to 90 %
	// quantile, points) among the g-th tenth of the networks by Note10 latency.
	Spread []float64
	// The random OFA-ResNet50 networks: MACs (millions) and predicted top-1 (%).
	ResNetMACs, ResNetTop1 []float64
}

// PredictTop1 is OFA's MobileNetV3 predictor's top-1 accuracy (%) of each network.
func PredictTop1(dataDir string, as []arch.MBArch) ([]float64, error) {
	p, err := ofa.LoadMBv3(dataDir)
	if err != nil {
		return nil, err
	}
	return ofa.Top1Percent(p, as)
}

// Accuracy predicts the top-1 of the random networks of Samples (same N and seed) and
// sets it against their Note10 latency: the SRCC with its interval, and the spread of
// accuracy among networks of similar latency.
func (c Config) Accuracy() (Accuracy, error) {
	if err := c.check(); err != nil {
		return Accuracy{}, err
	}
	const rhoSeed, groups = 3, 10
	mb := arch.MBv3.SampleN(c.N, c.Seed)
	a := Accuracy{N: c.N, Seed: c.Seed, Width: arch.MBv3.DefaultWidth, Resolutions: slices.Clone(arch.MBResolutions), RhoSeed: rhoSeed}
	var err error
	if a.Top1, err = PredictTop1(c.DataDir, mb); err != nil {
		return Accuracy{}, err
	}
	a.MACs, _ = arch.CostsOf(mb)
	n10, err := latency.LoadNote10(c.DataDir)
	if err != nil {
		return Accuracy{}, err
	}
	if a.Note10, err = latency.Latencies(n10, mb); err != nil {
		return Accuracy{}, err
	}
	if a.ResIndex, err = arch.ResolutionIndex(mb); err != nil {
		return Accuracy{}, err
	}
	if a.Rho, err = stats.BootstrapCorrelation(a.Note10, a.Top1, stats.Spearman, c.Resamples, Level, rand.New(rand.NewPCG(rhoSeed, 1))); err != nil {
		return Accuracy{}, fmt.Errorf("SRCC of Note10 latency and predicted top-1: %w", err)
	}
	order := make([]int, len(a.Note10))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(x, y int) int { return cmp.Compare(a.Note10[x], a.Note10[y]) })
	for g := 0; g < groups; g++ {
		q, err := stats.Quantiles(stats.Take(a.Top1, order[g*len(order)/groups:(g+1)*len(order)/groups]), 0.1, 0.9)
		if err != nil {
			return Accuracy{}, fmt.Errorf("tenth %d by Note10 latency: %w", g+1, err)
		}
		a.Spread = append(a.Spread, q[1]-q[0])
	}
	rs := arch.SampleResNets(c.N, c.Seed)
	a.ResNetMACs, _ = arch.CostsOf(rs)
	rp, err := ofa.LoadResNet50(c.DataDir)
	if err != nil {
		return Accuracy{}, err
	}
	if a.ResNetTop1, err = ofa.Top1Percent(rp, rs); err != nil {
		return Accuracy{}, err
	}
	return a, nil
}
