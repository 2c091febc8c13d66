package core_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeJSON(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    any
		wantErr string
	}{
		{name: "integers stay exact", in: `[9007199254740993, 1.50]`,
			want: []any{json.Number("9007199254740993"), json.Number("1.50")}},
		{name: "object", in: `{"b": "x", "a": null}`, want: map[string]any{"a": nil, "b": "x"}},
		{name: "syntax error says where", in: "[1,\n 2,,]", wantErr: "invalid input: invalid JSON at 2:4: invalid character ','"},
		{name: "leading zero", in: `01`, wantErr: "invalid input: invalid JSON at 1:2: invalid character '1' after top-level value"},
		{name: "empty", in: ``, wantErr: "invalid input: invalid JSON at 1:1: unexpected end of JSON input"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := core.DecodeJSON([]byte(tt.in))
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Equal(t, core.CodeInvalidInput, core.ErrorCode(err))
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestEncodeJSON(t *testing.T) {
	got, err := core.EncodeJSON(map[string]any{"b": []any{json.Number("1.50"), "<&>"}, "a": true})
	require.NoError(t, err)
	assert.Equal(t, `{"a":true,"b":[1.50,"<&>"]}`, string(got))
}

func ExampleDecodeJSON() {
	v, _ := core.DecodeJSON([]byte(`{"n": 10000000000000001, "s": "hi"}`))
	out, _ := core.EncodeJSON(v)
	fmt.Println(string(out))
	_, err := core.DecodeJSON([]byte(`[1, 2`))
	fmt.Println(err)
	// Output:
	// {"n":10000000000000001,"s":"hi"}
	// invalid input: invalid JSON at 1:5: unexpected end of JSON input
}

func TestDecodeInputs(t *testing.T) {
	frames, err := core.DecodeInputs([]byte(`[5, "a b", {"k": [1]}]`))
	require.NoError(t, err)
	require.Len(t, frames, 3)
	assert.Equal(t, frame.KindJSON, frames[0].Kind())
	assert.Equal(t, "a b", frames[1].TextValue())
	assert.Equal(t, frame.KindJSON, frames[2].Kind())

	one, err := core.DecodeInputs([]byte(`"alone"`))
	require.NoError(t, err)
	require.Len(t, one, 1)
	assert.Equal(t, "alone", one[0].TextValue())

	_, err = core.DecodeInputs([]byte(`[1,`))
	assert.Equal(t, core.CodeInvalidInput, core.ErrorCode(err))
}

func TestEachInput(t *testing.T) {
	var got []any
	collect := func(f *frame.Frame) error { got = append(got, frame.ToValue(f)); return nil }
	require.NoError(t, core.EachInput([]byte(`[1.50, "t", {"a": [2]}]`), collect))
	assert.Equal(t, []any{json.Number("1.50"), "t", map[string]any{"a": []any{json.Number("2")}}}, got)

	got = nil
	require.NoError(t, core.EachInput([]byte(`{"one": 1}`), collect))
	assert.Equal(t, []any{map[string]any{"one": json.Number("1")}}, got, "a non-array is one item")

	calls := 0
	err := core.EachInput([]byte(`[1, 2, 3,]`), func(*frame.Frame) error { calls++; return nil })
	assert.Equal(t, core.CodeInvalidInput, core.ErrorCode(err))
	assert.Zero(t, calls, "broken JSON is found before the first item")

	stop := fmt.Errorf("stop")
	calls = 0
	err = core.EachInput([]byte(`[1, 2, 3]`), func(*frame.Frame) error { calls++; return stop })
	assert.Same(t, stop, err)
	assert.Equal(t, 1, calls)
}
