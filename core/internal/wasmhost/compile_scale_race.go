//go:build race

package wasmhost

// compileSlowdown stretches the compile deadline in binaries built with the
// race detector, where wazero's compiler itself runs about ten times slower
// (a 5 MB Go guest takes 10-30 s on a loaded 2-core machine). Release builds
// keep the documented deadline.
const compileSlowdown = 10
