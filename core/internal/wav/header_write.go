package wav

import "encoding/binary"

// maxDataBytes is the most sample data a RIFF size field can describe.
const maxDataBytes = 0xFFFFFFFF - 1024

// layout is a WAV header with the offsets of the fields that depend on the
// data size, so a streaming writer can patch them on Close.
type layout struct {
	header     []byte
	riffSize   int // offset of the RIFF chunk size
	factFrames int // offset of the fact chunk's frame count, -1 without one
	dataSize   int // offset of the data chunk size
}

// newLayout builds the header. Files with more than two channels use
// WAVE_FORMAT_EXTENSIBLE, as the format requires; float and G.711 files
// carry the extension size and the fact chunk every non-PCM format must
// have.
func newLayout(rate, channels int, f Format) layout {
	le := binary.LittleEndian
	bps := f.BytesPerSample()
	tag := f.tag()
	extensible := channels > 2

	h := make([]byte, 0, 80)
	h = append(h, "RIFF\x00\x00\x00\x00WAVE"...)
	fmtSize := 16
	switch {
	case extensible:
		fmtSize = 40
	case !f.isPCM():
		fmtSize = 18
	}
	h = append(h, "fmt "...)
	h = le.AppendUint32(h, uint32(fmtSize))
	if extensible {
		h = le.AppendUint16(h, tagExtensible)
	} else {
		h = le.AppendUint16(h, tag)
	}
	h = le.AppendUint16(h, uint16(channels))
	h = le.AppendUint32(h, uint32(rate))
	h = le.AppendUint32(h, uint32(rate*channels*bps))
	h = le.AppendUint16(h, uint16(channels*bps))
	h = le.AppendUint16(h, uint16(8*bps))
	switch {
	case extensible:
		h = le.AppendUint16(h, 22)            // extension size
		h = le.AppendUint16(h, uint16(8*bps)) // valid bits
		h = le.AppendUint32(h, 0)             // channel mask: no speaker mapping
		h = le.AppendUint16(h, tag)
		h = append(h, guidTail[:]...)
	case !f.isPCM():
		h = le.AppendUint16(h, 0) // extension size
	}
	l := layout{factFrames: -1}
	if !f.isPCM() {
		h = append(h, "fact\x04\x00\x00\x00"...)
		l.factFrames = len(h)
		h = append(h, 0, 0, 0, 0)
	}
	h = append(h, "data"...)
	l.dataSize = len(h)
	h = append(h, 0, 0, 0, 0)
	l.header, l.riffSize = h, 4
	return l
}

// setSizes fills the size fields of l.header for dataBytes of sample data.
func (l layout) setSizes(dataBytes int64, channels int, f Format) {
	le := binary.LittleEndian
	riff := int64(len(l.header)) - 8 + dataBytes + dataBytes&1
	le.PutUint32(l.header[l.riffSize:], uint32(riff))
	le.PutUint32(l.header[l.dataSize:], uint32(dataBytes))
	if l.factFrames >= 0 {
		le.PutUint32(l.header[l.factFrames:], uint32(dataBytes/int64(channels*f.BytesPerSample())))
	}
}

// setUnknownSizes marks the sizes as unknown, for a stream still being written.
func (l layout) setUnknownSizes() {
	le := binary.LittleEndian
	le.PutUint32(l.header[l.riffSize:], unknownSize)
	le.PutUint32(l.header[l.dataSize:], unknownSize)
}
