package jsonx

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUnmarshal_NumbersStayExact(t *testing.T) {
	var v any
	require.NoError(t, Unmarshal([]byte(`{"id": 9007199254740993, "x": 2.5}`), &v))
	m := v.(map[string]any)
	assert.Equal(t, json.Number("9007199254740993"), m["id"])
	assert.Equal(t, json.Number("2.5"), m["x"])
}

func TestUnmarshal_RejectsWhatIsNotJSON(t *testing.T) {
	for _, bad := range []string{`01`, `1e`, `-`, `[1,]`, `{"a":1`, ``, `1-2`} {
		var v any
		err := Unmarshal([]byte(bad), &v)
		require.ErrorIs(t, err, ErrInvalid, "%q", bad)
	}
}

func TestMarshal_CanonicalForm(t *testing.T) {
	out, err := Marshal(map[string]any{"b": 1, "a": []any{json.Number("2"), "<x>"}})
	require.NoError(t, err)
	assert.Equal(t, `{"a":[2,"<x>"],"b":1}`, string(out))
}
