package search

import (
	"fmt"
	"strings"

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

// SpaceComparison is Mills et al.'s claim on one latency source: NSGA-II on the full
// space and on the hardware-reduced space (the full space without Dropped, within Caps),
// the same seeds in both arms, scored against one reference point. Change is the
// reduced arm's hypervolume minus the full arm's, in percent of the full arm's mean,
// paired over seeds with its 95 % t-interval (stats.PairedDiffPercent).
type SpaceComparison struct {
	Latency, Unit, About string
	Space                string   // the reduced space (arch.Space's text form)
	Dropped              []string // blocks left out of the reduced space
	// Caps are the reduced space's other restrictions in the command line's words
	// ("max-depth=3,4,4,4,4"), "" for none.
	Caps          string
	Ref           []float64
	Seeds         []uint64
	Config        NSGAConfig
	Full, Reduced Arm
	Change        stats.Interval
}

// CompareSpaces runs the comparison: the accuracy acc against the latency lat, on the
// family of reduced and on reduced itself, NSGA-II with cfg once per seed, and every
// front scored against ReferencePoint(lat, cfg.Res).
func CompareSpaces(reduced arch.Space, acc, lat *metric.Metric, cfg NSGAConfig, seeds []uint64) (*SpaceComparison, error) {
	if err := reduced.Validate(); err != nil {
		return nil, err
	}
	space := reduced.Family
	obj := AccuracyLatency(acc, lat)
	full, err := Fronts(space, nil, obj, cfg, seeds)
	if err != nil {
		return nil, fmt.Errorf("full space on %s: %w", lat.Name, err)
	}
	red, err := Fronts(space, &reduced, obj, cfg, seeds)
	if err != nil {
		return nil, fmt.Errorf("reduced space on %s: %w", lat.Name, err)
	}
	ref, err := ReferencePoint(lat, cfg.Res)
	if err != nil {
		return nil, err
	}
	c := &SpaceComparison{Latency: lat.Name, Unit: lat.Unit, About: lat.About, Space: reduced.String(), Ref: ref, Seeds: seeds, Config: cfg}
	for _, b := range reduced.Drop {
		c.Dropped = append(c.Dropped, b.String())
	}
	caps := reduced
	caps.Drop = nil
	c.Caps = strings.TrimPrefix(strings.TrimPrefix(caps.String(), space), ":")
	if err := pairArms(frontPoints(red), frontPoints(full), ref, &c.Reduced, &c.Full, &c.Change); err != nil {
		return nil, fmt.Errorf("%s: %w", lat.Name, err)
	}
	return c, nil
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
	Ref                        []float64
	Seeds                      []uint64
	Config                     NSGAConfig
	Reused, Own                Arm
	Change                     stats.Interval
}

// Reached is the reused arm's mean hypervolume as a share of the own search's.
func (r ReuseComparison) Reached() float64 { return r.Reused.HV.Mean.Estimate / r.Own.HV.Mean.Estimate }

// CompareReuse searches the proxy latency once per seed and, for every target, re-scores
// those fronts on the target and searches the target itself with the same seeds.
func CompareReuse(space string, acc, proxy *metric.Metric, targets []*metric.Metric, cfg NSGAConfig, seeds []uint64) ([]ReuseComparison, error) {
	proxyFronts, err := Fronts(space, nil, AccuracyLatency(acc, proxy), cfg, seeds)
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
		own, err := Fronts(space, nil, obj, cfg, seeds)
		if err != nil {
			return nil, fmt.Errorf("target %s: %w", target.Name, err)
		}
		ref, err := ReferencePoint(target, cfg.Res)
		if err != nil {
			return nil, err
		}
		c := ReuseComparison{Proxy: proxy.Name, Target: target.Name, Unit: target.Unit, About: target.About, Ref: ref, Seeds: seeds, Config: cfg}
		if err := pairArms(reused, frontPoints(own), ref, &c.Reused, &c.Own, &c.Change); err != nil {
			return nil, fmt.Errorf("%s -> %s: %w", proxy.Name, target.Name, err)
		}
		out = append(out, c)
	}
	return out, nil
}
