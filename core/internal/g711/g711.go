// Package g711 is ITU-T G.711, the 8-bit companded audio of telephony:
// μ-law (North America, Japan) and A-law (everywhere else). Each byte
// codes one sample on a logarithmic scale, 14 bits of range for μ-law and
// 13 for A-law.
//
// Decoding gives the standard 16-bit linear values (as sox and the ITU
// reference decoders do) scaled to float32 like any 16-bit sample, so a
// code decodes exactly. Encoding rounds a float32 to the law's linear
// range (to nearest, halves up, as sox does) and picks the code of the
// segment it falls in, so decoding then encoding gives every code back.
package g711

// Law is a companding law.
type Law uint8

const (
	MuLaw Law = iota + 1
	ALaw
)

// String is the law's short name, as the nodes' law param takes it.
func (l Law) String() string {
	switch l {
	case MuLaw:
		return "mu-law"
	case ALaw:
		return "a-law"
	}
	return "unknown law"
}

const (
	signBit   = 0x80
	quantMask = 0x0F
	segShift  = 4
	segMask   = 0x70
	muBias    = 0x84 // added before the segment search, so each segment starts at a power of two
	muClip    = 8159 // the largest 14-bit magnitude μ-law codes
)

var (
	decodeMu, decodeA [256]float32
	decodeMu16        [256]int16
	decodeA16         [256]int16
)

func init() {
	for c := range 256 {
		decodeMu16[c], decodeA16[c] = muToLinear(byte(c)), aToLinear(byte(c))
		decodeMu[c] = float32(decodeMu16[c]) / (1 << 15)
		decodeA[c] = float32(decodeA16[c]) / (1 << 15)
	}
}

// Decode converts codes to float32 samples in [-1, 1); dst holds len(src).
func (l Law) Decode(dst []float32, src []byte) {
	table := &decodeMu
	if l == ALaw {
		table = &decodeA
	}
	for i, c := range src {
		dst[i] = table[c]
	}
}

// Linear is code c's 16-bit linear value.
func (l Law) Linear(c byte) int16 {
	if l == ALaw {
		return decodeA16[c]
	}
	return decodeMu16[c]
}

// Encode converts float32 samples to codes; dst holds len(src). Samples
// beyond full scale clip; NaN codes silence.
func (l Law) Encode(dst []byte, src []float32) {
	if l == ALaw {
		for i, x := range src {
			dst[i] = linearToA(round(x, 13))
		}
		return
	}
	for i, x := range src {
		dst[i] = linearToMu(round(x, 14))
	}
}

// round scales x to a signed integer of bits bits: to nearest, halves up
// (toward +∞), clamped to the range. NaN is 0.
func round(x float32, bits uint) int32 {
	if x != x {
		return 0
	}
	limit := float64(int32(1) << (bits - 1))
	v := float64(x)*limit + 0.5
	v = min(max(v, -limit), limit-1)
	n := int32(v)
	if float64(n) > v { // int32() truncates toward zero; we want the floor
		n--
	}
	return n
}

// segment is the index of the first bound v does not exceed, or 8.
func segment(v int32, bounds *[8]int32) int32 {
	for i, b := range bounds {
		if v <= b {
			return int32(i)
		}
	}
	return 8
}

var (
	muSegmentEnds = [8]int32{0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF}
	aSegmentEnds  = [8]int32{0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF}
)

// linearToMu codes a 14-bit sample. The code is stored inverted, so that
// silence is 0xFF.
func linearToMu(v int32) byte {
	mask := byte(0xFF)
	if v < 0 {
		v, mask = -v, 0x7F
	}
	v = min(v, muClip) + muBias>>2
	seg := segment(v, &muSegmentEnds)
	if seg >= 8 {
		return 0x7F ^ mask
	}
	return byte(seg<<segShift|(v>>(seg+1))&quantMask) ^ mask
}

func muToLinear(c byte) int16 {
	c = ^c
	t := (int32(c&quantMask)<<3 + muBias) << ((c & segMask) >> segShift)
	if c&signBit != 0 {
		return int16(muBias - t)
	}
	return int16(t - muBias)
}

// linearToA codes a 13-bit sample. Even bits are inverted (the 0x55
// mask), as the standard transmits them.
func linearToA(v int32) byte {
	mask := byte(0xD5)
	if v < 0 {
		v, mask = -v-1, 0x55
	}
	seg := segment(v, &aSegmentEnds)
	if seg >= 8 {
		return 0x7F ^ mask
	}
	code := byte(seg << segShift)
	if seg < 2 {
		code |= byte(v>>1) & quantMask
	} else {
		code |= byte(v>>seg) & quantMask
	}
	return code ^ mask
}

func aToLinear(c byte) int16 {
	c ^= 0x55
	t := int32(c&quantMask) << 4
	switch seg := (c & segMask) >> segShift; seg {
	case 0:
		t += 8
	case 1:
		t += 0x108
	default:
		t = (t + 0x108) << (seg - 1)
	}
	if c&signBit != 0 {
		return int16(t)
	}
	return int16(-t)
}
