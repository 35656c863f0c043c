// Package plots builds the project's figures with gonum/plot: annotated heatmaps with a
// colour bar (Heatmap), grouped scatter plots (Scatter), step and line fronts with
// optional error bars (Lines), and box plots of distributions (BoxPlots), with small
// helpers that shape data into series (GroupBy, Subset, MeanBand, Distributions). It
// draws tables that study packages computed; it computes no statistics itself.
//
// A Figure carries its caption (what data, how many samples) and renders to SVG or PNG.
// Rendering is deterministic: the same inputs give the same bytes.
package plots
