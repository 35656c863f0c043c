package designspace

import (
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency"
	"github.com/nasanalysis/nasanalysis/nasanalysis/predictor"
)

// RepeatConditions are the two conditions of the committed repeatability runs
// (scripts/repeatability.sh): nothing else running, and a busy loop on the other core.
var RepeatConditions = []string{"quiet", "busy"}

// RepeatColumns are the columns compared between two runs: the ratio to the reference,
// the time scaled by each run's own calm reference time, and the raw median.
var RepeatColumns = []string{"ratio_ref", "scaled_ms", "median_ms"}

// Repeat is one condition of the repeatability runs: datasets/repeat-<condition>-1.csv
// against -2.csv, the same 200 networks in two orders, on each of RepeatColumns.
type Repeat struct {
	Condition string
	Files     [2]string
	ByColumn  []latency.Repeatability
	// Ratio1 is each network's ratio_ref in run 1, DevPct its run 1 / run 2 - 1 (%).
	Ratio1, DevPct []float64
}

// Repeatability compares the two runs of each condition.
func Repeatability() ([]Repeat, error) {
	var out []Repeat
	for _, c := range RepeatConditions {
		r := Repeat{Condition: c, Files: [2]string{"repeat-" + c + "-1.csv", "repeat-" + c + "-2.csv"}}
		a, err := latency.ReadProject(r.Files[0], arch.OFAMBv3)
		if err != nil {
			return nil, err
		}
		b, err := latency.ReadProject(r.Files[1], arch.OFAMBv3)
		if err != nil {
			return nil, err
		}
		for _, col := range RepeatColumns {
			rep, err := latency.CompareRuns(a, b, col)
			if err != nil {
				return nil, err
			}
			r.ByColumn = append(r.ByColumn, rep)
		}
		x, y, err := pairedColumn(a, b, "ratio_ref")
		if err != nil {
			return nil, err
		}
		for i := range x {
			r.Ratio1, r.DevPct = append(r.Ratio1, x[i]), append(r.DevPct, 100*(x[i]/y[i]-1))
		}
		out = append(out, r)
	}
	return out, nil
}

// RepeatFrame is one row per condition and column: networks, SRCC between the runs,
// median and 95th percentile of |run 1 / run 2 - 1| (%), and the goal's verdict.
func RepeatFrame(rs []Repeat) dataframe.DataFrame {
	var cond, col, goal []string
	var n []int
	var srcc, med, p95 []float64
	for _, r := range rs {
		for _, rep := range r.ByColumn {
			cond, col, n = append(cond, r.Condition), append(col, rep.Column), append(n, rep.N)
			srcc, med, p95 = append(srcc, rep.SRCC), append(med, 100*rep.MedianDev), append(p95, 100*rep.P95Dev)
			goal = append(goal, metOrNot(rep.SRCC >= RepeatGoalSRCC && rep.MedianDev <= RepeatGoalDev))
		}
	}
	return dataframe.New(series.New(cond, series.String, "condition"), series.New(col, series.String, "column"),
		series.New(n, series.Int, "networks"), series.New(srcc, series.Float, "SRCC"),
		series.New(med, series.Float, "median |ratio-1| %"), series.New(p95, series.Float, "95th pct |ratio-1| %"),
		series.New(goal, series.String, "goal (SRCC >= 0.99, median <= 2 %)"))
}

// The repeatability goal of issue 24.
const (
	RepeatGoalSRCC = 0.99
	RepeatGoalDev  = 0.02
)

func metOrNot(ok bool) string {
	if ok {
		return "met"
	}
	return "not met"
}

// RepeatFinding states which columns meet the goal in both conditions and why the
// others do not.
func RepeatFinding(rs []Repeat) string {
	var met, not []string
	for i, col := range RepeatColumns {
		ok := true
		var worst latency.Repeatability
		for _, r := range rs {
			rep := r.ByColumn[i]
			if rep.SRCC < RepeatGoalSRCC || rep.MedianDev > RepeatGoalDev {
				ok = false
			}
			if rep.MedianDev > worst.MedianDev {
				worst = rep
			}
		}
		if ok {
			met = append(met, fmt.Sprintf("%s (at worst SRCC %.4f, median |ratio − 1| %.2f %%)", col, minSRCC(rs, i), 100*worst.MedianDev))
		} else {
			not = append(not, fmt.Sprintf("%s (median |ratio − 1| up to %.2f %%, SRCC down to %.4f)", col, 100*worst.MedianDev, minSRCC(rs, i)))
		}
	}
	s := fmt.Sprintf("Two runs of the same %d networks agree to the goal (SRCC ≥ %.2f, median |ratio − 1| ≤ %.0f %%) with and without a busy loop on the other core on %s.",
		rs[0].ByColumn[0].N, RepeatGoalSRCC, 100*RepeatGoalDev, strings.Join(met, " and "))
	if len(not) > 0 {
		s += fmt.Sprintf(" They do not on %s: these runs scaled by a calm reference time each calibrated at its own start, and raw milliseconds follow the host's speed. Runs that share one calm-time file (calm-onnxruntime.csv, as measure now does by default) scale alike, so their scaled_ms agree as their ratios do.", strings.Join(not, " or "))
	}
	return s
}

func minSRCC(rs []Repeat, col int) float64 {
	m := 1.0
	for _, r := range rs {
		m = min(m, r.ByColumn[col].SRCC)
	}
	return m
}

// TableCheck is how well this machine's own lookup tables of a space predict its
// networks measured end to end with the same protocol and calm times: every predictor
// calibrated on the same networks (datasets/lutcheck-<space>-calib.csv) and judged on
// others (-test.csv).
type TableCheck struct {
	Space           string
	Resolutions     []int
	Calib, Test     string
	NCalib, NTest   int
	Overhead        float64 // ms, fitted on the calibration networks
	Rows            []latency.Agreement
	Ceiling         *latency.Agreement // two measurements of the same networks, when there are two
	LUT, Sum, Meas  []float64          // on the test networks (ms)
	GCNSeed         uint64
	CeilingFiles    [2]string
	RatioOfCeilings bool // the ceiling compares ratio_ref (runs with different calm times)
}

// The predictors of a table check, in the order of TableCheck.Rows.
const (
	PredLocalLUT = "local_lut (table sum + overhead)"
	PredSum      = "table sum, uncalibrated"
	PredMACs     = "MACs, linear fit"
	PredGCN      = "GCN trained on the calibration networks"
)

// CheckTable judges the space's tables (latency.LoadLocalLUT in datasets/). The GCN is
// predictor.DefaultConfig's, trained on 80 % of the calibration networks and stopped
// on the rest (seed gcnSeed). For OFA-MobileNetV3 the quiet repeatability runs give the
// ceiling: how well one measurement predicts another (their ratio_ref, the runs having
// calibrated different calm times).
func CheckTable(space string, gcnSeed uint64) (TableCheck, error) {
	tc := TableCheck{Space: space, Calib: "lutcheck-" + space + "-calib.csv", Test: "lutcheck-" + space + "-test.csv", GCNSeed: gcnSeed}
	calm, err := data.ProjectFile("calm-onnxruntime.csv")
	if err != nil {
		return tc, err
	}
	l, err := latency.LoadLocalLUT(filepath.Dir(calm), space, 0)
	if err != nil {
		return tc, err
	}
	tc.Resolutions = l.Resolutions()
	calib, err := latency.ReadProject(tc.Calib, space)
	if err != nil {
		return tc, err
	}
	test, err := latency.ReadProject(tc.Test, space)
	if err != nil {
		return tc, err
	}
	tc.NCalib, tc.NTest = calib.Len(), test.Len()
	cSum, cMeas, cMACs, err := tableInputs(l, calib)
	if err != nil {
		return tc, err
	}
	tSum, tMeas, tMACs, err := tableInputs(l, test)
	if err != nil {
		return tc, err
	}
	if tc.Overhead, err = latency.FitOverhead(cSum, cMeas); err != nil {
		return tc, err
	}
	tc.Sum, tc.Meas = tSum, tMeas
	for _, s := range tSum {
		tc.LUT = append(tc.LUT, s+tc.Overhead)
	}
	macs, err := latency.FitLinearMap(cMACs, cMeas)
	if err != nil {
		return tc, err
	}
	gcn, err := trainGCN(calib.Archs, cMeas, gcnSeed)
	if err != nil {
		return tc, err
	}
	gcnPred, err := gcn.PredictArchs(test.Archs)
	if err != nil {
		return tc, err
	}
	for _, p := range []struct {
		name string
		pred []float64
	}{{PredLocalLUT, tc.LUT}, {PredSum, tSum}, {PredMACs, macs.Apply(tMACs)}, {PredGCN, gcnPred}} {
		a, err := latency.Agree(p.name, p.pred, tMeas)
		if err != nil {
			return tc, fmt.Errorf("%s: %w", tc.Test, err)
		}
		tc.Rows = append(tc.Rows, a)
	}
	if space == arch.OFAMBv3 {
		tc.CeilingFiles, tc.RatioOfCeilings = [2]string{"repeat-quiet-1.csv", "repeat-quiet-2.csv"}, true
		c, err := ceiling(tc.CeilingFiles, space)
		if err != nil {
			return tc, err
		}
		tc.Ceiling = &c
	}
	return tc, nil
}

// tableInputs are a measured file's table sums, scaled times and MACs (millions).
func tableInputs(l *latency.LocalLUT, r *latency.Recorded) (sums, meas, macs []float64, err error) {
	if meas, err = r.Floats("scaled_ms"); err != nil {
		return nil, nil, nil, err
	}
	for i, a := range r.Archs {
		s, err := l.Sum(a)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("%s line %d: %w", r.Path, i+2, err)
		}
		sums = append(sums, s)
		macs = append(macs, a.(arch.Costed).MACs()/1e6)
	}
	return sums, meas, macs, nil
}

// trainGCN trains predictor.DefaultConfig's GCN on log latency, 80 % of the networks
// to train and the rest to stop on, split with seed.
func trainGCN(archs []arch.Arch, ms []float64, seed uint64) (*predictor.Trained, error) {
	idx := rand.New(rand.NewPCG(seed, 24)).Perm(len(archs))
	nVal := predictor.ValCount(len(archs))
	var tr, va []predictor.Example
	var ytr, yva []float64
	for k, i := range idx {
		if k < nVal {
			va, yva = append(va, predictor.ExampleOf(archs[i])), append(yva, ms[i])
		} else {
			tr, ytr = append(tr, predictor.ExampleOf(archs[i])), append(ytr, ms[i])
		}
	}
	cfg := predictor.DefaultConfig(predictor.KindGCN)
	cfg.Seed = seed
	return predictor.Train(cfg, tr, ytr, va, yva, true)
}

// ceiling is how well one run predicts the other: Agree on their ratio_ref, paired by
// network.
func ceiling(files [2]string, space string) (latency.Agreement, error) {
	a, err := latency.ReadProject(files[0], space)
	if err != nil {
		return latency.Agreement{}, err
	}
	b, err := latency.ReadProject(files[1], space)
	if err != nil {
		return latency.Agreement{}, err
	}
	x, y, err := pairedColumn(a, b, "ratio_ref")
	if err != nil {
		return latency.Agreement{}, err
	}
	return latency.Agree("a second measurement (ceiling)", x, y)
}

// pairedColumn is a column's values for the networks both files hold, in b's order.
func pairedColumn(a, b *latency.Recorded, col string) (x, y []float64, err error) {
	ra, err := a.Floats(col)
	if err != nil {
		return nil, nil, err
	}
	rb, err := b.Floats(col)
	if err != nil {
		return nil, nil, err
	}
	at := map[string]int{}
	for i, n := range a.Archs {
		at[n.String()] = i
	}
	for j, n := range b.Archs {
		if i, ok := at[n.String()]; ok {
			x, y = append(x, ra[i]), append(y, rb[j])
		}
	}
	return x, y, nil
}

// TableCheckFrame is one row per space and predictor, the ceiling last for its space.
func TableCheckFrame(ts []TableCheck) dataframe.DataFrame {
	var space, pred []string
	var n []int
	var w10, w5, rmse, srcc []float64
	add := func(s string, a latency.Agreement, withRMSE bool) {
		space, pred, n = append(space, s), append(pred, a.Predictor), append(n, a.N)
		w10, w5, srcc = append(w10, 100*a.Within10), append(w5, 100*a.Within5), append(srcc, a.SRCC)
		r := a.RMSE
		if !withRMSE {
			r = math.NaN()
		}
		rmse = append(rmse, r)
	}
	for _, t := range ts {
		for _, a := range t.Rows {
			add(t.Space, a, true)
		}
		if t.Ceiling != nil {
			add(t.Space, *t.Ceiling, false) // compared in ratios: no milliseconds
		}
	}
	return dataframe.New(series.New(space, series.String, "space"), series.New(pred, series.String, "predictor"),
		series.New(n, series.Int, "networks"), series.New(w10, series.Float, "within ±10 % (%)"),
		series.New(w5, series.Float, "within ±5 % (%)"), series.New(rmse, series.Float, "RMSE (ms)"), series.New(srcc, series.Float, "SRCC"))
}
