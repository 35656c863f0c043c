package search

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/pareto"
)

// MutationConfig sets BlockProfile's random-mutation Pareto search (Mills et al.,
// CIKM 2021; github.com/Ascend-Research/BlockProfile@0a1d11d,
// search/rm_search/run_ofa_mbv3_rm_pareto_search.py and ea/model_rm_custom.py,
// rm_pareto_search): Initial distinct random networks, then Rounds rounds, each
// mutating the archive's current Pareto front into PerRound networks distinct within
// the round; every evaluated network stays in the archive, and the result is the
// archive's front.
type MutationConfig struct {
	Initial, Rounds, PerRound int
	// StageProbs is each stage's chance of being mutated (the released
	// *_STAGE_WISE_MUTATE_PROBS_*; nil: 0.5 for every stage, the released default
	// -stage_mutate_prob). Mobile families only.
	StageProbs []float64
	Seed       uint64
}

// PaperMutation is the released search's setting: -random_init_set_size 100,
// -num_iterations 10, -eval_budget 200 (2,100 evaluations).
var PaperMutation = MutationConfig{Initial: 100, Rounds: 10, PerRound: 200}

// Evaluations is the number of networks the search scores.
func (c MutationConfig) Evaluations() int { return c.Initial + c.Rounds*c.PerRound }

// defaultStageProb is the released uniform stage mutation probability.
const defaultStageProb = 0.5

// maxAttempts bounds the draws spent looking for one new distinct network (the released
// max_n_per_arch_attempts and max_n_total_attempts are both 100).
const maxAttempts = 100

// Mutation runs the random-mutation search on space with the objectives (minimised). A
// mobile network is mutated as the released OFAStageLevelMutator does: each stage is
// chosen with its StageProbs chance (drawn again until at least one is), and each chosen
// stage adds a block (a random kept block at a random place), removes one or swaps one
// for another kept block, whichever its depth bounds allow. Other families resample
// each choice with probability 0.2 until the network changes. progress, if not nil, is
// called after the initial set (round 0) and each round.
func Mutation(space arch.Space, obj Objectives, cfg MutationConfig, progress func(round int)) (*FrontResult, error) {
	if cfg.Initial < 1 || cfg.Rounds < 0 || cfg.PerRound < 1 {
		return nil, fmt.Errorf("mutation search: need initial >= 1, rounds >= 0 and per-round >= 1; got %+v", cfg)
	}
	if err := space.Validate(); err != nil {
		return nil, fmt.Errorf("mutation search: %w", err)
	}
	probs, err := stageProbs(space, cfg.StageProbs)
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x3a7))
	ar := &archive{index: map[string]int{}}
	var batch []arch.Arch
	seen := map[string]bool{}
	for tries := 0; len(batch) < cfg.Initial; tries++ {
		if tries > cfg.Initial*maxAttempts {
			return nil, fmt.Errorf("mutation search: found only %d distinct networks of %s for the initial set of %d", len(batch), space, cfg.Initial)
		}
		a, err := space.Sample(rng)
		if err != nil {
			return nil, err
		}
		if k := ArchKey(a); !seen[k] {
			seen[k] = true
			batch = append(batch, a)
		}
	}
	for round := 0; ; round++ {
		if err := ar.add(batch, obj); err != nil {
			return nil, err
		}
		if progress != nil {
			progress(round)
		}
		if round == cfg.Rounds {
			break
		}
		front, err := ar.front()
		if err != nil {
			return nil, err
		}
		if batch, err = mutants(space, ar.parentsOf(front), cfg.PerRound, probs, rng); err != nil {
			return nil, err
		}
	}
	front, err := ar.front()
	if err != nil {
		return nil, err
	}
	res := &FrontResult{Evaluated: ar.evaluated}
	for _, i := range front {
		res.Archs, res.Points = append(res.Archs, ar.archs[i]), append(res.Points, ar.points[i])
	}
	return res, nil
}

// stageProbs checks per-stage probabilities against the space (nil: the default).
func stageProbs(space arch.Space, probs []float64) ([]float64, error) {
	depths := space.Depths()
	if probs == nil {
		probs = make([]float64, len(depths))
		for i := range probs {
			probs[i] = defaultStageProb
		}
		return probs, nil
	}
	if len(probs) != len(depths) {
		return nil, fmt.Errorf("mutation search: %d stage probabilities for the %d stages of %s", len(probs), len(depths), space.Family)
	}
	for i, p := range probs {
		if !(p > 0 && p <= 1) {
			return nil, fmt.Errorf("mutation search: stage %d probability %v, want (0, 1]", i, p)
		}
	}
	return probs, nil
}

// archive holds every evaluated network once (the released ArchParetoFront's
// _arch2perfs: a network evaluated again keeps its latest objectives).
type archive struct {
	archs     []arch.Arch
	points    [][]float64
	index     map[string]int
	evaluated int
}

func (ar *archive) add(as []arch.Arch, obj Objectives) error {
	pts, err := obj(as)
	if err == nil && len(pts) != len(as) {
		err = fmt.Errorf("mutation search: %d objective rows for %d architectures", len(pts), len(as))
	}
	if err != nil {
		return err
	}
	ar.evaluated += len(as)
	for i, a := range as {
		k := ArchKey(a)
		if j, ok := ar.index[k]; ok {
			ar.points[j] = pts[i]
			continue
		}
		ar.index[k] = len(ar.archs)
		ar.archs, ar.points = append(ar.archs, a), append(ar.points, pts[i])
	}
	return nil
}

// front is the archive's non-dominated networks, in archive order.
func (ar *archive) front() ([]int, error) {
	f, err := pareto.FrontK(ar.points)
	if err != nil {
		return nil, err
	}
	slices.Sort(f)
	return f, nil
}

// mutants draws up to n networks distinct within the round, as the released
// mutate_archs does: sweeps over the parents, one mutant each (retrying a duplicate up
// to maxAttempts times), until n are found or a sweep adds none maxAttempts times;
// then shuffled.
func mutants(space arch.Space, parents []arch.Arch, n int, probs []float64, rng *rand.Rand) ([]arch.Arch, error) {
	var out []arch.Arch
	seen := map[string]bool{}
	for idle := 0; len(out) < n && idle < maxAttempts; {
		added := false
		for _, p := range parents {
			if len(out) == n {
				break
			}
			for try := 0; try < maxAttempts; try++ {
				m, err := mutateOnce(space, p, probs, rng)
				if err != nil {
					return nil, err
				}
				if k := ArchKey(m); !seen[k] {
					seen[k], added = true, true
					out = append(out, m)
					break
				}
			}
		}
		if added {
			idle = 0
		} else {
			idle++
		}
	}
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out, nil
}

// parentsOf is the archive networks at the front's indices.
func (ar *archive) parentsOf(front []int) []arch.Arch {
	out := make([]arch.Arch, len(front))
	for k, i := range front {
		out[k] = ar.archs[i]
	}
	return out
}

// mutateOnce is one released-style mutation of a (StageMutate for mobile networks).
func mutateOnce(space arch.Space, a arch.Arch, probs []float64, rng *rand.Rand) (arch.Arch, error) {
	if mb, ok := a.(arch.MBArch); ok {
		return StageMutate(space, mb, probs, rng)
	}
	for try := 0; try < maxAttempts; try++ {
		m, err := mutate(a, rng, 0.2)
		if err != nil {
			return nil, err
		}
		if m, err = space.Repair(m, rng); err != nil {
			return nil, err
		}
		if ArchKey(m) != ArchKey(a) {
			return m, nil
		}
	}
	return a, nil
}

// StageMutate is BlockProfile's OFAStageLevelMutator.mutate on a mobile network of
// space (arch_mutator.py): every stage is chosen with probability probs[stage], all
// drawn again until at least one is; each chosen stage then adds, removes or swaps one
// block, uniformly among the moves its depth bounds (space.Depths) allow. An added
// block is a random kept block (space.Keep) inserted at a random place among the
// stage's active layers; a swap replaces one active layer's block with a different kept
// block. Inactive slots hold kept blocks, so the result lies in the space.
func StageMutate(space arch.Space, a arch.MBArch, probs []float64, rng *rand.Rand) (arch.MBArch, error) {
	depths, keep := space.Depths(), space.Keep()
	if len(probs) != len(a.D) || len(depths) != len(a.D) {
		return arch.MBArch{}, fmt.Errorf("stage mutation: %d probabilities and %d depth ranges for %d stages", len(probs), len(depths), len(a.D))
	}
	slots := len(a.KS) / len(a.D)
	b := a.Clone()
	var chosen []int
	for len(chosen) == 0 {
		for s, p := range probs {
			if rng.Float64() < p {
				chosen = append(chosen, s)
			}
		}
	}
	for _, s := range chosen {
		lo, hi := slices.Min(depths[s]), slices.Max(depths[s])
		if b.D[s] < lo || b.D[s] > hi {
			return arch.MBArch{}, fmt.Errorf("stage mutation: %s has depth %d in stage %d, outside the space's %d..%d", a, b.D[s], s, lo, hi)
		}
		moves := []string{}
		if b.D[s] < hi {
			moves = append(moves, "add")
		}
		if b.D[s] > lo {
			moves = append(moves, "remove")
		}
		moves = append(moves, "swap")
		ks, es := b.KS[s*slots:(s+1)*slots], b.E[s*slots:(s+1)*slots]
		switch moves[rng.IntN(len(moves))] {
		case "add":
			at, nb := rng.IntN(b.D[s]+1), keep[rng.IntN(len(keep))]
			copy(ks[at+1:], ks[at:slots-1])
			copy(es[at+1:], es[at:slots-1])
			ks[at], es[at] = nb.Kernel, int(nb.Expand)
			b.D[s]++
		case "remove":
			at := rng.IntN(b.D[s])
			k, e := ks[at], es[at]
			copy(ks[at:], ks[at+1:])
			copy(es[at:], es[at+1:])
			ks[slots-1], es[slots-1] = k, e // a kept block, now inactive
			b.D[s]--
		case "swap":
			at := rng.IntN(b.D[s])
			var others []arch.Block
			for _, k := range keep {
				if k != (arch.Block{Kernel: ks[at], Expand: float64(es[at])}) {
					others = append(others, k)
				}
			}
			if len(others) > 0 {
				nb := others[rng.IntN(len(others))]
				ks[at], es[at] = nb.Kernel, int(nb.Expand)
			}
		}
	}
	return b, nil
}

// ArchKey identifies a network by what it computes: for a mobile network its
// resolution, width, depths and the kernel and expand ratio of its active layers only
// (two networks that differ in unused slots are one network); otherwise its text.
func ArchKey(a arch.Arch) string {
	mb, ok := a.(arch.MBArch)
	if !ok {
		return a.String()
	}
	var sb strings.Builder
	sb.WriteString(strconv.Itoa(mb.R) + "|" + strconv.FormatFloat(mb.Width(), 'g', -1, 64))
	slots := len(mb.KS) / len(mb.D)
	for s, d := range mb.D {
		sb.WriteString("|")
		for l := range d {
			sb.WriteString(strconv.Itoa(mb.KS[s*slots+l]) + "." + strconv.Itoa(mb.E[s*slots+l]) + ",")
		}
	}
	return sb.String()
}
