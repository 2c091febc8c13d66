package executor

import (
	"math/bits"
	"sync/atomic"
	"time"
)

// NodeMetrics is a snapshot of one node's counters. Latency percentiles are
// of Process calls, from a log-linear histogram (within 19% of the truth).
type NodeMetrics struct {
	ID         string        `json:"id"`
	Type       string        `json:"type"`
	In         uint64        `json:"items_in"`
	Out        uint64        `json:"items_out"`
	Errors     uint64        `json:"errors"`
	Busy       time.Duration `json:"busy_ns"`
	P50        time.Duration `json:"p50_ns"`
	P95        time.Duration `json:"p95_ns"`
	P99        time.Duration `json:"p99_ns"`
	QueueDepth int           `json:"queue_depth"`
	QueueCap   int           `json:"queue_cap"`
	// FromInput is set for sinks only.
	FromInput *FromInputMetrics `json:"latency_from_input,omitempty"`
	// Latency is the histogram P50..P99 come from: its non-empty buckets,
	// in increasing order, for exporters that want the distribution
	// (remote/server's Prometheus histograms). Not in the JSON.
	Latency []LatencyBucket `json:"-"`
}

// LatencyBucket counts the Process calls that took at most UpperNs
// nanoseconds and more than the previous bucket's UpperNs.
type LatencyBucket struct {
	UpperNs uint64
	Count   uint64
}

// FromInputMetrics is a sink's latency from input: for each output, the
// time from when the input item it derives from entered the run (Send, or
// CloseInput for outputs emitted at end of stream) to when the sink's
// Process call that emitted it returned, the output handed on.
type FromInputMetrics struct {
	Count uint64        `json:"count"`
	P50   time.Duration `json:"p50_ns"`
	P95   time.Duration `json:"p95_ns"`
	P99   time.Duration `json:"p99_ns"`
}

// subBuckets per power of two: 4 keeps the error under 2^(1/4) ≈ 19%.
const (
	subBits    = 2
	subBuckets = 1 << subBits
	numBuckets = 64 * subBuckets
)

// counters are written by one node's worker and read by Metrics at any time,
// so every field is atomic; nothing here allocates on the hot path.
type counters struct {
	in, out, errors, busyNS atomic.Uint64
	latency                 histogram
	// A fused node's timed samples (fuse.go).
	sampled, sampledNS atomic.Uint64
}

// histogram is a log-linear latency histogram written by one goroutine and
// read by any.
type histogram [numBuckets]atomic.Uint64

func bucketOf(ns uint64) int {
	if ns < subBuckets {
		return int(ns)
	}
	exp := bits.Len64(ns) - 1
	mantissa := (ns >> (exp - subBits)) & (subBuckets - 1)
	return (exp-subBits+1)*subBuckets + int(mantissa)
}

// bucketUpper is the largest value that falls in bucket b.
func bucketUpper(b int) uint64 {
	if b < subBuckets {
		return uint64(b)
	}
	exp := b/subBuckets + subBits - 1
	mantissa := uint64(b % subBuckets)
	lower := (uint64(1) << exp) | mantissa<<(exp-subBits)
	return lower + (uint64(1) << (exp - subBits)) - 1
}

func (c *counters) observe(d time.Duration) {
	ns := uint64(max(d, 0))
	c.busyNS.Add(ns)
	c.latency[bucketOf(ns)].Add(1)
}

// observeN records n values of d.
func (h *histogram) observeN(d time.Duration, n uint64) {
	h[bucketOf(uint64(max(d, 0)))].Add(n)
}

// buckets are the non-empty buckets, in increasing order.
func (h *histogram) buckets() []LatencyBucket {
	var out []LatencyBucket
	for b := range h {
		if n := h[b].Load(); n > 0 {
			out = append(out, LatencyBucket{UpperNs: bucketUpper(b), Count: n})
		}
	}
	return out
}

func (h *histogram) count() uint64 {
	var total uint64
	for i := range h {
		total += h[i].Load()
	}
	return total
}

func (h *histogram) percentiles(qs ...float64) []time.Duration {
	var hist [numBuckets]uint64
	var total uint64
	for i := range h {
		hist[i] = h[i].Load()
		total += hist[i]
	}
	out := make([]time.Duration, len(qs))
	if total == 0 {
		return out
	}
	for qi, q := range qs {
		rank := uint64(q*float64(total-1)) + 1
		var seen uint64
		for b, n := range hist {
			seen += n
			if seen >= rank {
				out[qi] = time.Duration(bucketUpper(b))
				break
			}
		}
	}
	return out
}
