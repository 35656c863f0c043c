// Package stats holds the statistics the studies rest on: ranks with average ties
// (Ranks), Spearman's rank correlation and Kendall's tau-b (SpearmanRho, KendallTauB,
// named by RankCorrelation), whole correlation matrices and their device pairs
// (CorrelationMatrix, Pairs), quantiles (Quantile, Quantiles) and per-sample summaries
// (Describe), and percentile-bootstrap confidence intervals (BootstrapCorrelation, and
// BootstrapFrame for many pairs at once).
//
// Missing values are NaN. Correlations use pairwise deletion: a pair (x[i], y[i]) takes
// part only when both values are present. A correlation that is undefined (fewer than
// two complete pairs, or a constant column) is NaN.
//
// gonum's stat package supplies Pearson's correlation; it has no Spearman and only an
// O(n²) Kendall tau-a without tie correction, so Spearman ranks and Knight's O(n log n)
// tau-b are written here.
package stats
