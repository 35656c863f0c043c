// Package stats holds the statistics the studies rest on: ranks with average ties
// (Ranks), Spearman's rank correlation and Kendall's tau-b (SpearmanRho, KendallTauB,
// named by RankCorrelation), whole correlation matrices and their device pairs
// (CorrelationMatrix, Pairs), quantiles (Quantile, Quantiles) and per-sample summaries
// (Describe), and percentile-bootstrap confidence intervals (BootstrapCorrelation, and
// BootstrapFrame for many pairs at once; BootstrapShift and BootstrapGroups for
// differences of means).
//
// Missing values are NaN. Correlations use pairwise deletion: a pair (x[i], y[i]) takes
// part only when both values are present. A correlation that is undefined (fewer than
// two complete pairs, or a constant column) is NaN.
//
// The statistics that return a bare number report an impossible value as NaN, and the
// bootstraps take any number of resamples. Their variants ending in Err
// (SpearmanRhoErr, KendallTauBErr, CorrelationMatrixErr, QuantileErr, QuantilesErr,
// DescribeErr, BootstrapCorrelationErr, BootstrapShiftErr, BootstrapGroupsErr,
// BootstrapFrameErr) return an error naming the problem instead: a sample with no
// value (ErrNoData), fewer than two complete pairs (ErrTooFewPairs), a constant variable
// (ErrConstant), or fewer than MinResamples bootstrap resamples (ErrTooFewResamples).
// New code should call those.
//
// CorrelationMatrix sorts each column once (a radix sort) and then derives every pair's
// ranks over its complete rows in O(n) from that order, so a Spearman matrix costs
// O(k n log n + k² n) and a Kendall matrix O(k² n log n) even with missing values.
//
// gonum's stat package supplies Pearson's correlation; it has no Spearman and only an
// O(n²) Kendall tau-a without tie correction, so Spearman ranks and Knight's O(n log n)
// tau-b are written here.
package stats
