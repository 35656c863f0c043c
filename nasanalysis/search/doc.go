// Package search finds good architectures under a budget of queries. It searches the
// architectures of a predictor.Task, maximising its target; a query reveals one
// architecture's recorded value, standing in for a measurement. RandomSearch queries
// uniformly without replacement; GuidedSearch starts with the same random queries, then
// in rounds retrains a predictor (package predictor) on everything queried so far and
// queries the unqueried architectures it predicts best. Both are seeded and return a
// Trace: the query order and the best value found after each query. CompareSearch runs
// both over seeds and Band summarises the traces (mean and standard deviation of the
// best value after each query).
//
// Over a design space (or a restricted one, arch.Space, such as a hardware-reduced
// space), Evolve is OFA's evolutionary search: a population of feasible
// architectures, parents, mutation and crossover, scored in batches by an Evaluator —
// Constrained maximises a metric (e.g. predicted accuracy) under latency budgets on
// one or several devices, each within its
// budget or, as in Chu et al.'s multi-hardware search, on average or in the worst case.
// NormaliseLatency gives the multi-hardware view of a table: each architecture's
// latency over each device's reference, and its average and worst case.
//
// search is a study: it builds on predictor and metric and never draws or prints.
package search
