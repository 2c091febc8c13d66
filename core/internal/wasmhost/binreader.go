package wasmhost

import (
	"errors"
	"fmt"
)

// binReader reads the primitives of the wasm binary format, for the one
// pass over a module before it compiles (scanModule). The first read that
// fails sticks in err, and every read after it returns zeros, so a walk
// checks err once per structure, not after every number.
type binReader struct {
	b   []byte
	pos int
	err error
}

// errTruncated is a read past the end. Within a section it is refused:
// wazero reads on into the next section, so a count cut at the boundary
// would be read as a huge one.
var errTruncated = errors.New("a number or length runs past the end of the section")

func (r *binReader) left() int { return len(r.b) - r.pos }

func (r *binReader) fail(err error) {
	if r.err == nil {
		r.err = err
	}
	r.pos = len(r.b)
}

func (r *binReader) byte() byte {
	if r.pos >= len(r.b) {
		r.fail(errTruncated)
		return 0
	}
	r.pos++
	return r.b[r.pos-1]
}

// take returns the next n bytes.
func (r *binReader) take(n int) []byte {
	if n < 0 || n > r.left() {
		r.fail(errTruncated)
		return nil
	}
	r.pos += n
	return r.b[r.pos-n : r.pos]
}

func (r *binReader) skip(n int) { r.take(n) }

// leb reads a signed or unsigned LEB128 of at most maxBytes bytes, and
// returns its bits as unsigned. It is kept small enough to inline: the
// pass reads every instruction of a module.
func (r *binReader) leb(maxBytes int) uint64 {
	var v uint64
	for i, c := range r.b[r.pos:] {
		v |= uint64(c&0x7f) << (7 * i)
		if c < 0x80 {
			r.pos += i + 1
			return v
		}
		if i+1 == maxBytes {
			// r.err is nil: a failure would have ended r.b.
			r.err, r.pos = errLongInteger, len(r.b)
			return 0
		}
	}
	r.fail(errTruncated)
	return 0
}

var errLongInteger = errors.New("integer encoded in too many bytes")

// u32 reads an unsigned LEB128 that fits 32 bits, in at most 5 bytes.
func (r *binReader) u32() uint32 {
	v := r.leb(5)
	if v > 1<<32-1 {
		r.fail(errors.New("integer overflows 32 bits"))
		return 0
	}
	return uint32(v)
}

// count reads a vector length or a byte count, which cannot exceed the
// bytes left (every element takes at least one).
func (r *binReader) count(what string) (uint32, error) {
	n := r.u32()
	if r.err != nil {
		return 0, nil
	}
	if int64(n) > int64(r.left()) {
		return 0, fmt.Errorf("declares %d %s, but only %d bytes are left", n, what, r.left())
	}
	return n, nil
}

// sub returns a reader of the next n bytes, which the caller has bounded.
func (r *binReader) sub(n uint32) *binReader {
	return &binReader{b: r.take(int(n))}
}

// bytes skips a length-prefixed byte string, such as a name.
func (r *binReader) bytes(what string) error {
	n, err := r.count(what)
	if err == nil {
		r.skip(int(n))
	}
	return err
}

func (r *binReader) name() (string, error) {
	n, err := r.count("name bytes")
	if err != nil || r.err != nil {
		return "", err
	}
	return string(r.take(int(n))), nil
}

// each reads a vector, calling entry for each element until one fails.
func (r *binReader) each(what string, entry func() error) error {
	n, err := r.count(what)
	if err != nil {
		return err
	}
	for i := uint32(0); i < n && r.err == nil; i++ {
		if err := entry(); err != nil {
			return err
		}
	}
	return nil
}
