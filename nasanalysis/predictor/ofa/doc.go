// Package ofa evaluates OFA's released accuracy predictors (Cai et al., "Once-for-All",
// ICLR 2020) with GoMLX: the MobileNetV3 predictor (128 inputs, three hidden layers of
// 400) and the ResNet50 predictor (82 inputs, plus its base accuracy), read from the
// PyTorch state dicts the OFA repository ships. Inputs are arch's OFAFeatures.
package ofa
