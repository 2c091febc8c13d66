package num

import (
	"errors"
	"math"
)

var (
	// ErrDivideByZero is returned for a division by zero, integer or float.
	ErrDivideByZero = errors.New("division by zero")
	// ErrNotFinite is returned when a result is infinite or NaN, which JSON
	// cannot encode.
	ErrNotFinite = errors.New("result is not a finite number")
)

// Eval computes a op b. Integers stay exact while the result fits int64 (and,
// for Divide, while it divides evenly); otherwise the result is a float.
func Eval(op Op, a, b Scalar) (Scalar, error) {
	if op == Divide && b.f == 0 {
		return Scalar{}, ErrDivideByZero
	}
	if a.isInt && b.isInt {
		if r, ok := evalInt(op, a.i, b.i); ok {
			return Int(r), nil
		}
	}
	r := evalFloat(op, a.f, b.f)
	if math.IsInf(r, 0) || math.IsNaN(r) {
		return Scalar{}, ErrNotFinite
	}
	return Float(r), nil
}

// evalInt returns false when the exact result is not an int64.
func evalInt(op Op, a, b int64) (int64, bool) {
	switch op {
	case Add:
		r := a + b
		return r, (r > a) == (b > 0)
	case Subtract:
		r := a - b
		return r, (r < a) == (b > 0)
	case Multiply:
		return mulInt(a, b)
	case Divide:
		if a%b != 0 || (a == math.MinInt64 && b == -1) {
			return 0, false
		}
		return a / b, true
	case Power:
		return powInt(a, b)
	}
	return 0, false
}

func mulInt(a, b int64) (int64, bool) {
	if a == 0 || b == 0 {
		return 0, true
	}
	r := a * b
	if r/b != a || (a == -1 && b == math.MinInt64) || (b == -1 && a == math.MinInt64) {
		return 0, false
	}
	return r, true
}

// powInt is exponentiation by squaring; negative exponents give fractions,
// which are not integers.
func powInt(base, exp int64) (int64, bool) {
	if exp < 0 {
		return 0, false
	}
	result := int64(1)
	for exp > 0 {
		var ok bool
		if exp&1 == 1 {
			if result, ok = mulInt(result, base); !ok {
				return 0, false
			}
		}
		exp >>= 1
		if exp > 0 {
			if base, ok = mulInt(base, base); !ok {
				return 0, false
			}
		}
	}
	return result, true
}

func evalFloat(op Op, a, b float64) float64 {
	switch op {
	case Add:
		return a + b
	case Subtract:
		return a - b
	case Multiply:
		return a * b
	case Divide:
		return a / b
	case Power:
		return math.Pow(a, b)
	}
	panic("num: unknown op " + op.String())
}
