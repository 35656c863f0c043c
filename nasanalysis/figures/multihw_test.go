package figures

import (
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/search"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// handTradeoff is a searched trade-off of two levels over 3 seeds, each deployment's
// accuracy a t-interval of half-width 0.5 around 80, 81 (per-device models), 79, 80
// (average), 78, 79 (worst) and 81, 82 (carried).
func handTradeoff() search.Tradeoff {
	pt := func(acc, worst float64) search.TradeoffPoint {
		return search.TradeoffPoint{Acc: stats.Interval{Estimate: acc, Lo: acc - 0.5, Hi: acc + 0.5}, Worst: worst}
	}
	iv := func(x float64) stats.Interval { return stats.Interval{Estimate: x, Lo: x - 0.2, Hi: x + 0.2} }
	return search.Tradeoff{Reference: "middle network", Levels: []float64{0.9, 1.1}, Groups: []string{"a", "b + c"}, Seeds: 3,
		PerDevice: []search.TradeoffPoint{pt(80, 0.9), pt(81, 1.1)}, Average: []search.TradeoffPoint{pt(79, 1), pt(80, 1.2)},
		WorstCase: []search.TradeoffPoint{pt(78, 0.88), pt(79, 1.05)}, Carried: []search.TradeoffPoint{pt(81, 1.2), pt(82, 1.3)},
		GapAverage: []stats.Interval{iv(1), iv(1)}, GapWorst: []stats.Interval{iv(2), iv(2)}, CarriedGap: []stats.Interval{iv(3), iv(3)}, CarriedOver: []stats.Interval{iv(1.33), iv(1.18)}}
}

// The trade-off figure and table carry each deployment's numbers as given: the table's
// columns per level, the gaps with their interval bounds, and captions naming the
// levels, the reference and the seeds.
func TestMultiHWTradeoff(t *testing.T) {
	tr := handTradeoff()
	f, err := TradeoffFigure(tr, "OFA-MobileNetV3", "predicted top-1 accuracy (%)", "small")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(f.Caption, "(0.9 and 1.1 × the middle network's latency on every device; left to right), OFA's evolutionary search, mean over 3 seeds with 95 % t-interval bars; study size small") ||
		!strings.Contains(f.Caption, "each of the 2 hardware its own model") {
		t.Errorf("caption %q", f.Caption)
	}
	searchRender(t, "trade-off", f)
	df, caption := TradeoffTable(tr)
	if df.Nrow() != 2 || df.Col("carried_acc").Elem(1).Float() != 82 || df.Col("worst_worst").Elem(0).Float() != 0.88 ||
		df.Col("gap_worst_lo").Elem(0).Float() != 1.8 || df.Col("carried_over_budget").Elem(0).Float() != 1.33 {
		t.Errorf("table\n%v", df)
	}
	if !strings.Contains(caption, "× the middle network's latency") || !strings.Contains(caption, "means over 3 seeds") {
		t.Errorf("table caption %q", caption)
	}
	tr.Seeds, tr.Exhaustive = 1, true
	df, caption = TradeoffTable(tr)
	if df.Names()[len(df.Names())-1] != "carried_over_budget" || !strings.Contains(caption, "exact differences") {
		t.Errorf("exhaustive table %v, caption %q", df.Names(), caption)
	}
	if f, err := TradeoffFigure(tr, "NB201", "CIFAR-10 accuracy (%)", ""); err != nil || !strings.Contains(f.Caption, "the exhaustive optimum under each rule") {
		t.Errorf("exhaustive figure: %v", err)
	}
}
