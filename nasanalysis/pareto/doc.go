// Package pareto computes two-objective Pareto fronts (minimise a cost such as latency,
// maximise a value such as accuracy), their hypervolume, and how well a front found
// with one cost (a proxy device's latency) serves another (the target's).
package pareto
