// Package monotonic studies latency monotonicity (Lu et al., SIGMETRICS 2022, "One
// Proxy Device Is Enough for Hardware-Aware NAS"): how well one device's latencies rank
// architectures like another's, whether a proxy's accuracy-latency Pareto set can be
// reused on a target, and how to adapt a proxy with a few target measurements when the
// ranking agreement is weak.
//
// Agreement: AgreementOf gives a dataset's Spearman matrix and its pairs (the data
// tour: CheckPublished, ReadAgreement, AgreementTakeaways); CorrelationCI gives a device
// x device rank-correlation matrix with bootstrap intervals and its replicates
// (AgreementWithIntervals adds Kendall's tau-b and how the pairs stand against a
// threshold), BestProxies rates each device as the proxy for a set of targets with
// intervals and its chance of being the best from those replicates, optionally leaving
// out the same hardware at other batch sizes; BatchPairs and
// ResolutionAgreement compare batch sizes of one piece of hardware and input resolutions
// of OFA-MobileNetV3, and ReuseTable judges every proxy's Pareto set on every target
// (pareto.JudgeReuse). ComparePublished sets the SRCC matrix beside OneProxy's published
// heatmap and recomputes it the authors' way (SRCCFailedAsLatency: failed runs ranked as
// latencies of -1 ms), with its sentences (PublishedSentences).
//
// Adaptation: Encode gives each architecture its family's one-hot encoding plus a
// constant 1. AdaProxy fits the proxy's per-operator weights (FitOperatorWeights) and
// solves the group-lasso problem of the paper exactly (SolveAdaProxy), choosing λ by
// generalised cross-validation over all sampled target cells; AdaProxyVal is the
// paper's own rule (λ on 10 validation cells), AdaProxyCV chooses λ by k-fold
// cross-validation; TargetOnly and ProxyOnly are the baselines. Every Result carries
// SRCC over all measured target cells (OneProxy's figure, which includes the cells the
// method sampled) and over held-out cells only; Scoring selects one in summaries and
// tables. FineTuner (MethodFineTune) is the GoMLX alternative: an MLP (predictor.MLP)
// pre-trained on the proxy and fine-tuned on the target cells. Methods, ParseMethod and
// Method.Prepare are the one list of methods, which the command line uses. MultiProxy
// and RunFewShot combine several candidate proxies with a handful of target samples.
// RunSeeds is the repeated-seed protocol (SplitForSeed draws the same target cells for
// every method, so SeedSummary.After of two methods compare as a paired sample);
// AdaptAll and AdaptAllWith run it over every device pair, AdaptCurve over numbers of
// target samples, CompareMethods and FineTuneComparison over a few pairs.
//
// Findings: each section of the study has a function returning a typed result (plain
// structs that encoding/gob can encode) and a separate sentence builder that states the
// finding, its comparison words chosen from the numbers and their intervals (paired 95 %
// t-intervals over seeds, or bootstrap intervals): IntervalAgreement.Sentence,
// BestProxySentence, BatchSentence, ResolutionResult.Sentence, ReuseSentences,
// GridSentences, CurvesParagraph, AnchorSentence, FineTuneStudy.Sentence,
// FewShotResult.Sentence and StudyFindings.Takeaways. The papers' figures they compare
// with are named constants (OneProxyExampleSRCC, HELPSRCC, ...) citing their source.
//
// Study functions return typed results, tables and plain slices; they never draw or
// print (package figures draws them).
package monotonic
