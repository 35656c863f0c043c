// Package ofa evaluates OFA's released accuracy predictors (Cai et al., "Once-for-All",
// ICLR 2020) in float32 with package mlp32's kernel: the MobileNetV3 predictor (LoadMBv3:
// 128 inputs, three hidden layers of 400) and the ResNet50 predictor (LoadResNet50: 82
// inputs, plus its base accuracy), read with package pyfile from the PyTorch state
// dicts the OFA repository ships, found through data.Resolve. Inputs are arch's
// OFAFeatures (MBArch.OFAFeatures, ResNetArch.OFAFeatures); Predict returns top-1
// accuracy as a fraction, for a whole batch in one call, shared among GOMAXPROCS workers.
//
// The predictors were evaluated with GoMLX until issue 27: its default build, without
// SIMD kernels, took 1.78 s for 10,000 networks where numpy takes 0.12 s; mlp32 takes
// about the same as numpy (BenchmarkPredictVsNumpy10000, BenchmarkPredictVsGoMLX10000).
//
// The released files are in PyTorch's legacy format, which has no checksum: a damaged
// byte in a weight still decodes. So the loaders check what they read (exactly the
// expected tensors and shapes, finite parameters of plausible size, and predictions in
// [0, 1] for sample architectures that together use every input), and Predict refuses
// any prediction outside [0, 1]; either error names the file and what was found, so a
// damaged predictor stops a command instead of printing an accuracy of 190 %.
package ofa
