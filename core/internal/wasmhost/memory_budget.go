package wasmhost

import (
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/tetratelabs/wazero/experimental"
)

// memoryBudget bounds the memory of all instances of a Host together (a
// package pipeline owns one Host): per-instance limits alone let three
// nodes of 2 GiB take 6 GiB. It counts linear memory as it really grows,
// and each instance's tables and call stacks at the most they may hold.
type memoryBudget struct {
	mu          sync.Mutex
	limit, used int64
}

func (b *memoryBudget) take(n int64) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if n > b.limit-b.used {
		return false
	}
	b.used += n
	return true
}

func (b *memoryBudget) give(n int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.used -= n
}

func (b *memoryBudget) inUse() int64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.used
}

// budgetedMemory backs one instance's linear memory (wazero's
// experimental.MemoryAllocator hook): memory.grow returns -1 when the
// budget has no room left. charged starts at the initial memory, which
// the instance took from the budget before instantiating.
type budgetedMemory struct {
	budget  *memoryBudget
	buf     []byte
	charged int64
	refused atomic.Bool // a memory.grow was refused since the last reset
}

var _ experimental.LinearMemory = (*budgetedMemory)(nil)

func (m *budgetedMemory) allocate(capacity, _ uint64) experimental.LinearMemory {
	m.buf = make([]byte, 0, capacity)
	return m
}

func (m *budgetedMemory) Reallocate(size uint64) []byte {
	if more := int64(size) - m.charged; more > 0 {
		if !m.budget.take(more) {
			m.refused.Store(true)
			return nil
		}
		m.charged = int64(size)
	}
	if n := int(size); n > len(m.buf) {
		m.buf = append(m.buf, make([]byte, n-len(m.buf))...)
	}
	return m.buf[:size]
}

func (m *budgetedMemory) Free() { m.buf = nil }

// budgetNote explains a failure that followed a refused memory.grow.
func (in *Instance) budgetNote() string {
	if in.memory == nil || !in.memory.refused.Load() {
		return ""
	}
	return fmt.Sprintf(" (memory.grow was refused: the pipeline's WASM instances together reached the %d MiB memory budget)",
		in.mod.host.budget.limit>>20)
}

// reserveMemory takes the instance's initial memory, its tables' most and
// its call stacks' most (callStackReserve) from the host's budget, before
// instantiating.
func (in *Instance) reserveMemory() error {
	m, budget := in.mod, in.mod.host.budget
	var initial int64
	if def, ok := m.compiled.ExportedMemories()[exportMemory]; ok {
		initial = int64(def.Min()) * wasmPageSize
	}
	fixed := int64(m.limits.tableEntries)*tableEntryBytes + callStackReserve(m.eng.driver != nil, m.limits.frameBytes)
	if !budget.take(initial + fixed) {
		return in.errorf("instantiate: needs %d MiB (initial memory, tables and call stacks), but the pipeline's WASM instances already use %d MiB of their %d MiB memory budget",
			(initial+fixed+1<<20-1)>>20, budget.inUse()>>20, budget.limit>>20)
	}
	in.memory = &budgetedMemory{budget: budget, charged: initial}
	in.fixedBytes = fixed
	return nil
}

// releaseMemory gives back to the budget all the instance took.
func (in *Instance) releaseMemory() {
	if in.memory != nil {
		in.memory.budget.give(in.memory.charged + in.fixedBytes)
		in.memory = nil
	}
}
