package executor

import "sync"

// maxBatch caps how many items travel in one channel message. Workers pass
// items in batches so one channel operation (and one goroutine wake-up) is
// shared by many items when a stage has a backlog; an idle pipeline still
// sends batches of one, so batching never delays an item.
const maxBatch = 32

// batch is the message on the channels between nodes. Batches are pooled:
// the receiver returns each one after processing it.
type batch struct{ items []item }

var batchPool = sync.Pool{New: func() any { return &batch{items: make([]item, 0, maxBatch)} }}

func getBatch() *batch { return batchPool.Get().(*batch) }

func putBatch(b *batch) {
	clear(b.items) // drop frame references so the pool keeps no frames alive
	b.items = b.items[:0]
	batchPool.Put(b)
}
