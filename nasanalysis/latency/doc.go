// Package latency provides latency sources for architectures of the OFA design spaces:
// per-operator lookup tables (OFA's Samsung Note10 tables for MobileNetV3 at five
// resolutions, ProxylessNAS's mobile table), whose sum over a network's operators is its
// latency. An operator missing from a table is an error naming the key and the file,
// never a silent zero.
package latency
