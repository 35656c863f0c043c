// Package layers holds no code: its test checks the project's import rules, so a change
// that makes a tool package depend on a study fails `go test` instead of slipping in.
//
// The rules: arch imports no package of this project; tools (arch, data, fetch,
// pyfile, stats, pareto, latency, predictor, predictor/ofa) never import a study
// (monotonic, search, and the profiling study to come) nor the display packages (plots,
// nb); studies never import each other.
package layers
