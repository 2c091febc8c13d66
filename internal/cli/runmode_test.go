package cli

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/remotemedia/remotemedia/core/node"
)

func TestRunFlags_RunMode(t *testing.T) {
	for _, tt := range []struct {
		name  string
		flags runFlags
		want  node.RunMode
	}{
		{"a WAV file as fast as it reads", runFlags{wav: wavFlags{input: "a.wav"}}, node.Batch},
		{"a WAV file as JSON lines", runFlags{wav: wavFlags{input: "a.wav"}, jsonl: true}, node.Batch},
		{"a WAV file at the pace of real time", runFlags{wav: wavFlags{input: "a.wav", realtime: true}, jsonl: true}, node.Live},
		{"JSON lines on stdin", runFlags{jsonl: true}, node.Live},
		{"JSON lines from a file", runFlags{jsonl: true, input: inputFlags{file: "in.json"}}, node.Batch},
		{"a JSON array", runFlags{input: inputFlags{json: "[1]"}}, node.Batch},
	} {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.flags.runMode())
		})
	}
}
