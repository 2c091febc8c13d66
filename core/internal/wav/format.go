// Package wav reads and writes RIFF/WAVE files: integer PCM of 8, 16, 24 and
// 32 bits, IEEE float of 32 and 64 bits, plain or WAVE_FORMAT_EXTENSIBLE, any
// channel count and rate. Samples are exchanged as interleaved float32 in
// [-1, 1], the engine's audio representation.
package wav

import (
	"fmt"
	"strings"
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
)

var formatNames = map[Format]string{
	PCM8: "s8", PCM16: "s16", PCM24: "s24", PCM32: "s32", Float32: "f32", Float64: "f64",
}

// String is the short name ParseFormat accepts, e.g. "s16" or "f32".
func (f Format) String() string {
	if name, ok := formatNames[f]; ok {
		return name
	}
	return fmt.Sprintf("format(%d)", uint8(f))
}

// ParseFormat turns a short name (s8, s16, s24, s32, f32, f64) into a Format,
// for command-line flags.
func ParseFormat(name string) (Format, error) {
	for f, n := range formatNames {
		if strings.EqualFold(n, name) {
			return f, nil
		}
	}
	return 0, fmt.Errorf("wav: unknown sample format %q; want one of s8, s16, s24, s32, f32, f64", name)
}

// BytesPerSample is the size of one sample of one channel.
func (f Format) BytesPerSample() int {
	switch f {
	case PCM8:
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

// formatFor maps a fmt chunk's (float?, bits) pair to a Format.
func formatFor(isFloat bool, bits int) (Format, bool) {
	if isFloat {
		switch bits {
		case 32:
			return Float32, true
		case 64:
			return Float64, true
		}
		return 0, false
	}
	switch bits {
	case 8:
		return PCM8, true
	case 16:
		return PCM16, true
	case 24:
		return PCM24, true
	case 32:
		return PCM32, true
	}
	return 0, false
}
