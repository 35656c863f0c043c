// Package predictor holds GoMLX latency and accuracy predictors that run on GoMLX's
// pure-Go backend, which needs no accelerator and downloads nothing.
//
// The first predictor is a small MLP regressor on architecture encodings, used by the
// monotonicity study as a learned alternative to AdaProxy: pre-train it on a proxy
// device's latencies, then fine-tune it on a few target measurements.
package predictor
