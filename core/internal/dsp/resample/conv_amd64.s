//go:build amd64 && !purego

#include "textflag.h"

// func convAccFMA(dst, x, h []float32)
// dst[i] += sum over q of h[q]*x[i+q], with len(dst) > 0 and len(h) > 0.
// Vectorised across outputs, not taps: each tap is broadcast once and
// multiplied into 64 outputs held in eight AVX2 accumulators (then 8 at a
// time, then one), so there is about one load per FMA and no horizontal
// sums. As in convAccGo (conv.go), taps go from the outside in, and the sum
// starts from zero and is added to dst at the end. Every output sums its
// taps in the same order with fused multiply-adds, in a vector lane or in
// the scalar tail alike, so its value does not depend on where it falls in
// a block: chunked streams stay identical.
//
// Registers: DI dst, CX outputs left, SI x at the block, DX h, BX len(h).
// Per block: R8/R12 x at the low/high tap, R9/R11 h at them, R10 pairs left.
TEXT ·convAccFMA(SB), NOSPLIT, $0-72
	MOVQ dst_base+0(FP), DI
	MOVQ dst_len+8(FP), CX
	MOVQ x_base+24(FP), SI
	MOVQ h_base+48(FP), DX
	MOVQ h_len+56(FP), BX
	LEAQ -4(DX)(BX*4), R13 // &h[len(h)-1]
	LEAQ -4(BX*4), R14     // byte offset of the last tap

loop64:
	CMPQ CX, $64
	JLT  loop64next
	VXORPS  Y0, Y0, Y0
	VXORPS  Y1, Y1, Y1
	VXORPS  Y2, Y2, Y2
	VXORPS  Y3, Y3, Y3
	VXORPS  Y4, Y4, Y4
	VXORPS  Y5, Y5, Y5
	VXORPS  Y6, Y6, Y6
	VXORPS  Y7, Y7, Y7
	MOVQ SI, R8
	LEAQ (SI)(R14*1), R12
	MOVQ DX, R9
	MOVQ R13, R11
	MOVQ BX, R10
	SHRQ $1, R10
	JZ   loop64mid

loop64pairs:
	VBROADCASTSS (R9), Y8
	VBROADCASTSS (R11), Y9
	VFMADD231PS (R8), Y8, Y0
	VFMADD231PS 32(R8), Y8, Y1
	VFMADD231PS 64(R8), Y8, Y2
	VFMADD231PS 96(R8), Y8, Y3
	VFMADD231PS 128(R8), Y8, Y4
	VFMADD231PS 160(R8), Y8, Y5
	VFMADD231PS 192(R8), Y8, Y6
	VFMADD231PS 224(R8), Y8, Y7
	VFMADD231PS (R12), Y9, Y0
	VFMADD231PS 32(R12), Y9, Y1
	VFMADD231PS 64(R12), Y9, Y2
	VFMADD231PS 96(R12), Y9, Y3
	VFMADD231PS 128(R12), Y9, Y4
	VFMADD231PS 160(R12), Y9, Y5
	VFMADD231PS 192(R12), Y9, Y6
	VFMADD231PS 224(R12), Y9, Y7
	ADDQ $4, R8
	SUBQ $4, R12
	ADDQ $4, R9
	SUBQ $4, R11
	DECQ R10
	JNZ  loop64pairs

loop64mid:
	TESTQ $1, BX
	JZ    loop64store
	VBROADCASTSS (R9), Y8
	VFMADD231PS (R8), Y8, Y0
	VFMADD231PS 32(R8), Y8, Y1
	VFMADD231PS 64(R8), Y8, Y2
	VFMADD231PS 96(R8), Y8, Y3
	VFMADD231PS 128(R8), Y8, Y4
	VFMADD231PS 160(R8), Y8, Y5
	VFMADD231PS 192(R8), Y8, Y6
	VFMADD231PS 224(R8), Y8, Y7

loop64store:
	VADDPS  (DI), Y0, Y0
	VMOVUPS Y0, (DI)
	VADDPS  32(DI), Y1, Y1
	VMOVUPS Y1, 32(DI)
	VADDPS  64(DI), Y2, Y2
	VMOVUPS Y2, 64(DI)
	VADDPS  96(DI), Y3, Y3
	VMOVUPS Y3, 96(DI)
	VADDPS  128(DI), Y4, Y4
	VMOVUPS Y4, 128(DI)
	VADDPS  160(DI), Y5, Y5
	VMOVUPS Y5, 160(DI)
	VADDPS  192(DI), Y6, Y6
	VMOVUPS Y6, 192(DI)
	VADDPS  224(DI), Y7, Y7
	VMOVUPS Y7, 224(DI)
	ADDQ $256, DI
	ADDQ $256, SI
	SUBQ $64, CX
	JMP  loop64

loop64next:
	JMP loop8

loop8:
	CMPQ CX, $8
	JLT  loop8next
	VXORPS  Y0, Y0, Y0
	MOVQ SI, R8
	LEAQ (SI)(R14*1), R12
	MOVQ DX, R9
	MOVQ R13, R11
	MOVQ BX, R10
	SHRQ $1, R10
	JZ   loop8mid

loop8pairs:
	VBROADCASTSS (R9), Y8
	VBROADCASTSS (R11), Y9
	VFMADD231PS (R8), Y8, Y0
	VFMADD231PS (R12), Y9, Y0
	ADDQ $4, R8
	SUBQ $4, R12
	ADDQ $4, R9
	SUBQ $4, R11
	DECQ R10
	JNZ  loop8pairs

loop8mid:
	TESTQ $1, BX
	JZ    loop8store
	VBROADCASTSS (R9), Y8
	VFMADD231PS (R8), Y8, Y0

loop8store:
	VADDPS  (DI), Y0, Y0
	VMOVUPS Y0, (DI)
	ADDQ $32, DI
	ADDQ $32, SI
	SUBQ $8, CX
	JMP  loop8

loop8next:
	JMP loop1

loop1:
	TESTQ CX, CX
	JZ    done
	VXORPS X0, X0, X0
	MOVQ SI, R8
	LEAQ (SI)(R14*1), R12
	MOVQ DX, R9
	MOVQ R13, R11
	MOVQ BX, R10
	SHRQ $1, R10
	JZ   loop1mid

loop1pairs:
	VMOVSS (R9), X8
	VMOVSS (R11), X9
	VFMADD231SS (R8), X8, X0
	VFMADD231SS (R12), X9, X0
	ADDQ $4, R8
	SUBQ $4, R12
	ADDQ $4, R9
	SUBQ $4, R11
	DECQ R10
	JNZ  loop1pairs

loop1mid:
	TESTQ $1, BX
	JZ    loop1store
	VMOVSS (R9), X8
	VFMADD231SS (R8), X8, X0

loop1store:
	VADDSS (DI), X0, X0
	VMOVSS X0, (DI)
	ADDQ $4, DI
	ADDQ $4, SI
	SUBQ $1, CX
	JMP  loop1

done:
	VZEROUPPER
	RET
