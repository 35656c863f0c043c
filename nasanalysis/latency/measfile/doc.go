// Package measfile is the format of the files `nasanalysis measure` writes, and what
// can be done to them safely: append a row the moment a network is measured, resume an
// interrupted run from what it left, split one seeded sample over several processes
// and join their files again.
//
// Two kinds of file (Format): a measured-latency file (Measured), one row per network
// with its end-to-end times and the provenance of the measurement (engine, its version
// and library checksum, protocol, sample, shard, drift reference, machine); and a
// per-block file (Blocks), one row per block of a network, keyed by the first file's
// arch column. Row and BlockRow give a row's columns names and types; Record writes
// them in the header's order.
//
// Every row is appended in one write followed by fsync (Format.Append), so an
// interrupted run loses at most the row being written; Resume then cuts a torn last row
// (Format.Repair), drops a network's incomplete set of blocks, refuses rows measured
// another way (Settings) and says what is already measured. Shard and Select split a
// sample over N processes (`--shard I/N`), every row recording its position in the
// sample (sample_index); Merge joins the N files of one campaign in sample order,
// refusing files of another sample, engine or protocol, a shard given twice and a
// network measured twice, and, unless told to accept them (which every row's
// merge_note then records), a campaign with networks or shards missing and shards
// measured at different speeds (machines of another CPU, or on which the reference ran
// more than MaxSpeedSpread slower). Errors name the file and line.
//
// The typed readers of these files, for analysis, are in the parent package:
// latency.ReadMeasured and latency.ReadBlocks read them through Format.Read. This
// package imports neither an inference engine nor the architectures, so the files can
// be checked, resumed and merged without either.
package measfile
