package mlp32

import "golang.org/x/sys/cpu"

// hasFMA is whether kernelAVX2 can run here.
var hasFMA = cpu.X86.HasAVX2 && cpu.X86.HasFMA

// kernelAVX2 is kernelGo in AVX2 and FMA instructions (kernel_amd64.s). The caller
// checks the bounds: a holds 4 rows of k floats at stride lda, b holds k*16 floats, c
// holds 4 rows of 16 floats at stride ldc.
//
//go:noescape
func kernelAVX2(a *float32, lda int, b *float32, k int, c *float32, ldc int)

// kernel is kernelAVX2 where the CPU has AVX2 and FMA, kernelGo elsewhere.
func kernel(a []float32, lda int, b []float32, k int, c []float32, ldc int) {
	if !hasFMA || k == 0 {
		kernelGo(a, lda, b, k, c, ldc)
		return
	}
	// Bounds, checked once here so the assembly need not.
	_ = a[(blockRows-1)*lda+k-1]
	_ = b[k*blockCols-1]
	_ = c[(blockRows-1)*ldc+blockCols-1]
	kernelAVX2(&a[0], lda, &b[0], k, &c[0], ldc)
}
