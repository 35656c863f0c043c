// Package search finds good architectures under a budget of measurements: random
// search, and predictor-guided search, which retrains a predictor on everything
// measured so far and measures the candidates it ranks best. CompareSearch and Band
// run both over seeds and summarise the best value found after each query.
package search
