package designspace

import (
	"math"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency"
)

// The committed repeatability runs, compared as a hand-written Python script does
// (average ranks, Pearson on ranks; R-7 quantiles of |a/b - 1|): quiet ratio_ref SRCC
// 0.996217, median 0.7762 %, 95th percentile 2.373 %; busy scaled_ms SRCC 0.994697,
// median 6.6969 %.
func TestRepeatabilityOfCommittedRuns(t *testing.T) {
	rs, err := Repeatability(RepeatSets[:2])
	if err != nil {
		t.Fatal(err)
	}
	q, b := rs[0].ByColumn[0], rs[1].ByColumn[1]
	if rs[0].Condition != "quiet" || q.Column != "ratio_ref" || q.N != 200 || math.Abs(q.SRCC-0.996217) > 1e-6 ||
		math.Abs(100*q.MedianDev-0.7762) > 1e-4 || math.Abs(100*q.P95Dev-2.373) > 1e-3 {
		t.Errorf("quiet ratio_ref: %+v", q)
	}
	if b.Column != "scaled_ms" || math.Abs(b.SRCC-0.994697) > 1e-6 || math.Abs(100*b.MedianDev-6.6969) > 1e-4 {
		t.Errorf("busy scaled_ms: %+v", b)
	}
	goal := RepeatFrame(rs).Col("goal (SRCC >= 0.99, median <= 2 %)").Records()
	if rs[1].Condition != "busy" || rs[1].Calm != "per run" {
		t.Errorf("sets %+v", rs[1].RepeatSet)
	}
	if strings.Join(goal, ",") != "met,not met,not met,met,not met,not met" {
		t.Errorf("goal column %v", goal)
	}
	// With one calm-time file for both runs, scaled_ms agrees as ratio_ref does (Python:
	// quiet SRCC 0.998891, median 0.749 %; busy 0.998666, 0.7477 %, 95th pct 2.3745 %).
	shared, err := Repeatability(RepeatSets[2:])
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range [][3]float64{{0.998891, 0.749, 1.964}, {0.998666, 0.7477, 2.3745}} {
		s := shared[i].ByColumn[1]
		if shared[i].Calm != "shared" || s.Column != "scaled_ms" || math.Abs(s.SRCC-want[0]) > 1e-6 || math.Abs(100*s.MedianDev-want[1]) > 1e-4 || math.Abs(100*s.P95Dev-want[2]) > 1e-3 {
			t.Errorf("%s scaled_ms: %+v, want %v", shared[i].Prefix, s, want)
		}
	}
	if f := RepeatFinding(append(rs, shared...)); !strings.Contains(f, "With the calm time calibrated once and shared by both runs (datasets/calm-onnxruntime.csv), the goal is met on ratio_ref") ||
		!strings.Contains(f, "and scaled_ms (at worst SRCC 0.9987, median |ratio − 1| 0.75 %)") {
		t.Errorf("finding with shared calm times: %s", f)
	}
	if len(rs[0].Ratio1) != 200 || math.Abs(rs[0].DevPct[0]) > 20 {
		t.Errorf("per-network points: %d, first %v %%", len(rs[0].Ratio1), rs[0].DevPct[0])
	}
	f := RepeatFinding(rs)
	if !strings.Contains(f, "With the calm time calibrated by each run at its start, the goal is met on ratio_ref (at worst SRCC 0.9953, median |ratio − 1| 0.78 %) and not on scaled_ms (at worst SRCC 0.9869, median |ratio − 1| 6.70 %)") {
		t.Errorf("finding: %s", f)
	}
}

// The table finding says "meets" only when both goals hold, and the frame puts the
// ceiling, compared in ratios, without an RMSE.
func TestTableFindingVerdict(t *testing.T) {
	ag := func(name string, w10, srcc float64) latency.Agreement {
		return latency.Agreement{Predictor: name, N: 300, Within10: w10, Within5: w10 / 2, RMSE: 0.2, SRCC: srcc}
	}
	ceil := ag("a second measurement (ceiling)", 1, 0.996)
	tc := TableCheck{Space: "ofa-mbv3", Resolutions: []int{160, 224}, NCalib: 100, NTest: 300, Overhead: -0.3,
		Rows: []latency.Agreement{ag(PredLocalLUT, 0.97, 0.96), ag(PredOverhead, 0.95, 0.96), ag(PredSum, 0.9, 0.96), ag(PredMACs, 0.5, 0.8), ag(PredGCN, 0.6, 0.85)}, Ceiling: &ceil}
	if f := TableFinding([]TableCheck{tc}); !strings.Contains(f, "predict 97.0 % within ±10 % and 48.5 % within ±5 %, SRCC 0.9600, RMSE 0.200 ms: they meet the goal") {
		t.Errorf("meets: %s", f)
	}
	tc.Rows[0].SRCC = 0.94
	if f := TableFinding([]TableCheck{tc}); !strings.Contains(f, "they fall short of the goal") {
		t.Errorf("SRCC 0.94: %s", f)
	}
	df := TableCheckFrame([]TableCheck{tc})
	if df.Nrow() != 6 || !math.IsNaN(df.Col("RMSE (ms)").Float()[5]) || df.Col("within ±10 % (%)").Float()[0] != 97 {
		t.Errorf("frame:\n%v", df)
	}
}

// The ceiling of the OFA-MobileNetV3 table check is the two quiet runs' agreement:
// every network within ±5 % of its other measurement (Python: 100 %), SRCC 0.996217.
func TestCheckTableMBv3(t *testing.T) {
	tc, err := CheckTable(arch.OFAMBv3, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	if tc.NTest < 300 || len(tc.Rows) != 5 || tc.Rows[0].N != tc.NTest || tc.Ceiling == nil ||
		tc.Ceiling.Within5 != 1 || math.Abs(tc.Ceiling.SRCC-0.996217) > 1e-6 {
		t.Errorf("%d test networks, rows %+v, ceiling %+v", tc.NTest, tc.Rows, tc.Ceiling)
	}
}
