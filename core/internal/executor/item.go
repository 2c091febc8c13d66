package executor

import (
	"math"
	"time"

	"github.com/remotemedia/remotemedia/core/frame"
)

// flushOrder sorts outputs emitted at end of stream after every input's.
const flushOrder = math.MaxInt

// item is what travels on the channels between nodes.
type item struct {
	f *frame.Frame
	position
	// entered is when the input item this one derives from entered the
	// run, on the run's clock; a sink's latency from input is measured
	// from it.
	entered time.Duration
}

// position places an item among a sink's outputs.
type position struct {
	// order is the index of the input item this one derives from
	// (flushOrder for flush outputs); it drives ordered batch results.
	order int
	// route records, at each fan-in on the way, which predecessor the item
	// came from. Items with equal order and route took the same path, and
	// every channel and node is FIFO, so (order, route, arrival) is a total
	// order that is the same on every run. It stays nil on linear paths,
	// which therefore allocate nothing.
	route []uint16
}

// inputIndex is the user-facing input index of an item.
func (it *position) inputIndex() int {
	if it.order == flushOrder {
		return EndOfStream
	}
	return it.order
}

// via returns the route extended by one fan-in choice, never sharing the
// backing array with the original (fan-out shares routes between branches).
func (it *position) via(pred uint16) []uint16 {
	r := make([]uint16, len(it.route)+1)
	copy(r, it.route)
	r[len(it.route)] = pred
	return r
}

// before reports whether a sorts strictly before b.
func before(a, b *position) bool {
	if a.order != b.order {
		return a.order < b.order
	}
	for i := 0; i < len(a.route) && i < len(b.route); i++ {
		if a.route[i] != b.route[i] {
			return a.route[i] < b.route[i]
		}
	}
	return len(a.route) < len(b.route)
}
