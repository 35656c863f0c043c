package search

import (
	"fmt"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/metric"
)

// MillsSetup is the search side of notebook 07's trials of Mills et al.'s claim: the
// full space (one resolution), the seeds every arm shares, the random controls per
// reduced space, and the released mutation search's size (initial networks, rounds,
// mutants per round; NSGA-II runs at the same evaluations, EqualSearches).
type MillsSetup struct {
	Space                     arch.Space
	Seeds                     []uint64
	Controls                  int
	ControlSeed               uint64
	Initial, Rounds, PerRound int
}

// MillsTrials runs the trials of one latency source: the released reduced space of its
// kind of hardware (ReleasedFor, with the released stage mutation probabilities) and
// auto, the space the profile seeds agree on (restricting nothing: no auto trial), each
// with the paper's mutation search against the full space and setup.Controls random
// reductions of its size, then each against the full space with NSGA-II at the same
// evaluations (no controls). autoEvaluations is what choosing auto cost.
func MillsTrials(setup MillsSetup, acc, lat *metric.Metric, auto arch.Space, autoEvaluations int, progress func(done, total int)) ([]*SpaceTrial, error) {
	mut, nsga, err := EqualSearches(setup.Initial, setup.Rounds, setup.PerRound)
	if err != nil {
		return nil, err
	}
	var specs []TrialSpec
	if name := arch.ReleasedFor(lat.Name); name != "" {
		rel, err := arch.Released(setup.Space.Family, name)
		if err != nil {
			return nil, err
		}
		sp := rel.Space
		sp.Resolutions = setup.Space.Resolutions
		specs = append(specs, TrialSpec{Name: name, Reduced: sp, StageProbs: rel.StageMutationProbs})
	}
	if len(auto.Drop) > 0 || auto.MaxDepth != nil {
		specs = append(specs, TrialSpec{Name: "auto", Reduced: auto, ProfileEvaluations: autoEvaluations})
	}
	if len(specs) == 0 {
		return nil, fmt.Errorf("trials on %s: no released space for it and the profile seeds agree on no block to drop", lat.Name)
	}
	total := 0
	for range specs {
		total += (2+setup.Controls)*len(setup.Seeds) + 2*len(setup.Seeds)
	}
	done := 0
	step := func() func(int, int) {
		base := done
		return func(d, _ int) {
			if progress != nil {
				progress(base+d, total)
			}
		}
	}
	var out []*SpaceTrial
	for _, s := range specs {
		if setup.Controls > 0 {
			if s.Controls, err = arch.RandomControls(s.Reduced, setup.Controls, setup.ControlSeed); err != nil {
				return nil, err
			}
		}
		t, err := RunSpaceTrial(s, acc, lat, mut, setup.Seeds, step())
		if err != nil {
			return nil, err
		}
		done += (2 + setup.Controls) * len(setup.Seeds)
		s.Controls = nil
		tn, err := RunSpaceTrial(s, acc, lat, nsga, setup.Seeds, step())
		if err != nil {
			return nil, err
		}
		done += 2 * len(setup.Seeds)
		out = append(out, t, tn)
	}
	return out, nil
}
