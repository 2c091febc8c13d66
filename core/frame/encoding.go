package frame

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/remotemedia/remotemedia/core/internal/jsonx"
)

// Frame encoding v1, the one byte form of a frame (WASM guests, the browser
// worker, remote nodes; see docs/FRAMES.md):
//
//	u8 version=1 | u8 kind | u16 reserved=0 | u32 LE meta_len | meta | payload
//
// meta is a compact JSON object with sorted keys, holding the kind's own
// fields (audio format, tensor dtype and shape) and the frame's metadata.
const (
	wireVersion = 1
	headerSize  = 8
)

// Encode returns the v1 wire encoding of f.
func Encode(f *Frame) ([]byte, error) {
	return AppendEncode(nil, f)
}

// AppendEncode appends the v1 wire encoding of f to dst and returns the
// extended slice, so callers can reuse one buffer across frames. On error
// nothing is appended: the result has dst's length and contents.
func AppendEncode(dst []byte, f *Frame) ([]byte, error) {
	if f == nil || !f.kind.Valid() {
		return dst, errors.New("frame: encode: not a frame built by a constructor")
	}
	start := len(dst)
	dst = slices.Grow(dst, headerSize+64+payloadSize(f)) // 64: a typical meta
	dst = append(dst, wireVersion, byte(f.kind), 0, 0, 0, 0, 0, 0)
	dst, err := appendMeta(dst, f)
	if err != nil {
		return dst[:start], fmt.Errorf("frame: encode %s: %w", f.kind, err)
	}
	metaLen := len(dst) - start - headerSize
	if uint64(metaLen) > math.MaxUint32 {
		return dst[:start], fmt.Errorf("frame: encode %s: meta of %d bytes does not fit the u32 length", f.kind, metaLen)
	}
	binary.LittleEndian.PutUint32(dst[start+4:], uint32(metaLen))
	if dst, err = appendPayload(dst, f); err != nil {
		return dst[:start], fmt.Errorf("frame: encode %s: %w", f.kind, err)
	}
	return dst, nil
}

// payloadSize is the payload length for the kinds whose length is known
// without encoding, 0 otherwise; it only sizes buffers.
func payloadSize(f *Frame) int {
	switch f.kind {
	case KindText:
		return len(f.TextValue())
	case KindBytes:
		return len(f.BytesValue())
	case KindAudio:
		return 4 * len(f.Audio().Samples)
	case KindTensor:
		return len(f.Tensor().Data)
	}
	return 0
}

func appendPayload(dst []byte, f *Frame) ([]byte, error) {
	switch f.kind {
	case KindJSON:
		b, err := jsonx.Marshal(f.JSONValue())
		if err != nil {
			return dst, err
		}
		// A json.Number is written verbatim; refuse one that is no number.
		if err := jsonx.Check(b); err != nil {
			return dst, fmt.Errorf("value encodes to %w", err)
		}
		return append(dst, b...), nil
	case KindText:
		if !utf8.ValidString(f.TextValue()) {
			return dst, errors.New("text is not valid UTF-8")
		}
		return append(dst, f.TextValue()...), nil
	case KindBytes:
		return append(dst, f.BytesValue()...), nil
	case KindAudio:
		return append(dst, bytesOf(f.Audio().Samples)...), nil
	case KindTensor:
		return append(dst, f.Tensor().Data...), nil
	}
	panic("unreachable: kind checked by AppendEncode")
}

// Decode parses a v1 wire encoding. It copies everything it keeps, so b may
// be reused (or be guest memory that moves) once Decode returns.
func Decode(b []byte) (*Frame, error) {
	if len(b) < headerSize {
		return nil, fmt.Errorf("frame: decode: %d bytes is shorter than the %d-byte header", len(b), headerSize)
	}
	if b[0] != wireVersion {
		return nil, fmt.Errorf("frame: decode: unsupported encoding version %d (want %d)", b[0], wireVersion)
	}
	kind := Kind(b[1])
	if !kind.Valid() {
		return nil, fmt.Errorf("frame: decode: unknown kind %d", b[1])
	}
	if r := binary.LittleEndian.Uint16(b[2:4]); r != 0 {
		return nil, fmt.Errorf("frame: decode: reserved header field is %#04x, want 0", r)
	}
	metaLen := uint64(binary.LittleEndian.Uint32(b[4:8]))
	if metaLen > uint64(len(b)-headerSize) {
		return nil, fmt.Errorf("frame: decode: meta_len %d runs past the end (%d bytes follow the header)", metaLen, len(b)-headerSize)
	}
	metaEnd := headerSize + int(metaLen)
	meta, err := decodeMeta(b[headerSize:metaEnd])
	if err != nil {
		return nil, fmt.Errorf("frame: decode %s: %w", kind, err)
	}
	f, err := decodePayload(kind, meta, b[metaEnd:])
	if err != nil {
		return nil, fmt.Errorf("frame: decode %s: %w", kind, err)
	}
	if len(meta) > 0 {
		f.meta = meta
	}
	return f, nil
}

// decodePayload builds the frame of the given kind, taking the kind's own
// keys out of meta.
func decodePayload(kind Kind, meta map[string]any, payload []byte) (*Frame, error) {
	switch kind {
	case KindJSON:
		v, err := decodeJSON(payload)
		if err != nil {
			return nil, fmt.Errorf("payload: %w", err)
		}
		return JSON(v), nil
	case KindText:
		if !utf8.Valid(payload) {
			return nil, errors.New("payload is not valid UTF-8")
		}
		return Text(string(payload)), nil
	case KindBytes:
		return Bytes(append([]byte(nil), payload...)), nil
	case KindAudio:
		return decodeAudio(meta, payload)
	case KindTensor:
		return decodeTensor(meta, payload)
	}
	panic("unreachable: kind checked by Decode")
}

func decodeAudio(meta map[string]any, payload []byte) (*Frame, error) {
	channels, err := requireInt(meta, metaChannels, 1, math.MaxInt32)
	if err != nil {
		return nil, err
	}
	rate, err := requireInt(meta, metaSampleRate, 1, math.MaxInt32)
	if err != nil {
		return nil, err
	}
	ts, _, err := takeInt(meta, metaTimestamp, math.MinInt64, math.MaxInt64)
	if err != nil {
		return nil, err
	}
	if frameBytes := 4 * int(channels); len(payload)%frameBytes != 0 {
		return nil, fmt.Errorf("payload of %d bytes is not a whole number of %d-channel float32 frames", len(payload), channels)
	}
	// The payload may sit at any address; copying into a fresh []float32
	// gives the samples their natural alignment.
	samples := make([]float32, len(payload)/4)
	copy(bytesOf(samples), payload)
	return NewAudio(Audio{Samples: samples, SampleRate: int(rate), Channels: int(channels), Timestamp: time.Duration(ts)})
}

func decodeTensor(meta map[string]any, payload []byte) (*Frame, error) {
	dtype, err := takeDType(meta)
	if err != nil {
		return nil, err
	}
	shape, err := takeShape(meta)
	if err != nil {
		return nil, err
	}
	want, ok := tensorBytes(dtype, shape)
	if !ok {
		return nil, fmt.Errorf("shape %v of %s is too large", shape, dtype)
	}
	if len(payload) != want {
		return nil, fmt.Errorf("payload of %d bytes does not match shape %v of %s (%d bytes)", len(payload), shape, dtype, want)
	}
	// Copy into 8-byte aligned memory: the payload may sit at any address,
	// and Tensor views its data as the element type in place.
	data := alignedBytes(len(payload))
	copy(data, payload)
	return NewTensor(Tensor{DType: dtype, Shape: shape, Data: data})
}

// tensorBytes is the data size shape needs; ok is false if it overflows int.
func tensorBytes(dtype DType, shape []int) (n int, ok bool) {
	if slices.Contains(shape, 0) {
		return 0, true
	}
	n = dtype.Size()
	for _, d := range shape {
		if n > math.MaxInt/d {
			return 0, false
		}
		n *= d
	}
	return n, true
}
