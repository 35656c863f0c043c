package stats

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// checkFinite returns an error naming the first entry of x that is NaN or infinite;
// name says which sample x is.
func checkFinite(name string, x []float64) error {
	for i, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("stats: %s[%d] = %v: want a finite value", name, i, v)
		}
	}
	return nil
}

// checkLevel refuses a confidence level outside (0, 1).
func checkLevel(level float64) error {
	if !(level > 0 && level < 1) {
		return fmt.Errorf("stats: %w: confidence level %v, want one in (0, 1)", ErrLevel, level)
	}
	return nil
}

// MeanSD returns the mean of x and its sample standard deviation (divisor n-1), by
// gonum's stat.MeanStdDev. It returns an error for fewer than two values (the sample
// standard deviation of one value is 0/0) and for a NaN or infinite value, naming its
// index.
func MeanSD(x []float64) (mean, sd float64, err error) {
	if err := checkFinite("x", x); err != nil {
		return math.NaN(), math.NaN(), err
	}
	if len(x) < 2 {
		return math.NaN(), math.NaN(), fmt.Errorf("stats: mean and sd: %w: %d values, want at least 2", ErrTooFewValues, len(x))
	}
	mean, sd = stat.MeanStdDev(x, nil)
	return mean, sd, nil
}

// TInterval returns the mean of x with its Student-t confidence interval at the given
// level: mean ± t(n-1, (1+level)/2) · sd/√n, the interval of scipy.stats.t.interval
// and of R's t.test. It assumes the values are independent draws from one
// distribution (e.g. one search per seed) whose mean is near normal; it returns an
// error for fewer than two values, a NaN or infinite value, or a level outside (0, 1).
func TInterval(x []float64, level float64) (Interval, error) {
	if err := checkLevel(level); err != nil {
		return nanInterval(level), err
	}
	mean, sd, err := MeanSD(x)
	if err != nil {
		return nanInterval(level), err
	}
	n := float64(len(x))
	half := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: n - 1}.Quantile((1+level)/2) * sd / math.Sqrt(n)
	return Interval{Estimate: mean, Lo: mean - half, Hi: mean + half, Level: level}, nil
}

// PairedTInterval returns the mean of the differences x[i] - y[i] with their
// t-interval (TInterval of the differences): the paired t-interval, for two
// measurements of the same units (e.g. two methods run with the same seeds). It
// returns an error for samples of different lengths, a NaN or infinite value (naming
// the sample and index), fewer than two pairs, or a level outside (0, 1).
func PairedTInterval(x, y []float64, level float64) (Interval, error) {
	d, err := pairedDiff(x, y, "y", 1)
	if err != nil {
		return nanInterval(level), err
	}
	return TInterval(d, level)
}

// PairedDiffPercent returns the mean of the per-unit differences 100·(x[i] - base[i]) /
// mean(base) with their t-interval: a paired change in percent of the baseline's mean,
// e.g. the hypervolume of a reduced-space search against the full space's, paired over
// seeds. Dividing every difference by the same mean keeps it a t-interval of a mean of
// differences (a ratio of means would need the delta method). It returns PairedTInterval's
// errors, and one when mean(base) is 0.
func PairedDiffPercent(x, base []float64, level float64) (Interval, error) {
	if err := checkFinite("base", base); err != nil {
		return nanInterval(level), err
	}
	if len(base) == 0 {
		return nanInterval(level), fmt.Errorf("stats: paired difference in percent: %w (base is empty)", ErrNoData)
	}
	m := stat.Mean(base, nil)
	if m == 0 {
		return nanInterval(level), fmt.Errorf("stats: paired difference in percent: the mean of base is 0, so no percentage of it exists")
	}
	d, err := pairedDiff(x, base, "base", 100/m)
	if err != nil {
		return nanInterval(level), err
	}
	return TInterval(d, level)
}

// pairedDiff returns scale·(x[i] - y[i]) for every i, or an error naming the first
// mismatch or non-finite value; yName is y's name in the messages.
func pairedDiff(x, y []float64, yName string, scale float64) ([]float64, error) {
	if len(x) != len(y) {
		return nil, fmt.Errorf("stats: paired samples of different lengths: x has %d values, %s has %d", len(x), yName, len(y))
	}
	if err := checkFinite("x", x); err != nil {
		return nil, err
	}
	if err := checkFinite(yName, y); err != nil {
		return nil, err
	}
	d := make([]float64, len(x))
	for i := range x {
		d[i] = scale * (x[i] - y[i])
	}
	return d, nil
}

// NormalInterval returns estimate ± z·se with z the (1+level)/2 quantile of the
// standard normal (1.96 at level 0.95): the interval of an estimate whose sampling
// distribution is near normal with standard error se, e.g. a difference of two means
// of many networks each. It cannot fail: a level outside (0, 1), or an se that is
// negative or NaN, gives NaN bounds.
func NormalInterval(estimate, se, level float64) Interval {
	iv := Interval{Estimate: estimate, Lo: math.NaN(), Hi: math.NaN(), Level: level}
	if !(level > 0 && level < 1) || !(se >= 0) {
		return iv
	}
	half := distuv.UnitNormal.Quantile((1+level)/2) * se
	iv.Lo, iv.Hi = estimate-half, estimate+half
	return iv
}

// Sign says where the interval lies against 0: +1 when it is wholly above (Lo > 0), -1
// when wholly below (Hi < 0), and 0 when it contains 0 (or a bound is NaN). Sentence
// builders choose "above", "below" or "no difference beyond noise" by it.
func (iv Interval) Sign() int {
	switch {
	case iv.Lo > 0:
		return 1
	case iv.Hi < 0:
		return -1
	}
	return 0
}

// Width is Hi - Lo.
func (iv Interval) Width() float64 { return iv.Hi - iv.Lo }

// CochranQ tests whether k estimates with standard errors ses are estimates of one
// common value (Cochran's Q, the heterogeneity test of meta-analysis): with weights
// w = 1/se², Q = Σ w·(estimate - m)² around the weighted mean m, which is chi-squared
// with k-1 degrees of freedom when all share one value; p is its survival function at
// Q (gonum's distuv.ChiSquared). E.g. a small p says the block means of a profile differ
// by more than their standard errors allow. It returns an error for fewer than two
// estimates, slices of different lengths, a non-finite estimate, or a standard error
// that is not positive and finite (naming its index).
func CochranQ(estimates, ses []float64) (q float64, df int, p float64, err error) {
	nan := math.NaN()
	if len(estimates) != len(ses) {
		return nan, 0, nan, fmt.Errorf("stats: Cochran's Q: %d estimates, %d standard errors", len(estimates), len(ses))
	}
	if len(estimates) < 2 {
		return nan, 0, nan, fmt.Errorf("stats: Cochran's Q: %w: %d estimates, want at least 2", ErrTooFewValues, len(estimates))
	}
	if err := checkFinite("estimates", estimates); err != nil {
		return nan, 0, nan, err
	}
	for i, se := range ses {
		if !(se > 0) || math.IsInf(se, 0) {
			return nan, 0, nan, fmt.Errorf("stats: Cochran's Q: ses[%d] = %v: want a positive finite standard error", i, se)
		}
	}
	var sw, swe float64
	for i, e := range estimates {
		w := 1 / (ses[i] * ses[i])
		sw, swe = sw+w, swe+w*e
	}
	m := swe / sw
	for i, e := range estimates {
		q += (e - m) * (e - m) / (ses[i] * ses[i])
	}
	df = len(estimates) - 1
	return q, df, distuv.ChiSquared{K: float64(df)}.Survival(q), nil
}

// MeanDifference is the mean over k of a[k] - b[k], for pairs of independent estimates
// with standard errors seA[k] and seB[k], and its standard error √(Σ seA² + seB²) / K:
// e.g. what the largest expand ratio adds to a metric over the smallest, averaged over
// the kernel sizes. NormalInterval turns it into an interval. It returns an error for
// no pairs, slices of different lengths, or a non-finite value or negative standard
// error (naming its index).
func MeanDifference(a, seA, b, seB []float64) (d, se float64, err error) {
	nan := math.NaN()
	k := len(a)
	if len(seA) != k || len(b) != k || len(seB) != k {
		return nan, nan, fmt.Errorf("stats: mean difference: lengths a %d, seA %d, b %d, seB %d differ", len(a), len(seA), len(b), len(seB))
	}
	if k == 0 {
		return nan, nan, fmt.Errorf("stats: mean difference: %w (no pairs)", ErrNoData)
	}
	for _, s := range []struct {
		name string
		v    []float64
	}{{"a", a}, {"seA", seA}, {"b", b}, {"seB", seB}} {
		if err := checkFinite(s.name, s.v); err != nil {
			return nan, nan, err
		}
		if s.name[0] == 's' {
			for i, v := range s.v {
				if v < 0 {
					return nan, nan, fmt.Errorf("stats: mean difference: %s[%d] = %v: a standard error cannot be negative", s.name, i, v)
				}
			}
		}
	}
	var v float64
	for i := range a {
		d += a[i] - b[i]
		v += seA[i]*seA[i] + seB[i]*seB[i]
	}
	return d / float64(k), math.Sqrt(v) / float64(k), nil
}

// RankOrder returns the indices of x from its smallest value to its largest, ties in
// index order (a stable argsort, numpy.argsort(x, kind="stable")): the order in which
// two rankings of the same items can be compared item by item. It returns an error
// naming the first NaN.
func RankOrder(x []float64) ([]int, error) {
	for i, v := range x {
		if math.IsNaN(v) {
			return nil, fmt.Errorf("stats: rank order: x[%d] is NaN", i)
		}
	}
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(x[a], x[b]) })
	return idx, nil
}
