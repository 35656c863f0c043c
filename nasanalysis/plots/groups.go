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

// MeanBand is a series of means at x with the band mean ± sd shaded around it, for
// Lines: ±sd error bars at each of 150 points merge into a fence, a band stays
// readable (set Series.YErr for bars). A NaN mean or sd leaves a gap in the band.
// Lengths are checked when the figure is built.
func MeanBand(name string, x, mean, sd []float64) Series {
	s := Series{Name: name, X: x, Y: mean}
	if len(sd) != len(mean) {
		s.Lo, s.Hi = sd, sd // wrong length: Lines reports it
		return s
	}
	s.Lo, s.Hi = make([]float64, len(mean)), make([]float64, len(mean))
	for i := range mean {
		s.Lo[i], s.Hi[i] = mean[i]-sd[i], mean[i]+sd[i]
	}
	return s
}
