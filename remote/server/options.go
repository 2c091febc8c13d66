// Package server serves pipelines over the remotemedia.v1 gRPC protocol
// (remote/pb): StreamingPipelineService.StreamPipeline, one streaming run
// per session, and PipelineExecutionService's ExecutePipeline and
// GetVersion. docs/REMOTE.md states the session rules, the security model
// and the limits.
package server

import (
	"fmt"
	"time"

	"github.com/remotemedia/remotemedia/core/node"
)

// Options configure a Server. Zero fields take the defaults below.
type Options struct {
	// Registry holds the node types a client's manifest may use; nil is the
	// engine's default registry (the built-in Go nodes). A client can never
	// add a type: it only names registered ones.
	Registry *node.Registry
	// Token, when set, is required as "authorization: Bearer <token>" on
	// every call but health checks.
	Token string
	// MaxMessageBytes bounds one gRPC message either way.
	MaxMessageBytes int
	// MaxNodes bounds the nodes of one manifest.
	MaxNodes int
	// MaxFrameBytes bounds the payload of one DataBuffer.
	MaxFrameBytes int
	// MaxSessions bounds concurrent streaming sessions; one more is
	// RESOURCE_EXHAUSTED.
	MaxSessions int
	// IdleTimeout ends a session that receives nothing for this long.
	IdleTimeout time.Duration
	// Metrics, when set, records sessions, chunks and errors (NewMetrics).
	Metrics *Metrics
}

// Defaults: generous for speech (a minute of 48 kHz stereo float32 audio is
// 23 MB), small enough that a handful of clients cannot exhaust memory.
const (
	DefaultMaxMessageBytes = 32 << 20
	DefaultMaxNodes        = 64
	DefaultMaxFrameBytes   = 16 << 20
	DefaultMaxSessions     = 64
	DefaultIdleTimeout     = 60 * time.Second
)

func (o Options) withDefaults() Options {
	if o.Registry == nil {
		o.Registry = node.Default()
	}
	if o.MaxMessageBytes == 0 {
		o.MaxMessageBytes = DefaultMaxMessageBytes
	}
	if o.MaxNodes == 0 {
		o.MaxNodes = DefaultMaxNodes
	}
	if o.MaxFrameBytes == 0 {
		o.MaxFrameBytes = DefaultMaxFrameBytes
	}
	if o.MaxSessions == 0 {
		o.MaxSessions = DefaultMaxSessions
	}
	if o.IdleTimeout == 0 {
		o.IdleTimeout = DefaultIdleTimeout
	}
	return o
}

// Check reports a limit out of range.
func (o Options) Check() error {
	for _, l := range []struct {
		name string
		v    int
	}{{"max message bytes", o.MaxMessageBytes}, {"max nodes", o.MaxNodes}, {"max frame bytes", o.MaxFrameBytes}, {"max sessions", o.MaxSessions}} {
		if l.v < 0 {
			return fmt.Errorf("%s must be positive, got %d", l.name, l.v)
		}
	}
	if o.IdleTimeout < 0 {
		return fmt.Errorf("idle timeout must be positive, got %s", o.IdleTimeout)
	}
	return nil
}
