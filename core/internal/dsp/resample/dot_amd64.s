//go:build amd64 && !purego

#include "textflag.h"

// func dotFMA(x, h []float32) float32
// The inner product of h with x[:len(h)]: 32 products per step in four
// independent AVX2 FMA accumulators, then 8 and 1 at a time for the tail.
TEXT ·dotFMA(SB), NOSPLIT, $0-52
	MOVQ   x_base+0(FP), SI
	MOVQ   h_base+24(FP), DI
	MOVQ   h_len+32(FP), CX
	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	VXORPS Y2, Y2, Y2
	VXORPS Y3, Y3, Y3
	XORQ   AX, AX
	MOVQ   CX, BX
	SHRQ   $5, BX
	JZ     tail8

loop32:
	VMOVUPS     (SI)(AX*4), Y4
	VMOVUPS     32(SI)(AX*4), Y5
	VMOVUPS     64(SI)(AX*4), Y6
	VMOVUPS     96(SI)(AX*4), Y7
	VFMADD231PS (DI)(AX*4), Y4, Y0
	VFMADD231PS 32(DI)(AX*4), Y5, Y1
	VFMADD231PS 64(DI)(AX*4), Y6, Y2
	VFMADD231PS 96(DI)(AX*4), Y7, Y3
	ADDQ        $32, AX
	DECQ        BX
	JNZ         loop32

tail8:
	MOVQ CX, BX
	ANDQ $31, BX
	SHRQ $3, BX
	JZ   reduce

loop8:
	VMOVUPS     (SI)(AX*4), Y4
	VFMADD231PS (DI)(AX*4), Y4, Y0
	ADDQ        $8, AX
	DECQ        BX
	JNZ         loop8

reduce:
	VADDPS       Y1, Y0, Y0
	VADDPS       Y3, Y2, Y2
	VADDPS       Y2, Y0, Y0
	VEXTRACTF128 $1, Y0, X1
	VADDPS       X1, X0, X0
	VHADDPS      X0, X0, X0
	VHADDPS      X0, X0, X0
	ANDQ         $7, CX
	JZ           done

tail1:
	VMOVSS      (SI)(AX*4), X4
	VFMADD231SS (DI)(AX*4), X4, X0
	INCQ        AX
	DECQ        CX
	JNZ         tail1

done:
	VZEROUPPER
	MOVSS X0, ret+48(FP)
	RET
