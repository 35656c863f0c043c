// Package latency gives the latency of architectures of the OFA mobile spaces from
// several sources behind one interface (Source):
//
//   - per-operator lookup tables (LUT, read by ReadLUT from OFA's YAML form), whose sum
//     over a network's operators (MBArch.Layers) is its latency: OFA's Samsung Note10
//     tables for OFA-MobileNetV3 at five resolutions (Note10) and ProxylessNAS's mobile
//     table (ProxylessMobile), both found through data.Resolve;
//   - live end-to-end measurement on this machine (Measurer) by an Engine under a
//     Protocol: ONNX Runtime running the network built as an ONNX graph (ORT,
//     ONNXNetwork; per block with ProfileBlocks), or GoMLX's pure-Go backend running it
//     as a GoMLX graph (GoMLX), both with the same seeded random weights;
//   - the project's recorded measurements (Recorded, read by ReadMeasured from the
//     files `nasanalysis measure` writes; ReadBlocks reads their per-block files).
//     The files' format, and writing, resuming, sharding and merging them, are
//     package measfile's.
//
// An operator missing from a table, or an architecture outside what a table or record
// covers, is an error naming the key or the architecture, never a silent zero.
package latency
