//go:build wasip1

package rmnode

import (
	"runtime"
	"runtime/metrics"
	"unsafe"
)

// The ABI v1 exports. Pointers are wasm32 addresses (an i32), so uintptr
// fits in uint32; results pack (ptr << 32) | len.

//go:wasmexport rm_abi_version
func rmABIVersion() int32 { return 1 }

// The host copies each output before its next call and never frees it.
//
//go:wasmexport rm_keeps_output
func rmKeepsOutput() int32 { return 1 }

//go:wasmexport rm_alloc
func rmAlloc(size uint32) uint32 { return uint32(addr(theGuest.alloc(size))) }

//go:wasmexport rm_free
func rmFree(ptr unsafe.Pointer, size uint32) { theGuest.free(uintptr(ptr)) }

//go:wasmexport rm_init
func rmInit(ptr unsafe.Pointer, size uint32) int32 { return theGuest.init(view(ptr, size)) }

//go:wasmexport rm_process
func rmProcess(ptr unsafe.Pointer, size uint32) uint64 {
	out, ok := theGuest.process(view(ptr, size))
	letRuntimeRun(int(size) + len(out))
	return pack(out, ok)
}

//go:wasmexport rm_flush
func rmFlush() uint64 {
	out, ok := theGuest.flush()
	letRuntimeRun(len(out))
	return pack(out, ok)
}

// A reactor only runs Go code inside export calls, and Go on wasm has no
// preemption, so the runtime's own goroutines (the garbage collector's
// background workers) only run when an export yields. Without that, GC
// cycles never finish and a node that allocates runs out of memory.
//
// Yielding costs about 10 µs and reading the allocation counter about 5 µs,
// so: yield once yieldBytes of frames went through since the last yield (big
// frames mean big allocations), and every checkEvery calls also yield if the
// node allocated yieldBytes since the last yield.
const (
	yieldBytes = 256 << 10
	checkEvery = 16
)

var sinceYield struct {
	calls, frameBytes int
	allocated         uint64
}

var allocated = []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}

func letRuntimeRun(frameBytes int) {
	s := &sinceYield
	s.calls++
	s.frameBytes += frameBytes
	yield := s.frameBytes >= yieldBytes
	if !yield && s.calls%checkEvery == 0 {
		metrics.Read(allocated)
		yield = allocated[0].Value.Uint64()-s.allocated >= yieldBytes
	}
	if yield {
		runtime.Gosched()
		metrics.Read(allocated)
		s.calls, s.frameBytes, s.allocated = 0, 0, allocated[0].Value.Uint64()
	}
}

//go:wasmexport rm_last_error
func rmLastError() uint64 {
	b := theGuest.lastErr
	return uint64(addr(b))<<32 | uint64(len(b))
}

//go:wasmimport remotemedia emit
func hostEmit(ptr, size uint32)

//go:wasmimport remotemedia log
func hostLog(level int32, ptr, size uint32)

func emitFrame(b []byte) { hostEmit(uint32(addr(b)), uint32(len(b))) }

func logMessage(level int32, msg string) {
	hostLog(level, uint32(uintptr(unsafe.Pointer(unsafe.StringData(msg)))), uint32(len(msg)))
}

// view is the host-written buffer at ptr, which rm_alloc returned.
func view(ptr unsafe.Pointer, size uint32) []byte {
	if size == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(ptr), size)
}

func pack(out []byte, ok bool) uint64 {
	if !ok {
		return errorLen
	}
	if len(out) == 0 {
		return 0
	}
	return uint64(addr(out))<<32 | uint64(len(out))
}
