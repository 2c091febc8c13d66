package segment

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/remotemedia/remotemedia/core/frame"
)

// A request is "RMS1", a u32 count, then per frame a u32 length and the
// frame's wire encoding. A result is "RMR1", a u32 count of outputs, each an
// i32 input offset within its batch (-1: end of stream), a u32 length and
// the frame; then a u32 count of failures, each an i32 input offset, a u8
// (1: skipped under skip_errors, the run goes on), a u32 length and the
// message in UTF-8. All integers little-endian.
const (
	requestMagic = "RMS1"
	resultMagic  = "RMR1"
	// MaxBatchFrames bounds the frames of one request or result, so a bad
	// peer cannot make the reader allocate without limit.
	MaxBatchFrames = 1 << 16
)

// Output is one output of a batch: the offset of its input in the batch
// (EndOfStream for the outputs of the segment's flush) and the frame.
type Output struct {
	Input int
	Frame *frame.Frame
}

// Failure is an input the segment failed on.
type Failure struct {
	Input   int
	Skipped bool // under skip_errors: counted and dropped, the run goes on
	Message string
}

// Result is what a batch produced.
type Result struct {
	Outputs  []Output
	Failures []Failure
}

// EndOfStream is the input offset of the outputs of the segment's flush.
const EndOfStream = -1

// EncodeRequest encodes a batch of input frames.
func EncodeRequest(frames []*frame.Frame) ([]byte, error) {
	if len(frames) > MaxBatchFrames {
		return nil, fmt.Errorf("segment batch: %d frames, more than %d", len(frames), MaxBatchFrames)
	}
	b := append(make([]byte, 0, 64*len(frames)+8), requestMagic...)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(frames)))
	for i, f := range frames {
		var err error
		if b, err = appendFrame(b, f); err != nil {
			return nil, fmt.Errorf("segment batch: frame %d: %w", i, err)
		}
	}
	return b, nil
}

// DecodeRequest decodes a batch of input frames.
func DecodeRequest(b []byte) ([]*frame.Frame, error) {
	r := reader{b: b, what: "segment batch"}
	n := r.header(requestMagic)
	frames := make([]*frame.Frame, 0, min(n, len(b)/8))
	for i := 0; i < n && r.err == nil; i++ {
		frames = append(frames, r.frame(i))
	}
	return frames, r.end()
}

// EncodeResult encodes a batch's result.
func EncodeResult(res *Result) ([]byte, error) {
	if len(res.Outputs) > MaxBatchFrames || len(res.Failures) > MaxBatchFrames {
		return nil, fmt.Errorf("segment result: more than %d outputs or failures", MaxBatchFrames)
	}
	b := append(make([]byte, 0, 64*len(res.Outputs)+12), resultMagic...)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(res.Outputs)))
	for i, o := range res.Outputs {
		b = binary.LittleEndian.AppendUint32(b, uint32(int32(o.Input)))
		var err error
		if b, err = appendFrame(b, o.Frame); err != nil {
			return nil, fmt.Errorf("segment result: output %d: %w", i, err)
		}
	}
	b = binary.LittleEndian.AppendUint32(b, uint32(len(res.Failures)))
	for _, f := range res.Failures {
		b = binary.LittleEndian.AppendUint32(b, uint32(int32(f.Input)))
		skipped := byte(0)
		if f.Skipped {
			skipped = 1
		}
		b = append(b, skipped)
		b = binary.LittleEndian.AppendUint32(b, uint32(len(f.Message)))
		b = append(b, f.Message...)
	}
	return b, nil
}

// DecodeResult decodes a batch's result; every input offset must lie in
// 0..inputs-1 or be EndOfStream.
func DecodeResult(b []byte, inputs int) (*Result, error) {
	r := reader{b: b, what: "segment result"}
	res := &Result{}
	n := r.header(resultMagic)
	for i := 0; i < n && r.err == nil; i++ {
		in := r.offset(inputs)
		res.Outputs = append(res.Outputs, Output{Input: in, Frame: r.frame(i)})
	}
	n = r.count()
	for i := 0; i < n && r.err == nil; i++ {
		in := r.offset(inputs)
		skipped := r.take(1)
		msg := r.take(int(r.u32()))
		if r.err == nil {
			res.Failures = append(res.Failures, Failure{Input: in, Skipped: skipped[0] == 1, Message: string(msg)})
		}
	}
	if err := r.end(); err != nil {
		return nil, err
	}
	return res, nil
}

func appendFrame(b []byte, f *frame.Frame) ([]byte, error) {
	at := len(b)
	b = append(b, 0, 0, 0, 0)
	b, err := frame.AppendEncode(b, f)
	if err != nil {
		return nil, err
	}
	n := len(b) - at - 4
	if n > math.MaxUint32 {
		return nil, errors.New("frame larger than 4 GiB")
	}
	binary.LittleEndian.PutUint32(b[at:], uint32(n))
	return b, nil
}

// reader reads a request or result, keeping the first error.
type reader struct {
	b    []byte
	what string
	err  error
}

func (r *reader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf("%s: %s", r.what, fmt.Sprintf(format, args...))
	}
}

func (r *reader) take(n int) []byte {
	// After an error, a few zero bytes keep callers simple; never n of
	// them, which a bad length could make gigabytes.
	if r.err != nil {
		return make([]byte, 8)
	}
	if n < 0 || n > len(r.b) {
		r.fail("truncated: %d bytes wanted, %d left", n, len(r.b))
		return make([]byte, 8)
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *reader) u32() uint32 { return binary.LittleEndian.Uint32(r.take(4)) }

func (r *reader) header(magic string) int {
	if got := r.take(len(magic)); r.err == nil && string(got) != magic {
		r.fail("does not start with %q", magic)
	}
	return r.count()
}

func (r *reader) count() int {
	n := r.u32()
	if n > MaxBatchFrames {
		r.fail("count %d is more than %d", n, MaxBatchFrames)
		return 0
	}
	return int(n)
}

func (r *reader) offset(inputs int) int {
	in := int(int32(r.u32()))
	if r.err == nil && in != EndOfStream && (in < 0 || in >= inputs) {
		r.fail("input offset %d outside the batch of %d", in, inputs)
	}
	return in
}

func (r *reader) frame(i int) *frame.Frame {
	data := r.take(int(r.u32()))
	if r.err != nil {
		return nil
	}
	f, err := frame.Decode(data)
	if err != nil {
		r.fail("frame %d: %v", i, err)
	}
	return f
}

func (r *reader) end() error {
	if r.err == nil && len(r.b) != 0 {
		r.fail("%d bytes after the end", len(r.b))
	}
	return r.err
}
