package latency

import (
	"math"
	"testing"
)

// Hand calculations: quartiles of 1..9 by linear interpolation are 3, 5, 7; the 95 %
// interval of the median of 9 samples spans order statistics floor(4.5-2.94)=1 and
// ceil(4.5+2.94)-1=7 (0-based), i.e. 2 and 8, so RelCI = (8-2)/2/5 = 0.6.
func TestSummarise(t *testing.T) {
	tm, err := summarise([]float64{9, 1, 8, 2, 7, 3, 6, 4, 5}, 2)
	want := Timing{MedianMS: 5, Q1MS: 3, Q3MS: 7, MinMS: 1, MaxMS: 9, RelCI: 0.6, Repeats: 9, Warmup: 2}
	if err != nil || tm != want {
		t.Errorf("summarise = %+v, %v; want %+v", tm, err, want)
	}
	if _, err := summarise(nil, 0); err == nil {
		t.Error("summarise of no run times: no error")
	}
}

// A constant run time stops at MinRepeats (the interval is zero); a noisy one runs to
// the cap; bad protocols are refused.
func TestTimeRunsStopsOnConfidence(t *testing.T) {
	p := Protocol{Warmup: 1, MinRepeats: 5, MaxRepeats: 50, TargetCI: 0.5, Threads: 1, OptLevel: 3}
	calls := 0
	tm, err := timeRuns(p, func() error { calls++; return nil })
	if err != nil {
		t.Fatal(err)
	}
	if tm.Repeats < 5 || calls != tm.Repeats+1 {
		t.Errorf("%d timed runs after %d calls; want at least 5 and one warm-up", tm.Repeats, calls)
	}
	p.TargetCI = 0
	p.MinRepeats, p.MaxRepeats = 3, 7
	tm, _ = timeRuns(p, func() error { return nil })
	if tm.Repeats != 7 && tm.RelCI != 0 {
		t.Errorf("target 0 ran %d times (RelCI %v), want the cap 7 unless the interval is exactly 0", tm.Repeats, tm.RelCI)
	}
	for _, bad := range []Protocol{{MinRepeats: 0, MaxRepeats: 1}, {MinRepeats: 3, MaxRepeats: 2}, {MinRepeats: 1, MaxRepeats: 1, OptLevel: 4}} {
		if _, err := timeRuns(bad, func() error { return nil }); err == nil {
			t.Errorf("protocol %+v accepted", bad)
		}
	}
	if math.IsNaN(tm.MedianMS) {
		t.Error("NaN median")
	}
}
