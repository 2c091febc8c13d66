package wasmhost

// wazero (v1.12, compiler engine) gives each function object it hands out
// (api.Function) a call stack of its own: a Go []byte that starts at 10 KiB
// and, when a call needs more, is replaced by one of 2*len + frame + 16
// bytes, as long as len is at most its fixed callStackCeiling of 50,000,000
// bytes (internal/engine/wazevo/call_engine.go: growStack); past that the
// guest traps with "stack overflow". There is no setting for it, so the
// host counts the most those stacks can hold in the pipeline's budget.
const (
	wazeroStackCeiling = 50_000_000
	// maxFrameBytes is the frame of one guest function (its spill slots)
	// allowed for: 50,000 locals (MaxFunctionLocals) of 16 bytes take
	// 800 KB. A function that spills more temporaries than that could
	// take one last growth past callStackBytes by the difference; wazero
	// does not report frame sizes, so this is an assumption, not a check.
	maxFrameBytes = 1 << 20
	// callStackBytes is the most one stack holds: one last growth from the
	// ceiling.
	callStackBytes = 2*wazeroStackCeiling + maxFrameBytes + 16
)

// callStackReserve is the most the call stacks of one instance can take at
// once. The exports called for every frame keep their function objects,
// and so their stacks, for the instance's life: the resident driver call
// when calls have a deadline (resident.go), else rm_process, rm_alloc and
// rm_free. The others (rm_init, rm_flush, rm_last_error...) get a new
// function object per call, whose stack is garbage after it. An instance
// is never called concurrently, so one stack grows at a time, and the
// copies it leaves behind as it doubles (garbage until Go's next GC) add
// up to less than its last size: the growing stack takes at most twice
// callStackBytes, every other one callStackBytes.
func callStackReserve(resident bool) int64 {
	kept := int64(3)
	if resident {
		kept = 1
	}
	return (kept + 2) * callStackBytes
}
