package nb

import "github.com/nasanalysis/nasanalysis/nasanalysis/prose"

// NA is how a missing or undefined number prints (prose.NA).
const NA = prose.NA

// Number is any Go number type Num accepts.
type Number = prose.Number

// Num formats x for prose under the precision rule (prose.Num).
func Num[T Number](x T) string { return prose.Num(x) }

// Interval formats the interval [lo, hi] for prose (prose.Interval).
func Interval[T Number](lo, hi T) string { return prose.Interval(lo, hi) }

// Est formats an estimate with its interval (prose.Est).
func Est[T Number](x, lo, hi T) string { return prose.Est(x, lo, hi) }

// columnFormat is the one format of a table column (prose.ColumnFormat).
func columnFormat(vals []float64) func(float64) string { return prose.ColumnFormat(vals) }
