package manifest

import (
	"regexp"
	"strings"
)

// wasmPrefix marks node types implemented by a WebAssembly module; the rest
// of the type names the module.
const wasmPrefix = "wasm:"

var wasmName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)

// IsWASMType reports whether t is a WASM node type ("wasm:<name>") and
// returns the module name. Such types need no registry entry: the WASM host
// loads the module and checks its params.
func IsWASMType(t string) (name string, ok bool) {
	name, found := strings.CutPrefix(t, wasmPrefix)
	if !found || !wasmName.MatchString(name) {
		return "", false
	}
	return name, true
}
