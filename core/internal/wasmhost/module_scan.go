package wasmhost

import (
	"errors"
	"fmt"
)

// Section ids of the binary format this host reads before compiling.
const (
	sectionTable = 4
	sectionCode  = 10
)

// moduleShape is what one cheap pass over a module's bytes finds before
// wazero compiles it: the tables a guest could grow, and how much control
// flow its largest function has (compile time grows with its square).
type moduleShape struct {
	tableSection  span // the whole table section (id, size, payload); empty when absent
	tables        []tableLimits
	maxControls   int // control instructions in the function with the most
	controlsFunc  int // index, among the module's own functions, of that function
	unscannedCode bool
}

// span is a [start, end) byte range of the module.
type span struct{ start, end int }

type tableLimits struct {
	refType  byte
	min, max uint32
	hasMax   bool
}

var errScanTruncated = errors.New("truncated")

// scanModule walks the sections of wasm, which starts with wasmMagic. It
// reads only what the limits need, and fails only where wazero would fail too.
func scanModule(wasm []byte) (moduleShape, error) {
	var shape moduleShape
	r := &byteReader{b: wasm, pos: len(wasmMagic)}
	for !r.done() {
		start := r.pos
		id, err := r.byte()
		if err != nil {
			return shape, err
		}
		size, err := r.u32()
		if err != nil {
			return shape, fmt.Errorf("section %d: %w", id, err)
		}
		payload, err := r.bytes(int(size))
		if err != nil {
			return shape, fmt.Errorf("section %d of %d bytes: %w", id, size, err)
		}
		switch id {
		case sectionTable:
			shape.tableSection = span{start, r.pos}
			if shape.tables, err = readTables(payload); err != nil {
				return shape, fmt.Errorf("table section: %w", err)
			}
		case sectionCode:
			if err := scanCode(payload, &shape); err != nil {
				return shape, fmt.Errorf("code section: %w", err)
			}
		}
	}
	return shape, nil
}

func readTables(payload []byte) ([]tableLimits, error) {
	r := &byteReader{b: payload}
	n, err := r.u32()
	if err != nil {
		return nil, err
	}
	tables := make([]tableLimits, 0, min(n, 64))
	for range n {
		var t tableLimits
		if t.refType, err = r.byte(); err != nil {
			return nil, err
		}
		flags, err := r.byte()
		if err != nil {
			return nil, err
		}
		if flags > 1 {
			return nil, fmt.Errorf("table limits flags 0x%x not supported", flags)
		}
		if t.min, err = r.u32(); err != nil {
			return nil, err
		}
		if t.hasMax = flags == 1; t.hasMax {
			if t.max, err = r.u32(); err != nil {
				return nil, err
			}
		}
		tables = append(tables, t)
	}
	if !r.done() {
		return nil, errors.New("bytes after the last table")
	}
	return tables, nil
}

// scanCode counts the control instructions of every function body.
func scanCode(payload []byte, shape *moduleShape) error {
	r := &byteReader{b: payload}
	n, err := r.u32()
	if err != nil {
		return err
	}
	for i := range int(n) {
		size, err := r.u32()
		if err != nil {
			return err
		}
		body, err := r.bytes(int(size))
		if err != nil {
			return fmt.Errorf("function %d: %w", i, err)
		}
		controls, ok := countControls(body)
		if !ok {
			// An opcode this scan does not know: wazero decides, and the
			// compile deadline still bounds the time it takes.
			shape.unscannedCode = true
		}
		if controls > shape.maxControls {
			shape.maxControls, shape.controlsFunc = controls, i
		}
	}
	return nil
}

// byteReader reads the binary format's primitives, failing on truncation.
type byteReader struct {
	b   []byte
	pos int
}

func (r *byteReader) done() bool { return r.pos >= len(r.b) }

func (r *byteReader) byte() (byte, error) {
	if r.done() {
		return 0, errScanTruncated
	}
	r.pos++
	return r.b[r.pos-1], nil
}

func (r *byteReader) bytes(n int) ([]byte, error) {
	if n < 0 || n > len(r.b)-r.pos {
		return nil, errScanTruncated
	}
	r.pos += n
	return r.b[r.pos-n : r.pos], nil
}

// u32 reads an unsigned LEB128 of at most 5 bytes.
func (r *byteReader) u32() (uint32, error) {
	var v uint64
	for shift := 0; shift < 35; shift += 7 {
		b, err := r.byte()
		if err != nil {
			return 0, err
		}
		v |= uint64(b&0x7f) << shift
		if b&0x80 == 0 {
			if v > 1<<32-1 {
				return 0, errors.New("integer overflows 32 bits")
			}
			return uint32(v), nil
		}
	}
	return 0, errors.New("integer longer than 5 bytes")
}

// skipLEB skips a signed or unsigned LEB128 of at most maxBytes bytes.
func (r *byteReader) skipLEB(maxBytes int) error {
	for range maxBytes {
		b, err := r.byte()
		if err != nil {
			return err
		}
		if b&0x80 == 0 {
			return nil
		}
	}
	return errors.New("integer too long")
}
