package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/metric"
	"github.com/nasanalysis/nasanalysis/nasanalysis/search"
)

func runSearch(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("search", "--space S --maximise acc --latency M1,M2 --budget B1,B2 [--constraint each|average|worst] [--drop BLOCKS] --seed K", stderr)
	space := fs.spaceFlag(arch.OFAMBv3, arch.BlockSpaces)
	drop := fs.dropFlag()
	maximise := fs.String("maximise", "acc", "the metric to maximise (eval's names)")
	lats := fs.String("latency", "note10_r224", "comma-separated latency metrics, one per device (eval's names)")
	budgets := fs.String("budget", "25", "comma-separated budgets (ms), one per latency metric")
	constraint := fs.String("constraint", search.Each, "each (every latency within its budget), average or worst (the mean or maximum of latency/budget at most 1)")
	seed := fs.seedFlag(1, "the search")
	pop := fs.Int("population", search.DefaultEvo.Population, "population size")
	gens := fs.Int("generations", search.DefaultEvo.Generations, "generations")
	gpuTrain := fs.Int("gpu-train", 1000, "for gpu_<column>: labelled networks the GPU latency predictor is trained on")
	modelDir := fs.modelDirFlag("for predicted: a latency predictor saved by 'train --dataset ofa-mbv3-measured --model-dir DIR'", "")
	format := fs.formatFlag()
	dataDir := fs.dataFlag()
	if err := fs.parse(args); err != nil {
		return err
	}
	if err := checkSpace(*space, arch.BlockSpaces); err != nil {
		return err
	}
	if err := checkFormat(*format); err != nil {
		return err
	}
	latNames := splitList(*lats)
	var bs []float64
	for _, b := range splitList(*budgets) {
		v, err := strconv.ParseFloat(b, 64)
		if err != nil || !(v > 0) {
			return usagef("--budget %q: want positive numbers (ms)", b)
		}
		bs = append(bs, v)
	}
	if len(bs) != len(latNames) {
		return usagef("--latency has %d metrics but --budget %d budgets", len(latNames), len(bs))
	}
	if *constraint != search.Each && *constraint != search.Average && *constraint != search.Worst {
		return usagef("--constraint %q: want each, average or worst", *constraint)
	}
	if *pop < 4 || *gens < 0 {
		return usagef("need --population >= 4 and --generations >= 0")
	}
	if err := checkMetrics(*space, append([]string{*maximise}, latNames...), *modelDir); err != nil {
		return err
	}
	for _, n := range latNames {
		if n == "measured" {
			return usagef("--latency measured would time every candidate; search with predicted, a table or a GPU predictor")
		}
	}
	reduced, err := reducedSpace(*space, *drop)
	if err != nil {
		return err
	}
	opts := metric.Options{DataDir: *dataDir, ModelDir: *modelDir, GPUTrain: *gpuTrain, GPUSeed: *seed}
	value, err := metric.New(*maximise, *space, opts)
	if err != nil {
		return err
	}
	var lm []*metric.Metric
	for _, n := range latNames {
		m, err := metric.New(n, *space, opts)
		if err != nil {
			return err
		}
		lm = append(lm, m)
	}
	ev, err := search.Constrained(value, lm, bs, *constraint)
	if err != nil {
		return err
	}
	cfg := search.DefaultEvo
	cfg.Population, cfg.Generations, cfg.Seed = *pop, *gens, uint64(*seed)
	bar := newProgress(stderr, *gens+1, "generations")
	res, err := search.Evolve(*space, reduced, ev, cfg, func(int, float64) { bar.Add(1) })
	bar.Clear()
	if err != nil {
		return err
	}
	header := []string{"arch", *maximise}
	row := []any{res.Best.String(), res.Fitness}
	for _, m := range lm {
		v, err := m.Values([]arch.Arch{res.Best})
		if err != nil {
			return err
		}
		header, row = append(header, m.Name), append(row, v[0])
	}
	fmt.Fprintf(stderr, "best after %d generations (%d architectures scored), constraint %s on %s <= %s\n", *gens, res.Evaluated, *constraint, strings.Join(latNames, ","), *budgets)
	return writeRows(stdout, *format, header, [][]any{row})
}
