package wav

import (
	"encoding/binary"
	"math"
)

// Integer samples map to floats by dividing by 2^(bits-1), so every integer
// value survives a round trip exactly; floats map back by multiplying,
// rounding to nearest and clamping, so +1.0 becomes the largest integer.

// S16ToFloat32 converts one 16-bit sample to a float in [-1, 1).
func S16ToFloat32(v int16) float32 { return float32(v) / (1 << 15) }

// Float32ToS16 converts one float sample to 16 bits: scaled, rounded to
// nearest and clamped. NaN becomes 0.
func Float32ToS16(x float32) int16 { return int16(quantize(x, 16)) }

// quantize scales x to a signed integer of the given bit depth, rounding
// half away from zero as math.Round does. Adding ±0.5 and truncating is
// exact here (x has 24 significant bits, far fewer than a float64 holds).
// Having no branch on the sign matters: audio's sign flips unpredictably,
// and a mispredicted branch per sample halved the writer's speed.
func quantize(x float32, bits uint) int64 {
	if x != x { // NaN
		return 0
	}
	limit := float64(int64(1) << (bits - 1))
	v := min(max(float64(x)*limit, -limit), limit-1)
	return int64(v + math.Copysign(0.5, v))
}

// decodeSamples fills dst from little-endian src in format f; src holds
// exactly len(dst) samples.
func decodeSamples(dst []float32, src []byte, f Format) {
	le := binary.LittleEndian
	switch f {
	case PCM8:
		for i := range dst {
			dst[i] = float32(int(src[i])-128) / (1 << 7)
		}
	case PCM16:
		for i := range dst {
			dst[i] = S16ToFloat32(int16(le.Uint16(src[2*i:])))
		}
	case PCM24:
		for i := range dst {
			b := src[3*i : 3*i+3]
			v := int32(uint32(b[0])<<8|uint32(b[1])<<16|uint32(b[2])<<24) >> 8
			dst[i] = float32(v) / (1 << 23)
		}
	case PCM32:
		for i := range dst {
			dst[i] = float32(float64(int32(le.Uint32(src[4*i:]))) / (1 << 31))
		}
	case Float32:
		for i := range dst {
			dst[i] = math.Float32frombits(le.Uint32(src[4*i:]))
		}
	case Float64:
		for i := range dst {
			dst[i] = float32(math.Float64frombits(le.Uint64(src[8*i:])))
		}
	case MuLaw, ALaw:
		f.law().Decode(dst, src)
	}
}

// encodeSamples writes src into dst in format f; dst holds exactly
// len(src) samples.
func encodeSamples(dst []byte, src []float32, f Format) {
	le := binary.LittleEndian
	switch f {
	case PCM8:
		for i, x := range src {
			dst[i] = byte(quantize(x, 8) + 128)
		}
	case PCM16:
		for i, x := range src {
			le.PutUint16(dst[2*i:], uint16(quantize(x, 16)))
		}
	case PCM24:
		for i, x := range src {
			v := uint32(quantize(x, 24))
			dst[3*i], dst[3*i+1], dst[3*i+2] = byte(v), byte(v>>8), byte(v>>16)
		}
	case PCM32:
		for i, x := range src {
			le.PutUint32(dst[4*i:], uint32(quantize(x, 32)))
		}
	case Float32:
		for i, x := range src {
			le.PutUint32(dst[4*i:], math.Float32bits(x))
		}
	case Float64:
		for i, x := range src {
			le.PutUint64(dst[8*i:], math.Float64bits(float64(x)))
		}
	case MuLaw, ALaw:
		f.law().Encode(dst, src)
	}
}
