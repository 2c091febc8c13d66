// Package wav reads and writes RIFF/WAVE files: integer PCM of 8, 16, 24 and
// 32 bits, IEEE float of 32 and 64 bits, G.711 μ-law and A-law (telephony),
// plain or WAVE_FORMAT_EXTENSIBLE, any channel count and rate. Samples are exchanged as interleaved float32 in
// [-1, 1], the engine's audio representation.
package wav

import (
	"fmt"
	"strings"

	"github.com/remotemedia/remotemedia/core/internal/g711"
)

// Format is a sample encoding in the data chunk.
type Format uint8

const (
	PCM8 Format = iota + 1 // unsigned 8-bit, 128 is silence
	PCM16
	PCM24
	PCM32
	Float32
	Float64
	MuLaw // G.711 μ-law, 8 bits
	ALaw  // G.711 A-law, 8 bits
)

var formatNames = map[Format]string{
	PCM8: "s8", PCM16: "s16", PCM24: "s24", PCM32: "s32", Float32: "f32", Float64: "f64",
	MuLaw: "ulaw", ALaw: "alaw",
}

// formatOrder is the order ParseFormat's error lists the names in.
var formatOrder = []Format{PCM8, PCM16, PCM24, PCM32, Float32, Float64, MuLaw, ALaw}

// String is the short name ParseFormat accepts, e.g. "s16" or "f32".
func (f Format) String() string {
	if name, ok := formatNames[f]; ok {
		return name
	}
	return fmt.Sprintf("format(%d)", uint8(f))
}

// ParseFormat turns a short name (s8, s16, s24, s32, f32, f64, ulaw, alaw)
// into a Format, for command-line flags.
func ParseFormat(name string) (Format, error) {
	names := make([]string, len(formatOrder))
	for i, f := range formatOrder {
		if strings.EqualFold(formatNames[f], name) {
			return f, nil
		}
		names[i] = formatNames[f]
	}
	return 0, fmt.Errorf("wav: unknown sample format %q; want one of %s", name, strings.Join(names, ", "))
}

// BytesPerSample is the size of one sample of one channel.
func (f Format) BytesPerSample() int {
	switch f {
	case PCM8, MuLaw, ALaw:
		return 1
	case PCM16:
		return 2
	case PCM24:
		return 3
	case PCM32, Float32:
		return 4
	case Float64:
		return 8
	}
	return 0
}

// IsFloat reports whether f is an IEEE float encoding.
func (f Format) IsFloat() bool { return f == Float32 || f == Float64 }

// isPCM reports whether f is integer PCM, the one family whose fmt chunk
// needs no extension size and whose files need no fact chunk.
func (f Format) isPCM() bool { return f >= PCM8 && f <= PCM32 }

// law is f's G.711 law, 0 for the linear formats.
func (f Format) law() g711.Law {
	switch f {
	case MuLaw:
		return g711.MuLaw
	case ALaw:
		return g711.ALaw
	}
	return 0
}

// formatFor maps a fmt chunk's format tag and bit depth to a Format.
func formatFor(tag uint16, bits int) (Format, bool) {
	for _, f := range formatOrder {
		if f.tag() == tag && 8*f.BytesPerSample() == bits {
			return f, true
		}
	}
	return 0, false
}

// tag is the fmt chunk format tag of f.
func (f Format) tag() uint16 {
	switch {
	case f.IsFloat():
		return tagFloat
	case f == MuLaw:
		return tagMuLaw
	case f == ALaw:
		return tagALaw
	}
	return tagPCM
}
