package plots

import (
	"math"
	"reflect"
	"strconv"
	"testing"

	"gonum.org/v1/plot"
)

func labelled(ticks []plot.Tick) (vals []float64, labels []string) {
	for _, tk := range ticks {
		if tk.Label != "" {
			vals = append(vals, tk.Value)
			labels = append(labels, tk.Label)
		}
	}
	return vals, labels
}

// checkTicks asserts what every axis needs: at least three and at most maxLabels
// labels, inside the range, ascending, each reading back as its value (no float noise),
// minor ticks inside the range too.
func checkTicks(t *testing.T, name string, ticks []plot.Tick, lo, hi float64) {
	t.Helper()
	vals, labels := labelled(ticks)
	if len(vals) < 3 || len(vals) > maxLabels {
		t.Errorf("%s [%g, %g]: %d labelled ticks %q, want 3-%d", name, lo, hi, len(vals), labels, maxLabels)
	}
	tol := 1e-9 * (hi - lo)
	for i, v := range vals {
		if v < lo-tol || v > hi+tol {
			t.Errorf("%s [%g, %g]: tick %g outside the range", name, lo, hi, v)
		}
		if i > 0 && v <= vals[i-1] {
			t.Errorf("%s [%g, %g]: ticks not ascending: %v", name, lo, hi, vals)
		}
		r, err := strconv.ParseFloat(labels[i], 64)
		if err != nil || math.Abs(r-v) > 1e-9*math.Max(1, math.Abs(v)) {
			t.Errorf("%s [%g, %g]: label %q does not read as its value %g", name, lo, hi, labels[i], v)
		}
		digits := 0
		for _, c := range labels[i] {
			if c >= '0' && c <= '9' {
				digits++
			}
		}
		if digits > 10 { // 0.30000000000000004 has 17
			t.Errorf("%s [%g, %g]: label %q is float noise", name, lo, hi, labels[i])
		}
	}
	for _, tk := range ticks {
		if tk.Value < lo-tol || tk.Value > hi+tol {
			t.Errorf("%s [%g, %g]: minor tick %g outside the range", name, lo, hi, tk.Value)
		}
	}
}

func TestLogTickerLabelsEveryRange(t *testing.T) {
	ranges := [][2]float64{
		{200, 1000}, {25, 800}, {850, 990}, {1, 10}, {0.6, 90}, {0.003, 150}, {1e-3, 1e6},
		{3.1, 3.3}, {0.11, 0.29}, {1e5, 3e5}, {0.9, 1.1}, {1e-12, 1e12}, {7, 8},
	}
	for _, r := range ranges {
		checkTicks(t, "log", LogTicker{}.Ticks(r[0], r[1]), r[0], r[1])
	}
	// Every decade inside the range is labelled when there are few enough.
	for _, r := range [][2]float64{{0.6, 90}, {0.003, 150}, {1, 1e4}, {25, 800}} {
		vals, _ := labelled(LogTicker{}.Ticks(r[0], r[1]))
		for e := math.Ceil(math.Log10(r[0])); e <= math.Floor(math.Log10(r[1])); e++ {
			found := false
			for _, v := range vals {
				found = found || math.Abs(v-math.Pow(10, e)) < 1e-9*math.Pow(10, e)
			}
			if !found {
				t.Errorf("log [%g, %g]: decade 1e%g not labelled in %v", r[0], r[1], e, vals)
			}
		}
	}
	for _, c := range []struct {
		lo, hi float64
		want   []string
	}{
		{200, 1000, []string{"200", "300", "500", "1000"}}, // was "1000" alone
		{25, 800, []string{"50", "100", "200", "500"}},     // was "100" alone
		{1, 10, []string{"1", "2", "5", "10"}},
		{850, 990, []string{"850", "900", "950"}}, // no decade or 1-9 multiple: linear
		{0.11, 0.29, []string{"0.15", "0.20", "0.25"}},
	} {
		if _, got := labelled(LogTicker{}.Ticks(c.lo, c.hi)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("log [%g, %g] labels %q, want %q", c.lo, c.hi, got, c.want)
		}
	}
}

func TestLinearTickerLabels(t *testing.T) {
	for _, r := range [][2]float64{
		{0, 1}, {0.1, 0.4}, {89, 93.5}, {-0.5, 1}, {1e6, 5e6}, {0.853, 1}, {1, 1.0000001},
		{-3e-7, 2e-7}, {0, 150}, {92.48, 94.41}, {-1234.5, -1200},
	} {
		checkTicks(t, "linear", LinearTicker{}.Ticks(r[0], r[1]), r[0], r[1])
	}
	for _, c := range []struct {
		lo, hi float64
		want   []string
	}{
		{0.1, 0.4, []string{"0.1", "0.2", "0.3", "0.4"}}, // 0.1 + 0.2 reads "0.3"
		{0, 150, []string{"0", "50", "100", "150"}},
		{-0.5, 1, []string{"-0.5", "0.0", "0.5", "1.0"}},
		{1e6, 5e6, []string{"1e6", "2e6", "3e6", "4e6", "5e6"}},
	} {
		if _, got := labelled(LinearTicker{}.Ticks(c.lo, c.hi)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("linear [%g, %g] labels %q, want %q", c.lo, c.hi, got, c.want)
		}
	}
}

func TestFormatTick(t *testing.T) {
	for _, c := range []struct {
		v     float64
		e     int
		fixed bool
		want  string
	}{
		{0.1 + 0.2, -1, true, "0.3"},
		{0.1 + 0.2, 0, false, "0.3"},
		{2e-5, 0, false, "2e-5"},
		{1e6, 0, false, "1e6"},
		{100000, 0, false, "100000"},
		{-0.0, -1, true, "0.0"},
		{-1e-17, -2, true, "0.00"},
		{0, 0, false, "0"},
	} {
		if got := formatTick(c.v, c.e, c.fixed); got != c.want {
			t.Errorf("formatTick(%v, %d, %v) = %q, want %q", c.v, c.e, c.fixed, got, c.want)
		}
	}
}
