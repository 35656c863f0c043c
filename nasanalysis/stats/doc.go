// Package stats holds the rank statistics the studies rest on: Spearman's rank
// correlation with average ranks for ties, Kendall's tau-b, whole correlation matrices,
// quantiles, and percentile-bootstrap confidence intervals.
//
// Missing values are NaN. Correlations use pairwise deletion: a pair (x[i], y[i]) takes
// part only when both values are present. A correlation that is undefined (fewer than
// two complete pairs, or a constant column) is NaN.
//
// gonum's stat package supplies Pearson's correlation; it has no Spearman and only an
// O(n²) Kendall tau-a without tie correction, so Spearman ranks and Knight's O(n log n)
// tau-b are written here.
package stats
