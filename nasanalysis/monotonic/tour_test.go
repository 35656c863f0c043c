package monotonic

import (
	"math"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// handAgreement is a four-device agreement written by hand. Pairs, lowest first:
// g/p 0.5, i/p 0.55, g/q 0.6, i/q 0.65, p/q 0.8, g/i 0.99.
func handAgreement() DatasetAgreement {
	devs := []string{"g", "i", "p", "q"}
	m := [][]float64{
		{1, 0.99, 0.5, 0.6},
		{0.99, 1, 0.55, 0.65},
		{0.5, 0.55, 1, 0.8},
		{0.6, 0.65, 0.8, 1},
	}
	return DatasetAgreement{Dataset: "hand", Architectures: 100, Devices: devs, SRCC: m, Pairs: stats.Pairs(devs, m)}
}

var handDevices = []data.Device{
	{Name: "g", Hardware: "GPU G", Kind: "desktop-gpu"}, {Name: "i", Hardware: "CPU I", Kind: "desktop-cpu"},
	{Name: "p", Hardware: "Phone P", Kind: "mobile-cpu"}, {Name: "q", Hardware: "Phone Q", Kind: "mobile-gpu"},
}

// The median of six pairs is the mean of the third and fourth: (0.6 + 0.65) / 2.
func TestAgreementMedianIsTheMedian(t *testing.T) {
	a := handAgreement()
	if m := a.Median(); math.Abs(m-0.625) > 1e-12 {
		t.Errorf("Median = %v, want 0.625", m)
	}
	want := "`hand`: 6 device pairs over 100 cells; median SRCC 0.625; lowest `g` / `p` 0.500; highest `g` / `i` 0.990."
	if got := a.Sentence("cells"); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// Three columns by hand: a (1, 2, 3, 4), b (2, 1, 4, 3), c (4, 3, 2, 1). Ranks of b are
// (2, 1, 4, 3), d = (1, 1, 1, 1): rho(a, b) = 1 - 6*4/(4*15) = 0.6; rho(a, c) = -1;
// rho(b, c) = -0.6.
func TestAgreementOfByHand(t *testing.T) {
	tab := &data.LatencyTable{Dataset: data.Dataset{Name: "h"}, Path: "h.csv", Archs: []string{"w", "x", "y", "z"}, Devices: []string{"a", "b", "c"},
		Latency: [][]float64{{1, 2, 3, 4}, {2, 1, 4, 3}, {4, 3, 2, 1}}}
	a, err := AgreementOf(tab)
	if err != nil {
		t.Fatal(err)
	}
	if a.Architectures != 4 || math.Abs(a.SRCC[0][1]-0.6) > 1e-12 || math.Abs(a.SRCC[0][2]+1) > 1e-12 || math.Abs(a.SRCC[1][2]+0.6) > 1e-12 {
		t.Errorf("SRCC = %v", a.SRCC)
	}
	if a.Pairs[0].A != "a" || a.Pairs[0].B != "c" || a.Median() != -0.6 {
		t.Errorf("pairs %v, median %v; want a/c first, median -0.6", a.Pairs, a.Median())
	}
	df, err := ExtremePairsCI(tab, a, 1, 1, 200, 3)
	if err != nil {
		t.Fatal(err)
	}
	if df.Nrow() != 2 || df.Col("device pair").Elem(1).String() != "a / b" || math.Abs(df.Col("spearman").Elem(1).Float()-0.6) > 1e-12 {
		t.Errorf("extreme pairs %v", df)
	}
	if _, err := ExtremePairsCI(tab, a, 2, 2, 200, 3); err == nil {
		t.Error("four extreme pairs of three accepted")
	}
}

func TestCheckPublished(t *testing.T) {
	devs := []string{"true_vpu", "eagle_gtx", "eagle_jetson_16", "rice_pixel3"}
	m := [][]float64{{1, 0.69054, 0.6, 0.6}, {0.69054, 1, 0.6, 0.6}, {0.6, 0.6, 1, 0.321}, {0.6, 0.6, 0.321, 1}}
	a := DatasetAgreement{Dataset: "nb201", Devices: devs, SRCC: m, Pairs: stats.Pairs(devs, m)}
	c, err := CheckPublished(a)
	if err != nil {
		t.Fatal(err)
	}
	s := c.Sentence()
	if !strings.Contains(s, "= **0.6905**, which matches OneProxy's example (0.6905)") || !strings.HasSuffix(s, "at **0.321**, as the dataset README says.") {
		t.Errorf("matching: %q", s)
	}
	m[0][1], m[1][0] = 0.7, 0.7
	m[2][3], m[3][2] = 0.9, 0.9
	c, _ = CheckPublished(DatasetAgreement{Dataset: "nb201", Devices: devs, SRCC: m, Pairs: stats.Pairs(devs, m)})
	if s := c.Sentence(); !strings.Contains(s, "which differs from OneProxy's example") || !strings.Contains(s, "where the dataset README gives") {
		t.Errorf("differing: %q", s)
	}
	if _, err := CheckPublished(handAgreement()); err == nil {
		t.Error("a dataset without true_vpu accepted")
	}
}

// By hand on handAgreement: 2 of 6 pairs reach 0.7; the phones p, q agree at 0.8, above
// the median 0.625. Mean SRCC with the others: g 0.69667, i 0.73, p 0.61667, q 0.68333,
// so p then q are the weakest rows, each lowest with g. g/i agree at 0.99 and with the
// others at 0.5-0.65: 0.34 apart, much less well.
func TestReadAgreementByHand(t *testing.T) {
	r, err := ReadAgreement(handAgreement(), handDevices, []string{"mobile-cpu", "mobile-gpu"}, "g", "i")
	if err != nil {
		t.Fatal(err)
	}
	if r.Pairs != 6 || r.Fair != 2 || math.Abs(r.Median-0.625) > 1e-12 || r.GroupSRCC != [3]float64{0.8, 0.8, 0.8} || !r.GroupAgreeUp {
		t.Errorf("reading %+v", r)
	}
	if len(r.Weakest) != 2 || r.Weakest[0].Device != "p" || math.Abs(r.Weakest[0].Mean-1.85/3) > 1e-12 || r.Weakest[0].LowestWith != "g" ||
		r.Weakest[1].Device != "q" || r.Weakest[1].Lowest != 0.6 {
		t.Errorf("weakest %+v", r.Weakest)
	}
	if r.DupSRCC != 0.99 || r.DupOthers != [2]float64{0.5, 0.65} {
		t.Errorf("duplicate %v, others %v", r.DupSRCC, r.DupOthers)
	}
	s := r.Sentences()
	if !strings.Contains(s[0], "agree more closely with each other than the median pair does: SRCC 0.800–0.800") ||
		!strings.Contains(s[1], "but much less well with every other device (0.500–0.650)") {
		t.Errorf("sentences %q", s)
	}
	// The other way round: the phones below the median, the pair barely above the rest.
	r.GroupAgreeUp, r.DupAgreeGap = false, 0.05
	s = r.Sentences()
	if !strings.Contains(s[0], "agree no more closely") || !strings.Contains(s[1], "but nearly as well with every other device") {
		t.Errorf("other direction %q", s)
	}
	if _, err := ReadAgreement(handAgreement(), handDevices, []string{"tpu"}, "g", "i"); err == nil {
		t.Error("an empty group accepted")
	}
}

func TestAgreementTakeaways(t *testing.T) {
	nb := handAgreement()
	nb.Dataset = "nb201"
	full := handAgreement()
	full.Dataset = "nb201-full"
	ofaDevs := []string{"x_1", "x_64", "y_1"}
	om := [][]float64{{1, 0.4, 0.9}, {0.4, 1, 0.5}, {0.9, 0.5, 1}}
	ofa := DatasetAgreement{Dataset: "ofa-mbv3-gpu", Architectures: 10, Devices: ofaDevs, SRCC: om, Pairs: stats.Pairs(ofaDevs, om)}
	devs := []data.Device{{Name: "x_1", Hardware: "GPU X", Batch: 1}, {Name: "x_64", Hardware: "GPU X", Batch: 64}, {Name: "y_1", Hardware: "GPU Y", Batch: 1}}
	b, err := AgreementTakeaways([]DatasetAgreement{nb, full, ofa}, devs)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b[0], "Only some device pairs rank NAS-Bench-201 cells alike (2 of 6 reach SRCC 0.700 on `nb201`; median 0.625 over the 6 pairs of `nb201-full`), but not all: the weakest pair falls to 0.500") {
		t.Errorf("b1 %q", b[0])
	}
	// ofa's median is 0.5 (pairs 0.4, 0.5, 0.9), below the others' 0.625.
	if !strings.Contains(b[1], "the *same* GPU X at batch 1 and at batch 64 (SRCC 0.400)") ||
		!strings.HasSuffix(b[1], "`ofa-mbv3-gpu` shows the weakest agreement overall: median SRCC 0.500, against 0.625–0.625 for the other datasets.") {
		t.Errorf("b2 %q", b[1])
	}
	devs[1].Hardware = "GPU Z"
	b, _ = AgreementTakeaways([]DatasetAgreement{nb, full, ofa}, devs)
	if !strings.HasPrefix(b[1], "On `ofa-mbv3-gpu` the least monotone of the 3 pairs is `x_1` / `x_64` (SRCC 0.400).") {
		t.Errorf("b2, two GPUs: %q", b[1])
	}
	for i := range nb.SRCC {
		for j := range nb.SRCC {
			nb.SRCC[i][j] = 0.95
		}
	}
	nb.Pairs = stats.Pairs(nb.Devices, nb.SRCC)
	full.Pairs = nb.Pairs
	b, _ = AgreementTakeaways([]DatasetAgreement{nb, full, ofa}, devs)
	if !strings.HasPrefix(b[0], "Most device pairs") || !strings.HasSuffix(b[0], "and even the weakest pair reaches 0.950.") {
		t.Errorf("b1, all agree: %q", b[0])
	}
	if _, err := AgreementTakeaways([]DatasetAgreement{nb}, devs); err == nil {
		t.Error("takeaways without nb201-full accepted")
	}
}

// The nb201 figures the README publishes (OneProxy's example 0.6905; lowest pair
// eagle_jetson_16 / rice_pixel3 about 0.32), computed from the shared data.
func TestCheckPublishedNB201(t *testing.T) {
	lat, err := data.LoadLatency("", "nb201")
	datatest.Check(t, err)
	a, err := AgreementOf(lat)
	if err != nil {
		t.Fatal(err)
	}
	c, err := CheckPublished(a)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(c.ExampleSRCC-OneProxyExampleSRCC) >= 0.00005 || math.Abs(c.Lowest.Value-NB201ReadmeLowest) > 0.01 {
		t.Errorf("check %+v", c)
	}
}
