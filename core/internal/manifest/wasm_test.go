package manifest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestIsWASMType(t *testing.T) {
	tests := []struct {
		typ  string
		name string
		ok   bool
	}{
		{typ: "wasm:gain", name: "gain", ok: true},
		{typ: "wasm:my_filter-2.v1", name: "my_filter-2.v1", ok: true},
		{typ: "wasm:"},
		{typ: "wasm:.hidden"},
		{typ: "wasm:a/b"},
		{typ: "WASM:gain"},
		{typ: "AddNode"},
	}
	for _, tc := range tests {
		t.Run(tc.typ, func(t *testing.T) {
			name, ok := IsWASMType(tc.typ)
			require.Equal(t, tc.ok, ok)
			require.Equal(t, tc.name, name)
		})
	}
}
