package cli

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStreamLine(t *testing.T) {
	tests := []struct {
		name  string
		out   core.Output
		sinks int
		want  string
	}{
		{"one sink is the bare value", core.Output{Sink: "s", Input: 3, Frame: frame.JSON(json.Number("7"))}, 1, `7`},
		{"several sinks", core.Output{Sink: "s", Input: 3, Frame: frame.Text("hi")}, 2,
			`{"input":3,"output":"hi","sink":"s"}`},
		{"end of stream input is null", core.Output{Sink: "s", Input: core.EndOfStream, Frame: frame.Bytes([]byte{1})}, 2,
			`{"input":null,"output":{"bytes_b64":"AQ=="},"sink":"s"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := core.EncodeJSON(streamLine(tt.out, tt.sinks))
			require.NoError(t, err)
			assert.Equal(t, tt.want, string(data))
		})
	}
}

func TestShortDuration(t *testing.T) {
	tests := []struct {
		in   time.Duration
		want string
	}{
		{0, "0s"},
		{319, "319ns"},
		{7641, "7.64µs"},
		{1234567, "1.23ms"},
		{98765432100, "1m38.8s"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, shortDuration(tt.in), "%d", tt.in)
	}
}
