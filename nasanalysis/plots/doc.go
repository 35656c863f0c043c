// Package plots builds the project's figures with gonum/plot: annotated heatmaps with a
// colour bar (Heatmap), grouped scatter plots (Scatter), step and line fronts with
// shaded bands or error bars (Lines), and box plots of distributions (BoxPlots), with
// small helpers that shape data into series (GroupBy, Subset, Band, MeanBand,
// Distributions). It draws tables that study packages computed and computes no
// statistics itself.
//
// Every builder draws in one style, so that a report's figures read alike:
//
//   - ColumnWidth (17 cm, the HTML report's column at 96 dpi) wide by default, text in
//     Liberation Sans (Font), named in the SVG with Arial, Helvetica and sans-serif as
//     fallbacks;
//   - ticks from LinearTicker and LogTicker: at least three labelled ticks on any range,
//     every decade and 1-2-5 (or 1-2-3-5) multiples on a log axis, labels without float
//     noise;
//   - data ranges padded by 4 % so that no marker sits on an axis;
//   - a legend on a semi-opaque white box, in the corner that hides the fewest data,
//     listing only series that have points;
//   - categories (boxes, heatmap rows and columns, legend entries) in NaturalOrder, so
//     that 1080ti_32 comes before 1080ti_256;
//   - heatmap colour scales fitted to the values shown unless set on purpose (Min, Max,
//     SharedRange), with a labelled colour bar: Sequential (light to dark, ColorBrewer's
//     YlGnBu) for quantities that go one way, such as latency, FLOPs, accuracy and
//     correlations; Diverging (Moreland's cool-warm, grey at 0, centred on 0) only for
//     signed shifts, which the caller marks (Heatmap.Signed or Scale);
//   - a heatmap cell's interval (Heatmap.Lo, Hi) printed under its value when it fits,
//     and the caption saying whether it does; CorrelationHeatmap draws a study's
//     correlation matrix so.
//
// Callers name every numeric axis with its quantity and unit ("latency (ms)"): an empty
// label is drawn as "x (unit?)" so that the omission shows.
//
// A Figure carries its caption (what data, how many samples) and renders to SVG or to
// PNG at a chosen resolution (PNG, Save; DefaultDPI 150). Rendering is deterministic:
// the same inputs give the same bytes.
package plots
