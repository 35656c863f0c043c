package latency

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat"

	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// Agreement is how closely one predictor's latencies match measured latencies of the
// same networks, in the terms nn-Meter reports: the share of networks predicted within
// ±10 % and ±5 % of their measurement, the RMSE (ms), the Spearman correlation, and the
// median |predicted/measured - 1|.
type Agreement struct {
	Predictor         string
	N                 int
	Within10, Within5 float64 // shares, 0..1
	RMSE              float64 // ms
	SRCC              float64
	MedianDev         float64
}

// Agree scores predictions against measurements, network by network. A measurement
// that is not a positive number, or a prediction that is not finite, is an error naming
// the network's index.
func Agree(predictor string, pred, meas []float64) (Agreement, error) {
	if len(pred) != len(meas) || len(pred) < 3 {
		return Agreement{}, fmt.Errorf("%s: %d predictions for %d measurements, want the same number, at least 3", predictor, len(pred), len(meas))
	}
	a := Agreement{Predictor: predictor, N: len(pred)}
	dev := make([]float64, len(pred))
	sq := 0.0
	for i := range pred {
		if !(meas[i] > 0) || math.IsInf(meas[i], 0) || math.IsNaN(pred[i]) || math.IsInf(pred[i], 0) {
			return Agreement{}, fmt.Errorf("%s, network %d: prediction %v, measurement %v", predictor, i+1, pred[i], meas[i])
		}
		dev[i] = math.Abs(pred[i]/meas[i] - 1)
		if dev[i] <= 0.10 {
			a.Within10++
		}
		if dev[i] <= 0.05 {
			a.Within5++
		}
		sq += (pred[i] - meas[i]) * (pred[i] - meas[i])
	}
	n := float64(len(pred))
	a.Within10, a.Within5, a.RMSE = a.Within10/n, a.Within5/n, math.Sqrt(sq/n)
	var err error
	if a.SRCC, err = stats.SpearmanRho(pred, meas); err != nil {
		return Agreement{}, fmt.Errorf("%s: %w", predictor, err)
	}
	if a.MedianDev, err = stats.Quantile(dev, 0.5); err != nil {
		return Agreement{}, err
	}
	return a, nil
}

// FitOverhead is the per-network overhead that best turns table sums into measured
// latencies on a calibration set: the median of measured - sum (ms), robust to the odd
// disturbed measurement. It is what a network's run costs beyond its operators timed
// alone (the executor's work between them, one input copy instead of one per operator),
// and may be negative.
func FitOverhead(sums, meas []float64) (float64, error) {
	if len(sums) != len(meas) || len(sums) == 0 {
		return 0, fmt.Errorf("overhead: %d sums for %d measurements", len(sums), len(meas))
	}
	d := make([]float64, len(sums))
	for i := range sums {
		d[i] = meas[i] - sums[i]
	}
	return stats.Quantile(d, 0.5)
}

// LinearMap is y = Intercept + Slope x, least squares (gonum's stat.LinearRegression):
// how a predictor in other units (MACs, or a model trained on other data) is put into
// milliseconds on a calibration set before it is judged.
type LinearMap struct{ Intercept, Slope float64 }

// FitLinearMap fits y on x.
func FitLinearMap(x, y []float64) (LinearMap, error) {
	if len(x) != len(y) || len(x) < 2 {
		return LinearMap{}, fmt.Errorf("linear map: %d x for %d y, want the same number, at least 2", len(x), len(y))
	}
	a, b := stat.LinearRegression(x, y, nil, false)
	return LinearMap{a, b}, nil
}

// Apply maps each x.
func (m LinearMap) Apply(x []float64) []float64 {
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = m.Intercept + m.Slope*v
	}
	return out
}
