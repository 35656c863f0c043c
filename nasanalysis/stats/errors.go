package stats

import (
	"errors"
	"fmt"
)

// MinResamples is the fewest bootstrap resamples (and permutation shuffles) the
// resampling functions accept. The percentile bounds are order statistics of the
// resamples: from a handful of them they are mostly noise, and an interval from one
// resample is a single point that can exclude the estimate it is meant to surround.
const MinResamples = 100

// Errors the functions of this package wrap, for errors.Is.
var (
	// ErrNoData: a sample (a column, a group) has no value present, so no statistic of
	// it exists.
	ErrNoData = errors.New("no values present")
	// ErrTooFewPairs: a correlation has fewer than two complete pairs to work on.
	ErrTooFewPairs = errors.New("fewer than two complete pairs")
	// ErrConstant: a variable takes a single value over the complete pairs, so its
	// rank correlation with anything is 0/0.
	ErrConstant = errors.New("constant over the complete pairs")
	// ErrTooFewResamples: a bootstrap was asked for fewer than MinResamples resamples,
	// or too few of them gave a defined statistic.
	ErrTooFewResamples = errors.New("too few bootstrap resamples")
	// ErrTooFewValues: a sample has fewer values than the statistic needs (two for a
	// standard deviation or a t-interval, two estimates for Cochran's Q).
	ErrTooFewValues = errors.New("too few values")
	// ErrLevel: a confidence level or quantile level outside its range.
	ErrLevel = errors.New("level out of range")
)

// PairError says why the correlation of columns I and J of a matrix is undefined.
type PairError struct {
	I, J int
	Err  error
}

func (e *PairError) Error() string {
	return fmt.Sprintf("stats: columns %d and %d: %v", e.I, e.J, e.Err)
}

func (e *PairError) Unwrap() error { return e.Err }

// ErrNilRand is the error of every resampling function given a nil *rand.Rand (or,
// for BootstrapFrame, a nil rngFor): there is no default stream, since an unseeded one
// would break "the same seed gives the same figure".
var ErrNilRand = errors.New("stats: nil *rand.Rand (pass a seeded generator, e.g. rand.New(rand.NewPCG(seed, 0)))")

// checkResamples is the guard every bootstrap runs before drawing.
func checkResamples(b int, level float64) error {
	if b < MinResamples {
		return fmt.Errorf("stats: %w: %d requested, the minimum is %d (percentile bounds from so few draws are noise; from 1 they can exclude the estimate)",
			ErrTooFewResamples, b, MinResamples)
	}
	if !(level > 0 && level < 1) {
		return fmt.Errorf("stats: %w: confidence level %v, want one in (0, 1)", ErrLevel, level)
	}
	return nil
}

// pairProblem names why a correlation over m complete pairs is undefined, given the
// names of x and y, the number of values present in each, and which of them was found
// constant. It returns nil when the correlation is defined.
func pairProblem(m int, nameX, nameY string, presentX, presentY int, constX, constY bool) error {
	switch {
	case m == 0:
		return fmt.Errorf("%w: none at all (%s has %d values, %s has %d, none in a common row)", ErrTooFewPairs, nameX, presentX, nameY, presentY)
	case m == 1:
		return fmt.Errorf("%w: only 1 (%s has %d values, %s has %d)", ErrTooFewPairs, nameX, presentX, nameY, presentY)
	case constX && constY:
		return fmt.Errorf("%s and %s both %w (%d pairs)", nameX, nameY, ErrConstant, m)
	case constX:
		return fmt.Errorf("%s %w (%d pairs)", nameX, ErrConstant, m)
	case constY:
		return fmt.Errorf("%s %w (%d pairs)", nameY, ErrConstant, m)
	}
	return nil
}

// allMissing describes a sample of n entries none of which is present.
func allMissing(n int) string {
	if n == 0 {
		return "empty"
	}
	return fmt.Sprintf("all %d entries missing", n)
}
