package main

import (
	"bufio"
	"cmp"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/metric"
	"github.com/nasanalysis/nasanalysis/nasanalysis/search"
)

// constraintList is a repeatable --constraint METRIC<=BUDGET.
type constraintList struct {
	names   []string
	budgets []float64
}

func (c *constraintList) String() string { return "" }

func (c *constraintList) Set(s string) error {
	name, b, ok := strings.Cut(s, "<=")
	v, err := data.ParseNumber(strings.TrimSpace(b), false)
	if !ok || err != nil || !(v > 0) || strings.TrimSpace(name) == "" {
		return fmt.Errorf("want METRIC<=BUDGET with a positive budget, e.g. note10_r224<=28")
	}
	c.names, c.budgets = append(c.names, strings.TrimSpace(name)), append(c.budgets, v)
	return nil
}

func runSearch(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("search", "--space S [--width W] [--res R] [--drop BLOCKS] [--min-depth D,...] [--max-depth D,...] [--reduced NAME] --objective acc --constraint 'note10_r224<=28' [--constraint ...] [--multi average|worst --devices LIST --budgets LIST] --seed K [--format csv|table]\n"+
		"   or: --algorithm mutation|nsga2 --objective acc --latency note10_r224 --res 224 [--evaluations 2100] [--stage-probs P,...] (a Pareto front: arch,<objective>,<latency>, one network per line)\n"+
		"(evolve, the default, prints the architecture found as a JSON line, as sample does, unless --format asks for it with its metrics)", stderr)
	algorithm := fs.String("algorithm", "evolve", "evolve (OFA's constrained evolution: one architecture), mutation (BlockProfile's released random-mutation Pareto search: 100 initial networks, then rounds of 200 mutants of the archive's front) or nsga2 (NSGA-II, population 100, at the same evaluations)")
	latName := fs.String("latency", "", "for mutation and nsga2: the latency metric minimised")
	evaluations := fs.Int("evaluations", search.PaperMutation.Evaluations(), "for mutation and nsga2: networks scored (100 + a multiple of 200; 2100 = the paper's 10 rounds)")
	stageProbs := fs.String("stage-probs", "", "for mutation on a mobile space: each stage's chance of being mutated, 5 values (default: the released space's *_STAGE_WISE_MUTATE_PROBS_ with --reduced, else 0.5 each)")
	sf := fs.spaceFlags(arch.OFAMBv3, arch.BlockSpaces)
	width := fs.Float64("width", 0, "supernet width multiplier of the mobile spaces (0: the space's default, 1.2 for ofa-mbv3, 1.3 for proxylessnas; pn_mobile needs proxylessnas at 1.0)")
	objective := fs.String("objective", "acc", "the metric to maximise (eval's names)")
	var cons constraintList
	fs.Var(&cons, "constraint", "METRIC<=BUDGET (ms, or the metric's unit); repeat for several; every one must hold")
	multi := fs.String("multi", "", "average or worst: Chu et al.'s multi-hardware constraint over --devices with --budgets (the mean or maximum of latency/budget at most 1)")
	devices := fs.String("devices", "", "for --multi: comma-separated latency metrics, one per device")
	budgetList := fs.String("budgets", "", "for --multi: comma-separated budgets, one per device")
	seed := fs.seedFlag(1, "the search")
	pop := fs.intIn("population", search.DefaultEvo.Population, 2, 10000, "population size")
	gens := fs.intIn("generations", search.DefaultEvo.Generations, 1, 100000, "generations")
	res := fs.Int("res", 0, "fix every candidate's resolution (0: searched)")
	gpuTrain := fs.intIn("gpu-train", 1000, 2, maxGPUTrain, "for gpu_<column>: labelled networks the GPU latency predictor is trained on")
	modelDir := fs.modelDirFlag("for predicted: a latency predictor saved by 'train --dataset ofa-mbv3-measured --model-dir DIR'", "")
	format := fs.formatFlag() // given: the architecture with its metrics; not given: a JSON line, as sample prints it
	dataDir := fs.dataFlag()
	sp, err := fs.parseSpace(args, sf, arch.BlockSpaces, width, res, format)
	if err != nil {
		return err
	}
	if *algorithm != "evolve" {
		return runFrontSearch(stdout, stderr, sp, *algorithm, *objective, *latName, *evaluations, *stageProbs, *sf.reduced, *seed,
			metric.Options{DataDir: *dataDir, ModelDir: *modelDir, GPUTrain: *gpuTrain, GPUSeed: *seed}, *format)
	}
	jsonLine := true
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "format" {
			jsonLine = false
		}
	})
	names, budgets, kind := cons.names, cons.budgets, search.Each
	if *multi != "" {
		if *multi != search.Average && *multi != search.Worst {
			return usagef("--multi %q: want average or worst", *multi)
		}
		if len(names) > 0 {
			return usagef("--multi replaces --constraint; give one or the other")
		}
		names, kind = splitList(*devices), *multi
		for _, b := range splitList(*budgetList) {
			v, err := data.ParseNumber(b, false)
			if err != nil || !(v > 0) {
				return usagef("--budgets %q: want positive decimal numbers of milliseconds", b)
			}
			budgets = append(budgets, v)
		}
		if len(names) == 0 || len(budgets) != len(names) {
			return usagef("--multi needs --devices and as many --budgets (got %d and %d)", len(names), len(budgets))
		}
	}
	if len(names) == 0 {
		return usagef("give at least one --constraint METRIC<=BUDGET, or --multi with --devices and --budgets")
	}
	if *pop < 4 || *gens < 0 {
		return usagef("need --population >= 4 and --generations >= 0")
	}
	if err := checkResolutions(sp); err != nil {
		return err
	}
	if err := checkMetrics(sp.Family, append([]string{*objective}, names...), *modelDir); err != nil {
		return err
	}
	for _, n := range append([]string{*objective}, names...) {
		if n == "measured" {
			return usagef("measured would time every candidate; search with predicted, a lookup table or a GPU predictor")
		}
	}
	// Every way the space leaves what the metrics cover, at once, before any is loaded;
	// again once built, when predicted's saved predictor states its resolutions.
	if err := metric.CheckNames(sp, append([]string{*objective}, names...)); err != nil {
		return usageError{err.Error()}
	}
	opts := metric.Options{DataDir: *dataDir, ModelDir: *modelDir, GPUTrain: *gpuTrain, GPUSeed: *seed}
	value, err := metric.New(*objective, sp.Family, opts)
	if err != nil {
		return err
	}
	var lats []*metric.Metric
	for _, n := range names {
		m, err := metric.New(n, sp.Family, opts)
		if err != nil {
			return err
		}
		lats = append(lats, m)
	}
	if err := metric.CheckSpace(sp, append([]*metric.Metric{value}, lats...)); err != nil {
		return usageError{err.Error()}
	}
	ev, err := search.Constrained(value, lats, budgets, kind)
	if err != nil {
		return err
	}
	cfg := search.DefaultEvo
	cfg.Population, cfg.Generations, cfg.Seed = *pop, *gens, *seed
	bar := newProgress(stderr, *gens+1, "generations")
	found, err := search.Evolve(sp, ev, cfg, func(int, float64) { bar.Add(1) })
	bar.Clear()
	if err != nil {
		return err
	}
	if jsonLine {
		w := bufio.NewWriter(stdout)
		fmt.Fprintln(w, found.Best)
		return w.Flush()
	}
	header := []string{"arch", *objective}
	row := []any{found.Best.String(), found.Fitness}
	for _, m := range lats {
		v, err := m.Values([]arch.Arch{found.Best})
		if err != nil {
			return err
		}
		header, row = append(header, m.Name), append(row, v[0])
	}
	return writeRows(stdout, *format, header, [][]any{row})
}

// runFrontSearch is search --algorithm mutation|nsga2: the front of accuracy against one
// latency, one network per line with both objectives.
func runFrontSearch(stdout, stderr io.Writer, sp arch.Space, algorithm, objective, latName string, evaluations int, stageProbs, reduced string, seed uint64, opts metric.Options, format string) error {
	if latName == "" {
		return usagef("--algorithm %s needs --latency, the latency metric minimised", algorithm)
	}
	fsearch, err := frontSearch(algorithm, evaluations)
	if err != nil {
		return err
	}
	if len(sp.Resolutions) != 1 && sp.Family != arch.NB201 {
		return usagef("--algorithm %s: give one resolution (--res), as a front is at one", algorithm)
	}
	if stageProbs != "" {
		if algorithm != search.AlgorithmMutation {
			return usagef("--stage-probs is a setting of --algorithm mutation")
		}
		for _, p := range splitList(stageProbs) {
			v, err := data.ParseNumber(p, false)
			if err != nil || !(v > 0 && v <= 1) {
				return usagef("--stage-probs %q: want probabilities in (0, 1]", p)
			}
			fsearch.Mutation.StageProbs = append(fsearch.Mutation.StageProbs, v)
		}
	} else if reduced != "" {
		rel, err := arch.Released(sp.Family, reduced)
		if err != nil {
			return usagef("--reduced: %v", err)
		}
		fsearch.Mutation.StageProbs = rel.StageMutationProbs
	}
	names := []string{objective, latName}
	if err := checkMetrics(sp.Family, names, opts.ModelDir); err != nil {
		return err
	}
	if err := metric.CheckNames(sp, names); err != nil {
		return usageError{err.Error()}
	}
	acc, err := metric.New(objective, sp.Family, opts)
	if err != nil {
		return err
	}
	lat, err := metric.New(latName, sp.Family, opts)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "%s on %s, seed %d\n", fsearch, sp, seed)
	front, err := fsearch.Run(sp, search.AccuracyLatency(acc, lat), seed)
	if err != nil {
		return err
	}
	rows := make([][]any, len(front.Archs))
	for i, a := range front.Archs {
		rows[i] = []any{a.String(), -front.Points[i][0], front.Points[i][1]}
	}
	slices.SortStableFunc(rows, func(a, b []any) int { return cmp.Compare(a[2].(float64), b[2].(float64)) }) // cheapest first
	return writeRows(stdout, format, []string{"arch", objective, latName}, rows)
}
