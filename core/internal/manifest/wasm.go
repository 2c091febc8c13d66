package manifest

import (
	"regexp"
	"strings"
)

// wasmPrefix marks node types implemented by a WebAssembly module; the rest
// of the type names the module.
const wasmPrefix = "wasm:"

var wasmName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)

// IsWASMName reports whether name may name a WASM module: the <name> of
// "wasm:<name>" and of a package's nodes/<name>.wasm.
func IsWASMName(name string) bool { return wasmName.MatchString(name) }

// IsWASMType reports whether t is a WASM node type ("wasm:<name>") and
// returns the module name. Such types need no registry entry: the WASM host
// loads the module and checks its params.
func IsWASMType(t string) (name string, ok bool) {
	name, found := strings.CutPrefix(t, wasmPrefix)
	if !found || !IsWASMName(name) {
		return "", false
	}
	return name, true
}
