// Package arch models every architecture family the project studies, one type per
// family: the NAS-Bench-201 cell (Cell), FBNet (FBNetArch), the OFA mobile spaces
// OFA-MobileNetV3 and OFA-ProxylessNAS (MBArch, with MBv3 and Proxyless describing
// their macro networks), and OFA-ResNet50 (ResNetArch).
//
// Each family has the same small shape (Arch, Evolvable): a text form that parses back
// (the NB201 cell string, FBNet's '-'-joined layers, OFA's JSON dictionary), validation
// whose error names the field and value, seeded sampling, mutation and uniform
// crossover, block fixes (one choice pinned at one position, as the block-profiling
// study of Mills et al. does), the flat vector of one-hot choices linear models and MLPs take (Flat)
// and the operations graph GCNs take (Graph). Parse and Sample dispatch on a space name
// (Spaces). The OFA families and the NB201 cell also have an analytic cost (MACs, and
// for OFA parameters and the exact layer plan from which both follow); OFAFeatures is
// the input layout of OFA's released accuracy predictors.
//
// arch imports nothing of this project: every other package may build on it.
package arch
