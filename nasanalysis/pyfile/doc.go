// Package pyfile decodes the Python files the public releases ship: pickles of numbers
// and numpy scalars (OneProxy's latency and encoding files) and PyTorch state dicts
// (OFA's accuracy predictors). It knows only the classes those files use and refuses
// any other by name, so a file holding something else fails loudly rather than
// decoding to a generic object.
package pyfile
