package mlp32

// blockRows and blockCols are the shape of the block of outputs one kernel call
// computes: 8 accumulators of 8 floats, as many as two FMA units with a latency of four
// cycles need to stay busy, and few enough to leave registers for the operands.
const (
	blockRows = 4
	blockCols = 16
)

// kernelGo is the kernel in plain Go: for the 4 rows of a starting at a[0] with row
// stride lda, and a panel b of k rows of 16 contiguous floats, it adds a·b into the
// 4x16 block of c starting at c[0] with row stride ldc. It is the fallback where AVX2 or
// FMA is missing, and the reference the assembly is tested against.
func kernelGo(a []float32, lda int, b []float32, k int, c []float32, ldc int) {
	var acc [blockRows][blockCols]float32
	for r := range blockRows {
		copy(acc[r][:], c[r*ldc:r*ldc+blockCols])
	}
	for p := range k {
		panel := b[p*blockCols : p*blockCols+blockCols]
		for r := range blockRows {
			x := a[r*lda+p]
			row := &acc[r]
			for j, w := range panel {
				row[j] += x * w
			}
		}
	}
	for r := range blockRows {
		copy(c[r*ldc:r*ldc+blockCols], acc[r][:])
	}
}
