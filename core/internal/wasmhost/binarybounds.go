package wasmhost

import (
	"errors"
	"fmt"
)

// MaxFunctionLocals bounds the locals one function may declare, as V8 and
// SpiderMonkey do.
const MaxFunctionLocals = 50_000

// The walks below make scanModule refuse a module that declares more than
// it holds. wazero (v1.12) allocates every vector and string of a module
// from its declared length before reading it, so 500 bytes declaring 2^32
// tables or a 4 GiB name take the process down before any check. Every
// length and count of a valid module fits in the bytes that follow it, so
// they refuse only modules that are invalid anyway. Where they meet a
// structure they do not know, they stop walking that section (errStop)
// and leave the verdict to wazero.

// customSection checks the name and, for the "name" section, the name maps
// wazero decodes.
func (r *binReader) customSection() error {
	name, err := r.name()
	if err != nil || name != "name" {
		return err
	}
	for r.left() > 0 {
		sub := r.byte()
		size := r.u32()
		if r.err != nil || int64(size) > int64(r.left()) {
			return fmt.Errorf("name subsection declares %d bytes, but %d are left", size, r.left())
		}
		s := r.sub(size)
		switch sub {
		case 0: // the module's name
			err = s.bytes("module name")
		case 1:
			err = s.nameMap()
		case 2:
			err = s.each("local name maps", func() error { s.u32(); return s.nameMap() })
		}
		switch {
		case errors.Is(err, errStop):
		case err != nil:
			return err
		case s.err != nil:
			return s.err
		}
	}
	return nil
}

func (r *binReader) nameMap() error {
	return r.each("names", func() error { r.u32(); return r.bytes("name") })
}

func (r *binReader) importEntry() error {
	for range 2 {
		if err := r.bytes("name"); err != nil {
			return err
		}
	}
	switch r.byte() {
	case 0: // function
		r.u32()
	case 1: // table
		r.byte()
		r.limits()
	case 2: // memory
		r.limits()
	case 3: // global
		r.byte()
		r.byte()
	default:
		return errStop
	}
	return nil
}

func (r *binReader) limits() {
	if r.byte()&1 != 0 {
		r.u32()
	}
	r.u32()
}

func (r *binReader) elementSegment() error {
	flags := r.u32()
	if flags > 7 {
		return errStop
	}
	if flags&2 != 0 && flags&1 == 0 { // an explicit table index
		r.u32()
	}
	if flags&1 == 0 { // active: an offset
		if err := r.constExpr(); err != nil {
			return err
		}
	}
	if flags&3 != 0 { // element kind or reference type
		r.byte()
	}
	n, err := r.count("elements")
	if err != nil {
		return err
	}
	for i := uint32(0); i < n && r.err == nil; i++ {
		if flags&4 == 0 {
			r.u32()
		} else if err := r.constExpr(); err != nil {
			return err
		}
	}
	return nil
}

// Prefixes of typed reference types (the GC and function-references
// proposals), each followed by a heap type.
const (
	refNullable    = 0x63
	refNonNullable = 0x64
)

// checkLocals bounds the locals a function body declares, and returns
// how many it declares.
func checkLocals(body []byte) (uint64, error) {
	r := &binReader{b: body}
	decls, err := r.count("local declarations")
	if err != nil {
		return 0, err
	}
	var locals uint64
	for range decls {
		locals += uint64(r.u32())
		if t := r.byte(); t == refNullable || t == refNonNullable {
			// A typed reference's heap type follows; wazero reads it
			// past the body's end if it is cut (a negative body size).
			r.leb(5)
		}
		if locals > MaxFunctionLocals {
			return 0, fmt.Errorf("a function declares more than %d locals", MaxFunctionLocals)
		}
	}
	// Refused: wazero would read the next function's bytes as locals.
	return locals, r.err
}

func (r *binReader) dataSegment() error {
	switch r.u32() {
	case 0:
		if err := r.constExpr(); err != nil {
			return err
		}
	case 1:
	case 2:
		r.u32()
		if err := r.constExpr(); err != nil {
			return err
		}
	default:
		return errStop
	}
	return r.bytes("data")
}

// constExpr skips a constant expression, up to its end opcode.
func (r *binReader) constExpr() error {
	for r.err == nil {
		switch op := r.byte(); op {
		case 0x0b: // end
			return nil
		case 0x41, 0x42, 0x23, 0xd2: // i32.const, i64.const, global.get, ref.func
			r.leb(10)
		case 0x43:
			r.skip(4)
		case 0x44:
			r.skip(8)
		case 0xd0: // ref.null
			r.byte()
		case 0x6a, 0x6b, 0x6c, 0x7c, 0x7d, 0x7e: // extended constant arithmetic
		case 0xfd: // v128.const
			if r.u32() != 12 {
				return errStop
			}
			r.skip(16)
		default:
			return errStop
		}
	}
	return nil
}
