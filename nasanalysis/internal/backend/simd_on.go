//go:build goexperiment.simd

package backend

// SIMD is whether this build has GoMLX's SIMD matrix kernels (GOEXPERIMENT=simd, which
// make sets for everything it builds).
const SIMD = true
