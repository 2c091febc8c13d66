package wasmhost

import (
	"errors"
	"fmt"
)

// MaxFunctionLocals bounds the locals one function may declare, as V8 and
// SpiderMonkey do.
const MaxFunctionLocals = 50_000

// checkBinaryBounds refuses a module that declares more than it holds.
// wazero (v1.12) allocates every vector and string of a module from its
// declared length before reading it, so 500 bytes declaring 2^32 tables
// or a 4 GiB name take the process down before any check. Every length
// and count of a valid module fits in the bytes that follow it, so this
// walk of the binary's structure refuses only modules that are invalid
// anyway. Where it meets a structure it does not know, it stops walking
// that section and leaves the verdict to wazero.
func checkBinaryBounds(wasm []byte) error {
	r := &binReader{b: wasm[len(wasmMagic):]}
	for r.left() > 0 {
		id := r.byte()
		size := r.u32()
		if r.bad {
			return nil
		}
		if int64(size) > int64(r.left()) {
			return fmt.Errorf("section %d declares %d bytes, but %d are left", id, size, r.left())
		}
		section := &binReader{b: r.b[:size]}
		r.b = r.b[size:]
		if err := section.check(id); err != nil {
			return fmt.Errorf("section %d: %w", id, err)
		}
	}
	return nil
}

// errStop ends a walk at a structure the checker does not know.
var errStop = errors.New("stop")

// check walks one section. A number or length that runs past the end of
// its section is refused too: wazero reads on into the next section, so a
// count cut at the boundary would be read as a huge one.
func (r *binReader) check(id byte) error {
	err := r.section(id)
	switch {
	case errors.Is(err, errStop):
		return nil
	case err == nil && r.bad:
		return errTruncated
	}
	return err
}

var errTruncated = errors.New("a number or length runs past the end of the section")

func (r *binReader) section(id byte) error {
	switch id {
	case 0:
		return r.customSection()
	case 1: // types: 0x60, params, results
		return r.each("types", func() error {
			if r.byte() != 0x60 {
				return errStop
			}
			if err := r.bytes("params"); err != nil {
				return err
			}
			return r.bytes("results")
		})
	case 2:
		return r.each("imports", r.importEntry)
	case 3, 4, 5, 6, 13: // functions, tables, memories, globals, tags
		_, err := r.count("entries")
		return err
	case 7:
		return r.each("exports", func() error {
			if err := r.bytes("name"); err != nil {
				return err
			}
			r.byte()
			r.u32()
			return nil
		})
	case 9:
		return r.each("element segments", r.elementSegment)
	case 10:
		return r.each("functions", r.codeEntry)
	case 11:
		return r.each("data segments", r.dataSegment)
	}
	return nil
}

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
		if r.bad || int64(size) > int64(r.left()) {
			return fmt.Errorf("name subsection declares %d bytes, but %d are left", size, r.left())
		}
		s := &binReader{b: r.b[:size]}
		r.b = r.b[size:]
		switch sub {
		case 1:
			err = s.nameMap()
		case 2:
			err = s.each("local name maps", func() error { s.u32(); return s.nameMap() })
		}
		switch {
		case errors.Is(err, errStop):
		case err != nil:
			return err
		case s.bad:
			return errTruncated
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
	for range n {
		if flags&4 == 0 {
			r.u32()
		} else if err := r.constExpr(); err != nil {
			return err
		}
	}
	return nil
}

func (r *binReader) codeEntry() error {
	size, err := r.count("bytes of code")
	if err != nil {
		return err
	}
	body := &binReader{b: r.b[:size]}
	r.b = r.b[size:]
	decls, err := body.count("local declarations")
	if err != nil {
		return err
	}
	var locals uint64
	for range decls {
		locals += uint64(body.u32())
		body.byte()
		if locals > MaxFunctionLocals {
			return fmt.Errorf("a function declares more than %d locals", MaxFunctionLocals)
		}
	}
	if body.bad { // wazero would read the next function's bytes as locals
		return errTruncated
	}
	return nil
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
	for !r.bad {
		switch op := r.byte(); op {
		case 0x0b: // end
			return nil
		case 0x41, 0x42, 0x23, 0xd2: // i32.const, i64.const, global.get, ref.func
			r.leb()
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
