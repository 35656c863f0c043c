#include "textflag.h"

// func kernelAVX2(a *float32, lda int, b *float32, k int, c *float32, ldc int)
//
// c[r][0:16] += sum over p < k of a[r][p] * b[p][0:16], for r = 0..3; a's rows are lda
// floats apart, b's panel rows 16 floats apart (contiguous), c's rows ldc floats apart.
// Y0-Y7 hold the 4x16 block of c, Y8-Y9 one panel row, Y10-Y13 the four broadcast a's.
TEXT ·kernelAVX2(SB), NOSPLIT, $0-48
	MOVQ a+0(FP), SI
	MOVQ lda+8(FP), R8
	MOVQ b+16(FP), DI
	MOVQ k+24(FP), CX
	MOVQ c+32(FP), DX
	MOVQ ldc+40(FP), R10
	SHLQ $2, R8
	SHLQ $2, R10

	// Rows 1-3 of a.
	LEAQ (SI)(R8*1), R11
	LEAQ (SI)(R8*2), R12
	LEAQ (R11)(R8*2), R13

	// Rows 1-3 of c.
	LEAQ (DX)(R10*1), R14
	LEAQ (DX)(R10*2), R15
	LEAQ (R14)(R10*2), BX

	VMOVUPS (DX), Y0
	VMOVUPS 32(DX), Y1
	VMOVUPS (R14), Y2
	VMOVUPS 32(R14), Y3
	VMOVUPS (R15), Y4
	VMOVUPS 32(R15), Y5
	VMOVUPS (BX), Y6
	VMOVUPS 32(BX), Y7

	XORQ AX, AX
	TESTQ CX, CX
	JEQ  store

loop:
	VMOVUPS      (DI), Y8
	VMOVUPS      32(DI), Y9
	VBROADCASTSS (SI)(AX*4), Y10
	VFMADD231PS  Y8, Y10, Y0
	VFMADD231PS  Y9, Y10, Y1
	VBROADCASTSS (R11)(AX*4), Y11
	VFMADD231PS  Y8, Y11, Y2
	VFMADD231PS  Y9, Y11, Y3
	VBROADCASTSS (R12)(AX*4), Y12
	VFMADD231PS  Y8, Y12, Y4
	VFMADD231PS  Y9, Y12, Y5
	VBROADCASTSS (R13)(AX*4), Y13
	VFMADD231PS  Y8, Y13, Y6
	VFMADD231PS  Y9, Y13, Y7
	ADDQ         $64, DI
	INCQ         AX
	CMPQ         AX, CX
	JLT          loop

store:
	VMOVUPS Y0, (DX)
	VMOVUPS Y1, 32(DX)
	VMOVUPS Y2, (R14)
	VMOVUPS Y3, 32(R14)
	VMOVUPS Y4, (R15)
	VMOVUPS Y5, 32(R15)
	VMOVUPS Y6, (BX)
	VMOVUPS Y7, 32(BX)
	VZEROUPPER
	RET
