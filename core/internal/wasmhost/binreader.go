package wasmhost

import "fmt"

// binReader reads the wasm binary format for checkBinaryBounds. A read
// past the end, or a malformed number, sets bad and reads zeros after.
type binReader struct {
	b   []byte
	bad bool
}

func (r *binReader) left() int { return len(r.b) }

func (r *binReader) byte() byte {
	if len(r.b) == 0 {
		r.bad = true
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *binReader) skip(n int) {
	if n > len(r.b) {
		r.bad, r.b = true, nil
		return
	}
	r.b = r.b[n:]
}

// leb reads an unsigned LEB128 number of up to 10 bytes (any integer
// immediate), and u32 one that must fit 32 bits.
func (r *binReader) leb() uint64 {
	var v uint64
	for shift := 0; shift < 70; shift += 7 {
		c := r.byte()
		if r.bad {
			return 0
		}
		v |= uint64(c&0x7f) << shift
		if c&0x80 == 0 {
			return v
		}
	}
	r.bad = true
	return 0
}

func (r *binReader) u32() uint32 {
	v := r.leb()
	if v > 0xFFFFFFFF {
		r.bad = true
		return 0
	}
	return uint32(v)
}

// count reads a vector length or a byte count, which cannot exceed the
// bytes left (every element takes at least one).
func (r *binReader) count(what string) (uint32, error) {
	n := r.u32()
	if r.bad {
		return 0, nil
	}
	if int64(n) > int64(r.left()) {
		return 0, fmt.Errorf("declares %d %s, but only %d bytes are left", n, what, r.left())
	}
	return n, nil
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
	if err != nil || r.bad {
		return "", err
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s, nil
}

// each reads a vector, calling entry for each element until one fails.
func (r *binReader) each(what string, entry func() error) error {
	n, err := r.count(what)
	if err != nil {
		return err
	}
	for i := uint32(0); i < n && !r.bad; i++ {
		if err := entry(); err != nil {
			return err
		}
	}
	return nil
}
