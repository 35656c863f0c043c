package monotonic

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sync"

	"github.com/nasanalysis/nasanalysis/nasanalysis/internal/par"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/pareto"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// Encode returns one feature vector per architecture of t: its family's flat encoding
// (arch.Arch.Flat: OneProxy's 30-number one-hot for NB201 cells, the 9 choices at each
// of FBNet's 22 layers, OFA-MobileNetV3's kernel, expand and skipped flag per block slot
// and its scaled resolution) followed by a constant 1, so a per-operator latency model
// has an intercept.
func Encode(t *data.LatencyTable) [][]float64 {
	X := make([][]float64, t.Len())
	for i, a := range t.Parsed {
		X[i] = append(a.Flat(), 1)
	}
	return X
}

// Matrix is a device x device rank-correlation matrix with percentile-bootstrap intervals.
type Matrix struct {
	Devices       []string
	Method        stats.RankCorrelation
	Value, Lo, Hi [][]float64
	Level         float64
	Resamples     int
	// Replicates[r] is the whole matrix on bootstrap replicate r (diagonal 1, NaN for a
	// pair undefined on that resample), kept so that a statistic of several pairs (a
	// candidate proxy's mean correlation, see BestProxies) can be bootstrapped with the
	// pairs' dependence intact. nil for a matrix without intervals.
	Replicates [][][]float64
}

// CorrelationCI computes method's correlation for every device pair of t with a
// percentile-bootstrap interval at the given level from b resamples of the
// architectures (rows): each replicate draws the rows once, with replacement, and
// computes the whole correlation matrix on them (stats.CorrelationMatrix, which sorts
// each column once), so one resample serves every pair. A pair's correlation uses the
// resampled rows where both devices have a latency (pairwise deletion, as the
// estimate); a replicate where it is undefined is dropped for that pair's interval.
// The replicates' matrices are kept in Matrix.Replicates.
//
// Replicates run in parallel; replicate r draws from its own generator seeded by
// (seed, r), so the matrix is the same, bit for bit, on any number of cores. progress,
// if not nil, is called once per finished replicate with done counting 1 to b (from
// the workers, one call at a time), e.g. to drive a progress bar.
//
// It returns an error for fewer than stats.MinResamples resamples, a level outside
// (0, 1), an unknown method, fewer than two devices, a pair undefined on the full
// table, or a pair with fewer than stats.MinResamples defined replicates.
func CorrelationCI(t *data.LatencyTable, method stats.RankCorrelation, b int, level float64, seed uint64, progress func(done, total int)) (Matrix, error) {
	k := len(t.Devices)
	m := Matrix{Devices: t.Devices, Method: method, Level: level, Resamples: b}
	if b < stats.MinResamples {
		return m, fmt.Errorf("correlation intervals: %w: %d requested, the minimum is %d", stats.ErrTooFewResamples, b, stats.MinResamples)
	}
	if !(level > 0 && level < 1) {
		return m, fmt.Errorf("correlation intervals: %w: confidence level %v, want one in (0, 1)", stats.ErrLevel, level)
	}
	if k < 2 {
		return m, fmt.Errorf("correlation intervals: %d devices, want at least 2", k)
	}
	full, err := stats.CorrelationMatrix(t.Latency, method)
	if err != nil {
		return m, fmt.Errorf("correlation intervals on the full table: %w", err)
	}
	n := t.Len()
	m.Replicates = make([][][]float64, b)
	var mu sync.Mutex
	done := 0
	par.For(b, func(r int) {
		rng := rand.New(rand.NewPCG(seed, uint64(r)))
		cols := make([][]float64, k)
		for d := range cols {
			cols[d] = make([]float64, n)
		}
		for i := 0; i < n; i++ {
			row := rng.IntN(n)
			for d := range cols {
				cols[d][i] = t.Latency[d][row]
			}
		}
		// Undefined pairs of a resample come back NaN, with an error that is not
		// needed here: they are dropped below.
		m.Replicates[r], _ = stats.CorrelationMatrix(cols, method)
		if progress != nil {
			mu.Lock()
			done++
			progress(done, b)
			mu.Unlock()
		}
	})
	for _, p := range []*[][]float64{&m.Value, &m.Lo, &m.Hi} {
		*p = make([][]float64, k)
		for i := range *p {
			(*p)[i] = make([]float64, k)
			(*p)[i][i] = 1
		}
	}
	var errs []error
	vals := make([]float64, b)
	for i := 0; i < k; i++ {
		for j := i + 1; j < k; j++ {
			defined := 0
			for r, rm := range m.Replicates {
				if vals[r] = rm[i][j]; !math.IsNaN(vals[r]) {
					defined++
				}
			}
			lo, hi := math.NaN(), math.NaN()
			if defined < stats.MinResamples {
				errs = append(errs, fmt.Errorf("%s / %s: %w: only %d of %d resamples gave a defined correlation, the minimum is %d",
					t.Devices[i], t.Devices[j], stats.ErrTooFewResamples, defined, b, stats.MinResamples))
			} else {
				q, err := stats.Quantiles(vals, (1-level)/2, (1+level)/2) // NaN replicates are left out
				if err != nil {
					return m, fmt.Errorf("%s / %s: %w", t.Devices[i], t.Devices[j], err)
				}
				lo, hi = q[0], q[1]
			}
			m.Value[i][j], m.Value[j][i] = full[i][j], full[i][j]
			m.Lo[i][j], m.Lo[j][i] = lo, lo
			m.Hi[i][j], m.Hi[j][i] = hi, hi
		}
	}
	return m, errors.Join(errs...)
}

// Frame lists the upper triangle as rows device_a, device_b, value, lo, hi.
func (m Matrix) Frame() dataframe.DataFrame {
	var a, b []string
	var v, lo, hi []float64
	for i := range m.Devices {
		for j := i + 1; j < len(m.Devices); j++ {
			a, b = append(a, m.Devices[i]), append(b, m.Devices[j])
			v, lo, hi = append(v, m.Value[i][j]), append(lo, m.Lo[i][j]), append(hi, m.Hi[i][j])
		}
	}
	return dataframe.New(series.New(a, series.String, "device_a"), series.New(b, series.String, "device_b"),
		series.New(v, series.Float, string(m.Method)), series.New(lo, series.Float, "lo"), series.New(hi, series.Float, "hi"))
}

// ReuseTable judges, for every ordered pair (proxy, target) of devices, the proxy's
// accuracy-latency Pareto set on the target (see pareto.JudgeReuse), over the
// architectures measured on both. Budgets are the given quantiles of target latency;
// column loss_qNN is the accuracy lost at the NN % budget.
func ReuseTable(t *data.LatencyTable, value []float64, devices []string, quantiles []float64) (dataframe.DataFrame, error) {
	sel, err := t.Select(devices)
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	type row struct {
		p, t string
		srcc float64
		r    pareto.Reuse
	}
	var rows []row
	for i := range sel.Devices {
		for j := range sel.Devices {
			if i != j {
				rows = append(rows, row{p: sel.Devices[i], t: sel.Devices[j]})
			}
		}
	}
	rowErrs := make([]error, len(rows))
	par.For(len(rows), func(k int) {
		pc, _ := sel.Column(rows[k].p)
		tc, _ := sel.Column(rows[k].t)
		var err error
		if rows[k].srcc, err = stats.SpearmanRho(pc, tc); err != nil {
			rowErrs[k] = fmt.Errorf("reuse %s -> %s: %w", rows[k].p, rows[k].t, err)
			return
		}
		if rows[k].r, err = pareto.JudgeReuse(pc, tc, value, quantiles); err != nil {
			rowErrs[k] = fmt.Errorf("reuse %s -> %s: %w", rows[k].p, rows[k].t, err)
		}
	})
	if err := errors.Join(rowErrs...); err != nil {
		return dataframe.DataFrame{}, err
	}
	var prox, targ []string
	var srcc, rec, hv []float64
	var pf, tf []int
	loss := make([][]float64, len(quantiles))
	for _, r := range rows {
		prox, targ = append(prox, r.p), append(targ, r.t)
		srcc, rec, hv = append(srcc, r.srcc), append(rec, r.r.Recovered), append(hv, r.r.HVRatio)
		pf, tf = append(pf, r.r.ProxyFront), append(tf, r.r.TargetFront)
		for q := range quantiles {
			loss[q] = append(loss[q], r.r.Loss[q])
		}
	}
	cols := []series.Series{series.New(prox, series.String, "proxy"), series.New(targ, series.String, "target"),
		series.New(srcc, series.Float, "srcc"), series.New(pf, series.Int, "proxy_front"), series.New(tf, series.Int, "target_front"),
		series.New(rec, series.Float, "recovered"), series.New(hv, series.Float, "hv_ratio")}
	for q, qv := range quantiles {
		cols = append(cols, series.New(loss[q], series.Float, fmt.Sprintf("loss_q%02.0f", 100*qv)))
	}
	return dataframe.New(cols...), nil
}
