//go:build js && wasm

package main

import (
	"runtime"
	"syscall/js"
)

// statsFunc reports the engine's memory after a full collection, so tests
// can check that sessions leave nothing behind (the Go heap, goroutines and
// the session table; the linear memory's size the worker reads itself).
func statsFunc(js.Value, []js.Value) any {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return js.ValueOf(map[string]any{
		"heapAllocBytes": m.HeapAlloc,
		"heapSysBytes":   m.HeapSys,
		"goroutines":     runtime.NumGoroutine(),
		"sessions":       sessions.count(),
	})
}
