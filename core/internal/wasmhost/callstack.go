package wasmhost

// wazero (v1.12, compiler engine) gives each function object it hands out
// (api.Function) a call stack of its own: a Go []byte that starts at 10 KiB
// and, when a call needs more, is replaced by one of 2*len + frame + 16
// bytes, as long as len is at most its fixed callStackCeiling of 50,000,000
// bytes (internal/engine/wazevo/call_engine.go: growStack), where frame is
// the stack the function being entered needs; past the ceiling the guest
// traps with "stack overflow". There is no setting for it, so the host
// counts the most those stacks can hold in the pipeline's budget.
const wazeroStackCeiling = 50_000_000

// frameSlack covers what a frame holds besides the guest's values: the
// return address, saved registers, the stack check's scratch.
const frameSlack = 4096

// frameBytes bounds the stack one call frame of the module's functions may
// need. What a frame keeps across a call is a local or a value on the
// function's operand stack, at most 16 bytes each (v128). An instruction
// takes at least a byte of code and pushes at most one value, or a call's
// results: so the operand stack holds at most code bytes times the most
// results of a function type. Arguments and results of its calls are values
// of function types, at least a byte each in the types section.
func frameBytes(shape moduleShape) int64 {
	values := shape.maxLocals + shape.maxCode*max(1, shape.maxResults) + shape.typeBytes
	return 16*values + frameSlack
}

// callStackBytes is the most one call stack holds: one last growth from
// the ceiling, into a frame of frame bytes.
func callStackBytes(frame int64) int64 { return 2*wazeroStackCeiling + frame + 16 }

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
func callStackReserve(resident bool, frame int64) int64 {
	kept := int64(3)
	if resident {
		kept = 1
	}
	return (kept + 2) * callStackBytes(frame)
}
