package server

import "github.com/remotemedia/remotemedia/core"

// endRun stops a session's or an ExecutePipeline call's run, waits for its
// nodes to close (so the session counts as freed only then), and records
// its per-node latencies.
func (s *Server) endRun(run *core.Stream) {
	run.Cancel()
	for range run.Outputs() {
	}
	_ = run.Wait()
	s.opts.Metrics.runEnded(run.Metrics())
}
