package nodes

import "github.com/remotemedia/remotemedia/core/frame"

// withMetaOf gives out the metadata of in. Frames without metadata (the
// common case) cost nothing extra.
func withMetaOf(out, in *frame.Frame) *frame.Frame {
	if len(in.Meta()) == 0 {
		return out
	}
	return out.WithMeta(in.Meta())
}
