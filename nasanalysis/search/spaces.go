package search

import (
	"fmt"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/metric"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// BandPoints is the number of latencies at which a FrontBand of the Pareto study is
// drawn.
const BandPoints = 80

// Arm is one side of a front comparison: the hypervolumes of its searches, one per
// seed, and their fronts as a band.
type Arm struct {
	HV   Hypervolumes
	Band FrontBand
}

// newArm scores fronts against ref and bands them.
func newArm(fronts [][][]float64, ref []float64) (Arm, error) {
	hv, err := HypervolumesOf(fronts, ref)
	if err != nil {
		return Arm{}, err
	}
	band, err := SeedBand(fronts, BandPoints)
	return Arm{HV: hv, Band: band}, err
}

// FullSpace is the space the reduced one is compared with: its family at its width and
// resolutions, every block and depth allowed.
func FullSpace(reduced arch.Space) arch.Space {
	return arch.Space{Family: reduced.Family, Width: reduced.Width, Resolutions: reduced.Resolutions}
}

// pairArms scores two arms searched with the same seeds and their paired change, the
// first arm's hypervolume minus the base's in percent of the base's mean.
func pairArms(fronts, baseFronts [][][]float64, ref []float64, arm, base *Arm, change *stats.Interval) error {
	var err error
	if *arm, err = newArm(fronts, ref); err != nil {
		return err
	}
	if *base, err = newArm(baseFronts, ref); err != nil {
		return err
	}
	*change, err = pairedChange(arm.HV.PerSeed, base.HV.PerSeed)
	return err
}

// pairedChange is x minus base in percent of base's mean, paired, with a 95 %
// t-interval. Identical arms (a reduced space that drops nothing) change by exactly 0.
func pairedChange(x, base []float64) (stats.Interval, error) {
	same := len(x) == len(base)
	for i := range x {
		same = same && x[i] == base[i]
	}
	if same {
		return stats.Interval{Level: 0.95}, nil
	}
	return stats.PairedDiffPercent(x, base, 0.95)
}

// ReuseComparison is Lu et al.'s claim on one pair of devices: the fronts NSGA-II finds
// on the Proxy latency, re-scored on the Target's latency (Rescore), against NSGA-II
// on the Target itself, the same seeds in both arms, scored against the target's
// reference point. Change is the reused arm's hypervolume minus the own search's, in
// percent of the own search's mean, paired over seeds.
type ReuseComparison struct {
	Proxy, Target, Unit, About string
	Space                      arch.Space // searched in both arms
	Ref                        []float64
	Seeds                      []uint64
	Config                     NSGAConfig
	Reused, Own                Arm
	Change                     stats.Interval
}

// Reached is the reused arm's mean hypervolume as a share of the own search's.
func (r ReuseComparison) Reached() float64 { return r.Reused.HV.Mean.Estimate / r.Own.HV.Mean.Estimate }

// CompareReuse searches space (at one resolution) on the proxy latency once per seed
// and, for every target, re-scores those fronts on the target and searches the target
// itself with the same seeds; the fronts on a target are scored against its
// ReferencePoint at the space's resolution.
func CompareReuse(space arch.Space, acc, proxy *metric.Metric, targets []*metric.Metric, cfg NSGAConfig, seeds []uint64) ([]ReuseComparison, error) {
	res, err := oneResolution(space)
	if err != nil {
		return nil, fmt.Errorf("proxy reuse: the reference points are at one resolution: %w", err)
	}
	proxyFronts, err := Fronts(space, AccuracyLatency(acc, proxy), cfg, seeds)
	if err != nil {
		return nil, fmt.Errorf("proxy %s: %w", proxy.Name, err)
	}
	var out []ReuseComparison
	for _, target := range targets {
		obj := AccuracyLatency(acc, target)
		var reused [][][]float64
		for _, r := range proxyFronts {
			pts, err := Rescore(r.Archs, obj)
			if err != nil {
				return nil, fmt.Errorf("%s front on %s: %w", proxy.Name, target.Name, err)
			}
			reused = append(reused, pts)
		}
		own, err := Fronts(space, obj, cfg, seeds)
		if err != nil {
			return nil, fmt.Errorf("target %s: %w", target.Name, err)
		}
		ref, err := ReferencePoint(target, res)
		if err != nil {
			return nil, err
		}
		c := ReuseComparison{Proxy: proxy.Name, Target: target.Name, Space: space, Unit: target.Unit, About: target.About, Ref: ref, Seeds: seeds, Config: cfg}
		if err := pairArms(reused, frontPoints(own), ref, &c.Reused, &c.Own, &c.Change); err != nil {
			return nil, fmt.Errorf("%s -> %s: %w", proxy.Name, target.Name, err)
		}
		out = append(out, c)
	}
	return out, nil
}
