// Package data loads the public reference tables this project studies — NAS-Bench-201
// accuracies and multi-device latencies, FBNet and OFA-MobileNetV3 latencies — into plain
// slices and gota DataFrames, and converts the publishers' raw files into those tables.
//
// Every dataset is known by one name used across the project (the command line's
// --space): "nb201", "nb201-full", "fbnet" and "ofa-mbv3-gpu". Files are found by one
// resolution order (see Resolve): an explicit directory, then NASANALYSIS_DATA, then
// ../shared/datasets beside the repository, then the user's cache filled by Fetch.
//
// Loading is strict. A missing file, a missing or unexpected column, a non-numeric or
// non-finite value, a malformed architecture string or a duplicated index is an error
// that names the file, line, column and value. An empty latency cell is a missing value
// (NaN in slices, absent from long tables), never a zero.
package data
