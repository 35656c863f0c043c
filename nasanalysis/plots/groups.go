package plots

// Distributions pairs each name with its sample, for BoxPlots.
func Distributions(names []string, samples [][]float64) []Distribution {
	out := make([]Distribution, len(names))
	for i, n := range names {
		out[i] = Distribution{Name: n, Values: samples[i]}
	}
	return out
}

// GroupBy splits the points (x[i], y[i]) into one series per name: point i goes to
// series group[i], and a group index past the last name goes to the last series (so the
// last name can collect "k or more").
func GroupBy(x, y []float64, group []int, names []string) []Series {
	out := make([]Series, len(names))
	for g, n := range names {
		out[g].Name = n
	}
	for i := range x {
		g := min(group[i], len(names)-1)
		out[g].X = append(out[g].X, x[i])
		out[g].Y = append(out[g].Y, y[i])
	}
	return out
}

// Subset is the series of the points (x[i], y[i]) for i in idx, in that order.
func Subset(name string, x, y []float64, idx []int) Series {
	s := Series{Name: name, X: make([]float64, len(idx)), Y: make([]float64, len(idx))}
	for k, i := range idx {
		s.X[k], s.Y[k] = x[i], y[i]
	}
	return s
}

// MeanBand is a series of means with ±sd error bars at x, for Lines.
func MeanBand(name string, x, mean, sd []float64) Series {
	return Series{Name: name, X: x, Y: mean, YErr: sd}
}
