// Package stats holds the statistics the studies rest on: ranks with average ties
// (Ranks), Spearman's rank correlation and Kendall's tau-b (SpearmanRho, KendallTauB,
// named by RankCorrelation), whole correlation matrices and their device pairs
// (CorrelationMatrix, Pairs), quantiles (Quantile, Quantiles) and per-sample summaries
// (Describe), and percentile-bootstrap confidence intervals (BootstrapCorrelation, and
// BootstrapFrame for many pairs at once; BootstrapShift and BootstrapGroups for
// differences of means).
//
// The tests and intervals the reports state live here too, each checked against SciPy
// (testdata/reference.py): the mean and sample standard deviation (MeanSD), Student-t
// intervals of a mean, of paired differences and of paired differences in percent of a
// baseline (TInterval, PairedTInterval, PairedDiffPercent), normal intervals estimate
// ± z·se (NormalInterval) for a difference of independent estimates (MeanDifference),
// Cochran's Q test of whether estimates share one value (CochranQ), a percentile
// bootstrap of any statistic of paired units resampled together (PairedBootstrap), a
// permutation test of any statistic of groups (PermutationTest, e.g. with
// SpreadOfMeans), and a stable argsort (RankOrder). An Interval says by Sign whether it
// lies above 0, below 0, or contains it, which is how result sentences choose their
// words.
//
// Missing values are NaN. Correlations use pairwise deletion: a pair (x[i], y[i]) takes
// part only when both values are present. A correlation that is undefined (fewer than
// two complete pairs, or a constant column) is NaN, returned with an error saying why.
//
// # Errors
//
// One convention holds across the package: a function that can meet input it cannot
// work on returns an error as its last result, naming the problem and the input (the
// sample, column, group, pair or index) and wrapping one of the sentinel errors for
// errors.Is: a sample with no value (ErrNoData), fewer than two complete pairs
// (ErrTooFewPairs), a constant variable (ErrConstant), fewer than MinResamples resamples
// or shuffles (ErrTooFewResamples), a level outside its range (ErrLevel). There is no
// second, unchecked form of any function. Where a result can be partly defined (a
// correlation matrix with an undefined pair, a bootstrap frame with a failed row, a
// summary with an empty sample), the function returns the whole result, NaN where
// undefined, together with an error joining one error per undefined part, so the caller
// decides whether the rest is usable. Functions that cannot fail (Ranks, Pairs, Spread,
// NormalInterval) return no error. Resampling functions refuse a nil *rand.Rand
// (ErrNilRand).
//
// CorrelationMatrix sorts each column once (a radix sort) and then derives every pair's
// ranks over its complete rows in O(n) from that order, so a Spearman matrix costs
// O(k n log n + k² n) and a Kendall matrix O(k² n log n) even with missing values.
//
// gonum's stat package supplies Pearson's correlation; it has no Spearman and only an
// O(n²) Kendall tau-a without tie correction, so Spearman ranks and Knight's O(n log n)
// tau-b are written here.
package stats
