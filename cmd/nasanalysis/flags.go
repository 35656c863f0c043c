package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
)

// dataHelp is the help of --data, the same in every subcommand.
var dataHelp = "datasets directory (default: $" + data.EnvDataDir + ", then ../shared/datasets, then the fetch cache)"

// flagSet is a flag.FlagSet that reports errors instead of exiting, refuses positional
// arguments, and knows the deprecated aliases of its flags.
type flagSet struct {
	*flag.FlagSet
	name    string
	stderr  io.Writer
	aliases []*alias
}

// alias is a deprecated flag name that still sets the flag now called newName.
type alias struct {
	old, newName, why string
	value             string
	set               bool
}

// newFlags returns a flag set that prints the given usage line and the flags on --help
// or a bad flag.
func newFlags(name, usage string, stderr io.Writer) *flagSet {
	fs := &flagSet{FlagSet: flag.NewFlagSet(name, flag.ContinueOnError), name: name, stderr: stderr}
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: nasanalysis %s %s\n\nflags:\n", name, usage)
		fs.PrintDefaults()
	}
	return fs
}

// deprecatedAlias keeps --old working as --newName for one release; why, when not
// empty, says what the old name got wrong (e.g. "it names a dataset").
func (fs *flagSet) deprecatedAlias(old, newName, why string) {
	a := &alias{old: old, newName: newName, why: why}
	help := "deprecated: use --" + newName
	if why != "" {
		help += " (" + why + ")"
	}
	fs.Func(old, help, func(s string) error { a.value, a.set = s, true; return nil })
	fs.aliases = append(fs.aliases, a)
}

// parse parses flags; a bad flag is a usage error, and positional arguments are refused.
// A deprecated alias sets its flag and prints one line to stderr; it is a usage error
// when the new name is also given with another value.
func (fs *flagSet) parse(args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	for _, a := range fs.aliases {
		if !a.set {
			continue
		}
		if given[a.newName] && fs.Lookup(a.newName).Value.String() != a.value {
			return usagef("--%s %s and --%s %s disagree; give --%s only", a.old, a.value, a.newName, fs.Lookup(a.newName).Value, a.newName)
		}
		if err := fs.Set(a.newName, a.value); err != nil {
			return usagef("invalid value %q for flag -%s: %v", a.value, a.old, err)
		}
		if a.why != "" {
			fmt.Fprintf(fs.stderr, "nasanalysis %s: --%s is deprecated here; %s, use --%s %s\n", fs.name, a.old, a.why, a.newName, a.value)
		} else {
			fmt.Fprintf(fs.stderr, "nasanalysis %s: --%s is deprecated; use --%s %s\n", fs.name, a.old, a.newName, a.value)
		}
	}
	return nil
}

// datasetFlag adds --dataset (a table of measured architectures, one of names) and its
// deprecated alias --space.
func (fs *flagSet) datasetFlag(def string, names []string) *string {
	p := fs.String("dataset", def, "dataset: "+strings.Join(names, ", "))
	fs.deprecatedAlias("space", "dataset", "it names a dataset")
	return p
}

// spaceFlag adds --space, a design space this command supports (a subset of arch.Spaces()).
func (fs *flagSet) spaceFlag(def string, supported []string) *string {
	return fs.String("space", def, "design space: "+strings.Join(supported, ", "))
}

// checkSpace validates a --space value against the spaces this command supports, saying
// so when the name is a dataset or a space the command does not handle.
func checkSpace(name string, supported []string) error {
	switch {
	case slices.Contains(supported, name):
		return nil
	case slices.Contains(arch.Spaces(), name):
		return usagef("design space %q is not supported here (want %s)", name, strings.Join(supported, ", "))
	case slices.Contains(data.DatasetNames(), name):
		return usagef("unknown space %q: that is a dataset, not a design space (want %s)", name, strings.Join(supported, ", "))
	}
	return usagef("unknown space %q (want %s)", name, strings.Join(supported, ", "))
}

// seedFlag adds --seed, one int64 seed; what says what it seeds.
func (fs *flagSet) seedFlag(def int64, what string) *int64 {
	return fs.Int64("seed", def, "random seed (int64): "+what)
}

// seedsFlag adds --seeds, a number of seeds run one after another; first says where
// they start.
func (fs *flagSet) seedsFlag(def int, first string) *int {
	return fs.Int("seeds", def, "number of seeds N (int); runs seeds "+first)
}

func (fs *flagSet) formatFlag() *string { return fs.String("format", "csv", formatHelp) }

func (fs *flagSet) dataFlag() *string { return fs.String("data", "", dataHelp) }

// modelDirFlag adds --model-dir, the directory of a trained predictor, with old as its
// deprecated alias (empty: none).
func (fs *flagSet) modelDirFlag(help, old string) *string {
	p := fs.String("model-dir", "", help)
	if old != "" {
		fs.deprecatedAlias(old, "model-dir", "")
	}
	return p
}

// isTerminal reports whether w is a terminal; tests replace it.
var isTerminal = func(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// newProgress returns a progress bar of n steps on stderr, drawn only when stderr is a
// terminal (pipes, files and tests see nothing). It clears itself when full; callers
// defer Clear for early returns. Add is safe from several goroutines.
func newProgress(stderr io.Writer, n int, desc string) *progressbar.ProgressBar {
	return progressbar.NewOptions(n,
		progressbar.OptionSetWriter(stderr),
		progressbar.OptionSetVisibility(n > 0 && isTerminal(stderr)),
		progressbar.OptionSetDescription(desc),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish())
}

// dropFlag is --drop: blocks to leave out of an OFA space (a reduced space).
func (fs *flagSet) dropFlag() *string {
	return fs.String("drop", "", "comma-separated blocks to drop from the space, e.g. k7e3,k7e4 (OFA-ResNet50: e0.35): a hardware-reduced space")
}

// reducedSpace is the reduced space --drop asks for, or nil when it is empty.
func reducedSpace(space, drop string) (*arch.Reduced, error) {
	if strings.TrimSpace(drop) == "" {
		return nil, nil
	}
	bs, err := arch.ParseBlocks(space, drop)
	if err != nil {
		return nil, usagef("--drop: %v", err)
	}
	r, err := arch.NewReduced(space, bs)
	if err != nil {
		return nil, usagef("--drop: %v", err)
	}
	return r, nil
}
