// Package pyfile decodes the Python files the public releases ship: pickles of numbers
// and numpy float scalars (OneProxy's latency and encoding files; Load, Floats, Matrix)
// and PyTorch state dicts in the legacy and the zip format (OFA's accuracy predictors;
// LoadStateDict, StateDict.Float32).
//
// The pickle reader is this package's own, written for files that may be damaged: it
// works on the whole file in memory, checks every length the file declares against what
// remains before allocating, and bounds its opcodes, stack, MARKs, memo, nesting and the
// work a value reused through the memo can cost, so any input ends in a value or an
// error naming the file, the opcode and its offset, never in a hang, a panic or an
// allocation the file cannot back (FuzzUnpickle and FuzzStateDict check this). It knows
// only the classes those files use, and refuses any other by name, so a file holding
// something else fails loudly rather than decoding to a generic object; a state dict must
// hold only named tensors, each a view inside its storage, and Float32 checks each
// tensor's shape, type and layout.
package pyfile
