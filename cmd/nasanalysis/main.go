// Command nasanalysis runs the project's studies from the shell: it fetches and converts
// the public data, prints rank-correlation matrices, and writes the report index.
//
//	nasanalysis srcc --space nb201 --devices eagle_gtx,true_vpu --format table
//	nasanalysis fetch --from ../shared/datasets/raw --out /tmp/datasets
//	nasanalysis index --notebooks notebooks --reports reports
//	nasanalysis train --space nb201 --target cifar10_acc --model gcn --train 100 --seed 0
//
// Exit status: 0 on success, 1 when the work failed (e.g. data not found), 2 for a bad
// command line (unknown flag, bad value, unknown device).
package main

import (
	"bufio"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"text/tabwriter"
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
	"srcc":       {"print the device x device rank-correlation matrix of a dataset", runSRCC},
	"adapt":      {"adapt a proxy device's latencies to a target with a few target measurements", runAdapt},
	"sample":     {"print random architectures of a design space as JSON lines", runSample},
	"measure":    {"measure sampled architectures end to end on this machine (resumable CSV)", runMeasure},
	"eval":       {"read architectures as JSON lines on stdin and print their metrics as CSV", runEval},
	"adapt-grid": {"adapt every ordered pair of devices and print mean SRCC before/after", runAdaptGrid},
	"fetch":      {"download (or convert local copies of) the public data into a datasets directory", runFetch},
	"index":      {"write reports/index.html linking the executed notebooks", runIndex},
	"train":      {"train and score an accuracy or latency predictor on held-out architectures", runTrain},
	"predict":    {"predict architectures read on stdin with a predictor saved by train --save", runPredict},
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
	fmt.Fprintln(w, "\nRun 'nasanalysis <command> --help' for a command's flags.")
}

// newFlags returns a flag set that reports errors instead of exiting, and prints the
// given usage line and the flags on --help or a bad flag.
func newFlags(name, usage string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: nasanalysis %s %s\n\nflags:\n", name, usage)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags; a bad flag is a usage error, and positional arguments are refused.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	return nil
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
	sc := bufio.NewScanner(stdin)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		if err := f(line, text); err != nil {
			return err
		}
	}
	return sc.Err()
}

// writeRows prints a header and rows as CSV, or as a table aligned with two spaces.
func writeRows(w io.Writer, format string, header []string, rows [][]string) error {
	if format == "table" {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, strings.Join(header, "\t"))
		for _, r := range rows {
			fmt.Fprintln(tw, strings.Join(r, "\t"))
		}
		return tw.Flush()
	}
	cw := csv.NewWriter(w)
	cw.Write(header)
	cw.WriteAll(rows)
	return cw.Error()
}
