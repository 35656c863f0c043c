package plots

// Correlations is a square matrix of correlations between named variables (devices,
// device configurations, metrics), with an optional interval around each: what a
// study's correlation matrix holds (monotonic.Matrix has Devices, Value, Lo, Hi and
// Level), as plain slices, so that this package needs no study package.
type Correlations struct {
	// Names label the rows and, in the same order, the columns.
	Names []string
	// Method names the correlation on the colour bar: "SRCC", "Kendall tau-b".
	Method string
	// Value[i][j] is the correlation of Names[i] with Names[j].
	Value [][]float64
	// Lo and Hi, when set, bound an interval around each value at confidence Level
	// (0.95 for 95 %); see Heatmap.Lo.
	Lo, Hi [][]float64
	Level  float64
}

// CorrelationHeatmap is the heatmap of the correlation matrix c: a cell per pair,
// labelled with its correlation and, when c has intervals and they fit, the interval
// under it (the figure's caption, caption followed by a sentence on the intervals,
// says which). Rows and columns are c.Names in NaturalOrder; the colour scale is
// Sequential (a correlation goes one way: higher is closer agreement), fitted to the
// values shown. Set the result's other fields before calling Figure: Min and Max to
// share a scale between figures, XLabel and YLabel ("target", "proxy") when the rows
// and columns play different parts. Shapes are checked by Figure.
func CorrelationHeatmap(title string, c Correlations, caption string) Heatmap {
	return Heatmap{
		Title:      title,
		Values:     c.Value,
		Lo:         c.Lo,
		Hi:         c.Hi,
		Level:      c.Level,
		RowLabels:  c.Names,
		ColLabels:  c.Names,
		ValueLabel: c.Method,
		Scale:      Sequential,
		Caption:    caption,
	}
}
