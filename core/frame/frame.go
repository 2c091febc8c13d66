// Package frame defines the one value type that crosses every node boundary:
// a JSON value, text, bytes, audio or a tensor, plus a metadata map.
//
// Frames are immutable once built. Constructors take ownership of the slices
// and maps they are given: the caller must not change them afterwards. That
// is what lets fan-out share one frame between successors without copying.
package frame

// Frame is an immutable value crossing a node boundary. The zero value is not
// a valid frame; use the constructors.
type Frame struct {
	kind   Kind
	json   any
	text   string
	bytes  []byte
	audio  *Audio
	tensor *Tensor
	meta   map[string]any
}

// JSON returns a JSON frame holding v: nil, bool, a number (json.Number,
// float64, int, int64...), string, []any or map[string]any.
func JSON(v any) *Frame { return &Frame{kind: KindJSON, json: v} }

// Text returns a text frame.
func Text(s string) *Frame { return &Frame{kind: KindText, text: s} }

// Bytes returns a bytes frame; it takes ownership of b.
func Bytes(b []byte) *Frame { return &Frame{kind: KindBytes, bytes: b} }

// Kind says what the frame carries.
func (f *Frame) Kind() Kind { return f.kind }

// JSONValue is the value of a JSON frame, nil for other kinds.
func (f *Frame) JSONValue() any { return f.json }

// TextValue is the string of a text frame, "" for other kinds.
func (f *Frame) TextValue() string { return f.text }

// BytesValue is the payload of a bytes frame. Do not modify it.
func (f *Frame) BytesValue() []byte { return f.bytes }

// Audio is the payload of an audio frame, nil for other kinds. Do not modify it.
func (f *Frame) Audio() *Audio { return f.audio }

// Tensor is the payload of a tensor frame, nil for other kinds. Do not modify it.
func (f *Frame) Tensor() *Tensor { return f.tensor }

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
