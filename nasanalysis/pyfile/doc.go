// Package pyfile decodes the Python files the public releases ship, with gopickle:
// pickles of numbers and numpy float scalars (OneProxy's latency and encoding files;
// Load, Floats, Matrix) and PyTorch state dicts (OFA's accuracy predictors;
// LoadStateDict, StateDict.Float32). The pickle reader knows only the two numpy classes
// those files use and refuses any other class by name, so a file holding something else
// fails loudly rather than decoding to a generic object; a state dict must hold only
// named tensors, and Float32 checks each tensor's shape.
package pyfile
