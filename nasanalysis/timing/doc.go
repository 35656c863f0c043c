// Package timing records where the time of `make test` and `make report` goes, and
// says it: each step's wall and CPU time under the load it ran with
// (scripts/timed.sh writes them), and within each executed notebook, how long GoNB
// spent compiling cells (every `go build` and `goimports` it ran, timed by wrappers that
// scripts/run-notebooks.sh puts first on the kernel's PATH), how long the cells'
// programs spent training predictors (spans they mark with Span), and the rest.
//
// Every record is one JSON line (Event) appended to the file named by Env; a program
// run without it records nothing. Read reads such a file; Breakdown sums a notebook's
// events per cell; `nasanalysis timings` (make timings) prints the whole picture.
package timing
