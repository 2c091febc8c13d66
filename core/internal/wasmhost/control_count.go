package wasmhost

// countControls counts the instructions of a function body that start or
// split a basic block (block, loop, if, else, branches, try...): wazero's
// compile time grows with the square of their number in one function. It
// skips every other instruction by its immediates, and reports ok=false on
// an opcode it does not know or a malformed body, where it stops counting.
func countControls(body []byte) (controls int, ok bool) {
	r := &byteReader{b: body}
	groups, err := r.u32()
	if err != nil {
		return 0, false
	}
	for range groups {
		if r.skipLEB(5) != nil || r.skipLEB(1) != nil { // count, value type
			return 0, false
		}
	}
	for !r.done() {
		op, _ := r.byte()
		isControl, known := skipImmediates(r, op)
		if !known {
			return controls, false
		}
		if isControl {
			controls++
		}
	}
	return controls, true
}

// skipImmediates skips the immediates of op. It returns whether op is a
// control instruction, and known=false for an unknown opcode or bad bytes.
func skipImmediates(r *byteReader, op byte) (isControl, known bool) {
	switch {
	case op == 0x02 || op == 0x03 || op == 0x04 || op == 0x06: // block, loop, if, try: block type (s33)
		return true, r.skipLEB(5) == nil
	case op == 0x05 || op == 0x19: // else, catch_all
		return true, true
	case op == 0x07 || op == 0x08 || op == 0x09 || op == 0x18: // catch, throw, rethrow, delegate
		return true, r.skipLEB(5) == nil
	case op == 0x0c || op == 0x0d: // br, br_if
		return true, r.skipLEB(5) == nil
	case op == 0x0e: // br_table: targets, default
		n, err := r.u32()
		if err != nil {
			return true, false
		}
		return true, skipN(r, int(n)+1)
	case op == 0x00 || op == 0x01 || op == 0x0b || op == 0x0f || op == 0x1a || op == 0x1b: // unreachable, nop, end, return, drop, select
		return false, true
	case op == 0x10 || op == 0x12: // call, return_call
		return false, r.skipLEB(5) == nil
	case op == 0x11 || op == 0x13: // call_indirect, return_call_indirect: type, table
		return false, skipN(r, 2)
	case op == 0x1c: // select t*
		n, err := r.u32()
		if err != nil {
			return false, false
		}
		return false, skipN(r, int(n))
	case op >= 0x20 && op <= 0x26: // local.*, global.*, table.get/set
		return false, r.skipLEB(5) == nil
	case op >= 0x28 && op <= 0x3e: // loads and stores
		return false, skipMemArg(r)
	case op == 0x3f || op == 0x40: // memory.size, memory.grow
		return false, r.skipLEB(5) == nil
	case op == 0x41:
		return false, r.skipLEB(5) == nil
	case op == 0x42:
		return false, r.skipLEB(10) == nil
	case op == 0x43:
		_, err := r.bytes(4)
		return false, err == nil
	case op == 0x44:
		_, err := r.bytes(8)
		return false, err == nil
	case op >= 0x45 && op <= 0xc4: // numeric instructions, sign extension
		return false, true
	case op == 0xd0 || op == 0xd2: // ref.null t, ref.func x
		return false, r.skipLEB(5) == nil
	case op == 0xd1: // ref.is_null
		return false, true
	case op == 0xfc:
		return false, skipPrefixFC(r)
	case op == 0xfd:
		return false, skipPrefixSIMD(r)
	case op == 0xfe:
		return false, skipPrefixAtomic(r)
	}
	return false, false
}

func skipN(r *byteReader, n int) bool {
	for range n {
		if r.skipLEB(5) != nil {
			return false
		}
	}
	return true
}

// skipMemArg skips align and offset (and a memory index when align's bit
// 6 says so, as multi-memory encodes it).
func skipMemArg(r *byteReader) bool {
	align, err := r.u32()
	if err != nil {
		return false
	}
	if align&0x40 != 0 && r.skipLEB(5) != nil {
		return false
	}
	return r.skipLEB(10) == nil
}

// skipPrefixFC: saturating truncation, bulk memory and table instructions.
func skipPrefixFC(r *byteReader) bool {
	sub, err := r.u32()
	if err != nil {
		return false
	}
	switch {
	case sub <= 7:
		return true
	case sub == 8 || sub == 10 || sub == 12 || sub == 14: // memory.init, memory.copy, table.init, table.copy
		return skipN(r, 2)
	case sub == 9 || sub == 11 || sub == 13 || (sub >= 15 && sub <= 17): // data.drop, memory.fill, elem.drop, table.grow/size/fill
		return skipN(r, 1)
	}
	return false
}

// skipPrefixSIMD: the fixed-width SIMD instructions.
func skipPrefixSIMD(r *byteReader) bool {
	sub, err := r.u32()
	if err != nil {
		return false
	}
	switch {
	case sub <= 11 || sub == 92 || sub == 93: // loads and stores
		return skipMemArg(r)
	case sub == 12 || sub == 13: // v128.const, i8x16.shuffle
		_, err := r.bytes(16)
		return err == nil
	case sub >= 21 && sub <= 34: // extract and replace lane
		_, err := r.bytes(1)
		return err == nil
	case sub >= 84 && sub <= 91: // load and store lane
		if !skipMemArg(r) {
			return false
		}
		_, err := r.bytes(1)
		return err == nil
	}
	return sub <= 0x1ff
}

// skipPrefixAtomic: the threads proposal's atomics.
func skipPrefixAtomic(r *byteReader) bool {
	sub, err := r.u32()
	if err != nil {
		return false
	}
	if sub == 3 { // atomic.fence
		_, err := r.bytes(1)
		return err == nil
	}
	return skipMemArg(r)
}
