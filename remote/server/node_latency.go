package server

import (
	"sync"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/remotemedia/remotemedia/core"
)

// maxLatencySeries bounds the node latency series: node ids come from
// clients' manifests, so without a bound a client could grow the server's
// memory (and every scrape) with fresh ids. Nodes past the bound are
// counted under node_id "_other".
const maxLatencySeries = 1000

// latencyBounds are the histogram's upper bounds in seconds, 10 µs to
// about 42 s by factors of 4.
var latencyBounds = prometheus.ExponentialBuckets(1e-5, 4, 12)

// nodeLatency is remotemedia_node_latency_seconds: each node's Process
// call latencies, summed over the sessions that ended. The engine keeps a
// log-linear histogram per run (buckets within 19%); at a session's end its
// buckets are folded into these wider ones by their upper bound, so a
// count may sit one Prometheus bucket higher than the exact value would.
type nodeLatency struct {
	desc   *prometheus.Desc
	mu     sync.Mutex
	series map[[2]string]*latencySeries // {node_type, node_id}
}

type latencySeries struct {
	counts []uint64 // per latencyBounds, not cumulative
	count  uint64
	sum    float64 // seconds
}

func newNodeLatency() *nodeLatency {
	return &nodeLatency{
		desc: prometheus.NewDesc("remotemedia_node_latency_seconds",
			"Latency of each node's Process calls, over ended sessions.", []string{"node_type", "node_id"}, nil),
		series: map[[2]string]*latencySeries{},
	}
}

// add folds one ended run's metrics in.
func (l *nodeLatency) add(nodes []core.NodeMetrics) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, n := range nodes {
		if len(n.Latency) == 0 {
			continue
		}
		key := [2]string{n.Type, n.ID}
		s := l.series[key]
		if s == nil {
			if len(l.series) >= maxLatencySeries {
				key[1] = "_other"
				s = l.series[key]
			}
			if s == nil {
				s = &latencySeries{counts: make([]uint64, len(latencyBounds))}
				l.series[key] = s
			}
		}
		var count uint64
		for _, b := range n.Latency {
			count += b.Count
			seconds := float64(b.UpperNs) / 1e9
			for i, bound := range latencyBounds {
				if seconds <= bound {
					s.counts[i] += b.Count
					break
				}
			} // above the last bound: only in count, as +Inf
		}
		s.count += count
		s.sum += n.Busy.Seconds()
	}
}

func (l *nodeLatency) Describe(ch chan<- *prometheus.Desc) { ch <- l.desc }

func (l *nodeLatency) Collect(ch chan<- prometheus.Metric) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for key, s := range l.series {
		cumulative := make(map[float64]uint64, len(latencyBounds))
		var seen uint64
		for i, bound := range latencyBounds {
			seen += s.counts[i]
			cumulative[bound] = seen
		}
		ch <- prometheus.MustNewConstHistogram(l.desc, s.count, s.sum, cumulative, key[0], key[1])
	}
}
