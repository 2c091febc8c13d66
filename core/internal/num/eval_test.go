package num

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEval(t *testing.T) {
	tests := []struct {
		name    string
		op      Op
		a, b    Scalar
		want    any
		wantErr error
	}{
		{"add ints", Add, Int(2), Int(3), int64(5), nil},
		{"add int and float", Add, Int(2), Float(0.5), 2.5, nil},
		{"add overflow becomes float", Add, Int(math.MaxInt64), Int(1), float64(math.MaxInt64) + 1, nil},
		{"add negative overflow becomes float", Add, Int(math.MinInt64), Int(-1), float64(math.MinInt64) - 1, nil},
		{"subtract", Subtract, Int(2), Int(5), int64(-3), nil},
		{"subtract overflow becomes float", Subtract, Int(math.MinInt64), Int(1), float64(math.MinInt64) - 1, nil},
		{"multiply ints", Multiply, Int(6), Int(7), int64(42), nil},
		{"multiply by zero", Multiply, Int(math.MaxInt64), Int(0), int64(0), nil},
		{"multiply overflow becomes float", Multiply, Int(1 << 62), Int(4), math.Ldexp(1, 64), nil},
		{"multiply min by -1 becomes float", Multiply, Int(math.MinInt64), Int(-1), -float64(math.MinInt64), nil},
		{"divide evenly stays integer", Divide, Int(6), Int(3), int64(2), nil},
		{"divide unevenly becomes float", Divide, Int(7), Int(2), 3.5, nil},
		{"divide by integer zero", Divide, Int(1), Int(0), nil, ErrDivideByZero},
		{"divide by float zero", Divide, Float(1), Float(0), nil, ErrDivideByZero},
		{"power ints", Power, Int(2), Int(10), int64(1024), nil},
		{"power zero exponent", Power, Int(5), Int(0), int64(1), nil},
		{"power negative base", Power, Int(-3), Int(3), int64(-27), nil},
		{"power negative exponent", Power, Int(2), Int(-1), 0.5, nil},
		{"power overflow becomes float", Power, Int(10), Int(19), 1e19, nil},
		{"power float", Power, Float(4), Float(0.5), 2.0, nil},
		{"power of negative to fraction is NaN", Power, Int(-8), Float(1.0 / 3), nil, ErrNotFinite},
		{"float overflow to infinity", Multiply, Float(1e308), Int(10), nil, ErrNotFinite},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Eval(tt.op, tt.a, tt.b)
			if tt.wantErr != nil {
				assert.ErrorIs(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got.Value())
		})
	}
}

func TestParseOp(t *testing.T) {
	for _, op := range Ops {
		got, ok := ParseOp(op.String())
		assert.True(t, ok)
		assert.Equal(t, op, got)
	}
	_, ok := ParseOp("modulo")
	assert.False(t, ok)
	assert.Equal(t, []string{"add", "subtract", "multiply", "divide", "power"}, OpNames())
	assert.Equal(t, "*", Multiply.Symbol())
}
