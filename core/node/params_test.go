package node_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core/node"
)

var gainSpec = node.Spec{
	Type: "Gain",
	New:  identity,
	Params: []node.Param{
		{Name: "gain_db", Type: node.TypeNumber, Default: 0.0, Min: node.Bound(-60), Max: node.Bound(24)},
		{Name: "channels", Type: node.TypeInteger, Required: true, Min: node.Bound(1)},
		{Name: "mode", Type: node.TypeString, Default: "linear", Enum: []string{"linear", "log"}},
		{Name: "clip", Type: node.TypeBoolean},
	},
}

func TestSpec_ValidateParams(t *testing.T) {
	tests := []struct {
		name    string
		raw     map[string]any
		want    node.Params
		wantErr []string // "param: message substring"
	}{
		{
			name: "defaults filled, numbers normalised",
			raw:  map[string]any{"channels": json.Number("2")},
			want: node.Params{"gain_db": 0.0, "channels": int64(2), "mode": "linear"},
		},
		{
			name: "all set",
			raw:  map[string]any{"gain_db": json.Number("-6.5"), "channels": 1, "mode": "log", "clip": true},
			want: node.Params{"gain_db": -6.5, "channels": int64(1), "mode": "log", "clip": true},
		},
		{name: "missing required", raw: map[string]any{}, wantErr: []string{"channels: required"}},
		{name: "wrong type", raw: map[string]any{"channels": "two"}, wantErr: []string{`channels: must be an integer, got string "two"`}},
		{name: "not an integer", raw: map[string]any{"channels": json.Number("1.5")}, wantErr: []string{"channels: must be an integer, got 1.5"}},
		{name: "below min", raw: map[string]any{"channels": 1, "gain_db": -90}, wantErr: []string{"gain_db: must be >= -60"}},
		{name: "above max", raw: map[string]any{"channels": 1, "gain_db": 30}, wantErr: []string{"gain_db: must be <= 24"}},
		{name: "not in enum", raw: map[string]any{"channels": 1, "mode": "cubic"}, wantErr: []string{"mode: must be one of linear|log"}},
		{name: "wrong bool", raw: map[string]any{"channels": 1, "clip": "yes"}, wantErr: []string{"clip: must be a boolean"}},
		// 1e999 and huge integers said "got json.Number" (issue 9).
		{name: "number out of float64 range", raw: map[string]any{"channels": 1, "gain_db": json.Number("1e999")},
			wantErr: []string{"gain_db: must be a number, got number 1e999, which is out of range"}},
		{name: "integer out of int64 range", raw: map[string]any{"channels": json.Number("123456789012345678901234567890")},
			wantErr: []string{"channels: must be an integer, got number 123456789012345678901234567890, which is out of range (at most 19 digits)"}},
		{name: "integer just past int64", raw: map[string]any{"channels": json.Number("9223372036854775808")},
			wantErr: []string{"channels: must be an integer, got number 9223372036854775808, which is out of range"}},
		{name: "a string param echoes at most 64 bytes", raw: map[string]any{"channels": 1, "mode": string(make([]byte, 1000))},
			wantErr: []string{`mode: must be one of linear|log, got "` + strings.Repeat(`\x00`, 64) + `"…`}},
		{name: "unknown with hint", raw: map[string]any{"channels": 1, "gain": 3}, wantErr: []string{`gain: unknown param for Gain (did you mean "gain_db"?)`}},
		{
			name:    "every problem at once",
			raw:     map[string]any{"mode": 3, "bogus_param_name": 1},
			wantErr: []string{"bogus_param_name: unknown param", "channels: required", "mode: must be a string"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, errs := gainSpec.ValidateParams(tc.raw)
			if tc.wantErr == nil {
				require.Empty(t, errs)
				assert.Equal(t, tc.want, got)
				return
			}
			require.Len(t, errs, len(tc.wantErr))
			for i, e := range errs {
				assert.Contains(t, e.Param+": "+e.Message, tc.wantErr[i])
			}
		})
	}
}

func TestSpec_ValidateParamsNoParams(t *testing.T) {
	spec := node.Spec{Type: "PassThrough", New: identity}
	_, errs := spec.ValidateParams(map[string]any{"x": 1})
	require.Len(t, errs, 1)
	assert.Equal(t, "PassThrough takes no params", errs[0].Message)
}

func TestParams_Getters(t *testing.T) {
	p := node.Params{"f": 1.5, "i": int64(3), "s": "x", "b": true}
	assert.Equal(t, 1.5, p.Float("f"))
	assert.Equal(t, 3.0, p.Float("i"))
	assert.Equal(t, int64(3), p.Int("i"))
	assert.Equal(t, int64(1), p.Int("f"))
	assert.Equal(t, "x", p.String("s"))
	assert.True(t, p.Bool("b"))
	assert.False(t, p.Has("missing"))
	assert.Zero(t, p.Float("missing"))
}
