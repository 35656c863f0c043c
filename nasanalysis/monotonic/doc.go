// Package monotonic studies latency monotonicity (Lu et al., SIGMETRICS 2022, "One
// Proxy Device Is Enough for Hardware-Aware NAS"): how well one device's latencies rank
// architectures like another's, whether a proxy's accuracy-latency Pareto set can be
// reused on a target, and how to adapt a proxy with a few target measurements when the
// ranking agreement is weak.
//
// Agreement: CorrelationCI gives a device x device rank-correlation matrix with
// bootstrap intervals, BestProxies rates each device as the proxy for a set of targets,
// BatchMonotonicity and ResolutionMonotonicity compare batch sizes of one piece of
// hardware and input resolutions of OFA-MobileNetV3, and ReuseTable judges every
// proxy's Pareto set on every target (pareto.JudgeReuse).
//
// Adaptation: Encode gives each architecture its family's one-hot encoding plus a
// constant 1. AdaProxy fits the proxy's per-operator weights (FitOperatorWeights) and
// solves the group-lasso problem of the paper exactly (SolveAdaProxy), choosing λ by
// generalised cross-validation over all sampled target cells; AdaProxyVal is the
// paper's own rule (λ on 10 validation cells), AdaProxyCV chooses λ by k-fold
// cross-validation; TargetOnly and ProxyOnly are the baselines. Every Result carries
// SRCC over all measured target cells (OneProxy's figure, which includes the cells the
// method sampled) and over held-out cells only; Scoring selects one in summaries and
// tables. FineTuner is the GoMLX alternative: an MLP
// (predictor.MLP) pre-trained on the proxy and fine-tuned on the target cells.
// MultiProxy and FewShotTable combine several candidate proxies with a handful of
// target samples. RunSeeds is the repeated-seed protocol (SplitForSeed draws the same
// target cells for every method); AdaptAll and AdaptAllWith run it over every device
// pair, AdaptCurve over numbers of target samples.
//
// Study functions return tables and plain slices; they never draw or print.
package monotonic
