package predictor

import (
	"fmt"
	"math"
	"slices"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"gonum.org/v1/gonum/stat"

	"github.com/nasanalysis/nasanalysis/nasanalysis/internal/par"
)

// Methods of a learning curve: the two trainable kinds and the two baselines.
var CurveMethods = []string{KindGCN, KindMLP, BaselineLinear, BaselineFLOPs}

// CurvePoint is one method's score at one labelled budget and seed.
type CurvePoint struct {
	Method string
	Score
}

// LearningCurve scores each method at each labelled budget for seeds 0..seeds-1 (the
// same split for every method at a given budget and seed). configs gives the trainable
// kinds' configurations (DefaultConfig when missing). Fits run on all cores; the result
// is deterministic and ordered by method, budget, seed.
func LearningCurve(t *Task, methods []string, sizes []int, seeds int, configs map[string]Config) ([]CurvePoint, error) {
	type job struct {
		method string
		n      int
		seed   uint64
	}
	var jobs []job
	for _, m := range methods {
		if !slices.Contains(CurveMethods, m) {
			return nil, fmt.Errorf("unknown method %q (want one of %v)", m, CurveMethods)
		}
		if m == BaselineFLOPs && t.MACs == nil {
			return nil, fmt.Errorf("%s has no cost model here, so no FLOPs baseline", t.Dataset)
		}
		for _, n := range sizes {
			if err := CheckBudget(t.Len(), n); err != nil {
				return nil, fmt.Errorf("%s/%s: %w", t.Dataset, t.Target, err)
			}
			for s := 0; s < seeds; s++ {
				jobs = append(jobs, job{m, n, uint64(s)})
			}
		}
	}
	out := make([]CurvePoint, len(jobs))
	errs := make([]error, len(jobs))
	par.For(len(jobs), func(i int) {
		j := jobs[i]
		var sc Score
		var err error
		switch j.method {
		case KindMLP, KindGCN:
			cfg, ok := configs[j.method]
			if !ok {
				cfg = DefaultConfig(j.method)
			}
			sc, _, err = Evaluate(t, cfg, j.n, j.seed)
		default:
			sc, err = EvaluateBaseline(t, j.method, j.n, j.seed)
		}
		out[i], errs[i] = CurvePoint{Method: j.method, Score: sc}, err
	})
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("%s at %d labelled, seed %d: %w", jobs[i].method, jobs[i].n, jobs[i].seed, err)
		}
	}
	return out, nil
}

// CurveFrame returns the points as a DataFrame: method, n_train, seed, srcc, kendall, rmse.
func CurveFrame(points []CurvePoint) dataframe.DataFrame {
	var m []string
	var n, seed []int
	var srcc, tau, rmse []float64
	for _, p := range points {
		m, n, seed = append(m, p.Method), append(n, p.NTrain), append(seed, int(p.Seed))
		srcc, tau, rmse = append(srcc, p.SRCC), append(tau, p.Kendall), append(rmse, p.RMSE)
	}
	return dataframe.New(series.New(m, series.String, "method"), series.New(n, series.Int, "n_train"),
		series.New(seed, series.Int, "seed"), series.New(srcc, series.Float, "srcc"),
		series.New(tau, series.Float, "kendall"), series.New(rmse, series.Float, "rmse"))
}

// CurveSummary is the mean and sample standard deviation over seeds of one method's
// scores at one budget.
type CurveSummary struct {
	Method                     string
	NTrain, Seeds              int
	Kendall, KendallSD         float64
	SRCC, SRCCSD, RMSE, RMSESD float64
}

// SummarizeCurve groups points by method and budget, in first-seen order.
func SummarizeCurve(points []CurvePoint) []CurveSummary {
	type key struct {
		m string
		n int
	}
	var order []key
	groups := map[key][]Score{}
	for _, p := range points {
		k := key{p.Method, p.NTrain}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], p.Score)
	}
	var out []CurveSummary
	for _, k := range order {
		g := groups[k]
		col := func(f func(Score) float64) (float64, float64) {
			x := make([]float64, len(g))
			for i, s := range g {
				x[i] = f(s)
			}
			if len(x) < 2 {
				return x[0], math.NaN()
			}
			return stat.MeanStdDev(x, nil)
		}
		s := CurveSummary{Method: k.m, NTrain: k.n, Seeds: len(g)}
		s.Kendall, s.KendallSD = col(func(s Score) float64 { return s.Kendall })
		s.SRCC, s.SRCCSD = col(func(s Score) float64 { return s.SRCC })
		s.RMSE, s.RMSESD = col(func(s Score) float64 { return s.RMSE })
		out = append(out, s)
	}
	return out
}

// SummaryFrame returns summaries as a DataFrame with one row per method and budget.
func SummaryFrame(sums []CurveSummary) dataframe.DataFrame {
	var m []string
	var n, seeds []int
	cols := make([][]float64, 6)
	for _, s := range sums {
		m, n, seeds = append(m, s.Method), append(n, s.NTrain), append(seeds, s.Seeds)
		for i, v := range []float64{s.Kendall, s.KendallSD, s.SRCC, s.SRCCSD, s.RMSE, s.RMSESD} {
			cols[i] = append(cols[i], v)
		}
	}
	names := []string{"kendall", "kendall_sd", "srcc", "srcc_sd", "rmse", "rmse_sd"}
	ss := []series.Series{series.New(m, series.String, "method"), series.New(n, series.Int, "n_train"), series.New(seeds, series.Int, "seeds")}
	for i, c := range cols {
		ss = append(ss, series.New(c, series.Float, names[i]))
	}
	return dataframe.New(ss...)
}
