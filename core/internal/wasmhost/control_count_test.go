package wasmhost

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCountControls(t *testing.T) {
	tests := []struct {
		name     string
		body     []byte
		controls int
		ok       bool
	}{
		{name: "empty", body: []byte{0, 0x0b}, ok: true},
		{name: "locals then branches", body: append([]byte{1, 3, 0x7f}, genBranches(5)[1:]...), controls: 6, ok: true},
		{name: "nested blocks", body: genNestedBlocks(7), controls: 7, ok: true},
		{name: "if else, br_table", body: []byte{0, 0x41, 0, 0x04, 0x40, 0x05, 0x0b, 0x02, 0x40, 0x41, 0, 0x0e, 2, 0, 0, 0, 0x0b, 0x0b}, controls: 4, ok: true},
		{name: "immediates are skipped, not counted", body: []byte{0,
			0x44, 0x02, 0x02, 0x02, 0x02, 0x02, 0x02, 0x02, 0x02, 0x1a, // f64.const with block opcodes as bytes
			0x41, 0x82, 0x04, 0x28, 0x02, 0x84, 0x04, 0x1a, // i32.const 514, i32.load offset=516
			0xfd, 12, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0x1a, // v128.const
			0xfc, 0x0f, 0, 0x1a, // table.grow
			0x0b}, ok: true},
		{name: "unknown opcode stops the count", body: []byte{0, 0x02, 0x40, 0xff, 0x02, 0x40}, controls: 1, ok: false},
		{name: "truncated immediate", body: []byte{0, 0x41, 0x80}, ok: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			controls, ok := countControls(tt.body)
			assert.Equal(t, tt.controls, controls)
			assert.Equal(t, tt.ok, ok)
		})
	}
}
