package search

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/metric"
	"github.com/nasanalysis/nasanalysis/nasanalysis/pareto"
)

// Objectives scores a batch of architectures on k objectives, all minimised (pass an
// accuracy negated).
type Objectives func(as []arch.Arch) ([][]float64, error)

// AccuracyLatency is the two-objective problem "maximise value, minimise latency":
// objectives (-value, latency).
func AccuracyLatency(value, lat *metric.Metric) Objectives {
	return func(as []arch.Arch) ([][]float64, error) {
		v, err := value.Values(as)
		if err != nil {
			return nil, err
		}
		l, err := lat.Values(as)
		if err != nil {
			return nil, err
		}
		out := make([][]float64, len(as))
		for i := range as {
			out[i] = []float64{-v[i], l[i]}
		}
		return out, nil
	}
}

// NSGAConfig sets the multi-objective search (NSGA-II: Deb et al., 2002).
type NSGAConfig struct {
	Population, Generations int
	CrossoverProb           float64 // a child is a crossover of two parents with this probability, else a copy
	MutateProb              float64 // then each choice is resampled with this probability
	Seed                    uint64
}

// DefaultNSGA is a population of 100 over 30 generations.
var DefaultNSGA = NSGAConfig{Population: 100, Generations: 30, CrossoverProb: 0.9, MutateProb: 0.1}

// FrontResult is a multi-objective search's outcome: the non-dominated architectures
// of the final population (duplicates removed) and their objectives.
type FrontResult struct {
	Archs     []arch.Arch
	Points    [][]float64
	Evaluated int
}

// NSGA2 searches a design space (a family or a space restricted within it, as in
// Evolve) for the Pareto front of the objectives: each generation breeds a
// population of children by binary tournament (lower non-domination rank, then larger
// crowding distance), crossover and mutation, and keeps the best of parents and
// children by rank and crowding distance.
func NSGA2(space arch.Space, obj Objectives, cfg NSGAConfig, progress func(gen int)) (*FrontResult, error) {
	if cfg.Population < 4 || cfg.Generations < 0 || cfg.CrossoverProb < 0 || cfg.CrossoverProb > 1 || cfg.MutateProb < 0 || cfg.MutateProb > 1 {
		return nil, fmt.Errorf("NSGA-II: need population >= 4, generations >= 0 and probabilities in [0, 1]; got %+v", cfg)
	}
	if err := space.Validate(); err != nil {
		return nil, fmt.Errorf("NSGA-II: %w", err)
	}
	sp := space
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x9a2))
	res := &FrontResult{}
	prepare := func(a arch.Arch) (arch.Arch, error) { return sp.Repair(a, rng) }
	score := func(as []arch.Arch) ([][]float64, error) {
		p, err := obj(as)
		if err == nil && len(p) != len(as) {
			err = fmt.Errorf("NSGA-II: %d objective rows for %d architectures", len(p), len(as))
		}
		res.Evaluated += len(as)
		return p, err
	}
	pop := make([]arch.Arch, cfg.Population)
	for i := range pop {
		a, err := sp.Sample(rng)
		if err != nil {
			return nil, err
		}
		pop[i] = a
	}
	pts, err := score(pop)
	if err != nil {
		return nil, err
	}
	for gen := 0; ; gen++ {
		rank, crowd, err := rankAndCrowd(pts)
		if err != nil {
			return nil, err
		}
		if progress != nil {
			progress(gen)
		}
		if gen == cfg.Generations {
			break
		}
		better := func(i, j int) int { // binary tournament winner
			if rank[i] != rank[j] {
				if rank[i] < rank[j] {
					return i
				}
				return j
			}
			if crowd[i] > crowd[j] {
				return i
			}
			return j
		}
		pick := func() int { return better(rng.IntN(len(pop)), rng.IntN(len(pop))) }
		kids := make([]arch.Arch, cfg.Population)
		for k := range kids {
			child := pop[pick()]
			if rng.Float64() < cfg.CrossoverProb {
				if child, err = crossover(child, pop[pick()], rng); err != nil {
					return nil, err
				}
			}
			if child, err = mutate(child, rng, cfg.MutateProb); err != nil {
				return nil, err
			}
			if kids[k], err = prepare(child); err != nil {
				return nil, err
			}
		}
		kpts, err := score(kids)
		if err != nil {
			return nil, err
		}
		all, allPts := append(slices.Clone(pop), kids...), append(slices.Clone(pts), kpts...)
		pop, pts, err = survivors(all, allPts, cfg.Population)
		if err != nil {
			return nil, err
		}
	}
	ranks, err := pareto.NondominatedSort(pts)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, i := range ranks[0] {
		if key := pop[i].String(); !seen[key] {
			seen[key] = true
			res.Archs, res.Points = append(res.Archs, pop[i]), append(res.Points, pts[i])
		}
	}
	return res, nil
}

// rankAndCrowd returns each point's non-domination rank and its crowding distance
// within its rank.
func rankAndCrowd(pts [][]float64) ([]int, []float64, error) {
	ranks, err := pareto.NondominatedSort(pts)
	if err != nil {
		return nil, nil, err
	}
	rank, crowd := make([]int, len(pts)), make([]float64, len(pts))
	for r, front := range ranks {
		for _, i := range front {
			rank[i] = r
		}
		for i, d := range CrowdingDistance(pts, front) {
			crowd[front[i]] = d
		}
	}
	return rank, crowd, nil
}

// CrowdingDistance is NSGA-II's crowding distance of each point of front (indices into
// pts): per objective, the span between its two neighbours over that objective's range,
// summed; the extreme points of every objective get +Inf.
func CrowdingDistance(pts [][]float64, front []int) []float64 {
	d := make([]float64, len(front))
	if len(front) == 0 {
		return d
	}
	order := make([]int, len(front))
	for m := range pts[front[0]] {
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return cmpAsc(pts[front[a]][m], pts[front[b]][m]) })
		lo, hi := pts[front[order[0]]][m], pts[front[order[len(order)-1]]][m]
		d[order[0]], d[order[len(order)-1]] = math.Inf(1), math.Inf(1)
		if hi == lo {
			continue
		}
		for k := 1; k < len(order)-1; k++ {
			d[order[k]] += (pts[front[order[k+1]]][m] - pts[front[order[k-1]]][m]) / (hi - lo)
		}
	}
	return d
}

func cmpAsc(a, b float64) int { return -cmpDesc(a, b) }

// survivors keeps n of the candidates: whole ranks first, the last rank that does not
// fit by decreasing crowding distance.
func survivors(all []arch.Arch, pts [][]float64, n int) ([]arch.Arch, [][]float64, error) {
	ranks, err := pareto.NondominatedSort(pts)
	if err != nil {
		return nil, nil, err
	}
	var keep []int
	for _, front := range ranks {
		if len(keep)+len(front) <= n {
			keep = append(keep, front...)
			continue
		}
		d := CrowdingDistance(pts, front)
		order := make([]int, len(front))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return cmpDesc(d[a], d[b]) })
		for _, i := range order[:n-len(keep)] {
			keep = append(keep, front[i])
		}
		break
	}
	outA, outP := make([]arch.Arch, len(keep)), make([][]float64, len(keep))
	for k, i := range keep {
		outA[k], outP[k] = all[i], pts[i]
	}
	return outA, outP, nil
}

// Fronts runs NSGA2 on space once per seed.
func Fronts(space arch.Space, obj Objectives, cfg NSGAConfig, seeds []uint64) ([]*FrontResult, error) {
	var out []*FrontResult
	for _, s := range seeds {
		c := cfg
		c.Seed = s
		r, err := NSGA2(space, obj, c, nil)
		if err != nil {
			return nil, fmt.Errorf("seed %d: %w", s, err)
		}
		out = append(out, r)
	}
	return out, nil
}

// Rescore scores architectures found with one objective (a proxy device's latency)
// with another (the target's) and returns the points that are non-dominated there:
// the proxy's front as the target sees it.
func Rescore(archs []arch.Arch, obj Objectives) ([][]float64, error) {
	pts, err := obj(archs)
	if err != nil {
		return nil, err
	}
	front, err := pareto.FrontK(pts)
	if err != nil {
		return nil, err
	}
	out := make([][]float64, len(front))
	for k, i := range front {
		out[k] = pts[i]
	}
	return out, nil
}
