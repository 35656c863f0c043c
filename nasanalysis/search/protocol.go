package search

import (
	"fmt"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
)

// The front-search algorithms a space comparison can run (search --algorithm).
const (
	AlgorithmMutation = "mutation" // BlockProfile's random-mutation search (Mutation)
	AlgorithmNSGA2    = "nsga2"    // NSGA-II (NSGA2)
)

// FrontSearch is one protocol of a front search: the algorithm and its setting.
type FrontSearch struct {
	Algorithm string
	NSGA      NSGAConfig
	Mutation  MutationConfig
}

// EqualSearches are the two protocols at the same number of evaluations: the
// mutation search with initial networks, rounds and mutants per round, and NSGA-II with
// a population of initial over rounds*perRound/initial generations (2,100 each for the
// paper's 100, 10 and 200). perRound*rounds must be a multiple of initial.
func EqualSearches(initial, rounds, perRound int) (mutation, nsga FrontSearch, err error) {
	if initial < 4 || rounds < 0 || perRound < 1 || (rounds*perRound)%initial != 0 {
		return FrontSearch{}, FrontSearch{}, fmt.Errorf("equal searches: %d initial networks and %d rounds of %d mutants: want initial >= 4 and rounds x mutants a multiple of initial, so that NSGA-II's generations match", initial, rounds, perRound)
	}
	nsgaCfg := DefaultNSGA
	nsgaCfg.Population, nsgaCfg.Generations = initial, rounds*perRound/initial
	return FrontSearch{Algorithm: AlgorithmMutation, Mutation: MutationConfig{Initial: initial, Rounds: rounds, PerRound: perRound}},
		FrontSearch{Algorithm: AlgorithmNSGA2, NSGA: nsgaCfg}, nil
}

// Evaluations is the number of networks one search scores.
func (f FrontSearch) Evaluations() int {
	if f.Algorithm == AlgorithmMutation {
		return f.Mutation.Evaluations()
	}
	return f.NSGA.Population * (f.NSGA.Generations + 1)
}

// String describes the protocol in words, e.g. "random mutation (100 initial networks,
// 10 rounds of 200 mutants)".
func (f FrontSearch) String() string {
	if f.Algorithm == AlgorithmMutation {
		m := f.Mutation
		rounds := "rounds"
		if m.Rounds == 1 {
			rounds = "round"
		}
		s := fmt.Sprintf("random mutation (%d initial networks, %d %s of %d mutants", m.Initial, m.Rounds, rounds, m.PerRound)
		if m.StageProbs != nil {
			s += fmt.Sprintf("; stage mutation probabilities %v", m.StageProbs)
		}
		return s + ")"
	}
	return fmt.Sprintf("NSGA-II (population %d, %d generations)", f.NSGA.Population, f.NSGA.Generations)
}

// Run searches space once with the protocol and the given seed.
func (f FrontSearch) Run(space arch.Space, obj Objectives, seed uint64) (*FrontResult, error) {
	switch f.Algorithm {
	case AlgorithmMutation:
		c := f.Mutation
		c.Seed = seed
		return Mutation(space, obj, c, nil)
	case AlgorithmNSGA2:
		c := f.NSGA
		c.Seed = seed
		return NSGA2(space, obj, c, nil)
	}
	return nil, fmt.Errorf("front search: unknown algorithm %q (known: %s, %s)", f.Algorithm, AlgorithmMutation, AlgorithmNSGA2)
}
