package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency/measfile"
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
		fmt.Fprintf(stderr, "usage: nasanalysis %s %s\n", name, usage)
		if ex, ok := examples[name]; ok {
			fmt.Fprintf(stderr, "example: %s\n", ex)
		}
		fmt.Fprintf(stderr, "\nflags:\n")
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

// seedFlag adds --seed, one uint64 seed (as math/rand/v2's PCG takes it); what says
// what it seeds.
func (fs *flagSet) seedFlag(def uint64, what string) *uint64 {
	return fs.Uint64("seed", def, "random seed (uint64): "+what)
}

// seedsFlag adds --seeds, a number of seeds run one after another; first says where
// they start.
func (fs *flagSet) seedsFlag(def int, first string) *int {
	return fs.intIn("seeds", def, 1, maxSeeds, "number of seeds N; runs seeds "+first)
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

// spaceFlags are the flags that choose a design space and restrict it: --space (a
// family alone, or a space's text form with its restrictions, arch.ParseSpace), --drop,
// --min-depth, --max-depth and --reduced (BlockProfile's released reduced spaces). A
// command's --width and --res restrict it too.
type spaceFlags struct {
	name, drop, minDepth, maxDepth, reduced *string
}

// spaceFlags adds --space, a design space this command supports (a subset of
// arch.Spaces()), and the flags that restrict it: --drop, --min-depth, --max-depth and
// --reduced.
func (fs *flagSet) spaceFlags(def string, supported []string) *spaceFlags {
	return &spaceFlags{
		name: fs.String("space", def, "design space: "+strings.Join(supported, ", ")+
			"; alone or with its restrictions as FAMILY:key=value:..., keys as the flags (e.g. proxylessnas:width=1:res=224:drop=k3e4,k5e4,k7e4:max-depth=3,4,4,4,4)"),
		drop: fs.String("drop", "", "comma-separated blocks to drop from the space, e.g. k7e3,k7e4 (OFA-ResNet50: e0.35): a hardware-reduced space"),
		minDepth: fs.String("min-depth", "", "smallest depth of each stage, one value per entry of the architectures' \"d\" list, e.g. 2,2,2,2,2 "+
			"(mobile spaces: 5 stages of 2..4 blocks; ofa-resnet50: the input stem 0 or 2, then 4 stages of 0..2 extra blocks)"),
		maxDepth: fs.String("max-depth", "", "largest depth of each stage, as --min-depth, e.g. 3,4,4,4,4 (BlockProfile's Note10 space)"),
		reduced:  fs.String("reduced", "", reducedHelp()),
	}
}

// parseSpace parses args, then returns the space sf gives (with the command's --width
// and --res; nil where the command has no such flag) once --format is checked: the
// common start of the commands that take a space and print a table, in that order of
// errors.
func (fs *flagSet) parseSpace(args []string, sf *spaceFlags, supported []string, width *float64, res *int, format *string) (arch.Space, error) {
	if err := fs.parse(args); err != nil {
		return arch.Space{}, err
	}
	var w float64
	var r int
	if width != nil {
		w = *width
	}
	if res != nil {
		r = *res
	}
	sp, err := sf.space(supported, w, r)
	if err != nil {
		return arch.Space{}, err
	}
	return sp, checkFormat(*format)
}

// space is the space the flags give, with width and res (0: not given) from the
// command's --width and --res. A restriction given both in --space's text form and by
// its own flag must agree. Every error is a usage error naming the flag and value.
func (f *spaceFlags) space(supported []string, width float64, res int) (arch.Space, error) {
	family, _, _ := strings.Cut(*f.name, ":")
	if err := checkSpace(strings.TrimSpace(family), supported); err != nil {
		return arch.Space{}, err
	}
	sp, err := arch.ParseSpace(*f.name)
	if err != nil {
		return arch.Space{}, usagef("--space: %v", err)
	}
	given := func(flag string, value any, inSpace bool, same bool) error {
		if inSpace && !same {
			return usagef("--%s %v and --space %s disagree; give it once", flag, value, *f.name)
		}
		return nil
	}
	if width != 0 {
		if err := given("width", width, sp.Width != 0, sp.Width == width); err != nil {
			return arch.Space{}, err
		}
		sp.Width = width
	}
	if res != 0 {
		if err := given("res", res, len(sp.Resolutions) > 0, slices.Equal(sp.Resolutions, []int{res})); err != nil {
			return arch.Space{}, err
		}
		sp.Resolutions = []int{res}
	}
	if strings.TrimSpace(*f.drop) != "" {
		bs, err := arch.ParseBlocks(sp.Family, *f.drop)
		if err != nil {
			return arch.Space{}, usagef("--drop: %v", err)
		}
		if err := given("drop", *f.drop, len(sp.Drop) > 0, slices.Equal(sp.Drop, bs)); err != nil {
			return arch.Space{}, err
		}
		sp.Drop = bs
	}
	for _, d := range []struct {
		flag, value string
		field       *[]int
	}{{"min-depth", *f.minDepth, &sp.MinDepth}, {"max-depth", *f.maxDepth, &sp.MaxDepth}} {
		if strings.TrimSpace(d.value) == "" {
			continue
		}
		v, err := arch.ParseInts(d.value)
		if err != nil {
			return arch.Space{}, usagef("--%s: %v", d.flag, err)
		}
		if err := given(d.flag, d.value, *d.field != nil, slices.Equal(*d.field, v)); err != nil {
			return arch.Space{}, err
		}
		*d.field = v
	}
	if name := strings.TrimSpace(*f.reduced); name != "" {
		if sp, err = withReduced(sp, name); err != nil {
			return arch.Space{}, err
		}
	}
	if err := sp.Validate(); err != nil {
		return arch.Space{}, usagef("%v", err)
	}
	return sp, nil
}

// sameFile says whether two paths name one file: the same cleaned absolute path, or, when
// both exist, the same file by os.SameFile (a link or another spelling of it).
func sameFile(a, b string) bool {
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	if errA == nil && errB == nil && absA == absB {
		return true
	}
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(sa, sb)
}

// distinctFiles refuses two flags that name one file (flag names and paths in pairs;
// an empty path or "-" is none): one run writing two formats into one file makes it
// unreadable.
func distinctFiles(flagsAndPaths ...string) error {
	for i := 0; i < len(flagsAndPaths); i += 2 {
		for j := i + 2; j < len(flagsAndPaths); j += 2 {
			a, b := flagsAndPaths[i+1], flagsAndPaths[j+1]
			if a != "" && a != "-" && b != "" && b != "-" && sameFile(a, b) {
				return usagef("%s and %s name the same file (%s): each needs its own", flagsAndPaths[i], flagsAndPaths[j], a)
			}
		}
	}
	return nil
}

// lockOutputs takes measfile.Lock on each file that is not empty or "-", and returns
// what releases them all.
func lockOutputs(paths ...string) (release func(), err error) {
	var held []func()
	release = func() {
		for _, r := range held {
			r()
		}
	}
	for _, p := range paths {
		if p == "" || p == "-" {
			continue
		}
		r, err := measfile.Lock(p)
		if err != nil {
			release()
			return nil, err
		}
		held = append(held, r)
	}
	return release, nil
}

// boundedInt is an int flag that refuses values outside [min, max]: every count a
// command allocates or loops over has an upper bound within what this machine can run,
// stated in --help, and a value past it is a usage error, not a crash or an endless run.
type boundedInt struct {
	p        *int
	min, max int
}

func (b boundedInt) String() string {
	if b.p == nil {
		return "0"
	}
	return strconv.Itoa(*b.p)
}

func (b boundedInt) Set(s string) error {
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil || v < int64(b.min) || v > int64(b.max) {
		return fmt.Errorf("want a whole number from %d to %d", b.min, b.max)
	}
	*b.p = int(v)
	return nil
}

// intIn adds an int flag bounded to [min, max]; the bounds are appended to its help.
func (fs *flagSet) intIn(name string, def, min, max int, help string) *int {
	p := new(int)
	*p = def
	fs.Var(boundedInt{p, min, max}, name, fmt.Sprintf("%s (`int` from %d to %d)", help, min, max))
	return p
}

// intVarIn is intIn into an existing variable.
func (fs *flagSet) intVarIn(p *int, name string, def, min, max int, help string) {
	*p = def
	fs.Var(boundedInt{p, min, max}, name, fmt.Sprintf("%s (`int` from %d to %d)", help, min, max))
}

// Upper bounds of counts shared by several commands.
const (
	maxSeeds    = 1000    // --seeds: runs one after another
	maxGPUTrain = 100000  // --gpu-train: labelled networks (HELP's table has 5,000)
	maxThreads  = 64      // --threads: ONNX Runtime crashes far past the cores it has
	maxNetworks = 1000000 // networks sampled and held in memory by eval
)
