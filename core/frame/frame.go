// Package frame defines the one value type that crosses every node boundary:
// a JSON value, text, bytes, audio or a tensor, plus a metadata map.
//
// Frames are immutable once built. Constructors take ownership of the slices
// and maps they are given: the caller must not change them afterwards. That
// is what lets fan-out share one frame between successors without copying.
package frame

// Frame is an immutable value crossing a node boundary. The zero value is not
// a valid frame; use the constructors.
//
// The payload of every kind shares one field, so a frame is 32 bytes: a
// batch run holds one frame per item and node, and a field per kind made it
// 96 (issue 9).
type Frame struct {
	kind Kind
	// payload is the JSON value, the text (string), the bytes ([]byte), the
	// *Audio or the *Tensor, as kind says.
	payload any
	meta    map[string]any
}

// JSON returns a JSON frame holding v: nil, bool, a number (json.Number,
// float64, int, int64...), string, []any or map[string]any.
func JSON(v any) *Frame { return &Frame{kind: KindJSON, payload: v} }

// Text returns a text frame.
func Text(s string) *Frame { return &Frame{kind: KindText, payload: s} }

// Bytes returns a bytes frame; it takes ownership of b.
func Bytes(b []byte) *Frame { return &Frame{kind: KindBytes, payload: b} }

// Kind says what the frame carries.
func (f *Frame) Kind() Kind { return f.kind }

// JSONValue is the value of a JSON frame, nil for other kinds.
func (f *Frame) JSONValue() any {
	if f.kind != KindJSON {
		return nil
	}
	return f.payload
}

// TextValue is the string of a text frame, "" for other kinds.
func (f *Frame) TextValue() string {
	if f.kind != KindText {
		return ""
	}
	return f.payload.(string)
}

// BytesValue is the payload of a bytes frame. Do not modify it.
func (f *Frame) BytesValue() []byte {
	b, _ := f.payload.([]byte)
	return b
}

// Audio is the payload of an audio frame, nil for other kinds. Do not modify it.
func (f *Frame) Audio() *Audio {
	a, _ := f.payload.(*Audio)
	return a
}

// Tensor is the payload of a tensor frame, nil for other kinds. Do not modify it.
func (f *Frame) Tensor() *Tensor {
	t, _ := f.payload.(*Tensor)
	return t
}

// Meta is the frame's metadata map, possibly nil. Do not modify it; use WithMeta.
func (f *Frame) Meta() map[string]any { return f.meta }

// WithMeta returns a copy of f whose metadata is f's merged with extra.
// The payload is shared, not copied.
func (f *Frame) WithMeta(extra map[string]any) *Frame {
	merged := make(map[string]any, len(f.meta)+len(extra))
	for k, v := range f.meta {
		merged[k] = v
	}
	for k, v := range extra {
		merged[k] = v
	}
	g := *f
	g.meta = merged
	return &g
}
