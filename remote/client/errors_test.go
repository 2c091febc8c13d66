package client

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRemoteError_Sequence(t *testing.T) {
	cases := []struct {
		context string
		want    uint64
		ok      bool
	}{
		{`{"sequence": 17, "stream_error_type": "STREAM_ERROR_CHUNK"}`, 17, true},
		{`{"stream_error_type": "STREAM_ERROR_INIT_REQUIRED"}`, 0, false},
		{`{"sequence": -1}`, 0, false},
		{`{"sequence": 1.5}`, 0, false},
		{"chunk sequence=42 failed", 42, true},
		{"", 0, false},
	}
	for _, tc := range cases {
		got, ok := (&RemoteError{Context: tc.context}).sequence()
		assert.Equal(t, tc.ok, ok, tc.context)
		if tc.ok {
			assert.Equal(t, tc.want, got, tc.context)
		}
	}
}
