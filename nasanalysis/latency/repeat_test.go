package latency

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// writeRun writes a measured file of networks given by their first two stage depths,
// with scaled_ms values, and reads it back.
func writeRun(t *testing.T, name string, depths [][2]int, ms []float64) *Recorded {
	t.Helper()
	var sb strings.Builder
	sb.WriteString("arch,resolution,median_ms,scaled_ms\n")
	k := strings.TrimSuffix(strings.Repeat("3,", 20), ",")
	for i, d := range depths {
		fmt.Fprintf(&sb, "\"{\"\"ks\"\":[%s],\"\"e\"\":[%s],\"\"d\"\":[%d,%d,2,2,2],\"\"r\"\":160}\",160,1,%s\n", k, k, d[0], d[1], strconv.FormatFloat(ms[i], 'g', -1, 64))
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := ReadMeasured(path, "ofa-mbv3")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Three shared networks at 10, 20, 30 and 11, 20, 27 ms: ratios 10/11, 1 and 30/27, so
// |ratio - 1| is 0.0909, 0 and 0.1111 (median 0.0909; 95th percentile 0.0909 + 0.9 x
// 0.0202 = 0.1091) and the ranks agree (SRCC 1); one network in each file only.
func TestCompareRunsByHand(t *testing.T) {
	a := writeRun(t, "a.csv", [][2]int{{2, 2}, {3, 2}, {4, 2}, {2, 3}}, []float64{10, 20, 30, 40})
	b := writeRun(t, "b.csv", [][2]int{{4, 2}, {3, 3}, {2, 2}, {3, 2}}, []float64{27, 50, 11, 20})
	r, err := CompareRuns(a, b, "scaled_ms")
	if err != nil {
		t.Fatal(err)
	}
	if r.N != 3 || r.OnlyInA != 1 || r.OnlyInB != 1 || r.SRCC != 1 {
		t.Errorf("n %d, only in a %d, only in b %d, SRCC %v; want 3, 1, 1, 1", r.N, r.OnlyInA, r.OnlyInB, r.SRCC)
	}
	for _, c := range []struct {
		what      string
		got, want float64
	}{{"median", r.MedianDev, 1.0 / 11}, {"p95", r.P95Dev, 1.0/11 + 0.9*(3.0/27-1.0/11)}, {"min", r.RatioMin, 10.0 / 11}, {"max", r.RatioMax, 30.0 / 27}} {
		if math.Abs(c.got-c.want) > 1e-12 {
			t.Errorf("%s %v, want %v", c.what, c.got, c.want)
		}
	}
	if _, err := CompareRuns(a, b, "ratio_ref"); err == nil {
		t.Error("a missing column was compared")
	}
}
