// Package layers holds no code: its test checks the project's import rules, so a change
// that makes a tool package depend on a study fails `go test` instead of slipping in.
//
// The rules: arch imports no package of this project; tools (arch, data, fetch, pyfile,
// stats, pareto, latency, predictor, predictor/ofa, metric, prose) never import a study
// (monotonic, search, profile, designspace) nor the display packages (plots, nb);
// studies never import each other nor the display packages; figures, which draws the
// studies' results, is imported by no package (only by the command line and the
// notebooks).
package layers
