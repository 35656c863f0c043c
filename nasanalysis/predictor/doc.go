// Package predictor holds GoMLX accuracy and latency predictors that run on GoMLX's
// pure-Go backend, which needs no accelerator and downloads nothing.
//
// Pretrained: OFA's MobileNetV3 and ResNet50 accuracy predictors (LoadOFAMBv3Predictor,
// LoadOFAResNet50Predictor), evaluated with their released weights.
//
// Trainable: a Task pairs the architectures of a dataset with a target (an NB201
// accuracy column, a device's latency, or this machine's measured latency) and encodes
// each architecture twice — a flat one-hot vector and a DAG of operations. Train fits an
// MLP on the first or a GCN on the second (Config), with a pairwise ranking loss next to
// the squared error, early stopping on a validation split and optional ensembling;
// Save and Load keep a trained predictor as GoMLX checkpoints. Evaluate, LearningCurve
// and the linear and FLOPs baselines score predictors on all held-out architectures;
// GuidedSearch puts one in a search loop; PredictedLatency makes one trained on the
// measured dataset a latency.Source.
//
// The monotonicity study's FineTuner (an MLP pre-trained on a proxy device and
// fine-tuned on a few target measurements) is the learned alternative to AdaProxy.
package predictor
