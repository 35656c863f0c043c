package search

import (
	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
)

// Curve is Band with its x axis: queries 1, 2, ..., the mean best value so far over the
// traces and its standard deviation.
func Curve(trs []Trace) (queries, mean, sd []float64) {
	mean, sd = Band(trs)
	queries = make([]float64, len(mean))
	for k := range queries {
		queries[k] = float64(k + 1)
	}
	return queries, mean, sd
}

// CompareFrame sets two sets of traces side by side after the given numbers of queries:
// rows queries, guided, guided_sd, random, random_sd, difference (guided - random mean).
func CompareFrame(guided, random []Trace, at []int) dataframe.DataFrame {
	gb, gsd := Band(guided)
	rb, rsd := Band(random)
	cols := make([][]float64, 5)
	for _, q := range at {
		for c, v := range []float64{gb[q-1], gsd[q-1], rb[q-1], rsd[q-1], gb[q-1] - rb[q-1]} {
			cols[c] = append(cols[c], v)
		}
	}
	out := []series.Series{series.New(at, series.Int, "queries")}
	for c, name := range []string{"guided", "guided_sd", "random", "random_sd", "difference"} {
		out = append(out, series.New(cols[c], series.Float, name))
	}
	return dataframe.New(out...)
}

// CountReached counts the traces whose final best value equals best.
func CountReached(trs []Trace, best float64) int {
	n := 0
	for _, tr := range trs {
		if len(tr.BestSoFar) > 0 && tr.BestSoFar[len(tr.BestSoFar)-1] == best {
			n++
		}
	}
	return n
}
