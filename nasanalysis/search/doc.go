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
// Over a design space (an arch.Space: a family, or a space restricted within it such as
// a hardware-reduced space), Evolve is OFA's evolutionary search: a population of feasible
// architectures, parents, mutation and crossover, scored in batches by an Evaluator —
// Constrained maximises a metric (e.g. predicted accuracy) under latency budgets on
// one or several devices, each within its
// budget or, as in Chu et al.'s multi-hardware search, on average or in the worst case.
// NormaliseLatency gives the multi-hardware view of a table: each architecture's
// latency over each device's reference, and its average and worst case.
//
// The studies of notebooks 07 and 08 are here as functions that return typed results
// (plain structs that encoding/gob keeps) and separate sentence builders that word their
// findings from the numbers:
//
//   - Mills et al.'s hardware-reduced spaces judged as a trial (RunSpaceTrial,
//     MillsTrials): the full space, a reduced space (BlockProfile's released one, or
//     the one profile seeds agree on) and random reductions of its size
//     (arch.RandomControls), each searched with the same seeds by the released
//     random-mutation search (Mutation) or NSGA-II (NSGA2) at equal evaluations
//     (EqualSearches); hypervolumes against ReferencePoint, the best accuracy under
//     latency budgets, paired differences with t-intervals (SpaceTrial.Summary,
//     AgainstControls); TrialSentences and TrialTakeaway;
//   - Lu et al.'s proxy reuse (CompareReuse): NSGA-II fronts of every seed, their
//     hypervolumes with t-intervals (HypervolumesOf), seed bands (SeedBand) and the
//     paired change of hypervolume over the same seeds; ReuseSentence and ReuseTakeaway;
//   - Chu et al.'s multi-hardware models on a measured table (NB201Study: the exhaustive
//     optimum under each rule and the search's regret) and by search over a space under
//     device budgets (SearchUnderRules), judged by JudgeRules (the worst-case model
//     against the best single-device model, paired over seeds), a predictor of this
//     machine checked on held-out networks (CheckPredictor) and the chosen models
//     measured here (MeasureChosen); RulesSentence, BudgetSentences, PredictorSentence,
//     MeasuredSentences. As Chu et al. measure it: devices that are one hardware grouped
//     (GroupDevices), latency over named reference architectures (NB201References,
//     OFAReferences) and a sweep of budget levels, exhaustive (NB201Sweep) or searched
//     (SearchSweep), judged level by level against the per-device models and the
//     carried single-device model (JudgeTradeoff), with the search cost counted
//     (CountCost); GroupingSentences, ReferenceSentences, TradeoffSentences,
//     CostSentence, AccuracyNoiseSentence and SweepTakeaway.
//
// search is a study: it builds on predictor and metric and never draws or prints.
package search
