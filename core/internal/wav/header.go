package wav

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

const (
	tagPCM        = 0x0001
	tagFloat      = 0x0003
	tagALaw       = 0x0006
	tagMuLaw      = 0x0007
	tagExtensible = 0xFFFE

	// unknownSize is what streaming writers put in a size field they could
	// not patch; the data then runs to end of file.
	unknownSize = 0xFFFFFFFF
	// maxFmtSize bounds the fmt chunk we buffer: the largest known layout
	// (extensible) is 40 bytes, so anything far bigger is a corrupt size.
	maxFmtSize = 1024
)

// guidTail is the part every KSDATAFORMAT_SUBTYPE GUID shares after its
// leading 16-bit format tag.
var guidTail = [14]byte{0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71}

// formatTagNames names tags people meet in practice, for error messages.
var formatTagNames = map[uint16]string{
	tagPCM: "PCM", tagFloat: "IEEE float", tagALaw: "A-law", tagMuLaw: "mu-law",
	0x0002: "MS ADPCM", 0x0011: "IMA ADPCM", 0x0055: "MP3",
}

// readHeader consumes everything up to the first byte of sample data and
// returns the audio description and the data chunk size (-1 when unknown).
func readHeader(r io.Reader) (Info, int64, error) {
	var riff [12]byte
	if n, err := io.ReadFull(r, riff[:]); err != nil {
		return Info{}, 0, fmt.Errorf("wav: truncated RIFF header: need 12 bytes, file has %d", n)
	}
	switch id := string(riff[0:4]); {
	case id == "RF64":
		return Info{}, 0, errors.New("wav: RF64 (WAV over 4 GiB) is not supported")
	case id != "RIFF":
		return Info{}, 0, fmt.Errorf("wav: not a RIFF file: starts with %q", id)
	}
	if form := string(riff[8:12]); form != "WAVE" {
		return Info{}, 0, fmt.Errorf("wav: RIFF form is %q, want \"WAVE\"", form)
	}
	var info Info
	haveFmt := false
	for {
		var hdr [8]byte
		n, err := io.ReadFull(r, hdr[:])
		if err != nil {
			if n == 0 && !haveFmt {
				return Info{}, 0, errors.New("wav: no fmt chunk")
			}
			if n == 0 {
				return Info{}, 0, errors.New("wav: no data chunk")
			}
			return Info{}, 0, fmt.Errorf("wav: truncated chunk header: need 8 bytes, file has %d", n)
		}
		id, size := string(hdr[0:4]), int64(binary.LittleEndian.Uint32(hdr[4:8]))
		switch id {
		case "fmt ":
			if size > maxFmtSize {
				return Info{}, 0, fmt.Errorf("wav: fmt chunk is %d bytes, more than any known layout needs", size)
			}
			body := make([]byte, size+size&1)
			if n, err := io.ReadFull(r, body); err != nil && int64(n) < size {
				return Info{}, 0, truncated(id, size, int64(n))
			}
			if info, err = parseFmt(body[:size]); err != nil {
				return Info{}, 0, err
			}
			haveFmt = true
		case "data":
			if !haveFmt {
				return Info{}, 0, errors.New("wav: data chunk comes before the fmt chunk")
			}
			if size == unknownSize {
				info.Frames = UnknownFrames
				return info, -1, nil
			}
			info.Frames = size / int64(info.Channels*info.Format.BytesPerSample())
			return info, size, nil
		default:
			if n, err := io.CopyN(io.Discard, r, size+size&1); err != nil && n < size {
				return Info{}, 0, truncated(id, size, n)
			}
		}
	}
}

func truncated(chunk string, want, got int64) error {
	return fmt.Errorf("wav: truncated %s chunk: header says %d bytes, file has %d", trimID(chunk), want, got)
}

// trimID prints "fmt " as fmt and escapes binary junk.
func trimID(id string) string {
	for _, c := range []byte(id) {
		if c < 0x20 || c > 0x7e {
			return fmt.Sprintf("%q", id)
		}
	}
	for len(id) > 0 && id[len(id)-1] == ' ' {
		id = id[:len(id)-1]
	}
	return id
}

// parseFmt decodes a fmt chunk body (at least 16 bytes).
func parseFmt(b []byte) (Info, error) {
	if len(b) < 16 {
		return Info{}, fmt.Errorf("wav: fmt chunk is %d bytes, need at least 16", len(b))
	}
	le := binary.LittleEndian
	tag := le.Uint16(b[0:2])
	channels := int(le.Uint16(b[2:4]))
	rate := int(le.Uint32(b[4:8]))
	blockAlign := int(le.Uint16(b[12:14]))
	bits := int(le.Uint16(b[14:16]))
	if tag == tagExtensible {
		if len(b) < 40 {
			return Info{}, fmt.Errorf("wav: extensible fmt chunk is %d bytes, need 40", len(b))
		}
		if [14]byte(b[26:40]) != guidTail {
			return Info{}, fmt.Errorf("wav: unsupported extensible sub-format GUID % x", b[24:40])
		}
		tag = le.Uint16(b[24:26])
	}
	name := formatTagNames[tag]
	switch tag {
	case tagPCM, tagFloat, tagMuLaw, tagALaw:
	default:
		if name == "" {
			name = "unknown"
		}
		return Info{}, fmt.Errorf("wav: unsupported format tag 0x%04x (%s): only PCM, IEEE float, mu-law and A-law are supported", tag, name)
	}
	format, ok := formatFor(tag, bits)
	if !ok {
		return Info{}, fmt.Errorf("wav: unsupported %d-bit %s samples", bits, name)
	}
	if err := checkLayout(rate, channels, format); err != nil {
		return Info{}, err
	}
	if want := channels * format.BytesPerSample(); blockAlign != want {
		return Info{}, fmt.Errorf("wav: block align is %d, want %d for %d channels of %s", blockAlign, want, channels, format)
	}
	return Info{SampleRate: rate, Channels: channels, Format: format}, nil
}
