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
// (Spaces). OFA's JSON form is read as OFA writes it too ("r": [224], "wid": null).
//
// Space is a design space to sample, search and profile: a family, optionally
// restricted to one supernet width, some resolutions, fewer blocks (a hardware-reduced
// space) and a depth range per stage (BlockProfile's released spaces cap OFA-MobileNetV3's
// stage depths, e.g. at 3, 4, 4, 4, 4 for the Note10). It samples (Sample), checks
// (Check, Contains) and repairs (Repair) architectures, and reads and writes the
// command line's form (ParseSpace, String: proxylessnas:width=1:res=224:drop=k3e4). Every
// random draw takes an explicit *rand.Rand. The entry points a caller reaches for with
// a generator it may not have made itself (Space.Sample, Space.Repair, Sample) refuse a
// nil one with ErrNilRand; the family-level samplers, Mutate and Crossover, called in
// hot loops by code that made the generator, treat nil as the programming error it is
// and panic, as indexing a nil slice would. BlockProfile's
// released reduced spaces are named spaces (ReleasedSpace, ReleasedSpaceNames:
// bp-note10, bp-gpu, bp-cpu, bp-npu), read from the authors' constants file
// (ReleasedSource) with the search settings they were run with (Released).
//
// Seeds are uint64 in every package of this project, as math/rand/v2's PCG takes them
// (SampleN, Config.Seed fields, the command line's --seed); where a library wants an
// int64 (GoMLX's initial seed, math/rand's source) it gets the same 64 bits, so a seed
// gives the same draws wherever it is passed.
//
// The OFA networks run at any input resolution from MinResolution to MaxResolution
// (32..1024 px), so Validate accepts all of those; the sets a predictor or a lookup
// table is defined on are Resolutions values (MBElasticResolutions,
// ResNetPredictorResolutions). An OFA-MobileNetV3 architecture without "w" has the
// space's default width, 1.2 (MBv3.DefaultWidth), the width of OFA's accuracy predictor
// and lookup tables; OFA-ProxylessNAS's default is 1.3.
//
// The OFA families and the NB201 cell also have an analytic cost (MACs, and for OFA
// parameters and the exact layer plan from which both follow); OFAFeatures is the input
// layout of OFA's released accuracy predictors.
//
// arch imports nothing of this project: every other package may build on it.
package arch
