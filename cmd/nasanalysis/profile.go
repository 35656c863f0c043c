package main

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/metric"
	"github.com/nasanalysis/nasanalysis/nasanalysis/profile"
)

func runProfile(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("profile", "--space S --metrics LIST --n N --seed K [--res R] [--width W] [--drop BLOCKS] [--min-depth D,...] [--max-depth D,...] [--reduced NAME] [--blocks all|STAGE:LAYER:k<K>e<E>,...] [--format csv|table]", stderr)
	sf := fs.spaceFlags(arch.OFAMBv3, arch.BlockSpaces)
	metrics := fs.String("metrics", "acc,flops", "comma-separated metrics, named as eval names them (see eval --help)")
	n := fs.Int("n", 100, "random architectures per block fix and in the baseline")
	seed := fs.seedFlag(1, "every group's sampling and bootstrap")
	res := fs.Int("res", 0, "input resolution of every architecture (0: sampled with the rest)")
	width := fs.Float64("width", 0, "supernet width multiplier of the mobile spaces (0: the space's default; pn_mobile needs proxylessnas at 1.0)")
	blocks := fs.String("blocks", "all", "block fixes to profile: all, or a list of STAGE:LAYER:BLOCK (0-based; BLOCK a token such as k7e6, or e0.25 for ofa-resnet50)")
	fixRes := fs.Bool("fix-res", false, "add one group per resolution of the space (resolution fixed, blocks random)")
	deepen := fs.String("deepen", "include", "how a fix at a deep layer makes its block exist: include (raise the depth to layer+1) or released (to layer, as BlockProfile's code: the block is then often absent)")
	modelDir := fs.modelDirFlag("for predicted: a latency predictor saved by 'train --dataset ofa-mbv3-measured --model-dir DIR'", "")
	measured := fs.measuredFlags()
	gpuTrain := fs.intIn("gpu-train", 1000, 2, maxGPUTrain, "for gpu_<column>: labelled networks the GPU latency predictor is trained on")
	seeds := fs.seedsFlag(1, fmt.Sprintf("--seed .. --seed+N-1 (at most %d); above 1, print instead per metric and block the share of seeds whose profile drops it (metric,block,drop_share,agreed), the first metric being the accuracy", maxProfileSeeds))
	agree := fs.Float64("agree", 0.8, "with --seeds: the share of seeds that must drop a block for it to be agreed")
	format := fs.formatFlag()
	dataDir := fs.dataFlag()
	sp, err := fs.parseSpace(args, sf, arch.BlockSpaces, width, res, format)
	if err != nil {
		return err
	}
	if *seeds < 1 || *seeds > maxProfileSeeds || !(*agree > 0 && *agree <= 1) {
		return usagef("--seeds %d and --agree %v: want 1..%d seeds and a share in (0, 1]", *seeds, *agree, maxProfileSeeds)
	}
	if *n < 2 {
		return usagef("--n must be >= 2, got %d", *n)
	}
	if *n > 100000 {
		return usagef("--n %d: at most 100000 architectures per group", *n)
	}
	if len(sp.Resolutions) > 1 {
		return usagef("--space %s: profile samples at one resolution (--res), or with --fix-res one group per resolution of the family", sp)
	}
	cfg := profile.Config{Space: sp, N: *n, Seed: *seed}
	switch *deepen {
	case "include":
		cfg.Deepen = arch.DeepenToInclude
	case "released":
		cfg.Deepen = arch.DeepenAsReleased
	default:
		return usagef("--deepen %q: want include or released", *deepen)
	}
	if err := checkResolutions(sp); err != nil {
		return err
	}
	fixes, err := parseFixes(sp.Family, *blocks)
	if err != nil {
		return err
	}
	for _, f := range fixes {
		if err := sp.CheckFix(f, cfg.Deepen); err != nil {
			return usagef("--blocks: %v", err)
		}
	}
	cfg.Fixes = fixes
	// The space the metrics must cover: every group's resolution, --fix-res's too.
	// (checkResolutions made --res one of --fix-res's).
	covered := sp
	if *fixRes {
		cfg.ResolutionGroups = spaceResolutions(sp.Family)
		covered.Resolutions = nil
	}
	names := splitList(*metrics)
	if err := checkMetrics(sp.Family, names, *modelDir); err != nil {
		return err
	}
	if *gpuTrain < 2 {
		return usagef("need --gpu-train >= 2")
	}
	// Every way the space leaves what the metrics cover, at once, before any is loaded;
	// again once built, when predicted's saved predictor states its resolutions.
	if err := metric.CheckNames(covered, names); err != nil {
		return usageError{err.Error()}
	}
	groups := 1 + len(cfg.Fixes) + len(cfg.ResolutionGroups)
	if cfg.Fixes == nil {
		all, _ := arch.Fixes(sp.Family)
		groups = 1 + len(slices.DeleteFunc(all, func(f arch.Fix) bool { return sp.CheckFix(f, cfg.Deepen) != nil })) + len(cfg.ResolutionGroups)
	}
	bar := newProgress(stderr, groups*cfg.N*len(names), "profiling")
	// Deterministic metrics report per batch (Config.Progress sets the total so far);
	// measured latency per network (Options.Progress adds one).
	cfg.Progress = func(done, total int) { bar.Set(done) }
	opts := metric.Options{DataDir: *dataDir, ModelDir: *modelDir, GPUTrain: *gpuTrain, GPUSeed: *seed,
		Progress: func() { bar.Add(1) }}
	if err := measured.options(&opts); err != nil {
		return err
	}
	for _, name := range names {
		m, err := metric.New(name, sp.Family, opts)
		if err != nil {
			return err
		}
		if strings.HasPrefix(name, "gpu_") {
			fmt.Fprintf(stderr, "%s: %s\n", name, m.About)
		}
		cfg.Metrics = append(cfg.Metrics, m)
	}
	if err := metric.CheckSpace(covered, cfg.Metrics); err != nil {
		return usageError{err.Error()}
	}

	if *seeds > 1 {
		return profileAgreement(stdout, stderr, cfg, names, *seeds, *agree, *format)
	}
	r, err := profile.Run(cfg)
	bar.Clear()
	if err != nil {
		return err
	}
	header, rows := r.Table()
	return writeRows(stdout, *format, header, rows)
}

// parseFixes reads --blocks: "all" (nil: every fix of the space) or STAGE:LAYER:BLOCK
// items, each checked against the space's fixes.
func parseFixes(space, list string) ([]arch.Fix, error) {
	if strings.TrimSpace(list) == "all" {
		return nil, nil
	}
	all, err := arch.Fixes(space)
	if err != nil {
		return nil, usageError{err.Error()}
	}
	var out []arch.Fix
	for _, item := range strings.Split(list, ",") {
		parts := strings.Split(strings.TrimSpace(item), ":")
		if len(parts) != 3 {
			return nil, usagef("--blocks item %q: want STAGE:LAYER:BLOCK, e.g. 2:3:k7e6", item)
		}
		s, err1 := strconv.Atoi(parts[0])
		l, err2 := strconv.Atoi(parts[1])
		bs, err3 := arch.ParseBlocks(space, parts[2])
		if err1 != nil || err2 != nil || err3 != nil || len(bs) != 1 {
			return nil, usagef("--blocks item %q: want STAGE:LAYER:BLOCK with integer stage and layer and one block of %s (%v)", item, space, err3)
		}
		f := arch.Fix{Stage: s, Layer: l, Block: bs[0]}
		if !slices.Contains(all, f) {
			return nil, usagef("--blocks item %q: %s has no position stage %d layer %d", item, space, s, l)
		}
		out = append(out, f)
	}
	return out, nil
}

// spaceResolutions are the resolutions a space samples.
func spaceResolutions(space string) []int {
	if space == arch.OFAResNet50 {
		return arch.ResNetResolutions
	}
	return arch.MBResolutions
}

// checkResolutions refuses a resolution of the space that its family is not sampled at
// (--res 0, or none in --space, samples them).
func checkResolutions(sp arch.Space) error {
	for _, r := range sp.Resolutions {
		if !slices.Contains(spaceResolutions(sp.Family), r) {
			return usagef("--res %d: want one of %v (or 0: sampled)", r, spaceResolutions(sp.Family))
		}
	}
	return nil
}

// profileAgreement is profile --seeds N: cfg profiled with seeds cfg.Seed.., and per
// device metric (every metric after the first, the accuracy) and block, the share of
// seeds whose reduction drops it.
func profileAgreement(stdout, stderr io.Writer, cfg profile.Config, names []string, seeds int, agree float64, format string) error {
	if len(names) < 2 {
		return usagef("--seeds %d: give the accuracy and at least one latency metric (--metrics acc,note10_r224)", seeds)
	}
	if cfg.Fixes != nil || cfg.ResolutionGroups != nil {
		return usagef("--seeds profiles every block fix: leave out --blocks and --fix-res")
	}
	list := make([]uint64, seeds)
	for i := range list {
		list[i] = cfg.Seed + uint64(i)
		if list[i] < cfg.Seed {
			return usagef("--seed %d + --seeds %d overflows a uint64", cfg.Seed, seeds)
		}
	}
	cfg.Progress = nil
	bar := newProgress(stderr, seeds, "profile seeds")
	ds, err := profile.AgreeOnConfig(cfg, names[0], names[1:], list, agree, func(done, _ int) { bar.Set(done) })
	bar.Clear()
	if err != nil {
		return err
	}
	var rows [][]any
	for _, d := range ds {
		fmt.Fprintln(stderr, profile.AgreementSentence(d))
		agreed := d.Drop()
		for i, b := range d.Blocks {
			rows = append(rows, []any{d.Device, b.String(), d.Share(i), strconv.FormatBool(slices.Contains(agreed, b))})
		}
	}
	return writeRows(stdout, format, []string{"metric", "block", "drop_share", "agreed"}, rows)
}
