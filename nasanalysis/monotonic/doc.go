// Package monotonic studies latency monotonicity (Lu et al., SIGMETRICS 2022, "One
// Proxy Device Is Enough for Hardware-Aware NAS"): how well one device's latencies rank
// architectures like another's, whether a proxy's accuracy-latency Pareto set can be
// reused on a target, and how to adapt a proxy with a few target measurements
// (AdaProxy) when the ranking agreement is weak.
//
// Study functions return tables and plain slices; they never draw or print.
package monotonic
