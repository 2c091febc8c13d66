package wasmhost

// countControls counts the instructions of a function body that start or
// split a basic block (block, loop, if, else, branches, try...): wazero's
// compile time grows with the square of their number in one function. It
// skips every other instruction by its immediates, and reports ok=false on
// an opcode it does not know or a malformed body, where it stops counting.
func countControls(body []byte) (controls int, ok bool) {
	r := &binReader{b: body}
	groups := r.u32()
	for i := uint32(0); i < groups && r.err == nil; i++ {
		r.leb(5) // count
		r.leb(1) // value type
	}
	if r.err != nil {
		return 0, false
	}
	for r.left() > 0 {
		isControl, known := skipImmediates(r, r.byte())
		if !known || r.err != nil {
			return controls, false
		}
		if isControl {
			controls++
		}
	}
	return controls, true
}

// skipImmediates skips the immediates of op. It returns whether op is a
// control instruction, and known=false for an unknown opcode; a read that
// fails is left in r.err.
func skipImmediates(r *binReader, op byte) (isControl, known bool) {
	switch {
	case op == 0x02 || op == 0x03 || op == 0x04 || op == 0x06: // block, loop, if, try: block type (s33)
		r.leb(5)
		return true, true
	case op == 0x05 || op == 0x19: // else, catch_all
		return true, true
	case op == 0x07 || op == 0x08 || op == 0x09 || op == 0x18: // catch, throw, rethrow, delegate
		r.leb(5)
		return true, true
	case op == 0x0c || op == 0x0d: // br, br_if
		r.leb(5)
		return true, true
	case op == 0x0e: // br_table: targets, default
		skipN(r, uint64(r.u32())+1)
		return true, true
	case op == 0x00 || op == 0x01 || op == 0x0b || op == 0x0f || op == 0x1a || op == 0x1b: // unreachable, nop, end, return, drop, select
		return false, true
	case op == 0x10 || op == 0x12: // call, return_call
		r.leb(5)
	case op == 0x11 || op == 0x13: // call_indirect, return_call_indirect: type, table
		skipN(r, 2)
	case op == 0x1c: // select t*
		skipN(r, uint64(r.u32()))
	case op >= 0x20 && op <= 0x26: // local.*, global.*, table.get/set
		r.leb(5)
	case op >= 0x28 && op <= 0x3e: // loads and stores
		skipMemArg(r)
	case op == 0x3f || op == 0x40: // memory.size, memory.grow
		r.leb(5)
	case op == 0x41:
		r.leb(5)
	case op == 0x42:
		r.leb(10)
	case op == 0x43:
		r.skip(4)
	case op == 0x44:
		r.skip(8)
	case op >= 0x45 && op <= 0xc4: // numeric instructions, sign extension
	case op == 0xd0 || op == 0xd2: // ref.null t, ref.func x
		r.leb(5)
	case op == 0xd1: // ref.is_null
	case op == 0xfc:
		return false, skipPrefixFC(r)
	case op == 0xfd:
		return false, skipPrefixSIMD(r)
	case op == 0xfe:
		skipPrefixAtomic(r)
	default:
		return false, false
	}
	return false, true
}

// skipN skips n LEB128 numbers, stopping at the first that fails.
func skipN(r *binReader, n uint64) {
	for i := uint64(0); i < n && r.err == nil; i++ {
		r.leb(5)
	}
}

// skipMemArg skips align and offset (and a memory index when align's bit
// 6 says so, as multi-memory encodes it).
func skipMemArg(r *binReader) {
	if r.u32()&0x40 != 0 {
		r.leb(5)
	}
	r.leb(10)
}

// skipPrefixFC: saturating truncation, bulk memory and table instructions.
// It reports whether the instruction is known.
func skipPrefixFC(r *binReader) bool {
	switch sub := r.u32(); {
	case sub <= 7:
	case sub == 8 || sub == 10 || sub == 12 || sub == 14: // memory.init, memory.copy, table.init, table.copy
		skipN(r, 2)
	case sub == 9 || sub == 11 || sub == 13 || (sub >= 15 && sub <= 17): // data.drop, memory.fill, elem.drop, table.grow/size/fill
		skipN(r, 1)
	default:
		return false
	}
	return true
}

// skipPrefixSIMD: the fixed-width SIMD instructions. It reports whether
// the instruction is known.
func skipPrefixSIMD(r *binReader) bool {
	switch sub := r.u32(); {
	case sub <= 11 || sub == 92 || sub == 93: // loads and stores
		skipMemArg(r)
	case sub == 12 || sub == 13: // v128.const, i8x16.shuffle
		r.skip(16)
	case sub >= 21 && sub <= 34: // extract and replace lane
		r.skip(1)
	case sub >= 84 && sub <= 91: // load and store lane
		skipMemArg(r)
		r.skip(1)
	default:
		return sub <= 0x1ff
	}
	return true
}

// skipPrefixAtomic: the threads proposal's atomics.
func skipPrefixAtomic(r *binReader) {
	if r.u32() == 3 { // atomic.fence
		r.skip(1)
		return
	}
	skipMemArg(r)
}
