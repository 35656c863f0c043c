package profile

import (
	"math"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/metric"
)

// handGroup is one hand-made fix group: its fix and, per metric, its values.
type handGroup struct {
	fix     arch.Fix
	values  [][]float64
	present float64
}

// handResult builds a profile by hand: metrics named names (units units), the baseline's
// values and the fix groups, with every block's statistics left to the functions under
// test.
func handResult(space string, names, units []string, base [][]float64, groups ...handGroup) *Result {
	r := &Result{Config: Config{Space: arch.Space{Family: space}, N: len(base[0]), Seed: 1, Bootstrap: 1000}, Names: names, Baseline: &Group{Values: base, Present: 1}}
	for i, n := range names {
		r.Metrics = append(r.Metrics, &metric.Metric{Name: n, Unit: units[i]})
	}
	for _, g := range groups {
		r.Fixes = append(r.Fixes, g.fix)
	}
	for i, g := range groups {
		p := g.present
		if p == 0 {
			p = 1
		}
		r.Groups = append(r.Groups, &Group{Fix: &r.Fixes[i], Values: g.values, Present: p})
	}
	return r
}

func fix(stage, layer, kernel int, expand float64) arch.Fix {
	return arch.Fix{Stage: stage, Layer: layer, Block: arch.Block{Kernel: kernel, Expand: expand}}
}

// A block's response pools its fixes: k3e3 at two positions, values 1, 2, 3 and 3, 4, 5:
// mean 3, SD √(10/5) = √2, standard error √2/√6 = 0.57735; baseline mean 2, shift 1.
// Blocks never fixed are NaN.
func TestResponseByHand(t *testing.T) {
	r := handResult(arch.OFAMBv3, []string{"m"}, []string{"ms"}, [][]float64{{2, 2}},
		handGroup{fix: fix(0, 0, 3, 3), values: [][]float64{{1, 2, 3}}}, handGroup{fix: fix(1, 0, 3, 3), values: [][]float64{{3, 4, 5}}})
	resp, err := r.Response("m")
	if err != nil {
		t.Fatal(err)
	}
	b := resp.Blocks[0]
	if b.Block != (arch.Block{Kernel: 3, Expand: 3}) || b.N != 6 || b.Mean != 3 || math.Abs(b.SE-math.Sqrt2/math.Sqrt(6)) > 1e-12 || b.Shift != 1 {
		t.Errorf("k3e3 %+v", b)
	}
	if len(resp.Blocks) != 9 || len(resp.Present()) != 1 || !math.IsNaN(resp.Blocks[8].Mean) || resp.PerBlock() != 6 || resp.Positions != 2 {
		t.Errorf("response %+v", resp)
	}
	rows, cols, vals := resp.Grid()
	if len(rows) != 3 || cols[2] != "k7" || vals[0][0] != 3 || !math.IsNaN(vals[2][2]) {
		t.Errorf("grid %v %v %v", rows, cols, vals)
	}
	if _, err := r.Response("nope"); err == nil {
		t.Error("an unknown metric gave no error")
	}
}

// grid9 is a full 3 x 3 response whose block means are kernel + 10 x expand, each with
// standard error 0.5.
func grid9() []BlockMean {
	var out []BlockMean
	for _, k := range arch.MBKernels {
		for _, e := range arch.MBExpands {
			out = append(out, bm(k, float64(e), float64(k)+10*float64(e), 0.5))
		}
	}
	return out
}

// By hand on grid9: e6 - e3 is 30 at every kernel, k7 - k3 is 4 at every expand ratio;
// each mean difference of three pairs has SE √(3 (0.25 + 0.25)) / 3 = 0.40825. The means
// run from 33 (k3e3) to 67 (k7e6) around 5 + 10 x 13/3 = 48.333, a span of 70.345 %.
// Cochran's Q with weights 1/0.25 = 4: the deviations k - 5 + 10 (e - 13/3) square-sum to
// 3 x 8 + 300 x 42/9 = 1424, so Q = 5696 on 8 degrees of freedom.
func TestEffectOfByHand(t *testing.T) {
	e, err := EffectOf("m", "ms", grid9())
	if err != nil {
		t.Fatal(err)
	}
	near := func(what string, got, want float64) {
		if math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	near("expand", e.Expand.Estimate, 30)
	near("expand SE", e.Expand.SE, math.Sqrt(1.5)/3)
	near("kernel", e.Kernel.Estimate, 4)
	near("kernel SE", e.Kernel.SE, math.Sqrt(1.5)/3)
	near("mean", e.Mean, 5+130.0/3)
	near("relative span", e.RelSpan, 100*34/(5+130.0/3))
	near("Q", e.Q, 5696)
	if e.DF != 8 || e.P > 1e-100 || e.Low.Block.String() != "k3e3" || e.High.Block.String() != "k7e6" || e.Expand.Label != "e6 − e3" || e.Kernel.Label != "k7 − k3" {
		t.Errorf("effect %+v", e)
	}
	// Without a kernel choice (OFA-ResNet50) the kernel difference is NaN.
	rn, err := EffectOf("acc", "%", []BlockMean{bm(0, 0.2, 1, 0.1), bm(0, 0.25, 2, 0.1), bm(0, 0.35, 4, 0.1)})
	if err != nil || !math.IsNaN(rn.Kernel.Estimate) || rn.Expand.Estimate != 3 || rn.Expand.Label != "e0.35 − e0.2" {
		t.Errorf("resnet effect %+v, %v", rn, err)
	}
	// Without standard errors (a published figure) there is no Q test.
	pub := grid9()
	for i := range pub {
		pub[i].SE = math.NaN()
	}
	if p, err := EffectOf("m", "ms", pub); err != nil || !math.IsNaN(p.P) || p.Expand.Estimate != 30 {
		t.Errorf("published effect %+v, %v", p, err)
	}
	if _, err := EffectOf("m", "ms", grid9()[:1]); err == nil {
		t.Error("one block gave an effect")
	}
}

// Two metrics over three blocks: b ranks them as a does (1, 2, 3 against 10, 20, 30), c
// reverses two (10, 30, 20): Spearman 1 - 6 x 2 / (3 x 8) = 0.5.
func TestRankingByHand(t *testing.T) {
	g := func(k int, a, b, c float64) handGroup {
		return handGroup{fix: fix(0, 0, k, 3), values: [][]float64{{a, a}, {b, b}, {c, c}}}
	}
	r := handResult(arch.OFAMBv3, []string{"a", "b", "c"}, []string{"ms", "ms", "ms"}, [][]float64{{0, 0}, {0, 0}, {0, 0}},
		g(3, 1, 10, 10), g(5, 2, 20, 30), g(7, 3, 30, 20))
	rk, err := r.Ranking("a", "b", "c")
	if err != nil {
		t.Fatal(err)
	}
	if rk.Blocks != 3 || rk.Others[0].SRCC != 1 || !rk.Others[0].SameOrder || rk.Others[1].SRCC != 0.5 || rk.Others[1].SameOrder || rk.Lowest().Metric != "c" {
		t.Errorf("ranking %+v", rk)
	}
}
