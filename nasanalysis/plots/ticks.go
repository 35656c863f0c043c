package plots

import (
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
)

// maxLabels bounds the labelled ticks of one axis: more crowd a 17 cm axis.
const maxLabels = 10

// LinearTicker is the plot.Ticker of every linear axis the builders draw. Its labelled
// ticks are the multiples of one step of 1, 2 or 5 times a power of ten inside the axis
// range, the largest step that gives at least four of them (so never fewer than three,
// however narrow the range), with unlabelled minor ticks between. Every label has the
// decimals the step needs and no more, so a tick at 3 x 0.1 reads "0.3", not
// "0.30000000000000004". gonum's DefaultTicks gives as few as two labels on some ranges
// and steps such as 3 or 6.
type LinearTicker struct{}

var _ plot.Ticker = LinearTicker{}

// Ticks implements plot.Ticker.
func (LinearTicker) Ticks(min, max float64) []plot.Tick {
	return linearTicks(min, max, 4)
}

// LogTicker is the plot.Ticker of every log axis the builders draw. It labels every
// decade inside the range and, whenever that stays readable (at most ten labels), the
// 2 and 5 multiples between them (1-2-5); when a narrow range holds fewer than four such
// ticks it adds the 3s (1-2-3-5), then every integer multiple, and below three labels it
// labels the range like a linear axis (850, 900, 950), so a log axis always has at least
// three labelled ticks. Over many decades it labels 1-3-10, then every decade, thinned to
// at most ten. The multiples 1-9 of each decade are unlabelled minor ticks. gonum's
// LogTicks labels decades only: one or two labels on a range such as 200-1000.
type LogTicker struct{}

var _ plot.Ticker = LogTicker{}

// Ticks implements plot.Ticker.
func (LogTicker) Ticks(min, max float64) []plot.Tick {
	if !(min > 0) || !(max > min) || math.IsInf(max, 0) {
		return linearTicks(min, max, 3)
	}
	sets := [][]int{{1}, {1, 3}, {1, 2, 5}, {1, 2, 3, 5}, {1, 2, 3, 4, 5, 6, 7, 8, 9}}
	vals := make([][]float64, len(sets))
	for i, s := range sets {
		vals[i] = logValues(min, max, s)
	}
	n := func(i int) int { return len(vals[i]) }
	var labelled []float64
	switch {
	case n(2) >= 4 && n(2) <= maxLabels:
		labelled = vals[2]
	case n(3) >= 4 && n(3) <= maxLabels:
		labelled = vals[3]
	case n(2) > maxLabels && n(1) <= maxLabels:
		labelled = vals[1]
	case n(2) > maxLabels:
		// Every k-th decade, k chosen so that at most maxLabels remain.
		k := (n(0) + maxLabels - 1) / maxLabels
		for i, v := range vals[0] {
			if i%k == 0 {
				labelled = append(labelled, v)
			}
		}
	case n(2) == 3:
		labelled = vals[2]
	case n(3) == 3:
		labelled = vals[3]
	case n(4) >= 3:
		labelled = vals[4]
	default:
		return linearTicks(min, max, 3)
	}
	minor := vals[4]
	if n(0) > 6 { // over many decades the 2-9 multiples merge into a grey band
		minor = vals[0]
	}
	ticks := make([]plot.Tick, 0, len(labelled)+len(minor))
	i := 0
	for _, v := range minor {
		for i < len(labelled) && labelled[i] < v {
			ticks = append(ticks, plot.Tick{Value: labelled[i], Label: formatTick(labelled[i], 0, false)})
			i++
		}
		if i < len(labelled) && labelled[i] == v {
			continue
		}
		ticks = append(ticks, plot.Tick{Value: v})
	}
	for ; i < len(labelled); i++ {
		ticks = append(ticks, plot.Tick{Value: labelled[i], Label: formatTick(labelled[i], 0, false)})
	}
	return ticks
}

// logValues lists m x 10^e for m in mantissas inside [min, max], ascending.
func logValues(min, max float64, mantissas []int) []float64 {
	tol := 1e-9
	var out []float64
	for e := int(math.Floor(math.Log10(min))) - 1; e <= int(math.Ceil(math.Log10(max))); e++ {
		for _, m := range mantissas {
			v := scaled(int64(m), e)
			if v >= min*(1-tol) && v <= max*(1+tol) {
				out = append(out, v)
			}
		}
	}
	return out
}

// scaled is k x 10^e computed with one correctly rounded operation, so 3 x 10^-1 is the
// float64 nearest 0.3.
func scaled(k int64, e int) float64 {
	if e >= 0 {
		return float64(k) * math.Pow10(e)
	}
	return float64(k) / math.Pow10(-e)
}

// linearTicks labels the multiples of the largest 1-2-5 step that gives at least want
// of them inside [min, max], with minor ticks at a fifth (a quarter for 2) of the step.
func linearTicks(min, max float64, want int) []plot.Tick {
	if math.IsNaN(min) || math.IsNaN(max) || math.IsInf(min, 0) || math.IsInf(max, 0) {
		return nil
	}
	if !(max > min) {
		return []plot.Tick{{Value: min, Label: formatTick(min, 0, false)}}
	}
	m, e := niceStep(min, max, want)
	var ticks []plot.Tick
	mm, me, sub := minorStep(m, e)
	minorStep := scaled(mm, me)
	lo, hi := math.Ceil(min/minorStep-1e-9), math.Floor(max/minorStep+1e-9)
	for k := int64(lo); k <= int64(hi); k++ {
		v := scaled(k*mm, me)
		if k%sub == 0 {
			ticks = append(ticks, plot.Tick{Value: v, Label: formatTick(v, e, true)})
		} else {
			ticks = append(ticks, plot.Tick{Value: v})
		}
	}
	return ticks
}

// minorStep is the step between the minor ticks of a major step m x 10^e, as
// mm x 10^me, and the number of minor steps in a major one: a fifth of the step for
// m = 1 and 5 ((2m) x 10^(e-1)), a quarter for m = 2 (5 x 10^(e-1)).
func minorStep(m, e int) (mm int64, me int, sub int64) {
	if m == 2 {
		return 5, e - 1, 4
	}
	return int64(m) * 2, e - 1, 5
}

// niceStep is the largest step m x 10^e, m in {5, 2, 1}, with at least want multiples
// in [min, max]; max > min.
func niceStep(min, max float64, want int) (m, e int) {
	top := int(math.Ceil(math.Log10(max-min))) + 1
	for e = top; ; e-- {
		for _, m = range []int{5, 2, 1} {
			s := scaled(int64(m), e)
			n := math.Floor(max/s+1e-9) - math.Ceil(min/s-1e-9) + 1
			if n >= float64(want) {
				return m, e
			}
		}
	}
}

// formatTick prints a tick value without float noise. With fixed true it prints the
// decimals a step of 10^e needs (0.80, 0.85, 0.90 for a step of 0.05 share two);
// otherwise, and for very large or small values, the shortest form of the value rounded
// to 12 significant digits, with a compact exponent ("2e-5", "1e6").
func formatTick(v float64, e int, fixed bool) string {
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 12, 64), 64)
	if err == nil {
		v = r
	}
	a := math.Abs(v)
	if fixed && a < 1e6 && e > -5 {
		s := strconv.FormatFloat(v, 'f', max(0, -e), 64)
		if strings.Trim(s, "-0.") == "" { // no "-0.0"
			s = strings.TrimPrefix(s, "-")
		}
		return s
	}
	if a < 1e-300 {
		return "0"
	}
	s := strconv.FormatFloat(v, 'g', -1, 64)
	if i := strings.IndexByte(s, 'e'); i >= 0 {
		mant, exp := s[:i], s[i+1:]
		neg := strings.HasPrefix(exp, "-")
		exp = strings.TrimLeft(exp, "+-0")
		if neg {
			exp = "-" + exp
		}
		s = mant + "e" + exp
	}
	return s
}
