package wire_test

import (
	"testing"

	"google.golang.org/protobuf/proto"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/remote/pb"
	"github.com/remotemedia/remotemedia/remote/wire"
)

// FuzzDataBuffer: any bytes a client sends as a DataBuffer either fail to
// parse or convert without a panic; whatever converts to a frame goes back
// to a DataBuffer and converts again to an equal frame.
func FuzzDataBuffer(f *testing.F) {
	for _, fr := range roundTripFrames(f) {
		b, err := wire.FromFrame(fr)
		if err != nil {
			f.Fatal(err)
		}
		raw, err := proto.Marshal(b)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		var b pb.DataBuffer
		if proto.Unmarshal(in, &b) != nil {
			return
		}
		got, err := wire.ToFrame(&b)
		if err != nil {
			return
		}
		out, err := wire.FromFrame(got)
		if err != nil {
			t.Fatalf("decoded frame does not encode: %v", err)
		}
		again, err := wire.ToFrame(out)
		if err != nil {
			t.Fatalf("re-encoded buffer does not decode: %v", err)
		}
		if !frame.Equal(got, again) {
			t.Fatalf("round trip changed the frame:\n %v %v\n %v %v", frame.ToValue(got), got.Meta(), frame.ToValue(again), again.Meta())
		}
	})
}
