package frame_test

import (
	"encoding/hex"
	"testing"

	"github.com/remotemedia/remotemedia/core/frame"
)

// FuzzDecode: Decode never panics, and whatever it accepts re-encodes and
// re-decodes to an equal frame with the same bytes.
func FuzzDecode(f *testing.F) {
	for _, v := range loadFrameVectors(f) {
		b, err := hex.DecodeString(v.Hex)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, fr := range roundTripFrames(f) {
		b, err := frame.Encode(fr.WithMeta(userMeta))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		got, err := frame.Decode(in)
		if err != nil {
			return
		}
		enc, err := frame.Encode(got)
		if err != nil {
			t.Fatalf("decoded frame does not encode: %v", err)
		}
		again, err := frame.Decode(enc)
		if err != nil {
			t.Fatalf("re-encoded frame does not decode: %v\n% x", err, enc)
		}
		if !frame.Equal(got, again) {
			t.Fatalf("round trip changed the frame:\n %v %v\n %v %v", frame.ToValue(got), got.Meta(), frame.ToValue(again), again.Meta())
		}
		if enc2, err := frame.Encode(again); err != nil || string(enc2) != string(enc) {
			t.Fatalf("encoding is not stable: %v\n% x\n% x", err, enc, enc2)
		}
	})
}
