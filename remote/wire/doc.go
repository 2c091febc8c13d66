// Package wire converts between the remotemedia.v1 protocol's messages
// (remote/pb) and the engine's values: DataBuffer to and from frames, and
// PipelineManifest to and from manifest JSON. Both the server (remote/server)
// and the client node use it, so each mapping rule lives here once.
//
// DataBuffer variants and frame kinds:
//
//	audio (F32, I16)        <-> audio frame (float32; I16 is scaled by 1/32768, exactly)
//	tensor (F32, I32, I8, U8) <-> tensor frame of that dtype
//	numpy (C order)         <-> tensor frame of any other dtype (float64, int64, ...)
//	json                    <-> JSON frame (numbers stay exact: a 20-digit integer stays an integer)
//	text (UTF-8)            <-> text frame
//	binary                  <-> bytes frame
//
// video, control and file buffers, I32 audio and F16 tensors have no frame
// kind: they are an *UnsupportedError naming the variant. A buffer that
// breaks its variant's rules is a *MalformedError; nothing here panics on
// input.
//
// DataBuffer.metadata (strings) becomes frame metadata. The variant's own
// descriptive fields travel as metadata too, so a round trip keeps them:
// json schema_type, text language and channel, binary mime_type, tensor
// layout, and the audio frame's timestamp as "timestamp_ns". Frame metadata
// that is not a string goes out as its JSON text.
package wire
