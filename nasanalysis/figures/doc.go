// Package figures turns the studies' typed results into captioned figures: the one
// layer that may import both a study package (monotonic, profile, search) and plots.
// Studies compute and never draw; plots draws plain numbers and never computes a
// statistic; a notebook cell calls a study, hands its result to a builder here, and
// shows the figure. Each builder's caption says what data and how many samples the
// figure rests on, from the result itself.
//
// One file per study (monotonic.go, design.go, profile.go, search.go, ...). Nothing in
// this module imports figures except the command line and the notebooks.
package figures
