package arch

import (
	"fmt"
	"math/rand/v2"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
)

// SampleN draws n architectures at the space's default width from one generator seeded
// with (seed, 0).
func (sp *MBSpace) SampleN(n int, seed uint64) []MBArch {
	rng := rand.New(rand.NewPCG(seed, 0))
	out := make([]MBArch, n)
	for i := range out {
		out[i] = sp.Sample(rng, 0)
	}
	return out
}

// SampleResNets draws n OFA-ResNet50 architectures from one generator seeded with
// (seed, 0).
func SampleResNets(n int, seed uint64) []ResNetArch {
	rng := rand.New(rand.NewPCG(seed, 0))
	out := make([]ResNetArch, n)
	for i := range out {
		out[i] = SampleResNet(rng)
	}
	return out
}

// CostsOf returns the MACs and parameters, in millions, of each architecture.
func CostsOf[T interface{ Cost() Cost }](as []T) (macsM, paramsM []float64) {
	macsM, paramsM = make([]float64, len(as)), make([]float64, len(as))
	for i, a := range as {
		c := a.Cost()
		macsM[i], paramsM[i] = c.MACs/1e6, c.Params/1e6
	}
	return macsM, paramsM
}

// WithResolution returns copies of as at input resolution r.
func WithResolution(as []MBArch, r int) []MBArch {
	out := make([]MBArch, len(as))
	for i, a := range as {
		out[i] = a.Clone()
		out[i].R = r
	}
	return out
}

// ResolutionIndex returns, for each architecture, the index of its resolution in
// MBResolutions; the error names the first architecture at another resolution.
func ResolutionIndex(as []MBArch) ([]int, error) {
	out := make([]int, len(as))
	for i, a := range as {
		out[i] = -1
		for k, r := range MBResolutions {
			if a.R == r {
				out[i] = k
			}
		}
		if out[i] < 0 {
			return nil, fmt.Errorf("architecture %d: resolution %d is not one of %v", i, a.R, MBResolutions)
		}
	}
	return out, nil
}

// uniformMB is an architecture of sp at 224 px with kernel k and expand ratio e in
// every block slot and depth d in every stage.
func uniformMB(sp *MBSpace, k, e, d int) MBArch {
	a := sp.Sample(rand.New(rand.NewPCG(1, 1)), 0)
	for i := range a.KS {
		a.KS[i], a.E[i] = k, e
	}
	for i := range a.D {
		a.D[i] = d
	}
	a.R = 224
	return a
}

// uniformResNet is an OFA-ResNet50 at 224 px with extra depth d in every stage, stem
// depth stem, expand ratio e in every block and width index w everywhere.
func uniformResNet(d int, e float64, w, stem int) ResNetArch {
	a := ResNetArch{D: []int{stem, d, d, d, d}, E: make([]float64, 18), W: []int{w, w, w, w, w, w}, R: 224}
	for i := range a.E {
		a.E[i] = e
	}
	return a
}

// SpacesFrame summarises the three block-level design spaces, one row each: the number
// of distinct architectures (at one width multiplier), the choices, and the MACs and
// parameters (millions) of the smallest and the largest network at 224 px.
func SpacesFrame() dataframe.DataFrame {
	type row struct {
		name, choices string
		size          float64
		lo, hi        Cost
	}
	var rows []row
	for _, sp := range []*MBSpace{MBv3, Proxyless} {
		rows = append(rows, row{fmt.Sprintf("%s (w%.1f)", sp.Name, sp.DefaultWidth), "k∈{3,5,7}, e∈{3,4,6}, d∈{2,3,4} per stage, r∈{160..224}",
			sp.Size(), uniformMB(sp, 3, 3, 2).Cost(), uniformMB(sp, 7, 6, 4).Cost()})
	}
	rows = append(rows, row{"ofa-resnet50", "e∈{0.2,0.25,0.35} per block, +0/1/2 blocks per stage, w∈{0.65,0.8,1.0} x6, stem skip, 8 resolutions",
		ResNetSize(), uniformResNet(0, 0.2, 0, 0).Cost(), uniformResNet(2, 0.35, 2, 2).Cost()})
	var names, choices []string
	var size, mLo, mHi, pLo, pHi []float64
	for _, r := range rows {
		names, choices, size = append(names, r.name), append(choices, r.choices), append(size, r.size)
		mLo, mHi = append(mLo, r.lo.MACs/1e6), append(mHi, r.hi.MACs/1e6)
		pLo, pHi = append(pLo, r.lo.Params/1e6), append(pHi, r.hi.Params/1e6)
	}
	return dataframe.New(
		series.New(names, series.String, "space"),
		series.New(size, series.Float, "architectures"),
		series.New(choices, series.String, "choices"),
		series.New(mLo, series.Float, "min_macs_m"),
		series.New(mHi, series.Float, "max_macs_m"),
		series.New(pLo, series.Float, "min_params_m"),
		series.New(pHi, series.Float, "max_params_m"),
	)
}

// AsMB converts architectures of an OFA mobile space (such as a latency table's parsed
// rows) to MBArch; the error names the first one of another family.
func AsMB(as []Arch) ([]MBArch, error) {
	out := make([]MBArch, len(as))
	for i, a := range as {
		m, ok := a.(MBArch)
		if !ok {
			return nil, fmt.Errorf("architecture %d is a %T, not an OFA mobile architecture", i, a)
		}
		out[i] = m
	}
	return out, nil
}

// AtResolution returns a copy of an OFA architecture (mobile or ResNet50) at input
// resolution r, validated.
func AtResolution(a Arch, r int) (Arch, error) {
	switch b := a.(type) {
	case MBArch:
		b = b.Clone()
		b.R = r
		return b, b.Validate()
	case ResNetArch:
		b = b.Clone()
		b.R = r
		return b, b.Validate()
	}
	return nil, fmt.Errorf("%T has no resolution", a)
}
