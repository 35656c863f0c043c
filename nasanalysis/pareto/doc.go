// Package pareto computes two-objective Pareto fronts (minimise a cost such as latency,
// maximise a value such as accuracy), their hypervolume, and how well a front found
// with one cost (a proxy device's latency) serves another (the target's).
// For k objectives it ranks points by non-dominated sorting, computes the exact
// hypervolume (k <= 4) and compares two sets by additive epsilon and coverage; there
// every objective is minimised, so a value to maximise is passed negated.
package pareto
