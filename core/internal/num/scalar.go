package num

import (
	"encoding/json"
	"math"
)

// Scalar is a JSON number that remembers whether it is an exact integer, so
// 5*2 stays the integer 10 instead of becoming the float 10.0.
type Scalar struct {
	i     int64
	f     float64
	isInt bool
}

// Int returns an exact integer scalar.
func Int(i int64) Scalar { return Scalar{i: i, f: float64(i), isInt: true} }

// Float returns a float scalar.
func Float(f float64) Scalar { return Scalar{f: f} }

// Integral returns f as an integer scalar when it has no fraction and fits
// int64, else as a float. Params arrive as float64 (a manifest's 2 is 2.0),
// and this is how they regain their integer meaning.
func Integral(f float64) Scalar {
	if f == math.Trunc(f) && f >= math.MinInt64 && f < math.MaxInt64 {
		return Int(int64(f))
	}
	return Float(f)
}

// Parse reads a number held in an any: json.Number (what the JSON decoder
// produces), a Go float or a Go integer. "5" is an integer, "5.0" a float.
func Parse(v any) (Scalar, bool) {
	switch n := v.(type) {
	case json.Number:
		// Checking the digits first keeps ParseInt from allocating an
		// error for every float.
		if looksIntegral(string(n)) {
			if i, err := n.Int64(); err == nil {
				return Int(i), true
			}
		}
		f, err := n.Float64()
		return Float(f), err == nil
	case float64:
		return Float(n), true
	case float32:
		return Float(float64(n)), true
	case int:
		return Int(int64(n)), true
	case int64:
		return Int(n), true
	case int32:
		return Int(int64(n)), true
	case int16:
		return Int(int64(n)), true
	case int8:
		return Int(int64(n)), true
	case uint8:
		return Int(int64(n)), true
	case uint16:
		return Int(int64(n)), true
	case uint32:
		return Int(int64(n)), true
	case uint64:
		if n <= math.MaxInt64 {
			return Int(int64(n)), true
		}
		return Float(float64(n)), true
	}
	return Scalar{}, false
}

// IsInt reports whether s is an exact integer.
func (s Scalar) IsInt() bool { return s.isInt }

// Int64 is s as an integer; meaningful when IsInt.
func (s Scalar) Int64() int64 { return s.i }

// Float64 is s as a float.
func (s Scalar) Float64() float64 { return s.f }

// Value is s as a JSON-encodable Go value: int64 or float64.
func (s Scalar) Value() any {
	if s.isInt {
		return s.i
	}
	return s.f
}

// looksIntegral reports whether s has no fraction or exponent part.
func looksIntegral(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '.' || c == 'e' || c == 'E' {
			return false
		}
	}
	return true
}
