// Package space defines the block-level design spaces of the block-profiling study
// (Mills et al., CIKM 2021): OFA-MobileNetV3, OFA-ProxylessNAS and OFA-ResNet50. For
// each: an architecture type in OFA's dictionary form ("ks", "e", "d", "r", and "w"
// where the space has widths), validation that names what is wrong, seeded sampling,
// mutation and crossover, fixing one block choice at a (stage, layer) position as the
// paper does, and the exact layer-by-layer plan of the macro network (channels, strides,
// feature-map sizes) from which FLOPs and parameter counts follow.
package space
