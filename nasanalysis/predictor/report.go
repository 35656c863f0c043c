package predictor

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// CurveBand returns one method's learning curve from summaries: budgets, mean Kendall
// tau and its standard deviation over seeds, in the summaries' order.
func CurveBand(sums []CurveSummary, method string) (n, kendall, sd []float64) {
	for _, s := range sums {
		if s.Method == method {
			n, kendall, sd = append(n, float64(s.NTrain)), append(kendall, s.Kendall), append(sd, s.KendallSD)
		}
	}
	return n, kendall, sd
}

// SummaryAt returns a method's summary at budget n.
func SummaryAt(sums []CurveSummary, method string, n int) (CurveSummary, error) {
	for _, s := range sums {
		if s.Method == method && s.NTrain == n {
			return s, nil
		}
	}
	return CurveSummary{}, fmt.Errorf("no summary of %s at %d labelled architectures", method, n)
}

// BestPerBudget returns, for each budget in order of first appearance, the summary with
// the highest mean Kendall tau (the first in methods order on a tie).
func BestPerBudget(sums []CurveSummary, methods []string) []CurveSummary {
	var budgets []int
	seen := map[int]bool{}
	for _, s := range sums {
		if !seen[s.NTrain] {
			seen[s.NTrain] = true
			budgets = append(budgets, s.NTrain)
		}
	}
	var out []CurveSummary
	for _, n := range budgets {
		var best *CurveSummary
		for _, m := range methods {
			s, err := SummaryAt(sums, m, n)
			if err == nil && (best == nil || s.Kendall > best.Kendall) {
				best = &s
			}
		}
		if best != nil {
			out = append(out, *best)
		}
	}
	return out
}

// Anchor is a published score to compare a learning curve with.
type Anchor struct {
	N       int     // labelled budget
	Kendall float64 // published Kendall tau
	Who     string  // the method that reached it
}

// TasksFrame lists every dataset a predictor can learn here, loading each one's first
// target: space, number of targets, up to four of them, architectures with that target,
// graph shape (nodes x node features) and whether the FLOPs baseline applies.
func TasksFrame(dataDir string) (dataframe.DataFrame, error) {
	var sp, eg, graph, flops []string
	var nt, na []int
	for _, name := range TaskDatasets() {
		targets, err := TargetsOf(name)
		if err != nil {
			return dataframe.DataFrame{}, err
		}
		t, err := LoadTask(dataDir, name, targets[0])
		if err != nil {
			return dataframe.DataFrame{}, err
		}
		e := strings.Join(targets[:min(4, len(targets))], ", ")
		if len(targets) > 4 {
			e += ", …"
		}
		f := "yes"
		if t.MACs == nil {
			f = "no (no cost model for FBNet here)"
		}
		sp, nt, eg, na = append(sp, name), append(nt, len(targets)), append(eg, e), append(na, t.Len())
		graph, flops = append(graph, fmt.Sprintf("%d nodes × %d features", len(t.Graphs[0].Nodes), len(t.Graphs[0].Nodes[0]))), append(flops, f)
	}
	return dataframe.New(series.New(sp, series.String, "space"), series.New(nt, series.Int, "targets"),
		series.New(eg, series.String, "e.g."), series.New(na, series.Int, "architectures"),
		series.New(graph, series.String, "graph"), series.New(flops, series.String, "flops_baseline")), nil
}

// HeldOut predicts the architectures p did not see when Evaluate trained it with budget
// n and seed: the test indices of NewLabelSplit(t.Len(), n, seed), the predictions and
// the true values.
func HeldOut(t *Task, p *Trained, n int, seed uint64) (test []int, pred, truth []float64, err error) {
	split, err := NewLabelSplit(t.Len(), n, seed)
	if err != nil {
		return nil, nil, nil, err
	}
	pred, err = p.Predict(t.Examples(split.Test))
	if err != nil {
		return nil, nil, nil, err
	}
	return split.Test, pred, t.Values(split.Test), nil
}

// HeldOutCIs gives percentile-bootstrap intervals (b resamples, 95 %) for the Spearman
// correlation with the truth of p's held-out predictions (see HeldOut) and of the
// held-out architectures' MACs (the FLOPs line), each drawn with a generator seeded
// (rngSeed, 0). The task must have MACs.
func HeldOutCIs(t *Task, p *Trained, n int, seed uint64, b int, rngSeed uint64) (model, flops stats.Interval, err error) {
	if t.MACs == nil {
		return model, flops, fmt.Errorf("%s has no MACs for a FLOPs interval", t.Dataset)
	}
	test, pred, truth, err := HeldOut(t, p, n, seed)
	if err != nil {
		return model, flops, err
	}
	macs := make([]float64, len(test))
	for k, i := range test {
		macs[k] = t.MACs[i]
	}
	if model, err = stats.BootstrapCorrelation(pred, truth, stats.Spearman, b, 0.95, rand.New(rand.NewPCG(rngSeed, 0))); err != nil {
		return model, flops, fmt.Errorf("%s: held-out SRCC of the predictor: %w", t.Dataset, err)
	}
	if flops, err = stats.BootstrapCorrelation(macs, truth, stats.Spearman, b, 0.95, rand.New(rand.NewPCG(rngSeed, 0))); err != nil {
		return model, flops, fmt.Errorf("%s: held-out SRCC of the MACs: %w", t.Dataset, err)
	}
	return model, flops, nil
}

// SaveReload saves a measured-latency predictor to dir, loads it back and predicts the
// latency of archs with the loaded copy; maxDiff is the largest difference from the
// predictions of p itself on the same batch (float32 products are blocked by batch
// size, so both predict identical batches).
func SaveReload(p *Trained, dir string, archs []arch.MBArch) (lat []float64, maxDiff float64, err error) {
	if err := p.Save(dir); err != nil {
		return nil, 0, err
	}
	loaded, err := Load(dir)
	if err != nil {
		return nil, 0, err
	}
	src, err := NewPredictedLatency(loaded)
	if err != nil {
		return nil, 0, err
	}
	if lat, err = src.Latencies(archs); err != nil {
		return nil, 0, err
	}
	before, err := (&PredictedLatency{P: p}).Latencies(archs)
	if err != nil {
		return nil, 0, err
	}
	for i := range lat {
		maxDiff = math.Max(maxDiff, math.Abs(lat[i]-before[i]))
	}
	return lat, maxDiff, nil
}
