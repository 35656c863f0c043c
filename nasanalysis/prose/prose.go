package prose

import (
	"math"
	"sort"
	"strconv"
	"strings"
)

// The precision rule of every number this project prints: three significant digits.
//
// In prose (Num, Interval, Est) each number gets three significant digits of its own;
// whole numbers print whole, with thousands separators ("1,999"), and so does anything
// of 100 or more; below 0.001 a number prints as "9.34×10⁻⁵". An interval's ends (and an
// estimate with its interval) share one number of decimals.
//
// In tables each float column gets one format, chosen from the column's typical
// magnitude (the median of its non-zero absolute values): fixed decimals giving that
// magnitude three significant digits (0.971, 12.3, 1999), or scientific notation
// (9.34e-05) for every value when the typical magnitude is below 0.001 or 10⁶ and more.
// A column of whole numbers prints whole. NaN prints as "n/a".

// sigDigits is the number of significant digits of the precision rule.
const sigDigits = 3

// NA is how a missing or undefined number prints.
const NA = "n/a"

// Number is any Go number type Num accepts.
type Number interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~float32 | ~float64
}

// Num formats x for prose under the precision rule: Num(0.74083) = "0.741",
// Num(1999) = "1,999", Num(12.345) = "12.3", Num(9.344e-05) = "9.34×10⁻⁵",
// Num(math.NaN()) = "n/a".
func Num[T Number](x T) string {
	v := float64(x)
	if s, ok := special(v); ok {
		return s
	}
	if isWhole(v) || math.Abs(v) >= 100 {
		return group(strconv.FormatFloat(math.Round(v), 'f', 0, 64))
	}
	if v != 0 && math.Abs(v) < 1e-3 {
		return sci(v)
	}
	return fixed(v, decimalsFor(math.Abs(v)))
}

// Interval formats the interval [lo, hi] for prose: both ends with one number of
// decimals, enough for three significant digits of the larger end and for the two
// ends to differ: Interval(0.7118, 0.7452) = "0.712–0.745". An end below zero makes
// it "-0.12 to 0.31", so a minus sign never reads as a dash.
func Interval[T Number](lo, hi T) string {
	return joinInterval(formatTogether(float64(lo), float64(hi)))
}

// Est formats an estimate with its interval: Est(0.731, 0.712, 0.745) =
// "0.731 (0.712–0.745)", all three with one number of decimals.
func Est[T Number](x, lo, hi T) string {
	s := formatTogether(float64(x), float64(lo), float64(hi))
	return s[0] + " (" + joinInterval(s[1:]) + ")"
}

func joinInterval(s []string) string {
	sep := "–"
	if strings.HasPrefix(s[0], "-") || strings.HasPrefix(s[1], "-") || strings.Contains(s[0]+s[1], "×") {
		sep = " to "
	}
	return s[0] + sep + s[1]
}

// formatTogether formats numbers that are read together (an interval's ends, an
// estimate and its interval) with one number of decimals.
func formatTogether(xs ...float64) []string {
	out := make([]string, len(xs))
	maxAbs, whole, finite := 0.0, true, 0
	for _, x := range xs {
		if _, ok := special(x); ok {
			continue
		}
		finite++
		maxAbs = math.Max(maxAbs, math.Abs(x))
		whole = whole && isWhole(x)
	}
	var format func(float64) string
	switch {
	case finite == 0:
	case whole || maxAbs >= 100:
		format = func(x float64) string { return group(strconv.FormatFloat(math.Round(x), 'f', 0, 64)) }
	case maxAbs < 1e-3:
		format = sci
	default:
		d := decimalsFor(maxAbs)
		// More decimals until the distinct numbers print distinct (at most 3 more).
		for extra := 0; extra < 3 && collide(xs, d); extra++ {
			d++
		}
		format = func(x float64) string { return fixed(x, d) }
	}
	for i, x := range xs {
		if s, ok := special(x); ok {
			out[i] = s
		} else {
			out[i] = format(x)
		}
	}
	return out
}

// collide reports whether two different finite numbers of xs print the same with d decimals.
func collide(xs []float64, d int) bool {
	seen := map[string]float64{}
	for _, x := range xs {
		if _, ok := special(x); ok {
			continue
		}
		s := fixed(x, d)
		if y, ok := seen[s]; ok && y != x {
			return true
		}
		seen[s] = x
	}
	return false
}

// ColumnFormat returns the one format of a table column holding vals (NaN allowed).
func ColumnFormat(vals []float64) func(float64) string {
	var mags []float64
	whole := true
	for _, v := range vals {
		if _, ok := special(v); ok {
			continue
		}
		whole = whole && isWhole(v)
		if v != 0 {
			mags = append(mags, math.Abs(v))
		}
	}
	format := func(v float64) string { return strconv.FormatFloat(v, 'f', 0, 64) }
	if !whole && len(mags) > 0 {
		sort.Float64s(mags)
		m := mags[len(mags)/2]
		if len(mags)%2 == 0 {
			m = (mags[len(mags)/2-1] + mags[len(mags)/2]) / 2
		}
		if m < 1e-3 || m >= 1e6 {
			format = func(v float64) string { return strconv.FormatFloat(v, 'e', sigDigits-1, 64) }
		} else {
			d := decimalsFor(m)
			format = func(v float64) string { return fixed(v, d) }
		}
	}
	return func(v float64) string {
		if s, ok := special(v); ok {
			return s
		}
		return format(v)
	}
}

// special formats NaN and the infinities.
func special(v float64) (string, bool) {
	switch {
	case math.IsNaN(v):
		return NA, true
	case math.IsInf(v, 1):
		return "∞", true
	case math.IsInf(v, -1):
		return "-∞", true
	}
	return "", false
}

func isWhole(v float64) bool { return v == math.Trunc(v) && math.Abs(v) < 1e15 }

// decimalsFor is the number of decimals that gives a (> 0) three significant digits,
// after rounding (0.9996 has exponent 0 once rounded to 1.00).
func decimalsFor(a float64) int {
	s := strconv.FormatFloat(a, 'e', sigDigits-1, 64)
	exp, _ := strconv.Atoi(s[strings.IndexByte(s, 'e')+1:])
	return max(sigDigits-1-exp, 0)
}

// fixed formats v with d decimals, without a minus sign on a value that rounds to zero.
func fixed(v float64, d int) string {
	s := strconv.FormatFloat(v, 'f', d, 64)
	if strings.HasPrefix(s, "-") && strings.Trim(s, "-0.") == "" {
		s = s[1:]
	}
	return s
}

// sci formats v as "9.34×10⁻⁵".
func sci(v float64) string {
	s := strconv.FormatFloat(v, 'e', sigDigits-1, 64)
	i := strings.IndexByte(s, 'e')
	exp, _ := strconv.Atoi(s[i+1:])
	return s[:i] + "×10" + superscript(exp)
}

func superscript(n int) string {
	const digits = "⁰¹²³⁴⁵⁶⁷⁸⁹"
	var b strings.Builder
	if n < 0 {
		b.WriteString("⁻")
		n = -n
	}
	for _, c := range strconv.Itoa(n) {
		b.WriteString(string([]rune(digits)[c-'0']))
	}
	return b.String()
}

// group puts thousands separators into an integer's digits: "15625" -> "15,625".
func group(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	if s == "0" {
		sign = ""
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return sign + s
}
