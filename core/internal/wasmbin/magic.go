// Package wasmbin holds facts about the WebAssembly binary format that need
// no runtime, so builds without one (the browser engine) check module bytes
// by the same rules as the WASM host.
package wasmbin

import "bytes"

// Magic starts every binary module: "\0asm" then version 1.
var Magic = [8]byte{0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00}

// HasMagic reports whether b starts like a binary wasm module.
func HasMagic(b []byte) bool { return bytes.HasPrefix(b, Magic[:]) }
