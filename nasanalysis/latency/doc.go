// Package latency gives the latency of architectures of the OFA mobile spaces from
// several sources behind one interface (Source): per-operator lookup tables (OFA's
// Samsung Note10 tables for MobileNetV3 at five resolutions, ProxylessNAS's mobile
// table), whose sum over a network's operators is its latency; live end-to-end
// measurement of a network built as a GoMLX graph on this machine (Measurer); and the
// project's recorded measurements (Recorded, ReadMeasured). An operator missing from a
// table is an error naming the key and the file, never a silent zero.
package latency
