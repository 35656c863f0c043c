// Package metric computes, by name, the per-architecture numbers the studies compare:
// predicted accuracy, MACs, FLOPs, parameters, lookup-table latencies, a GPU latency
// predictor, this machine's latency predicted or measured. Every metric evaluates a
// batch of architectures at once and is named as `nasanalysis eval --metrics` names it,
// so the command line, the profiling study and search share one definition of each.
//
// Names, per design space (Names lists them):
//
//   - acc: OFA's released predictor's top-1 ImageNet accuracy, % (ofa-mbv3 at width 1.2
//     and 128..224 px in steps of 4; ofa-resnet50 at its predictor's eight resolutions;
//     there is none for proxylessnas);
//   - macs: multiply-accumulates, millions; flops: 2 x macs, millions; params:
//     parameters, millions;
//   - flops_bp (ofa-mbv3): FLOPs, millions, as BlockProfile's published figure counts
//     them: twice OFA's tutorial FLOPsTable count (arch.MBArch.FLOPsTableCount), which
//     costs its own w1.2 layer list (int(round(c x 1.2)) channels, not OFA's
//     make_divisible) at 160..224 px in steps of 16; flops is 5 % above it;
//   - note10_r<RES> (ofa-mbv3): OFA's Samsung Note10 lookup-table latency, ms, of the
//     architecture at RES px (160, 176, 192, 208 or 224); note10: at its own resolution,
//     which must be one of those;
//   - pn_mobile (proxylessnas): ProxylessNAS's mobile lookup-table latency, ms (width
//     1.0, 224 px);
//   - gpu_<column> (ofa-mbv3): a latency predictor (ms) trained on that column of HELP's
//     ofa/gpu_latency.csv (e.g. gpu_titan_rtx_1), its held-out SRCC stated in About;
//   - predicted (ofa-mbv3): this machine's latency, ms, by a predictor saved with
//     `train --dataset ofa-mbv3-measured --model-dir DIR`;
//   - measured: this machine's latency, ms, timed by an inference engine.
//
// Width: an OFA-MobileNetV3 architecture without "w" is a network of OFA's width-1.2
// supernet (arch.MBv3.DefaultWidth), not of MobileNetV3-Large's 1.0. The cost metrics
// and measured latency follow each network's own width; acc, note10, note10_r<RES>,
// gpu_<column> and predicted describe the width-1.2 supernet only and refuse another
// width. Each metric's About states the width it assumes.
//
// Resolution: the networks run at any resolution from 32 to 1024 px, and MACs, FLOPs,
// parameters, measured latency and note10_r<RES> are defined at all of them. The others
// rest on data that covers fixed resolutions (Metric.Covers.Resolutions): OFA's
// accuracy predictors, the lookup tables, the GPU table; at any other resolution Values
// returns a *ResolutionError naming the metric, the resolution and the supported ones.
//
// Coverage: each metric states what its data covers (Metric.Covers, or CoverageOf by
// name without loading anything): the family, the widths, the resolutions and the
// blocks (pn_mobile prices expand ratios 3 and 6 only). CheckSpace (and CheckNames,
// by name) checks a whole design space (arch.Space) against a list of metrics before
// anything is sampled, and reports every mismatch at once with the command-line flag
// that fixes it.
package metric
