// Package mlp32 evaluates a fixed multilayer perceptron (dense layers, ReLU between
// them) in float32, for inference only: OFA's pretrained accuracy predictors, scored on
// tens of thousands of networks by profiling studies and hundreds of thousands by an
// evolutionary search.
//
// Why not GoMLX, which trains this project's own predictors: its default build has no
// SIMD matrix kernels, and an MLP of OFA's size ran 15x slower there than numpy's
// float32 pass of the same weights; with them (GOEXPERIMENT=simd, which make sets) it
// was still 1.2x numpy as a whole process, and a plain go build lacks them. Here the
// weights are packed once into panels of 16 output columns and every hidden layer is a
// sequence of 4x16 blocks, C += A·B, computed with AVX2 and FMA instructions where the
// CPU has them (kernel_amd64.s) and by the same loop in plain Go elsewhere (kernel.go).
// Rows are evaluated in chunks small enough to stay in the core's caches, and the
// chunks are shared among GOMAXPROCS workers.
package mlp32
