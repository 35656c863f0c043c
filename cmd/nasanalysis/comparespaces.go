package main

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/metric"
	"github.com/nasanalysis/nasanalysis/nasanalysis/profile"
	"github.com/nasanalysis/nasanalysis/nasanalysis/search"
)

// Bounds of compare-spaces' counts: within them one run fits in memory and hours.
const (
	maxCompareSeeds    = 100
	maxCompareControls = 100
	maxEvaluations     = 1_000_000
	maxProfileSeeds    = 100
)

// releasedInitial and releasedPerRound are the released mutation search's initial set
// and mutants per round; --evaluations sets the rounds (search.PaperMutation).
var releasedInitial, releasedPerRound = search.PaperMutation.Initial, search.PaperMutation.PerRound

// frontSearch is the protocol --search (or --algorithm) names at n evaluations: the
// released mutation search with 100 initial networks and rounds of 200 mutants, or
// NSGA-II with a population of 100 over the same number of evaluations.
func frontSearch(algorithm string, n int) (search.FrontSearch, error) {
	if n < releasedInitial+releasedPerRound || n > maxEvaluations || (n-releasedInitial)%releasedPerRound != 0 {
		return search.FrontSearch{}, usagef("--evaluations %d: want %d + a multiple of %d (the released search's initial networks and mutants per round), at most %d, e.g. 2100 (the paper's 10 rounds)",
			n, releasedInitial, releasedPerRound, maxEvaluations)
	}
	mut, nsga, err := search.EqualSearches(releasedInitial, (n-releasedInitial)/releasedPerRound, releasedPerRound)
	if err != nil {
		return search.FrontSearch{}, err
	}
	switch algorithm {
	case search.AlgorithmMutation:
		return mut, nil
	case search.AlgorithmNSGA2:
		return nsga, nil
	}
	return search.FrontSearch{}, usagef("--search %q: want %s or %s", algorithm, search.AlgorithmMutation, search.AlgorithmNSGA2)
}

// parseReduction reads compare-spaces' --reduced other than a released name or auto:
// "drop=k7e3+k7e4;max-depth=3-4-4-4-4;min-depth=..." ('+' or ',' between blocks, '-'
// or ',' between depths).
func parseReduction(full arch.Space, text string) (arch.Space, error) {
	sp := full
	for _, part := range strings.Split(text, ";") {
		key, value, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return arch.Space{}, usagef("--reduced %q: item %q is not KEY=VALUE (keys drop, max-depth, min-depth), a released name (%s) or auto", text, part, strings.Join(arch.ReleasedSpaceNames(full.Family), ", "))
		}
		switch key {
		case "drop":
			bs, err := arch.ParseBlocks(full.Family, strings.ReplaceAll(value, "+", ","))
			if err != nil {
				return arch.Space{}, usagef("--reduced drop=%s: %v", value, err)
			}
			sp.Drop = bs
		case "max-depth", "min-depth":
			v, err := arch.ParseInts(strings.ReplaceAll(value, "-", ","))
			if err != nil {
				return arch.Space{}, usagef("--reduced %s=%s: %v", key, value, err)
			}
			if key == "max-depth" {
				sp.MaxDepth = v
			} else {
				sp.MinDepth = v
			}
		default:
			return arch.Space{}, usagef("--reduced %q: unknown key %q (want drop, max-depth or min-depth)", text, key)
		}
	}
	if err := sp.Validate(); err != nil {
		return arch.Space{}, usagef("--reduced %q: %v", text, err)
	}
	return sp, nil
}

func runCompareSpaces(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("compare-spaces", "--space ofa-mbv3 --objective acc --latency note10_r224 --reduced bp-note10|auto|'drop=k7e3+k7e4;max-depth=3-4-4-4-4' [--controls 10] [--seeds 10] [--search mutation|nsga2] [--evaluations 2100] [--summary] [--format csv|table]\n"+
		"(Mills et al.'s claim judged: the full space, the reduced space and --controls random reductions of the same size, each searched once per seed with the same protocol and seeds, fronts scored against one reference point. Rows: seed,arm,hypervolume,evaluations,profile_evaluations,dropped,max_depth; hypervolume is a share of the reference box.)", stderr)
	sf := fs.spaceFlags(arch.OFAMBv3, []string{arch.OFAMBv3})
	res := fs.Int("res", 224, "input resolution of every network (one resolution: the reference point and budgets are at it)")
	objective := fs.String("objective", "acc", "the accuracy metric maximised")
	latName := fs.String("latency", "", "the latency metric minimised (required; eval's names, e.g. note10_r224, gpu_2080ti_64, flops, predicted)")
	controls := fs.Int("controls", 10, fmt.Sprintf("random reduced spaces of the same size (arch.RandomControls), at most %d", maxCompareControls))
	controlSeed := fs.Uint64("control-seed", 1, "random seed (uint64) of the controls' draw")
	seeds := fs.seedsFlag(10, "1..N in every arm")
	algorithm := fs.String("search", search.AlgorithmMutation, "front search: mutation (BlockProfile's released random-mutation search) or nsga2")
	evaluations := fs.Int("evaluations", search.PaperMutation.Evaluations(), "networks each search scores (100 + a multiple of 200; 2100 = the paper's 10 rounds)")
	summary := fs.Bool("summary", false, "print arm,n_seeds,diff_pct,lo_pct,hi_pct,rank: each arm's paired hypervolume difference from full in % of full's mean, 95 % t-interval, and its rank by mean hypervolume among the reduced space and the controls (1 = highest)")
	agree := fs.Float64("agree", 0.8, "for --reduced auto: the share of profile seeds that must drop a block")
	profileSeeds := fs.Int("profile-seeds", 10, fmt.Sprintf("for --reduced auto: profile seeds 1..N (at most %d)", maxProfileSeeds))
	profileN := fs.Int("profile-n", 100, "for --reduced auto: networks per group of each profile")
	gpuTrain := fs.intIn("gpu-train", 1000, 2, maxGPUTrain, "for gpu_<column>: labelled networks the GPU latency predictor is trained on")
	modelDir := fs.modelDirFlag("for predicted: a latency predictor saved by 'train --dataset ofa-mbv3-measured --model-dir DIR'", "")
	format := fs.formatFlag()
	dataDir := fs.dataFlag()
	reducedText := sf.reduced
	sf.reduced = new(string) // --reduced is read here: a released name, auto, or drop=...;max-depth=...
	full, err := fs.parseSpace(args, sf, []string{arch.OFAMBv3}, nil, res, format)
	if err != nil {
		return err
	}
	given := strings.TrimSpace(*reducedText)
	switch {
	case *latName == "":
		return usagef("--latency is required (the latency metric minimised)")
	case given == "":
		return usagef("--reduced is required: a released name (%s), auto or 'drop=...;max-depth=...'", strings.Join(arch.ReleasedSpaceNames(full.Family), ", "))
	case *seeds < 2 || *seeds > maxCompareSeeds:
		return usagef("--seeds %d: want 2..%d (paired intervals need two)", *seeds, maxCompareSeeds)
	case *controls < 0 || *controls > maxCompareControls:
		return usagef("--controls %d: want 0..%d", *controls, maxCompareControls)
	case *profileSeeds < 1 || *profileSeeds > maxProfileSeeds || *profileN < 2 || *profileN > 100000:
		return usagef("--profile-seeds %d and --profile-n %d: want 1..%d and 2..100000", *profileSeeds, *profileN, maxProfileSeeds)
	case !(*agree > 0 && *agree <= 1):
		return usagef("--agree %v: want a share in (0, 1]", *agree)
	case *gpuTrain < 2:
		return usagef("--gpu-train %d: want >= 2", *gpuTrain)
	}
	fsearch, err := frontSearch(*algorithm, *evaluations)
	if err != nil {
		return err
	}
	if full.Restricted() && (len(full.Drop) > 0 || full.MinDepth != nil || full.MaxDepth != nil) {
		return usagef("--space %s: the full space is the family at a width and resolution; give the reduction with --reduced", full)
	}
	names := []string{*objective, *latName}
	if err := checkMetrics(full.Family, names, *modelDir); err != nil {
		return err
	}
	if err := metric.CheckNames(full, names); err != nil {
		return usageError{err.Error()}
	}
	opts := metric.Options{DataDir: *dataDir, ModelDir: *modelDir, GPUTrain: *gpuTrain, GPUSeed: 1}
	acc, err := metric.New(*objective, full.Family, opts)
	if err != nil {
		return err
	}
	lat, err := metric.New(*latName, full.Family, opts)
	if err != nil {
		return err
	}
	spec := search.TrialSpec{Name: given}
	switch {
	case given == "auto":
		pspec := profile.Spec{Space: full, N: *profileN, Metrics: names}
		bar := newProgress(stderr, *profileSeeds, "profiling")
		ag, err := profile.AgreeOnDrops(pspec, opts, *objective, []string{*latName}, seedRange(*profileSeeds), *agree, func(done, _ int) { bar.Set(done) })
		bar.Clear()
		if err != nil {
			return err
		}
		fmt.Fprintln(stderr, profile.AgreementSentence(ag[0]))
		if spec.Reduced, err = ag[0].Reduced(); err != nil {
			return err
		}
		spec.ProfileEvaluations = ag[0].Evaluations
		if len(ag[0].Drop()) == 0 {
			return fmt.Errorf("--reduced auto: the profile seeds agree on no block to drop on %s, so there is no reduced space to compare", *latName)
		}
	case strings.Contains(given, "="):
		if spec.Reduced, err = parseReduction(full, given); err != nil {
			return err
		}
	default:
		rel, err := arch.Released(full.Family, given)
		if err != nil {
			return usagef("--reduced: %v", err)
		}
		spec.Reduced, spec.StageProbs = rel.Space, rel.StageMutationProbs
		spec.Reduced.Resolutions = full.Resolutions
		if full.Width != 0 && full.Width != rel.Space.Width {
			return usagef("--reduced %s is at width %v; --space gives %v", given, rel.Space.Width, full.Width)
		}
	}
	if *controls > 0 {
		if spec.Controls, err = arch.RandomControls(spec.Reduced, *controls, *controlSeed); err != nil {
			return err
		}
	}
	arms := 2 + len(spec.Controls)
	bar := newProgress(stderr, arms**seeds, "searching")
	trial, err := search.RunSpaceTrial(spec, acc, lat, fsearch, seedRange(*seeds), func(done, _ int) { bar.Set(done) })
	bar.Clear()
	if err != nil {
		return err
	}
	if *summary {
		return writeTrialSummary(stdout, *format, trial)
	}
	var rows [][]any
	for _, a := range trial.Arms {
		dropped, caps := search.ReductionWords(a.Space)
		pe := 0
		if a.Name == search.ArmReduced {
			pe = trial.ProfileEvaluations
		}
		for s, seed := range trial.Seeds {
			rows = append(rows, []any{seed, a.Name, a.HV[s], a.Evaluations, pe, dropped, caps})
		}
	}
	return writeRows(stdout, *format, []string{"seed", "arm", "hypervolume", "evaluations", "profile_evaluations", "dropped", "max_depth"}, rows)
}

// writeTrialSummary prints --summary's rows.
func writeTrialSummary(w io.Writer, format string, t *search.SpaceTrial) error {
	sum, err := t.Summary()
	if err != nil {
		return err
	}
	var rows [][]any
	for _, s := range sum {
		if s.Arm == search.ArmFull {
			rows = append(rows, []any{s.Arm, s.Seeds, math.NaN(), math.NaN(), math.NaN(), ""})
			continue
		}
		rows = append(rows, []any{s.Arm, s.Seeds, s.Diff.Estimate, s.Diff.Lo, s.Diff.Hi, s.Rank})
	}
	return writeRows(w, format, []string{"arm", "n_seeds", "diff_pct", "lo_pct", "hi_pct", "rank"}, rows)
}

// seedRange is seeds 1..n.
func seedRange(n int) []uint64 {
	out := make([]uint64, n)
	for i := range out {
		out[i] = uint64(i + 1)
	}
	return out
}
