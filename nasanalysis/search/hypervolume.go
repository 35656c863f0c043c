package search

import (
	"fmt"
	"math"

	"github.com/nasanalysis/nasanalysis/nasanalysis/metric"
	"github.com/nasanalysis/nasanalysis/nasanalysis/pareto"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// The reference point of the accuracy-latency hypervolumes of the Pareto study
// (notebook 07): a front scores the area it dominates up to accuracy RefAccuracy and
// RefLatencyFactor times the median latency of RefSample random networks (seed
// RefSeed) at the search's resolution. 78 % lies below almost every OFA-MobileNetV3
// network's predicted accuracy, and 1.5 x the median latency above most of them, so
// nearly every front point counts.
const (
	RefAccuracy      = 78.0
	RefLatencyFactor = 1.5
	RefSample        = 1000
	RefSeed          = 11
)

// ReferencePoint is the hypervolume reference of a latency source over OFA-MobileNetV3
// at resolution res, in the orientation of AccuracyLatency's points:
// [-RefAccuracy, RefLatencyFactor x the median latency of RefSample random networks
// drawn with seed RefSeed].
func ReferencePoint(lat *metric.Metric, res int) ([]float64, error) {
	v, err := referenceSample(lat, res)
	if err != nil {
		return nil, err
	}
	med, err := stats.Quantile(v, 0.5)
	if err != nil {
		return nil, fmt.Errorf("reference point on %s: median of %d random networks: %w", lat.Name, len(v), err)
	}
	return []float64{-RefAccuracy, RefLatencyFactor * med}, nil
}

// Hypervolumes are the hypervolumes of several seeds' fronts (one search per seed,
// points [-accuracy, latency] as AccuracyLatency scores them) against one reference
// point, and their mean with a 95 % t-interval over the seeds. A hypervolume is the
// area, in accuracy points x latency units, that a front dominates up to the reference;
// Share divides it by the area of the reference box, from (100 % accuracy, latency 0)
// to the reference point, so 1 would be a network of 100 % accuracy at no latency.
type Hypervolumes struct {
	PerSeed []float64
	Mean    stats.Interval // the mean over seeds with its 95 % t-interval
	Box     float64        // area of the reference box
}

// HypervolumesOf scores each front against ref ([-accuracy, latency]). At least two
// fronts are needed for an interval.
func HypervolumesOf(fronts [][][]float64, ref []float64) (Hypervolumes, error) {
	if len(ref) != 2 {
		return Hypervolumes{}, fmt.Errorf("hypervolumes: reference point %v, want [-accuracy, latency]", ref)
	}
	h := Hypervolumes{Box: (100 + ref[0]) * ref[1]}
	if !(h.Box > 0) {
		return Hypervolumes{}, fmt.Errorf("hypervolumes: reference point %v encloses no area below 100 %% accuracy and above latency 0", ref)
	}
	for s, f := range fronts {
		v, err := pareto.HypervolumeK(f, ref)
		if err != nil {
			return Hypervolumes{}, fmt.Errorf("hypervolume of front %d: %w", s, err)
		}
		h.PerSeed = append(h.PerSeed, v)
	}
	var err error
	if h.Mean, err = stats.TInterval(h.PerSeed, 0.95); err != nil {
		return Hypervolumes{}, fmt.Errorf("hypervolumes of %d fronts: %w", len(fronts), err)
	}
	return h, nil
}

// Share is x as a share of the reference box's area.
func (h Hypervolumes) Share(x float64) float64 { return x / h.Box }

// Relative is each seed's hypervolume divided by base (e.g. another arm's mean): the
// values of a box plot "relative to the full space's mean".
func (h Hypervolumes) Relative(base float64) []float64 {
	out := make([]float64, len(h.PerSeed))
	for i, v := range h.PerSeed {
		out[i] = v / base
	}
	return out
}

// FrontBand summarises several seeds' accuracy-latency fronts as one line in a band:
// at each of a grid of latencies spanning every front, the median over seeds of the
// best accuracy reached within that latency (Median), and the worst and best seed's
// (Worst, Best). Where some seed reaches no network that cheap, all three are NaN.
type FrontBand struct {
	Latency, Median, Worst, Best []float64
}

// SeedBand is the FrontBand of fronts of AccuracyLatency points ([-accuracy, latency])
// over n latencies evenly spaced from the cheapest to the dearest point of any front
// (pareto.Attainment and AttainmentBand).
func SeedBand(fronts [][][]float64, n int) (FrontBand, error) {
	if n < 2 {
		return FrontBand{}, fmt.Errorf("seed band: %d grid points, need at least 2", n)
	}
	// Attainment minimises both coordinates with cost first: swap to [latency, -accuracy].
	runs := make([][][]float64, len(fronts))
	lo, hi := math.Inf(1), math.Inf(-1)
	for s, f := range fronts {
		for _, p := range f {
			runs[s] = append(runs[s], []float64{p[1], p[0]})
			lo, hi = math.Min(lo, p[1]), math.Max(hi, p[1])
		}
	}
	grid := make([]float64, n)
	for i := range grid {
		grid[i] = lo + (hi-lo)*float64(i)/float64(n-1)
	}
	att, err := pareto.Attainment(runs, grid)
	if err != nil {
		return FrontBand{}, fmt.Errorf("seed band: %w", err)
	}
	med, best, worst := pareto.AttainmentBand(att)
	for i := range grid { // back to accuracy: the smallest -accuracy is the best seed
		med[i], best[i], worst[i] = -med[i], -best[i], -worst[i]
	}
	return FrontBand{Latency: grid, Median: med, Worst: worst, Best: best}, nil
}

// frontPoints returns the objective points of each search's front.
func frontPoints(rs []*FrontResult) [][][]float64 {
	out := make([][][]float64, len(rs))
	for i, r := range rs {
		out[i] = r.Points
	}
	return out
}
