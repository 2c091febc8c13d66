//go:build !race

package wasmhost

// compileSlowdown is 1 outside race-detector builds (compile_scale_race.go).
const compileSlowdown = 1
