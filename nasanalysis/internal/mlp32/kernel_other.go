//go:build !amd64

package mlp32

// hasFMA is false: only amd64 has the assembly kernel.
var hasFMA = false

// kernel is kernelGo: only amd64 has the assembly kernel.
func kernel(a []float32, lda int, b []float32, k int, c []float32, ldc int) {
	kernelGo(a, lda, b, k, c, ldc)
}
