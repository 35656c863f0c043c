// Package plots builds the project's figures with gonum/plot: annotated heatmaps with a
// colour bar, grouped scatter plots, step and line fronts, and box plots of
// distributions. It draws tables that study packages computed; it computes no
// statistics itself.
//
// A Figure carries its caption (what data, how many samples) and renders to SVG or PNG.
// Rendering is deterministic: the same inputs give the same bytes.
package plots
