// Package profile is the block-profiling study of Mills et al. ("Profiling Neural Blocks
// and Design Spaces for Mobile Neural Architecture Search", CIKM 2021; the authors' code
// is github.com/Ascend-Research/BlockProfile), on every metric of package metric.
//
// For a design space, a set of metrics and N: a baseline of N unconstrained random
// architectures, then for every block fix (arch.Fix: stage, layer, block) N random
// architectures with that block fixed (Run). Each group is summarised per metric (mean,
// standard deviation, extreme and 1/5/95/99 % quantiles) with its shift from the
// baseline and a bootstrap interval. From the fixes follow the block response
// (Response: block choice x metric, over all positions or at one), the placement impact
// (Placement: how far the best and worst block at each position lie apart), and the
// per-device block friendliness and the blocks a device should drop (Friendliness).
//
// Every group draws from its own seeded stream, so results do not depend on the number
// of workers, and the same seed gives the same bytes for every deterministic metric.
package profile
