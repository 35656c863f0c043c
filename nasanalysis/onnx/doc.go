// Package onnx writes ONNX models (https://onnx.ai) from Go: Graph adds nodes and
// float32 initialisers and serialises the model with protobuf types generated from
// onnx.proto, the subset of ONNX's format this project writes (regenerate with the
// command in that file). It knows nothing of architectures; package latency builds the
// networks of the design spaces with it, one named block at a time, so ONNX Runtime's
// per-node profile can be summed per block.
package onnx
