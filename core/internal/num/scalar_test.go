package num

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in     any
		want   any
		wantOK bool
	}{
		{json.Number("5"), int64(5), true},
		{json.Number("-12"), int64(-12), true},
		{json.Number("5.0"), 5.0, true},
		{json.Number("1e3"), 1000.0, true},
		{json.Number("1E-2"), 0.01, true},
		{json.Number("99999999999999999999"), 1e20, true},
		{json.Number("abc"), nil, false},
		{2.5, 2.5, true},
		{float32(0.5), 0.5, true},
		{int(3), int64(3), true},
		{int8(-3), int64(-3), true},
		{int16(3), int64(3), true},
		{int32(3), int64(3), true},
		{uint8(3), int64(3), true},
		{uint16(3), int64(3), true},
		{uint32(3), int64(3), true},
		{uint64(3), int64(3), true},
		{uint64(math.MaxUint64), float64(math.MaxUint64), true},
		{"5", nil, false},
		{true, nil, false},
		{nil, nil, false},
	}
	for _, tt := range tests {
		got, ok := Parse(tt.in)
		assert.Equal(t, tt.wantOK, ok, "%#v", tt.in)
		if ok {
			assert.Equal(t, tt.want, got.Value(), "%#v", tt.in)
		}
	}
}

func TestIntegral(t *testing.T) {
	tests := []struct {
		in   float64
		want any
	}{
		{2, int64(2)},
		{-7, int64(-7)},
		{2.5, 2.5},
		{1e19, 1e19},
		{math.Inf(1), math.Inf(1)},
	}
	for _, tt := range tests {
		got := Integral(tt.in)
		assert.Equal(t, tt.want, got.Value(), "%v", tt.in)
		assert.Equal(t, tt.in, got.Float64())
	}
}
