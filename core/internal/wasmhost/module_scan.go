package wasmhost

import (
	"errors"
	"fmt"
)

// Section ids of the binary format this host reads before compiling.
const (
	sectionType  = 1
	sectionTable = 4
	sectionCode  = 10
)

// moduleShape is what the one pass over a module's bytes before wazero
// compiles it finds: the tables a guest could grow, and how much control
// flow its largest function has (compile time grows with its square).
type moduleShape struct {
	tableSection span // the whole table section (id, size, payload); empty when absent
	tables       []tableLimits
	maxControls  int   // control instructions in the function with the most
	controlsFunc int   // index, among the module's own functions, of that function
	maxLocals    int64 // locals of the function with the most
	maxCode      int64 // code bytes of the largest function
	maxResults   int64 // results of the function type with the most
	typeBytes    int64 // size of the types section
}

// span is a [start, end) byte range of the module.
type span struct{ start, end int }

type tableLimits struct {
	refType  byte
	min, max uint32
	hasMax   bool
}

// scanModule walks the sections of wasm, which starts with wasmMagic, once.
// It refuses a module that declares more than it holds (binarybounds.go)
// and collects what the table cap and the control-flow limit need.
func scanModule(wasm []byte) (moduleShape, error) {
	var shape moduleShape
	r := &binReader{b: wasm, pos: len(wasmMagic)}
	for r.left() > 0 {
		start := r.pos
		id := r.byte()
		size := r.u32()
		if r.err != nil {
			return shape, fmt.Errorf("section %d: %w", id, r.err)
		}
		if int64(size) > int64(r.left()) {
			return shape, fmt.Errorf("section %d declares %d bytes, but %d are left", id, size, r.left())
		}
		section := r.sub(size)
		switch id {
		case sectionTable:
			shape.tableSection = span{start, r.pos}
		case sectionType:
			shape.typeBytes = int64(size)
		}
		if err := section.check(id, &shape); err != nil {
			return shape, fmt.Errorf("section %d: %w", id, err)
		}
	}
	return shape, nil
}

// errStop ends the walk of a section at a structure the pass does not
// know: wazero decides.
var errStop = errors.New("stop")

// check walks one section. A number or length that runs past the end of
// its section is refused (errTruncated).
func (r *binReader) check(id byte, shape *moduleShape) error {
	err := r.section(id, shape)
	switch {
	case errors.Is(err, errStop):
		return nil
	case err == nil:
		return r.err
	}
	return err
}

func (r *binReader) section(id byte, shape *moduleShape) error {
	switch id {
	case 0:
		return r.customSection()
	case 1: // types: 0x60, params, results
		return r.each("types", func() error {
			if r.byte() != 0x60 {
				shape.maxResults = max(shape.maxResults, shape.typeBytes) // unread: assume the most
				return errStop
			}
			if err := r.bytes("params"); err != nil {
				return err
			}
			results, err := r.count("results")
			shape.maxResults = max(shape.maxResults, int64(results))
			r.skip(int(results))
			return err
		})
	case 2:
		return r.each("imports", r.importEntry)
	case 3, 5, 6, 13: // functions, memories, globals, tags
		_, err := r.count("entries")
		return err
	case sectionTable:
		tables, err := r.tables()
		shape.tables = tables
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
	case sectionCode:
		i := 0
		return r.each("functions", func() error {
			i++
			return r.codeEntry(shape, i-1)
		})
	case 11:
		return r.each("data segments", r.dataSegment)
	}
	return nil
}

// tables reads the table section.
func (r *binReader) tables() ([]tableLimits, error) {
	n, err := r.count("entries")
	if err != nil {
		return nil, err
	}
	tables := make([]tableLimits, 0, min(n, 64))
	for i := uint32(0); i < n && r.err == nil; i++ {
		t := tableLimits{refType: r.byte()}
		flags := r.byte()
		if r.err == nil && flags > 1 {
			return nil, fmt.Errorf("table limits flags 0x%x not supported", flags)
		}
		t.min = r.u32()
		if t.hasMax = flags == 1; t.hasMax {
			t.max = r.u32()
		}
		tables = append(tables, t)
	}
	if r.err == nil && r.left() > 0 {
		return nil, errors.New("bytes after the last table")
	}
	return tables, nil
}

// codeEntry reads the body of function i: its locals are bounded, and its
// control instructions and the values it may hold counted.
func (r *binReader) codeEntry(shape *moduleShape, i int) error {
	size, err := r.count("bytes of code")
	if err != nil {
		return err
	}
	code := r.take(int(size))
	locals, err := checkLocals(code)
	if err != nil {
		return err
	}
	shape.maxLocals = max(shape.maxLocals, int64(locals))
	shape.maxCode = max(shape.maxCode, int64(len(code)))
	if controls, _ := countControls(code); controls > shape.maxControls {
		// A body the count cannot read to its end still counts what it
		// read: wazero decides on the rest, and the compile deadline
		// bounds the time it takes.
		shape.maxControls, shape.controlsFunc = controls, i
	}
	return nil
}
