// Package designspace is the study of notebook 03: the three block-level design spaces
// of the block-profiling study (OFA-MobileNetV3, ProxylessNAS, OFA-ResNet50) at a
// glance, and how latency measured on this machine ranks networks against the Note10
// lookup tables, HELP's GPU measurements and MACs.
//
// Each section of the study is one method of Config that returns a typed result (plain
// structs that encoding/gob keeps, numbers with their 95 % intervals): Samples (sizes,
// MACs, parameters and Note10 latency of random networks), Accuracy (OFA's predicted
// top-1 against Note10 latency), Measured (this machine against the Note10 table, MACs,
// parameters and predicted accuracy, over all networks and within each resolution),
// HELP (the Note10 table against twelve GPU configurations), Engine (each engine on
// this machine against the GPUs), TwoEngines (ONNX Runtime against GoMLX on the same
// networks), Drift (dividing by the drift reference) and Blocks (per-block times and how
// much of a network's time its blocks cover). A separate sentence builder per result
// (SpacesFinding, AccuracyFinding, ...) states its finding in words chosen from the
// numbers and their intervals; Takeaways collects them.
//
// Comparisons of two correlations over the same networks are paired: every bootstrap
// resample of the networks is shared by both (stats.PairedBootstrap), so the interval
// of the difference is the one the verdict rests on.
//
// designspace is a study: it imports the tool packages (arch, data, latency, stats,
// predictor/ofa, prose) and never plots or nb; package figures draws its results.
package designspace
