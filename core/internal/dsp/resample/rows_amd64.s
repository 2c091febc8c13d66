//go:build amd64 && !purego

#include "textflag.h"

// func dotRowsFMA(dst, x, coefs []float32, phase, l, step, frac, taps int)
// dst[i] = inner product of row phase(i) of coefs and x[start(i):][:taps]
// (walk, rows.go), taps a positive multiple of 8. Each output is summed
// exactly as dotFMA (dot_amd64.s) sums it: four 8-wide FMA accumulators
// over 32 taps a step, then 8 at a time into the first, then the same
// reduction; so the result does not depend on how outputs are grouped.
//
// Registers: DI dst, CX outputs left, SI window, DX coefs, R11 phase,
// R12 l, R13 step in bytes, R14 frac, BX taps; R8/R9 the window and row
// being read, R10 the loop count, R15 row bytes (taps*4).
TEXT ·dotRowsFMA(SB), NOSPLIT, $0-112
	MOVQ dst_base+0(FP), DI
	MOVQ dst_len+8(FP), CX
	MOVQ x_base+24(FP), SI
	MOVQ coefs_base+48(FP), DX
	MOVQ phase+72(FP), R11
	MOVQ l+80(FP), R12
	MOVQ step+88(FP), R13
	SHLQ $2, R13
	MOVQ frac+96(FP), R14
	MOVQ taps+104(FP), BX
	LEAQ (BX*4), R15

output:
	MOVQ   SI, R8
	MOVQ   R11, R9
	IMULQ  R15, R9
	ADDQ   DX, R9
	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	VXORPS Y2, Y2, Y2
	VXORPS Y3, Y3, Y3
	MOVQ   BX, R10
	SHRQ   $5, R10
	JZ     tail8

loop32:
	VMOVUPS     (R8), Y4
	VMOVUPS     32(R8), Y5
	VMOVUPS     64(R8), Y6
	VMOVUPS     96(R8), Y7
	VFMADD231PS (R9), Y4, Y0
	VFMADD231PS 32(R9), Y5, Y1
	VFMADD231PS 64(R9), Y6, Y2
	VFMADD231PS 96(R9), Y7, Y3
	ADDQ        $128, R8
	ADDQ        $128, R9
	DECQ        R10
	JNZ         loop32

tail8:
	MOVQ BX, R10
	ANDQ $31, R10
	SHRQ $3, R10
	JZ   reduce

loop8:
	VMOVUPS     (R8), Y4
	VFMADD231PS (R9), Y4, Y0
	ADDQ        $32, R8
	ADDQ        $32, R9
	DECQ        R10
	JNZ         loop8

reduce:
	VADDPS       Y1, Y0, Y0
	VADDPS       Y3, Y2, Y2
	VADDPS       Y2, Y0, Y0
	VEXTRACTF128 $1, Y0, X1
	VADDPS       X1, X0, X0
	VHADDPS      X0, X0, X0
	VHADDPS      X0, X0, X0
	VMOVSS       X0, (DI)
	ADDQ         $4, DI

	// Next output: the window moves step frames, the phase frac/l,
	// carrying one more frame when it reaches l.
	ADDQ R13, SI
	ADDQ R14, R11
	CMPQ R11, R12
	JLT  next
	SUBQ R12, R11
	ADDQ $4, SI

next:
	DECQ CX
	JNZ  output

	VZEROUPPER
	RET
