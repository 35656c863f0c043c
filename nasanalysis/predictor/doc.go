// Package predictor trains GoMLX accuracy and latency predictors on GoMLX's pure-Go
// backend, which needs no accelerator and downloads nothing. (OFA's released,
// pretrained predictors are in predictor/ofa.)
//
// A Task pairs the architectures of a dataset with a target (an NB201 accuracy column,
// a device's latency, or this machine's measured latency; LoadTask) or of any list of
// architectures (NewTask), with both of each architecture's encodings from package
// arch: the one-hot vector and the operations graph. Train fits an MLP on the first or
// a GCN on the second (Config), with a pairwise ranking loss next to the squared error,
// early stopping on a validation split and optional ensembling; Save and Load keep a
// trained predictor as GoMLX checkpoints. Evaluate, LearningCurve and the linear and
// FLOPs baselines (FitLinear, EvaluateBaseline) score predictors on all held-out
// architectures (Scored: Spearman, Kendall tau-b, RMSE); ByOpMix breaks errors down by
// operation mix; PredictedLatency makes one trained on the measured
// dataset a latency.Source. MLP is a plain regressor that can keep training from its
// weights (the monotonicity study fine-tunes it from a proxy device to a target).
//
// A researcher predicts and ranks architectures directly: Trained.PredictArchs takes
// arch.Arch values (no text form, no EncodeArch), and Rank orders them by any Predictor
// (a trained one, or PredictFunc over an analytic cost), best first. FitSpec names one
// training run and Fit performs it; a Fitted predictor, with its held-out score, is
// gob-encodable, so a notebook keeps it once per run under nb.Key(spec.Key()) and any
// other notebook training the same predictor reuses it.
//
// Notebook 04's study is here too, as typed results and separate sentence builders:
// CompareCurves (learning curves with paired-by-seed comparisons and published anchors,
// CurveFindings), CompareTasks (one budget on every latency dataset, TaskFindings),
// ViewHeldOut, ByOpMix and CheckRanking (where a predictor fails and what its ranking
// puts first), CompareSearches (guided against random search, seed by seed),
// CompareMeasured and UseAsSource (a measured-latency predictor against the FLOPs line
// and as a latency source).
//
// predictor is a tool: it imports arch, data, latency and stats, never a study.
package predictor
