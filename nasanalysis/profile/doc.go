// Package profile is the block-profiling study of Mills et al. ("Profiling Neural Blocks
// and Design Spaces for Mobile Neural Architecture Search", CIKM 2021; the authors' code
// is github.com/Ascend-Research/BlockProfile), on every metric of package metric.
//
// For a design space, a set of metrics and N: a baseline of N unconstrained random
// architectures, then for every block fix (arch.Fix: stage, layer, block) N random
// architectures with that block fixed (Run, or Spec.Run by metric names). Each group is
// summarised per metric (mean, standard deviation, extreme and 1/5/95/99 % quantiles)
// with its shift from the baseline and a bootstrap interval.
//
// Every question is asked of a metric by its name, and answered as a typed result that
// carries its Sample (what the numbers rest on) and encodes with encoding/gob, as does a
// Result itself (without its networks), so that a notebook keeps it across cells:
//
//   - Response and Effects: the block response (expand ratio x kernel size) and what a
//     metric charges for a larger block, with standard errors and Cochran's Q test that
//     all blocks are equal; Ranking: do two metrics rank the blocks alike;
//   - ComparePaper: the response set beside the paper's published figure (PaperAccuracy
//     and the other panels, transcribed with their source);
//   - Placement and TestPlacement: how far the best and worst block at each position
//     lie apart, with a bootstrap interval and a permutation test against noise;
//     CompareDeepening: the project's deepening rule against BlockProfile's released one;
//   - Friendliness and Reduce: per device, each block's accuracy against its cost and
//     the dominated blocks the device should drop, beside the paper's released
//     reductions (PaperReduction);
//   - CompareTruth: what profiling infers about a block against its own time measured
//     per node.
//
// The sentence builders (PaperSentence, PlacementSentence, TruthSentence, ...) state each
// finding in words chosen from the numbers and their 95 % intervals; the figures that
// draw these results are in package figures.
//
// Every group draws from its own seeded stream, so results do not depend on the number
// of workers, and the same seed gives the same bytes for every deterministic metric.
package profile
