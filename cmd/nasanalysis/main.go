// Command nasanalysis runs the project's studies from the shell: it fetches and converts
// the public data, prints rank-correlation matrices, and writes the report index.
//
//	nasanalysis srcc --dataset nb201 --devices eagle_gtx,true_vpu --format table
//	nasanalysis sample --space ofa-mbv3 --n 10 --seed 1 | nasanalysis eval --space ofa-mbv3 --metrics acc,flops
//	nasanalysis fetch --from ../shared/datasets/raw --out /tmp/datasets
//	nasanalysis index --notebooks notebooks --reports reports
//	nasanalysis train --dataset nb201 --target cifar10_acc --model gcn --train 100 --seed 0
//
// A dataset (--dataset) is a table of architectures with measured numbers (nb201,
// nb201-full, fbnet, ofa-mbv3-gpu, ofa-mbv3-measured); a design space (--space) is a
// family of architectures that can be sampled (ofa-mbv3, proxylessnas, ofa-resnet50).
// Shared flags mean the same everywhere: --seed is one uint64 seed, --seeds a number of
// seeds, --model-dir a trained predictor's directory, --data the datasets directory, and
// --format csv|table picks the output. CSV floats are written in the shortest form that
// reads back to the same float64, a missing value as NaN; tables print every row.
// Long commands draw a progress bar on stderr when it is a terminal.
//
// Exit status: 0 on success, 1 when the work failed (e.g. data not found), 2 for a bad
// command line (unknown flag, bad value, unknown device).
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/predictor"
)

// usageError marks an error in the command line itself: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

type command struct {
	summary string
	run     func(args []string, stdout, stderr io.Writer) error
}

var commands = map[string]command{
	"srcc":           {"print the device x device rank-correlation matrix of a dataset", runSRCC},
	"adapt":          {"adapt a proxy device's latencies to a target with a few target measurements", runAdapt},
	"sample":         {"print random architectures of a design space as JSON lines", runSample},
	"measure":        {"measure sampled architectures end to end on this machine (resumable CSV; --shard I/N, --per-block)", runMeasure},
	"merge":          {"join the files of measure --shard 0/N .. N-1/N into one, checking they belong together", runMerge},
	"eval":           {"read architectures as JSON lines on stdin and print their metrics", runEval},
	"profile":        {"profile every block fix of an OFA space on metrics (Mills et al.)", runProfile},
	"pareto":         {"print the accuracy-latency Pareto front of an NB201 dataset on one device", runPareto},
	"multihw":        {"print each architecture's latency over a reference per device, with its average and worst case (Chu et al.)", runMultiHW},
	"measure-lut":    {"time every operator of a space alone and write this machine's lookup tables (Note10 form; resumable, --shard I/N)", runMeasureLUT},
	"compare-runs":   {"compare two measure runs of the same networks: rank correlation and |ratio - 1| between them", runCompareRuns},
	"compare-spaces": {"judge a hardware-reduced space against the full space and random reductions of its size, searched with the same seeds (Mills et al.)", runCompareSpaces},
	"search":         {"evolutionary search for the best architecture under latency budgets on one or several devices", runSearch},
	"adapt-grid":     {"adapt every ordered pair of devices and print mean SRCC before/after", runAdaptGrid},
	"fetch":          {"download (or convert local copies of) the public data into a datasets directory", runFetch},
	"index":          {"write reports/index.html linking the executed notebooks", runIndex},
	"timings":        {"print where the last make test spent its time: steps, and per notebook compilation, training and the rest", runTimings},
	"train":          {"train and score an accuracy or latency predictor on held-out architectures", runTrain},
	"predict":        {"predict architectures read on stdin with a predictor saved by train --model-dir", runPredict},
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		topUsage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "nasanalysis: unknown command %q\n", args[0])
		topUsage(stderr)
		return 2
	}
	err := cmd.run(args[1:], stdout, stderr)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, new(usageError)):
		fmt.Fprintf(stderr, "nasanalysis %s: %v\n", args[0], err)
		return 2
	default:
		fmt.Fprintf(stderr, "nasanalysis %s: %v\n", args[0], err)
		return 1
	}
}

func topUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: nasanalysis <command> [flags]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, `
--dataset names a table of measured architectures (`+strings.Join(predictor.TaskDatasets(), ", ")+`);
--space names a design space to sample (`+strings.Join(sampleSpaces, ", ")+`).
Output: --format csv writes floats in the shortest form that reads back exactly and a
missing value as NaN; --format table prints every row, aligned, with 4 decimals.
A progress bar is drawn on stderr for long commands when stderr is a terminal.

Run 'nasanalysis <command> --help' for a command's flags.`)
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// readStdinLines calls f with each non-blank line of stdin (trimmed) and its 1-based line
// number, stopping at the first error. Commands read and validate every line this way
// before doing any work, so a bad line fails early.
func readStdinLines(f func(line int, text string) error) error {
	return readLines(stdin, "stdin", f)
}

// maxLineBytes bounds one input line. An architecture is under 1 KB; a longer line is
// not one, and failing on it (naming it) beats reading a whole binary file as one line.
const maxLineBytes = 1 << 20

// readLines calls f with each non-blank line of r (trimmed) and its 1-based number; a
// line longer than maxLineBytes is an error naming the input (name) and the line.
func readLines(r io.Reader, name string, f func(line int, text string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxLineBytes)
	line := 1
	for ; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		if err := f(line, text); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return fmt.Errorf("%s line %d: longer than %d bytes, not an architecture (a binary file?)", name, line, maxLineBytes)
		}
		return fmt.Errorf("%s line %d: %w", name, line, err)
	}
	return nil
}
