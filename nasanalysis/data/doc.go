// Package data is the registry of the public datasets this project studies — tables of
// architectures with measured numbers: NAS-Bench-201 accuracies and multi-device
// latencies, FBNet and OFA-MobileNetV3 latencies — and their strict loading into plain
// slices and gota DataFrames.
//
// Every dataset is known by one name used across the project (the command line's
// --dataset): "nb201", "nb201-full", "fbnet" and "ofa-mbv3-gpu"; Dataset.Space names
// the design space (package arch) its architectures belong to, and loading parses each
// one (LatencyTable.Parsed). Files are found by one resolution order (Resolve): an
// explicit directory, then NASANALYSIS_DATA, then ../shared/datasets beside the
// repository, then the user's cache that package fetch fills. A file found nowhere is
// ErrNotFound (it wraps fs.ErrNotExist), naming every place looked in.
//
// Next to the latency tables (LoadLatency, ReadLatencyFile; LoadByKind orders the
// devices by hardware kind) it loads NAS-Bench-201's accuracies (LoadAccuracy, joined to
// a latency table by AccuracyFor and JoinAccuracy), each device's hardware and kind
// (LoadDevices), an overview of every dataset (Overview), and correlation matrices
// transcribed from the papers' figures (LoadPublishedCorrelations, PublishedSRCCFile).
//
// Loading is strict. A missing file, a missing or unexpected column, a non-numeric or
// non-finite value, a malformed architecture string or a duplicated index is an error
// that names the file, line, column and value. An empty latency cell is a missing value
// (NaN in slices, absent from long tables), never a zero.
package data
