// Package ofa evaluates OFA's released accuracy predictors (Cai et al., "Once-for-All",
// ICLR 2020) with GoMLX on the pure-Go backend: the MobileNetV3 predictor (LoadMBv3:
// 128 inputs, three hidden layers of 400) and the ResNet50 predictor (LoadResNet50: 82
// inputs, plus its base accuracy), read with package pyfile from the PyTorch state
// dicts the OFA repository ships, found through data.Resolve. Inputs are arch's
// OFAFeatures (MBArch.OFAFeatures, ResNetArch.OFAFeatures); Predict returns top-1
// accuracy as a fraction, for a whole batch in one evaluation.
package ofa
