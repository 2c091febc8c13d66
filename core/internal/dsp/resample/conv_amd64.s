//go:build amd64 && !purego

#include "textflag.h"

// lanes<> holds 0..63, the lane numbers of a 64-output block.
DATA lanes<>+0(SB)/4, $0
DATA lanes<>+4(SB)/4, $1
DATA lanes<>+8(SB)/4, $2
DATA lanes<>+12(SB)/4, $3
DATA lanes<>+16(SB)/4, $4
DATA lanes<>+20(SB)/4, $5
DATA lanes<>+24(SB)/4, $6
DATA lanes<>+28(SB)/4, $7
DATA lanes<>+32(SB)/4, $8
DATA lanes<>+36(SB)/4, $9
DATA lanes<>+40(SB)/4, $10
DATA lanes<>+44(SB)/4, $11
DATA lanes<>+48(SB)/4, $12
DATA lanes<>+52(SB)/4, $13
DATA lanes<>+56(SB)/4, $14
DATA lanes<>+60(SB)/4, $15
DATA lanes<>+64(SB)/4, $16
DATA lanes<>+68(SB)/4, $17
DATA lanes<>+72(SB)/4, $18
DATA lanes<>+76(SB)/4, $19
DATA lanes<>+80(SB)/4, $20
DATA lanes<>+84(SB)/4, $21
DATA lanes<>+88(SB)/4, $22
DATA lanes<>+92(SB)/4, $23
DATA lanes<>+96(SB)/4, $24
DATA lanes<>+100(SB)/4, $25
DATA lanes<>+104(SB)/4, $26
DATA lanes<>+108(SB)/4, $27
DATA lanes<>+112(SB)/4, $28
DATA lanes<>+116(SB)/4, $29
DATA lanes<>+120(SB)/4, $30
DATA lanes<>+124(SB)/4, $31
DATA lanes<>+128(SB)/4, $32
DATA lanes<>+132(SB)/4, $33
DATA lanes<>+136(SB)/4, $34
DATA lanes<>+140(SB)/4, $35
DATA lanes<>+144(SB)/4, $36
DATA lanes<>+148(SB)/4, $37
DATA lanes<>+152(SB)/4, $38
DATA lanes<>+156(SB)/4, $39
DATA lanes<>+160(SB)/4, $40
DATA lanes<>+164(SB)/4, $41
DATA lanes<>+168(SB)/4, $42
DATA lanes<>+172(SB)/4, $43
DATA lanes<>+176(SB)/4, $44
DATA lanes<>+180(SB)/4, $45
DATA lanes<>+184(SB)/4, $46
DATA lanes<>+188(SB)/4, $47
DATA lanes<>+192(SB)/4, $48
DATA lanes<>+196(SB)/4, $49
DATA lanes<>+200(SB)/4, $50
DATA lanes<>+204(SB)/4, $51
DATA lanes<>+208(SB)/4, $52
DATA lanes<>+212(SB)/4, $53
DATA lanes<>+216(SB)/4, $54
DATA lanes<>+220(SB)/4, $55
DATA lanes<>+224(SB)/4, $56
DATA lanes<>+228(SB)/4, $57
DATA lanes<>+232(SB)/4, $58
DATA lanes<>+236(SB)/4, $59
DATA lanes<>+240(SB)/4, $60
DATA lanes<>+244(SB)/4, $61
DATA lanes<>+248(SB)/4, $62
DATA lanes<>+252(SB)/4, $63
GLOBL lanes<>(SB), RODATA|NOPTR, $256

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
	// Fewer than 64 outputs left, after at least one full block: rerun the
	// block on the last 64 outputs and add only the lanes not yet done.
	// Narrower blocks would be latency-bound (one or two accumulators).
	TESTQ CX, CX
	JZ    done
	MOVQ  dst_len+8(FP), AX
	CMPQ  AX, $64
	JLT   loop8
	MOVQ  $64, AX
	SUBQ  CX, AX // lanes already done: 64 - left
	SHLQ  $2, AX
	SUBQ  AX, DI
	SUBQ  AX, SI
	SHRQ  $2, AX
	DECQ  AX     // keep the lanes above 63 - left
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
	JZ   lastmid

lastpairs:
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
	JNZ  lastpairs

lastmid:
	TESTQ $1, BX
	JZ    laststore
	VBROADCASTSS (R9), Y8
	VFMADD231PS (R8), Y8, Y0
	VFMADD231PS 32(R8), Y8, Y1
	VFMADD231PS 64(R8), Y8, Y2
	VFMADD231PS 96(R8), Y8, Y3
	VFMADD231PS 128(R8), Y8, Y4
	VFMADD231PS 160(R8), Y8, Y5
	VFMADD231PS 192(R8), Y8, Y6
	VFMADD231PS 224(R8), Y8, Y7

laststore:
	MOVQ         AX, X10
	VPBROADCASTD X10, Y10
	VMOVDQU      lanes<>+0(SB), Y9
	VPCMPGTD     Y10, Y9, Y9
	VANDPS       Y9, Y0, Y0
	VADDPS       (DI), Y0, Y0
	VMOVUPS      Y0, (DI)
	VMOVDQU      lanes<>+32(SB), Y9
	VPCMPGTD     Y10, Y9, Y9
	VANDPS       Y9, Y1, Y1
	VADDPS       32(DI), Y1, Y1
	VMOVUPS      Y1, 32(DI)
	VMOVDQU      lanes<>+64(SB), Y9
	VPCMPGTD     Y10, Y9, Y9
	VANDPS       Y9, Y2, Y2
	VADDPS       64(DI), Y2, Y2
	VMOVUPS      Y2, 64(DI)
	VMOVDQU      lanes<>+96(SB), Y9
	VPCMPGTD     Y10, Y9, Y9
	VANDPS       Y9, Y3, Y3
	VADDPS       96(DI), Y3, Y3
	VMOVUPS      Y3, 96(DI)
	VMOVDQU      lanes<>+128(SB), Y9
	VPCMPGTD     Y10, Y9, Y9
	VANDPS       Y9, Y4, Y4
	VADDPS       128(DI), Y4, Y4
	VMOVUPS      Y4, 128(DI)
	VMOVDQU      lanes<>+160(SB), Y9
	VPCMPGTD     Y10, Y9, Y9
	VANDPS       Y9, Y5, Y5
	VADDPS       160(DI), Y5, Y5
	VMOVUPS      Y5, 160(DI)
	VMOVDQU      lanes<>+192(SB), Y9
	VPCMPGTD     Y10, Y9, Y9
	VANDPS       Y9, Y6, Y6
	VADDPS       192(DI), Y6, Y6
	VMOVUPS      Y6, 192(DI)
	VMOVDQU      lanes<>+224(SB), Y9
	VPCMPGTD     Y10, Y9, Y9
	VANDPS       Y9, Y7, Y7
	VADDPS       224(DI), Y7, Y7
	VMOVUPS      Y7, 224(DI)
	JMP done

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
