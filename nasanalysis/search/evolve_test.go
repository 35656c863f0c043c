package search

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
	"github.com/nasanalysis/nasanalysis/nasanalysis/metric"
)

// kernelSum is a fitness whose optimum is known: the sum of all 20 kernel sizes, at most
// 140 (every kernel 7); feasible when no stage's first block has expand ratio 6 (true of
// (2/3)^5 = 13 % of random networks, so redrawing infeasible children is exercised).
func kernelSum(as []arch.Arch) ([]float64, []bool, error) {
	f, ok := make([]float64, len(as)), make([]bool, len(as))
	for i, a := range as {
		m := a.(arch.MBArch)
		ok[i] = true
		for s := range m.KS {
			f[i] += float64(m.KS[s])
		}
		for s := range 5 {
			ok[i] = ok[i] && m.E[4*s] != 6
		}
	}
	return f, ok, nil
}

// Evolution climbs from a random population (mean kernel sum 100) to the optimum 140,
// never keeps an infeasible architecture, never falls back, and a reduced space's
// dropped blocks never appear.
func TestEvolveReachesKnownOptimum(t *testing.T) {
	cfg := DefaultEvo
	cfg.Generations, cfg.Seed = 40, 3
	red := arch.Space{Family: arch.OFAMBv3, Drop: []arch.Block{{Kernel: 7, Expand: 3}}}
	res, err := Evolve(red, kernelSum, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Fitness < 136 {
		t.Errorf("best kernel sum %v after 40 generations, want >= 136 of 140", res.Fitness)
	}
	f, ok, _ := kernelSum([]arch.Arch{res.Best})
	if !ok[0] || f[0] != res.Fitness || red.Check(res.Best) != nil {
		t.Errorf("best %s: feasible %v, fitness %v, reduced %v", res.Best, ok[0], f[0], red.Check(res.Best))
	}
	if !slices.IsSorted(res.BestPerGeneration) || len(res.BestPerGeneration) != 41 {
		t.Errorf("best per generation %v", res.BestPerGeneration)
	}
	again, _ := Evolve(red, kernelSum, cfg, nil)
	if again.Best.String() != res.Best.String() {
		t.Error("the same seed found another architecture")
	}
}

// The multi-hardware constraints by hand: two "devices" whose latency is MACs and 2 x
// MACs, budgets 300 and 400 M: a network of 250 M MACs has ratios 0.83 and 1.25 —
// average 1.04 (infeasible), worst 1.25 (infeasible), each: infeasible; one of 180 M:
// 0.6 and 0.9, feasible under all three.
func TestConstrainedKinds(t *testing.T) {
	macs, _ := metric.New("macs", arch.OFAMBv3, metric.Options{})
	twice, _ := metric.New("flops", arch.OFAMBv3, metric.Options{})
	rng := rand.New(rand.NewPCG(1, 1))
	var small, mid arch.Arch
	for small == nil || mid == nil {
		a := arch.MBv3.Sample(rng, 0)
		m := a.MACs() / 1e6
		switch {
		case m > 170 && m < 190:
			small = a
		case m > 245 && m < 255:
			mid = a
		}
	}
	for kind, want := range map[string][2]bool{Each: {true, false}, Worst: {true, false}, Average: {true, false}} {
		ev, err := Constrained(macs, []*metric.Metric{macs, twice}, []float64{300, 400}, kind)
		if err != nil {
			t.Fatal(err)
		}
		_, ok, err := ev([]arch.Arch{small, mid})
		if err != nil || ok[0] != want[0] || ok[1] != want[1] {
			t.Errorf("%s: feasible %v, want %v (%v)", kind, ok, want, err)
		}
	}
	if _, err := Constrained(macs, []*metric.Metric{macs}, []float64{0}, Each); err == nil {
		t.Error("zero budget accepted")
	}
}

// BenchmarkEvolve100x500 is OFA's finder at full scale: population 100, 500 generations,
// OFA's accuracy predictor under a Note10 budget of 35 ms at 224 px; it reports
// architectures scored per second.
func BenchmarkEvolve100x500(b *testing.B) {
	acc, err := metric.New("acc", arch.OFAMBv3, metric.Options{})
	datatest.Check(b, err)
	n10, err := metric.New("note10_r224", arch.OFAMBv3, metric.Options{})
	datatest.Check(b, err)
	ev, _ := Constrained(acc, []*metric.Metric{n10}, []float64{35}, Each)
	cfg := DefaultEvo
	cfg.Generations = 500
	scored := 0
	b.ResetTimer()
	for range b.N {
		res, err := Evolve(arch.Space{Family: arch.OFAMBv3, Resolutions: []int{224}}, ev, cfg, nil)
		if err != nil {
			b.Fatal(err)
		}
		scored += res.Evaluated
	}
	b.ReportMetric(float64(scored)/b.Elapsed().Seconds(), "archs/s")
}
