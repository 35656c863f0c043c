package stats_test

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

func ExampleSpearmanRho() {
	proxy := []float64{1.2, 2.5, 2.5, 4.0, math.NaN(), 7.1}
	target := []float64{10, 30, 20, 40, 50, 60}
	rho, err := stats.SpearmanRho(proxy, target)
	if err != nil {
		panic(err)
	}
	tau, err := stats.KendallTauB(proxy, target)
	if err != nil {
		panic(err)
	}
	fmt.Printf("rho = %.4f\n", rho)
	fmt.Printf("tau_b = %.4f\n", tau)
	// Output:
	// rho = 0.9747
	// tau_b = 0.9487
}

func ExampleCorrelationMatrix() {
	devices := [][]float64{
		{1, 2, 3, 4},
		{2, 4, 6, 8},
		{4, 3, 2, 1},
	}
	m, err := stats.CorrelationMatrix(devices, stats.Spearman)
	if err != nil {
		panic(err)
	}
	for _, row := range m {
		fmt.Println(row)
	}
	// Output:
	// [1 1 -1]
	// [1 1 -1]
	// [-1 -1 1]
}

// Hypervolume of five seeds' searches: the mean with its 95 % t-interval (SciPy's
// t.interval gives the same bounds).
func ExampleTInterval() {
	hv := []float64{0.412, 0.398, 0.421, 0.405, 0.413}
	iv, err := stats.TInterval(hv, 0.95)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%.4f [%.4f, %.4f]\n", iv.Estimate, iv.Lo, iv.Hi)
	// Output: 0.4098 [0.3990, 0.4206]
}

func ExampleMeanSD() {
	m, sd, err := stats.MeanSD([]float64{2, 4, 4, 5})
	if err != nil {
		panic(err)
	}
	fmt.Printf("mean %.2f, sd %.4f\n", m, sd)
	// Output: mean 3.75, sd 1.2583
}

// Two methods run with the same seeds: the paired t-interval of their difference.
func ExamplePairedTInterval() {
	a := []float64{0.812, 0.774, 0.801, 0.835, 0.790}
	b := []float64{0.798, 0.770, 0.788, 0.819, 0.793}
	iv, err := stats.PairedTInterval(a, b, 0.95)
	if err != nil {
		panic(err)
	}
	fmt.Printf("a - b = %.4f [%.4f, %.4f], sign %d\n", iv.Estimate, iv.Lo, iv.Hi, iv.Sign())
	// Output: a - b = 0.0088 [-0.0012, 0.0188], sign 0
}

// A reduced-space search against the full space, seed by seed, in percent of the full
// space's mean hypervolume.
func ExamplePairedDiffPercent() {
	full := []float64{0.4102, 0.3987, 0.4210, 0.4055, 0.4133}
	reduced := []float64{0.4221, 0.4010, 0.4302, 0.4187, 0.4150}
	iv, err := stats.PairedDiffPercent(reduced, full, 0.95)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%+.2f %% [%+.2f, %+.2f], sign %d\n", iv.Estimate, iv.Lo, iv.Hi, iv.Sign())
	// Output: +1.87 % [+0.24, +3.50], sign 1
}

// A difference of two means of many networks each, with its standard error.
func ExampleNormalInterval() {
	iv := stats.NormalInterval(1.3, 0.4, 0.95)
	fmt.Printf("%.3f [%.3f, %.3f], width %.3f, sign %d\n", iv.Estimate, iv.Lo, iv.Hi, iv.Width(), iv.Sign())
	// Output: 1.300 [0.516, 2.084], width 1.568, sign 1
}

// Sentence builders choose their comparison word by the interval's position against 0.
func ExampleInterval_Sign() {
	word := map[int]string{1: "above", -1: "below", 0: "no different from"}
	for _, iv := range []stats.Interval{{Lo: 0.2, Hi: 0.5}, {Lo: -0.1, Hi: 0.3}, {Lo: -0.6, Hi: -0.1}} {
		fmt.Printf("[%g, %g]: %s zero\n", iv.Lo, iv.Hi, word[iv.Sign()])
	}
	// Output:
	// [0.2, 0.5]: above zero
	// [-0.1, 0.3]: no different from zero
	// [-0.6, -0.1]: below zero
}

// Four block means with their standard errors: do they differ by more than the errors
// allow?
func ExampleCochranQ() {
	q, df, p, err := stats.CochranQ([]float64{10.2, 11.0, 9.7, 10.5}, []float64{0.3, 0.4, 0.25, 0.5})
	if err != nil {
		panic(err)
	}
	fmt.Printf("Q = %.3f on %d df, p = %.4f\n", q, df, p)
	// Output: Q = 8.273 on 3 df, p = 0.0407
}

// What the largest expand ratio adds over the smallest, averaged over three kernel
// sizes, with its standard error and a 95 % normal interval.
func ExampleMeanDifference() {
	e6 := []float64{5.2, 6.1, 7.4}
	se6 := []float64{0.2, 0.3, 0.25}
	e3 := []float64{4.9, 5.0, 6.8}
	se3 := []float64{0.1, 0.35, 0.2}
	d, se, err := stats.MeanDifference(e6, se6, e3, se3)
	if err != nil {
		panic(err)
	}
	iv := stats.NormalInterval(d, se, 0.95)
	fmt.Printf("%.3f ± %.3f, 95 %% [%.3f, %.3f]\n", d, se, iv.Lo, iv.Hi)
	// Output: 0.667 ± 0.201, 95 % [0.272, 1.061]
}

func ExampleRankOrder() {
	order, err := stats.RankOrder([]float64{3, 1, 2, 1})
	if err != nil {
		panic(err)
	}
	fmt.Println(order)
	// Output: [1 3 2 0]
}

// The SRCC of two latency columns with a proxy, compared over the same resamples of
// the networks: a paired bootstrap of the difference.
func ExamplePairedBootstrap() {
	truth := []float64{1.0, 2.1, 2.9, 4.2, 5.1, 5.8, 7.2, 8.1, 8.8, 10.3}
	a := []float64{1.1, 2.0, 3.2, 3.9, 5.3, 6.1, 6.9, 8.3, 9.1, 9.9}
	b := []float64{1.5, 1.9, 2.5, 4.8, 4.6, 6.9, 6.2, 7.5, 9.9, 9.2}
	diff := func(idx []int) float64 {
		ra, _ := stats.SpearmanRho(stats.Take(a, idx), stats.Take(truth, idx)) // NaN on a constant resample: dropped
		rb, _ := stats.SpearmanRho(stats.Take(b, idx), stats.Take(truth, idx))
		return ra - rb
	}
	iv, err := stats.PairedBootstrap(len(truth), 1000, 0.95, diff, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		panic(err)
	}
	fmt.Printf("SRCC(a) - SRCC(b) = %.3f [%.3f, %.3f]\n", iv.Estimate, iv.Lo, iv.Hi)
	// Output: SRCC(a) - SRCC(b) = 0.036 [0.000, 0.201]
}

// Does the block at a position matter? The spread of the block means against what
// shuffling the networks among the blocks gives.
func ExamplePermutationTest() {
	blocks := [][]float64{
		{10.1, 10.4, 9.8, 10.3, 10.0},
		{10.9, 11.2, 10.7, 11.0, 11.4},
		{10.2, 9.9, 10.5, 10.1, 10.3},
	}
	res, err := stats.PermutationTest(blocks, stats.SpreadOfMeans, 1000, rand.New(rand.NewPCG(7, 0)))
	if err != nil {
		panic(err)
	}
	fmt.Printf("spread %.2f, noise reaches %.2f, p = %.4f\n", res.Observed, res.Null95, res.P)
	// Output: spread 0.92, noise reaches 0.68, p = 0.0010
}

// Take picks the units a resample drew, repeats included, in the order drawn.
func ExampleTake() {
	latency := []float64{10, 20, 30, 40}
	fmt.Println(stats.Take(latency, []int{3, 0, 0}))
	// Output: [40 10 10]
}
