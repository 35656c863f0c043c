package monotonic

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/go-gota/gota/dataframe"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/prose"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// This file holds the device-agreement facts of the data tour (notebook 01): each
// dataset's Spearman matrix and its pairs, checked against the published figures, and
// the sentences that read them.

// Published figures the tour checks the data against.
const (
	// OneProxyExampleSRCC is SRCC(true_vpu, eagle_gtx) over the 1,999 nb201 cells before
	// adaptation, and OneProxyExampleAdapted the SRCC after AdaProxy with 60 + 10 target
	// cells, one draw, in OneProxy's example notebook (github.com/Ren-Research/OneProxy;
	// recorded in ../shared/datasets/nb201/README.md, "Published figures").
	OneProxyExampleSRCC    = 0.6905
	OneProxyExampleAdapted = 0.869
	// NB201ReadmeLowest is the lowest pairwise SRCC among the 18 nb201 devices,
	// eagle_jetson_16 vs rice_pixel3, "about 0.32" (../shared/datasets/nb201/README.md).
	NB201ReadmeLowest = 0.32
)

// PaperThreshold is the SRCC from which Lu et al. (SIGMETRICS 2022, "One Proxy Device
// Is Enough for Hardware-Aware NAS") reuse a proxy's latencies without adaptation.
const PaperThreshold = 0.9

// FairAgreement is the SRCC the tour calls fair agreement between two devices: the
// line it counts pairs against, below the paper's threshold.
const FairAgreement = 0.7

// DatasetAgreement is how the devices of one dataset rank its architectures alike.
type DatasetAgreement struct {
	Dataset       string
	Architectures int
	Devices       []string
	SRCC          [][]float64       // Spearman's rho per device pair (pairwise deletion)
	Pairs         []stats.PairValue // the upper triangle, least monotone first (stats.Pairs)
}

// AgreementOf computes the Spearman matrix of t's latencies and lists its pairs.
func AgreementOf(t *data.LatencyTable) (DatasetAgreement, error) {
	m, err := stats.CorrelationMatrix(t.Latency, stats.Spearman)
	if err != nil {
		return DatasetAgreement{}, fmt.Errorf("%s: %w", t.Path, err)
	}
	return DatasetAgreement{Dataset: t.Dataset.Name, Architectures: t.Len(), Devices: t.Devices, SRCC: m, Pairs: stats.Pairs(t.Devices, m)}, nil
}

// Values returns the pairs' correlations, least monotone first.
func (a DatasetAgreement) Values() []float64 {
	v := make([]float64, len(a.Pairs))
	for k, p := range a.Pairs {
		v[k] = p.Value
	}
	return v
}

// Median is the median correlation over the pairs (the mean of the two middle pairs
// for an even number); NaN for no pairs.
func (a DatasetAgreement) Median() float64 {
	m, err := stats.Quantile(a.Values(), 0.5)
	if err != nil {
		return math.NaN()
	}
	return m
}

// Sentence states the pairs' median and extremes: "`fbnet`: 351 device pairs over 5,000
// architectures; median SRCC ...; lowest ...; highest ...". unit names the architectures.
func (a DatasetAgreement) Sentence(unit string) string {
	if len(a.Pairs) == 0 {
		return fmt.Sprintf("`%s` has fewer than two devices.", a.Dataset)
	}
	lo, hi := a.Pairs[0], a.Pairs[len(a.Pairs)-1]
	return fmt.Sprintf("`%s`: %s device pairs over %s %s; median SRCC %s; lowest `%s` / `%s` %s; highest `%s` / `%s` %s.",
		a.Dataset, prose.Num(len(a.Pairs)), prose.Num(a.Architectures), unit, prose.Num(a.Median()), lo.A, lo.B, prose.Num(lo.Value), hi.A, hi.B, prose.Num(hi.Value))
}

// ExtremePairsCI tabulates the low least and the high most monotone pairs of a (made
// from t) with 95 % percentile-bootstrap intervals from resamples resamples, all drawn
// from one generator seeded (seed, 7) in table order: columns "device pair",
// spearman, lo, hi.
func ExtremePairsCI(t *data.LatencyTable, a DatasetAgreement, low, high, resamples int, seed uint64) (dataframe.DataFrame, error) {
	if low+high > len(a.Pairs) {
		return dataframe.DataFrame{}, fmt.Errorf("%d + %d extreme pairs asked of %d", low, high, len(a.Pairs))
	}
	ends := append(slices.Clone(a.Pairs[:low]), a.Pairs[len(a.Pairs)-high:]...)
	rng := rand.New(rand.NewPCG(seed, 7)) // one stream for every interval
	return stats.BootstrapFrame("device pair", stats.PairSamples(t.Devices, t.Latency, ends), stats.Spearman, resamples, 0.95,
		func(int) *rand.Rand { return rng })
}

// PublishedCheck sets nb201's agreement beside the published figures.
type PublishedCheck struct {
	ExampleSRCC float64         // SRCC(true_vpu, eagle_gtx) here
	Lowest      stats.PairValue // the least monotone pair here
}

// CheckPublished computes on a (nb201's agreement) the two figures OneProxy's example
// and the dataset README publish.
func CheckPublished(a DatasetAgreement) (PublishedCheck, error) {
	i, j := slices.Index(a.Devices, "true_vpu"), slices.Index(a.Devices, "eagle_gtx")
	if i < 0 || j < 0 || len(a.Pairs) == 0 {
		return PublishedCheck{}, fmt.Errorf("dataset %s lacks true_vpu or eagle_gtx: the published figures are nb201's", a.Dataset)
	}
	return PublishedCheck{ExampleSRCC: a.SRCC[i][j], Lowest: a.Pairs[0]}, nil
}

// Sentence says whether the published figures are reproduced: OneProxy's example to
// four decimals, the README's lowest pair as the same pair within 0.01.
func (c PublishedCheck) Sentence() string {
	same := "matches"
	if math.Abs(c.ExampleSRCC-OneProxyExampleSRCC) >= 0.00005 {
		same = "differs from"
	}
	lo := c.Lowest
	lowSame := "as the dataset README says"
	readmePair := (lo.A == "eagle_jetson_16" && lo.B == "rice_pixel3") || (lo.A == "rice_pixel3" && lo.B == "eagle_jetson_16")
	if !readmePair || math.Abs(lo.Value-NB201ReadmeLowest) > 0.01 {
		lowSame = fmt.Sprintf("where the dataset README gives `eagle_jetson_16` / `rice_pixel3` at about %s", prose.Num(NB201ReadmeLowest))
	}
	return fmt.Sprintf("Check against the published figures: SRCC(`true_vpu`, `eagle_gtx`) = **%.4f**, which %s OneProxy's example (%.4f) to four decimals; the lowest pair is `%s` / `%s` at **%s**, %s.",
		c.ExampleSRCC, same, OneProxyExampleSRCC, lo.A, lo.B, prose.Num(lo.Value), lowSame)
}

// WeakRow is a device whose latencies rank the architectures least like the others'.
type WeakRow struct {
	Device, Hardware string
	Mean             float64 // its mean SRCC with the other devices
	Lowest           float64 // its lowest SRCC, with LowestWith
	LowestWith       string
}

// AgreementReading reads a dataset's SRCC matrix: the median pair, a group of devices
// against the rest, the least monotone rows, and a pair suspected to be one device.
type AgreementReading struct {
	Pairs, Fair  int     // pairs, and pairs at FairAgreement or more
	Median       float64 // median pair
	Group        []string
	GroupKinds   []string
	GroupSRCC    [3]float64 // lowest, median and highest SRCC between the group's devices
	Weakest      []WeakRow  // the two rows of lowest mean SRCC, lowest first
	DupA, DupB   string
	DupSRCC      float64
	DupOthers    [2]float64 // lowest and highest SRCC of DupA or DupB with any other device
	DupAgreeGap  float64    // DupSRCC minus the highest of DupOthers
	GroupAgreeUp bool       // whether the group's median pair is above the median pair
}

// ReadAgreement reads a (with devs describing its devices): the group is every device
// of groupKinds, and dupA, dupB the pair suspected to be one device.
func ReadAgreement(a DatasetAgreement, devs []data.Device, groupKinds []string, dupA, dupB string) (AgreementReading, error) {
	kind, hw := map[string]string{}, map[string]string{}
	for _, d := range devs {
		kind[d.Name], hw[d.Name] = d.Kind, d.Hardware
	}
	r := AgreementReading{Pairs: len(a.Pairs), Median: a.Median(), GroupKinds: groupKinds, DupA: dupA, DupB: dupB}
	r.Fair = stats.CountAtLeast(a.Values(), FairAgreement)
	for _, d := range a.Devices {
		if slices.Contains(groupKinds, kind[d]) {
			r.Group = append(r.Group, d)
		}
	}
	var within []float64
	for _, p := range a.Pairs {
		if slices.Contains(r.Group, p.A) && slices.Contains(r.Group, p.B) {
			within = append(within, p.Value)
		}
	}
	q, err := stats.Quantiles(within, 0, 0.5, 1)
	if err != nil {
		return AgreementReading{}, fmt.Errorf("%s: no pair of devices of kinds %v: %w", a.Dataset, groupKinds, err)
	}
	r.GroupSRCC = [3]float64{q[0], q[1], q[2]}
	r.GroupAgreeUp = q[1] > r.Median
	n := len(a.Devices)
	mean := make([]float64, n)
	order := make([]int, n)
	for i := range a.Devices {
		order[i] = i
		for j := range a.Devices {
			if i != j {
				mean[i] += a.SRCC[i][j] / float64(n-1)
			}
		}
	}
	slices.SortStableFunc(order, func(x, y int) int { return cmpFloat(mean[x], mean[y]) })
	for _, i := range order[:min(2, n)] {
		w := WeakRow{Device: a.Devices[i], Hardware: hw[a.Devices[i]], Mean: mean[i], Lowest: math.Inf(1)}
		for k := range a.Devices {
			if k != i && a.SRCC[i][k] < w.Lowest {
				w.Lowest, w.LowestWith = a.SRCC[i][k], a.Devices[k]
			}
		}
		r.Weakest = append(r.Weakest, w)
	}
	g, c := slices.Index(a.Devices, dupA), slices.Index(a.Devices, dupB)
	if g < 0 || c < 0 {
		return AgreementReading{}, fmt.Errorf("%s lacks %s or %s", a.Dataset, dupA, dupB)
	}
	r.DupSRCC = a.SRCC[g][c]
	lo, hi := math.Inf(1), math.Inf(-1)
	for j := range a.Devices {
		if j != g && j != c {
			for _, i := range []int{g, c} {
				lo, hi = math.Min(lo, a.SRCC[i][j]), math.Max(hi, a.SRCC[i][j])
			}
		}
	}
	r.DupOthers, r.DupAgreeGap = [2]float64{lo, hi}, r.DupSRCC-hi
	return r, nil
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// DuplicateGap is how far above its best agreement with any other device a suspected
// duplicate pair must agree with itself to be called much closer than the rest.
const DuplicateGap = 0.1

// Sentences reads the matrix in two paragraphs: the median pair and the group, then the
// weakest rows and the suspected duplicate pair.
func (r AgreementReading) Sentences() []string {
	var group []string
	for _, d := range r.Group {
		group = append(group, "`"+d+"`")
	}
	agree := "agree no more closely with each other than the median pair does"
	if r.GroupAgreeUp {
		agree = "agree more closely with each other than the median pair does"
	}
	first := fmt.Sprintf("The median pair has SRCC %s, and %s of the %s pairs reach %s. The %s devices (%s) %s: SRCC %s between them, median %s.",
		prose.Num(r.Median), prose.Num(r.Fair), prose.Num(r.Pairs), prose.Num(FairAgreement), prose.JoinAnd(r.GroupKinds), strings.Join(group, ", "), agree,
		prose.Interval(r.GroupSRCC[0], r.GroupSRCC[2]), prose.Num(r.GroupSRCC[1]))
	var weak []string
	for _, w := range r.Weakest {
		weak = append(weak, fmt.Sprintf("`%s` (%s; mean SRCC %s with the other devices, lowest %s with `%s`)", w.Device, w.Hardware, prose.Num(w.Mean), prose.Num(w.Lowest), w.LowestWith))
	}
	dup := "much less well"
	if r.DupAgreeGap <= DuplicateGap {
		dup = "nearly as well"
	}
	second := fmt.Sprintf("The least monotone rows, by mean SRCC with the others, are %s. The suspected duplicate pair `%s` / `%s` agrees with itself (SRCC %s) but %s with every other device (%s). The low pairs are the cases where the paper's proxy adaptation is needed (notebook 02, section 5).",
		strings.Join(weak, " and "), r.DupA, r.DupB, prose.Num(r.DupSRCC), dup, prose.Interval(r.DupOthers[0], r.DupOthers[1]))
	return []string{first, second}
}

// AgreementTakeaways states the tour's conclusions on agreement from the agreements of
// the four datasets (nb201, nb201-full, fbnet, ofa-mbv3-gpu; any order) and the devices
// of ofa-mbv3-gpu: how many nb201 pairs agree and the weakest pairs; whether the least
// monotone OFA pair is one GPU at two batch sizes; and which dataset agrees least.
func AgreementTakeaways(ags []DatasetAgreement, ofaDevices []data.Device) ([]string, error) {
	by := map[string]DatasetAgreement{}
	for _, a := range ags {
		by[a.Dataset] = a
	}
	for _, n := range []string{"nb201", "nb201-full", "ofa-mbv3-gpu"} {
		if len(by[n].Pairs) == 0 {
			return nil, fmt.Errorf("takeaways need the agreement of %s", n)
		}
	}
	nb, full := by["nb201"], by["nb201-full"]
	nFair := stats.CountAtLeast(nb.Values(), FairAgreement)
	most := "Most"
	if 2*nFair <= len(nb.Pairs) {
		most = "Only some"
	}
	low, lowFull := nb.Pairs[0], full.Pairs[0]
	tail := fmt.Sprintf("but not all: the weakest pair falls to %s on `nb201` (`%s` / `%s`) and %s on `nb201-full` (`%s` / `%s`), so \"one proxy for every device\" has to be checked pair by pair — the subject of notebook 02.",
		prose.Num(low.Value), low.A, low.B, prose.Num(lowFull.Value), lowFull.A, lowFull.B)
	if math.Min(low.Value, lowFull.Value) >= FairAgreement {
		tail = fmt.Sprintf("and even the weakest pair reaches %s.", prose.Num(math.Min(low.Value, lowFull.Value)))
	}
	b1 := fmt.Sprintf("%s device pairs rank NAS-Bench-201 cells alike (%s of %s reach SRCC %s on `nb201`; median %s over the %s pairs of `nb201-full`), %s",
		most, prose.Num(nFair), prose.Num(len(nb.Pairs)), prose.Num(FairAgreement), prose.Num(full.Median()), prose.Num(len(full.Pairs)), tail)

	ofa := by["ofa-mbv3-gpu"]
	w := ofa.Pairs[0]
	dev := map[string]data.Device{}
	for _, d := range ofaDevices {
		dev[d.Name] = d
	}
	a, b := dev[w.A], dev[w.B]
	b2 := fmt.Sprintf("On `ofa-mbv3-gpu` the least monotone of the %s pairs is `%s` / `%s` (SRCC %s).", prose.Num(len(ofa.Pairs)), w.A, w.B, prose.Num(w.Value))
	if a.Hardware != "" && a.Hardware == b.Hardware && a.Batch != b.Batch {
		b2 = fmt.Sprintf("Batch size can matter more than the chip. On `ofa-mbv3-gpu` the least monotone of the %s pairs is the *same* %s at batch %d and at batch %d (SRCC %s), likely because at batch 1 a GPU's time goes largely to per-layer overheads and at large batches to arithmetic.",
			prose.Num(len(ofa.Pairs)), a.Hardware, min(a.Batch, b.Batch), max(a.Batch, b.Batch), prose.Num(w.Value))
	}
	worst := ags[0]
	for _, g := range ags {
		if g.Median() < worst.Median() {
			worst = g
		}
	}
	var others []float64
	for _, g := range ags {
		if g.Dataset != worst.Dataset {
			others = append(others, g.Median())
		}
	}
	if q, err := stats.Quantiles(others, 0, 1); err == nil {
		b2 += fmt.Sprintf(" `%s` shows the weakest agreement overall: median SRCC %s, against %s for the other datasets.", worst.Dataset, prose.Num(worst.Median()), prose.Interval(q[0], q[1]))
	}
	return []string{b1, b2}, nil
}
