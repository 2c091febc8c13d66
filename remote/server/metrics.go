package server

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/remote/pb"
)

// Metrics are the server's Prometheus metrics, in a registry of their own
// so that tests and embedders never collide with the global one.
type Metrics struct {
	registry       *prometheus.Registry
	sessionsOpen   prometheus.Gauge
	sessionsTotal  prometheus.Counter
	chunksIn       prometheus.Counter
	chunksOut      prometheus.Counter
	errors         *prometheus.CounterVec
	sessionSeconds prometheus.Histogram
	nodeLatency    *nodeLatency
}

// NewMetrics builds the metrics; pass them in Options.Metrics.
func NewMetrics() *Metrics {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		sessionsOpen: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "remotemedia_sessions_open", Help: "Streaming sessions open now."}),
		sessionsTotal: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "remotemedia_sessions_total", Help: "Streaming sessions accepted since start."}),
		chunksIn: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "remotemedia_chunks_in_total", Help: "Data chunks fed to pipelines."}),
		chunksOut: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "remotemedia_chunks_out_total", Help: "Chunk results sent to clients."}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "remotemedia_errors_total", Help: "Error responses sent, by protocol error type."}, []string{"type"}),
		sessionSeconds: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "remotemedia_session_seconds", Help: "Duration of streaming sessions.",
			Buckets: prometheus.ExponentialBuckets(0.001, 4, 12)}),
		nodeLatency: newNodeLatency(),
	}
	m.registry.MustRegister(m.sessionsOpen, m.sessionsTotal, m.chunksIn, m.chunksOut, m.errors, m.sessionSeconds, m.nodeLatency)
	return m
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

// The recorders accept a nil *Metrics, so the server calls them always.

func (m *Metrics) sessionStarted() {
	if m != nil {
		m.sessionsOpen.Inc()
		m.sessionsTotal.Inc()
	}
}

func (m *Metrics) sessionEnded(seconds float64) {
	if m != nil {
		m.sessionsOpen.Dec()
		m.sessionSeconds.Observe(seconds)
	}
}

// runEnded records a finished run's per-node latencies.
func (m *Metrics) runEnded(nodes []core.NodeMetrics) {
	if m != nil {
		m.nodeLatency.add(nodes)
	}
}

func (m *Metrics) chunkIn() {
	if m != nil {
		m.chunksIn.Inc()
	}
}

func (m *Metrics) chunkOut() {
	if m != nil {
		m.chunksOut.Inc()
	}
}

func (m *Metrics) errorSent(resp *pb.StreamResponse) {
	if e := resp.GetError(); m != nil && e != nil {
		m.errors.WithLabelValues(e.GetErrorType().String()).Inc()
	}
}
