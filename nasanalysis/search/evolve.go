package search

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/metric"
)

// EvoConfig sets OFA's evolutionary search (its EvolutionFinder): a population of
// feasible architectures; each generation keeps the best ParentRatio of it as parents
// and refills the population with MutationRatio mutants of random parents (each choice
// resampled with probability MutateProb) and crossovers of two random parents (each
// choice from either), redrawing children that break the constraint.
type EvoConfig struct {
	Population, Generations  int
	ParentRatio, MutateRatio float64
	MutateProb               float64
	Seed                     uint64
	// MaxTries bounds the draws for one feasible child or initial member (0: 500).
	MaxTries int
}

// DefaultEvo is OFA's setting: population 100, parents 25 %, half of the children by
// mutation at probability 0.1, 500 generations in OFA (fewer suffice for a predictor).
var DefaultEvo = EvoConfig{Population: 100, Generations: 50, ParentRatio: 0.25, MutateRatio: 0.5, MutateProb: 0.1}

// Evaluator scores a batch of architectures: a fitness to maximise and whether each
// satisfies the search's constraint.
type Evaluator func(as []arch.Arch) (fitness []float64, feasible []bool, err error)

// EvoResult is an evolutionary search's outcome.
type EvoResult struct {
	Best    arch.Arch
	Fitness float64
	// BestPerGeneration is the best fitness after each generation (the initial
	// population is generation 0).
	BestPerGeneration []float64
	Evaluated         int // architectures scored
}

// Evolve searches a design space for the fittest feasible architecture: a family
// (arch.Space{Family: ...}) or a space restricted within it, whose width, resolutions
// (one, for a search at one resolution, as when every device's budget is at that
// resolution), dropped blocks and depth range hold for every candidate. progress, when
// set, is called after each generation.
func Evolve(space arch.Space, eval Evaluator, cfg EvoConfig, progress func(gen int, best float64)) (*EvoResult, error) {
	if cfg.Population < 4 || cfg.Generations < 0 || !(cfg.ParentRatio > 0 && cfg.ParentRatio < 1) || cfg.MutateRatio < 0 || cfg.MutateRatio > 1 || cfg.MutateProb < 0 || cfg.MutateProb > 1 {
		return nil, fmt.Errorf("evolution: need population >= 4, generations >= 0, 0 < parent ratio < 1, mutate ratio and probability in [0, 1]; got %+v", cfg)
	}
	if err := space.Validate(); err != nil {
		return nil, fmt.Errorf("evolution: %w", err)
	}
	sp := space
	tries := cfg.MaxTries
	if tries == 0 {
		tries = 500
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0xe70))
	res := &EvoResult{}
	// feasible draws candidates until every group has n feasible ones (group k with
	// next[k]), scoring all the candidates of a round in one call: the evaluator's
	// batching is what makes predictors fast, and one batch of a generation's mutants and
	// children together costs about half of two half-size ones.
	type group struct {
		n    int
		next func() (arch.Arch, error)
		keep []arch.Arch
		fit  []float64
	}
	feasible := func(groups ...*group) error {
		total := 0
		for _, g := range groups {
			total += g.n
		}
		for drawn := 0; ; {
			var batch []arch.Arch
			var owner []*group
			for _, g := range groups {
				for range g.n - len(g.keep) {
					a, err := g.next()
					if err == nil {
						a, err = sp.Repair(a, rng)
					}
					if err != nil {
						return err
					}
					batch, owner = append(batch, a), append(owner, g)
				}
			}
			if len(batch) == 0 {
				return nil
			}
			if drawn >= tries*total {
				kept := total - len(batch)
				return fmt.Errorf("evolution: only %d of %d feasible architectures in %d draws; the constraint may be unreachable", kept, total, drawn)
			}
			drawn += len(batch)
			f, ok, err := eval(batch)
			if err != nil {
				return err
			}
			res.Evaluated += len(batch)
			for i, a := range batch {
				if ok[i] && !math.IsNaN(f[i]) {
					g := owner[i]
					g.keep, g.fit = append(g.keep, a), append(g.fit, f[i])
				}
			}
		}
	}
	feasibleBatch := func(n int, next func() (arch.Arch, error)) ([]arch.Arch, []float64, error) {
		g := &group{n: n, next: next}
		err := feasible(g)
		return g.keep, g.fit, err
	}
	pop, fit, err := feasibleBatch(cfg.Population, func() (arch.Arch, error) { return sp.Sample(rng) })
	if err != nil {
		return nil, err
	}
	nParents := max(2, int(math.Round(cfg.ParentRatio*float64(cfg.Population))))
	nMutate := int(math.Round(cfg.MutateRatio * float64(cfg.Population-nParents)))
	for gen := 0; ; gen++ {
		order := make([]int, len(pop))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return cmpDesc(fit[a], fit[b]) })
		parents, pfit := make([]arch.Arch, nParents), make([]float64, nParents)
		for i := range parents {
			parents[i], pfit[i] = pop[order[i]], fit[order[i]]
		}
		res.BestPerGeneration = append(res.BestPerGeneration, pfit[0])
		res.Best, res.Fitness = parents[0], pfit[0]
		if progress != nil {
			progress(gen, pfit[0])
		}
		if gen == cfg.Generations {
			return res, nil
		}
		mutants := &group{n: nMutate, next: func() (arch.Arch, error) { return mutate(parents[rng.IntN(nParents)], rng, cfg.MutateProb) }}
		children := &group{n: cfg.Population - nParents - nMutate, next: func() (arch.Arch, error) {
			return crossover(parents[rng.IntN(nParents)], parents[rng.IntN(nParents)], rng)
		}}
		if err := feasible(mutants, children); err != nil {
			return nil, err
		}
		mfit, cfit := mutants.fit, children.fit
		pop = append(append(parents, mutants.keep...), children.keep...)
		fit = append(append(pfit, mfit...), cfit...)
	}
}

func cmpDesc(a, b float64) int {
	switch {
	case a > b:
		return -1
	case a < b:
		return 1
	}
	return 0
}

func mutate(a arch.Arch, rng *rand.Rand, p float64) (arch.Arch, error) {
	switch a := a.(type) {
	case arch.MBArch:
		return a.Mutate(rng, p), nil
	case arch.ResNetArch:
		return a.Mutate(rng, p), nil
	case arch.Cell:
		return a.Mutate(rng, p), nil
	case arch.FBNetArch:
		return a.Mutate(rng, p), nil
	}
	return nil, fmt.Errorf("evolution: %T cannot mutate", a)
}

func crossover(a, b arch.Arch, rng *rand.Rand) (arch.Arch, error) {
	switch a := a.(type) {
	case arch.MBArch:
		if b, ok := b.(arch.MBArch); ok {
			return a.Crossover(rng, b), nil
		}
	case arch.ResNetArch:
		if b, ok := b.(arch.ResNetArch); ok {
			return a.Crossover(rng, b), nil
		}
	case arch.Cell:
		if b, ok := b.(arch.Cell); ok {
			return a.Crossover(rng, b), nil
		}
	case arch.FBNetArch:
		if b, ok := b.(arch.FBNetArch); ok {
			return a.Crossover(rng, b), nil
		}
	}
	return nil, fmt.Errorf("evolution: cannot cross %T with %T", a, b)
}

// Constraint kinds of Constrained.
const (
	// Each: every latency at most its budget.
	Each = "each"
	// Average and Worst: the mean or the maximum over devices of latency / budget at
	// most 1 — Chu et al.'s average- and worst-case multi-hardware constraints.
	Average = "average"
	Worst   = "worst"
)

// Constrained is the evaluator "maximise metric value under latency budgets": value is
// e.g. predicted accuracy, lats the latency metrics of the devices and budgets theirs
// (ms), combined by kind (Each, Average or Worst).
func Constrained(value *metric.Metric, lats []*metric.Metric, budgets []float64, kind string) (Evaluator, error) {
	if len(lats) != len(budgets) || len(lats) == 0 {
		return nil, fmt.Errorf("constrained search: %d latency metrics, %d budgets", len(lats), len(budgets))
	}
	if kind != Each && kind != Average && kind != Worst {
		return nil, fmt.Errorf("constrained search: constraint %q, want %s, %s or %s", kind, Each, Average, Worst)
	}
	for d, b := range budgets {
		if !(b > 0) {
			return nil, fmt.Errorf("constrained search: budget %v for %s is not positive", b, lats[d].Name)
		}
	}
	return func(as []arch.Arch) ([]float64, []bool, error) {
		fit, err := value.Values(as)
		if err != nil {
			return nil, nil, err
		}
		ratio := make([][]float64, len(lats))
		for d, m := range lats {
			v, err := m.Values(as)
			if err != nil {
				return nil, nil, err
			}
			ratio[d] = v
			for i := range v {
				ratio[d][i] /= budgets[d]
			}
		}
		ok := make([]bool, len(as))
		for i := range as {
			sum, worst := 0.0, 0.0
			for d := range ratio {
				sum, worst = sum+ratio[d][i], max(worst, ratio[d][i])
			}
			switch kind {
			case Each, Worst:
				ok[i] = worst <= 1
			case Average:
				ok[i] = sum/float64(len(ratio)) <= 1
			}
		}
		return fit, ok, nil
	}, nil
}
