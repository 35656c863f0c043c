package designspace

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency"
	"github.com/nasanalysis/nasanalysis/nasanalysis/predictor"
)

// RepeatSet is one condition of the committed repeatability runs
// (scripts/repeatability.sh): files <Prefix>-1.csv and -2.csv, the same 200 networks in
// two orders, measured with nothing else running ("quiet") or a busy loop on the other
// core ("busy"), their calm reference time calibrated by each run at its start ("per
// run") or read by both from one calm-time file ("shared").
type RepeatSet struct{ Prefix, Condition, Calm string }

// RepeatSets are the committed runs: first with a calm time per run (the files measured
// before calm times were shared), then with the shared datasets/calm-onnxruntime.csv.
var RepeatSets = []RepeatSet{
	{"repeat-runcalm-quiet", "quiet", "per run"}, {"repeat-runcalm-busy", "busy", "per run"},
	{"repeat-quiet", "quiet", "shared"}, {"repeat-busy", "busy", "shared"},
}

// RepeatColumns are the columns compared between two runs: the ratio to the reference,
// the time scaled by the calm reference time, and the raw median.
var RepeatColumns = []string{"ratio_ref", "scaled_ms", "median_ms"}

// Repeat is one set's two runs compared on each of RepeatColumns.
type Repeat struct {
	RepeatSet
	Files    [2]string
	ByColumn []latency.Repeatability
	// Ratio1 is each network's ratio_ref in run 1, DevPct its run 1 / run 2 - 1 (%).
	Ratio1, DevPct []float64
}

// Repeatability compares the two runs of each set.
func Repeatability(sets []RepeatSet) ([]Repeat, error) {
	var out []Repeat
	for _, set := range sets {
		r := Repeat{RepeatSet: set, Files: [2]string{set.Prefix + "-1.csv", set.Prefix + "-2.csv"}}
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

// RepeatFrame is one row per set and column: networks, SRCC between the runs, median
// and 95th percentile of |run 1 / run 2 - 1| (%), and the goal's verdict.
func RepeatFrame(rs []Repeat) dataframe.DataFrame {
	var cond, calm, col, goal []string
	var n []int
	var srcc, med, p95 []float64
	for _, r := range rs {
		for _, rep := range r.ByColumn {
			cond, calm, col, n = append(cond, r.Condition), append(calm, r.Calm), append(col, rep.Column), append(n, rep.N)
			srcc, med, p95 = append(srcc, rep.SRCC), append(med, 100*rep.MedianDev), append(p95, 100*rep.P95Dev)
			goal = append(goal, metOrNot(meetsRepeatGoal(rep)))
		}
	}
	return dataframe.New(series.New(cond, series.String, "condition"), series.New(calm, series.String, "calm time"),
		series.New(col, series.String, "column"), series.New(n, series.Int, "networks"), series.New(srcc, series.Float, "SRCC"),
		series.New(med, series.Float, "median |ratio-1| %"), series.New(p95, series.Float, "95th pct |ratio-1| %"),
		series.New(goal, series.String, "goal (SRCC >= 0.99, median <= 2 %)"))
}

// The repeatability goal of issue 24.
const (
	RepeatGoalSRCC = 0.99
	RepeatGoalDev  = 0.02
)

func meetsRepeatGoal(r latency.Repeatability) bool {
	return r.SRCC >= RepeatGoalSRCC && r.MedianDev <= RepeatGoalDev
}

func metOrNot(ok bool) string {
	if ok {
		return "met"
	}
	return "not met"
}

// RepeatFinding states, for each way of calibrating the calm time, which columns meet
// the goal in every condition and how far the others are from it.
func RepeatFinding(rs []Repeat) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Goal: two runs of the same %d networks agree at SRCC ≥ %.2f with median |ratio − 1| ≤ %.0f %%, quiet and with the other core busy.",
		rs[0].ByColumn[0].N, RepeatGoalSRCC, 100*RepeatGoalDev)
	for _, calm := range []string{"per run", "shared"} {
		var met, not []string
		for i, col := range RepeatColumns {
			ok, worstDev, worstSRCC, sets := true, 0.0, 1.0, 0
			for _, r := range rs {
				if r.Calm != calm {
					continue
				}
				sets++
				rep := r.ByColumn[i]
				ok = ok && meetsRepeatGoal(rep)
				worstDev, worstSRCC = max(worstDev, rep.MedianDev), min(worstSRCC, rep.SRCC)
			}
			if sets == 0 {
				break
			}
			text := fmt.Sprintf("%s (at worst SRCC %.4f, median |ratio − 1| %.2f %%)", col, worstSRCC, 100*worstDev)
			if ok {
				met = append(met, text)
			} else {
				not = append(not, text)
			}
		}
		if len(met)+len(not) == 0 {
			continue
		}
		fmt.Fprintf(&b, " With the calm time calibrated %s, the goal is met on %s", calmWords[calm], listOrNone(met))
		if len(not) > 0 {
			fmt.Fprintf(&b, " and not on %s", strings.Join(not, " or "))
		}
		b.WriteString(".")
	}
	return b.String()
}

var calmWords = map[string]string{"per run": "by each run at its start", "shared": "once and shared by both runs (datasets/calm-onnxruntime.csv)"}

func listOrNone(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	return strings.Join(xs, " and ")
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
	Scale, Overhead float64 // local_lut = Scale x sum + Overhead (ms), fitted on the calibration networks
	OverheadOnly    float64 // the overhead alone that fits best (median of measured - sum)
	Rows            []latency.Agreement
	Ceiling         *latency.Agreement // two measurements of the same networks, when there are two
	LUT, Sum, Meas  []float64          // on the test networks (ms)
	GCNSeed         uint64
	// GCNLargeN is how many networks of the large measured set (latency.MBv3File) the
	// second GCN learned from (0: none, the space has no such set).
	GCNLargeN       int
	CeilingFiles    [2]string
	RatioOfCeilings bool // the ceiling compares ratio_ref (runs with different calm times)
}

// The predictors of a table check, in the order of TableCheck.Rows.
const (
	PredLocalLUT = "local_lut (scale x table sum + overhead)"
	PredOverhead = "table sum + overhead only"
	PredSum      = "table sum, uncalibrated"
	PredMACs     = "MACs, linear fit"
	PredGCN      = "GCN trained on the calibration networks"
	// PredGCNLarge is the GCN trained on the large measured set, named with its size.
	PredGCNLarge = "GCN trained on %d measured networks"
)

// CheckTable judges the space's tables as the metric local_lut uses them
// (latency.LoadProjectLUT: calibrated on the calibration networks), beside the table
// with an overhead only or uncalibrated, MACs mapped to milliseconds on the same
// networks, and a GCN trained on them. The GCN is
// predictor.DefaultConfig's, trained on 80 % of the calibration networks and stopped
// on the rest (seed gcnSeed). For OFA-MobileNetV3 the quiet repeatability runs give the
// ceiling: how well one measurement predicts another (their ratio_ref, the runs having
// calibrated different calm times). For OFA-MobileNetV3, when largeN > 0, a second GCN
// learns from largeN networks of the large measured set (datasets/ort-ofa-mbv3.csv,
// paired protocol, the same calm times; networks of the held-out set left out; all of
// them if fewer): what
// a learned predictor reaches with plenty of data, not a few-sample result.
func CheckTable(space string, gcnSeed uint64, largeN int) (TableCheck, error) {
	tc := TableCheck{Space: space, Calib: "lutcheck-" + space + "-calib.csv", Test: "lutcheck-" + space + "-test.csv", GCNSeed: gcnSeed}
	l, err := latency.LoadProjectLUT(space)
	if err != nil {
		return tc, err
	}
	tc.Scale, tc.Overhead = l.Scale, l.Overhead
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
	if tc.OverheadOnly, err = latency.FitOverhead(cSum, cMeas); err != nil {
		return tc, err
	}
	tc.Sum, tc.Meas = tSum, tMeas
	var plus []float64
	for _, s := range tSum {
		tc.LUT, plus = append(tc.LUT, tc.Scale*s+tc.Overhead), append(plus, s+tc.OverheadOnly)
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
	preds := []struct {
		name string
		pred []float64
	}{{PredLocalLUT, tc.LUT}, {PredOverhead, plus}, {PredSum, tSum}, {PredMACs, macs.Apply(tMACs)}, {PredGCN, gcnPred}}
	if space == arch.OFAMBv3 && largeN > 0 {
		large, used, err := largeGCN(test, largeN, gcnSeed)
		if err != nil {
			return tc, err
		}
		tc.GCNLargeN = used
		preds = append(preds, struct {
			name string
			pred []float64
		}{fmt.Sprintf(PredGCNLarge, used), large})
	}
	for _, p := range preds {
		a, err := latency.Agree(p.name, p.pred, tMeas)
		if err != nil {
			return tc, fmt.Errorf("%s: %w", tc.Test, err)
		}
		tc.Rows = append(tc.Rows, a)
	}
	if space == arch.OFAMBv3 {
		tc.CeilingFiles, tc.RatioOfCeilings = [2]string{RepeatSets[0].Prefix + "-1.csv", RepeatSets[0].Prefix + "-2.csv"}, true
		c, err := ceiling(tc.CeilingFiles, space)
		if err != nil {
			return tc, err
		}
		tc.Ceiling = &c
	}
	return tc, nil
}

// largeGCN trains the GCN on the first n networks (all, if fewer) of the large measured
// set that are not among the test networks, and predicts the test networks; it returns
// how many it learned from.
func largeGCN(test *latency.Recorded, n int, seed uint64) ([]float64, int, error) {
	large, err := latency.ReadProject(latency.MBv3File, arch.OFAMBv3)
	if err != nil {
		return nil, 0, err
	}
	if !large.Paired() {
		return nil, 0, fmt.Errorf("%s was measured under the single protocol: its times are not on the paired protocol's scale of the held-out networks", large.Path)
	}
	held := map[string]bool{}
	for _, a := range test.Archs {
		held[a.String()] = true
	}
	var archs []arch.Arch
	var ms []float64
	for i, a := range large.Archs {
		if !held[a.String()] && len(archs) < n {
			archs, ms = append(archs, a), append(ms, large.MS[i])
		}
	}
	if len(archs) < minLargeGCN {
		return nil, 0, fmt.Errorf("%s: %d networks outside the held-out set, want at least %d", large.Path, len(archs), minLargeGCN)
	}
	gcn, err := trainGCN(archs, ms, seed)
	if err != nil {
		return nil, 0, err
	}
	pred, err := gcn.PredictArchs(test.Archs)
	return pred, len(archs), err
}

// minLargeGCN is the fewest networks the large set's GCN learns from.
const minLargeGCN = 100

// CheckTables is CheckTable of each space, in order.
func CheckTables(spaces []string, gcnSeed uint64, largeN int) ([]TableCheck, error) {
	var out []TableCheck
	for _, sp := range spaces {
		tc, err := CheckTable(sp, gcnSeed, largeN)
		if err != nil {
			return nil, err
		}
		out = append(out, tc)
	}
	return out, nil
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

// TableSpaces are the spaces whose tables and check networks are committed.
var TableSpaces = []string{arch.OFAMBv3, arch.ProxylessNAS, arch.OFAResNet50}

// The table goal of issue 24 (for OFA-MobileNetV3), nn-Meter's terms.
const (
	TableGoalWithin10 = 0.95
	TableGoalSRCC     = 0.95
)

// TableFinding states, per space, how the table predicts held-out networks against the
// goal, the other predictors and the ceiling of two measurements.
func TableFinding(ts []TableCheck) string {
	var b strings.Builder
	for _, t := range ts {
		lut := t.Rows[0]
		verdict := "meet"
		if lut.Within10 < TableGoalWithin10 || lut.SRCC < TableGoalSRCC {
			verdict = "fall short of"
		}
		fmt.Fprintf(&b, "On %d held-out %s networks this machine's tables (%d resolutions, %d–%d px; a network's operators summed, then %.3f x sum %+.3f ms, fitted on %d other networks) predict %.1f %% within ±10 %% and %.1f %% within ±5 %%, SRCC %.4f, RMSE %.3f ms: they %s the goal (≥ %.0f %% within ±10 %%, SRCC ≥ %.2f). ",
			t.NTest, t.Space, len(t.Resolutions), t.Resolutions[0], t.Resolutions[len(t.Resolutions)-1], t.Scale, t.Overhead, t.NCalib, 100*lut.Within10, 100*lut.Within5, lut.SRCC, lut.RMSE, verdict, 100*TableGoalWithin10, TableGoalSRCC)
		plus, sum, macs, gcn := t.Rows[1], t.Rows[2], t.Rows[3], t.Rows[4]
		fmt.Fprintf(&b, "With an overhead only (%+.3f ms): %.1f %% within ±10 %%, %.1f %% within ±5 %%; uncalibrated: %.1f %% and %.1f %%. MACs mapped to milliseconds on the same networks: %.1f %% and %.1f %% (SRCC %.4f); a GCN trained on them: %.1f %% within ±10 %% (SRCC %.4f). ",
			t.OverheadOnly, 100*plus.Within10, 100*plus.Within5, 100*sum.Within10, 100*sum.Within5, 100*macs.Within10, 100*macs.Within5, macs.SRCC, 100*gcn.Within10, gcn.SRCC)
		if t.GCNLargeN > 0 {
			g := t.Rows[5]
			fmt.Fprintf(&b, "A GCN trained on %d networks of the large measured set: %.1f %% within ±10 %%, %.1f %% within ±5 %% (SRCC %.4f). ", t.GCNLargeN, 100*g.Within10, 100*g.Within5, g.SRCC)
		}
		if t.Ceiling != nil {
			fmt.Fprintf(&b, "No prediction can agree with a measurement better than a second measurement does: over %d networks measured twice, %.1f %% within ±5 %%, SRCC %.4f. ",
				t.Ceiling.N, 100*t.Ceiling.Within5, t.Ceiling.SRCC)
		}
	}
	return strings.TrimSpace(b.String())
}
