// Package metric computes, by name, the per-architecture numbers the studies compare:
// predicted accuracy, MACs, FLOPs, parameters, lookup-table latencies, a GPU latency
// predictor, this machine's latency predicted or measured. Every metric evaluates a
// batch of architectures at once and is named as `nasanalysis eval --metrics` names it,
// so the command line, the profiling study and search share one definition of each.
//
// Names, per design space (Names lists them):
//
//   - acc: OFA's released predictor's top-1 ImageNet accuracy, % (ofa-mbv3 at width 1.2,
//     ofa-resnet50; there is none for proxylessnas);
//   - macs: multiply-accumulates, millions; flops: 2 x macs, millions, as BlockProfile
//     counts them; params: parameters, millions;
//   - note10_r<RES> (ofa-mbv3): OFA's Samsung Note10 lookup-table latency, ms, of the
//     architecture at RES px (160, 176, 192, 208 or 224); note10: at its own resolution;
//   - pn_mobile (proxylessnas): ProxylessNAS's mobile lookup-table latency, ms;
//   - gpu_<column> (ofa-mbv3): a latency predictor (ms) trained on that column of HELP's
//     ofa/gpu_latency.csv (e.g. gpu_titan_rtx_1), its held-out SRCC stated in About;
//   - predicted (ofa-mbv3): this machine's latency, ms, by a predictor saved with
//     `train --dataset ofa-mbv3-measured --model-dir DIR`;
//   - measured: this machine's latency, ms, timed by an inference engine.
package metric
