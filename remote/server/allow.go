package server

import (
	"fmt"
	"slices"
	"strings"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/remote/pb"
	"github.com/remotemedia/remotemedia/remote/wire"
)

// pipelineFor checks a client's manifest against the limits and the
// allow-list and builds it. Only registered types are allowed, so "wasm:"
// types (modules the client would name) and anything else are refused
// before the engine parses the manifest.
func (s *Server) pipelineFor(m *pb.PipelineManifest) (*core.Pipeline, error) {
	if m == nil {
		return nil, fmt.Errorf("the manifest is missing")
	}
	if n := len(m.GetNodes()); n > s.opts.MaxNodes {
		return nil, &limitError{fmt.Sprintf("the manifest has %d nodes, more than the server's limit of %d (--max-nodes)", n, s.opts.MaxNodes)}
	}
	var refused []string
	for _, n := range m.GetNodes() {
		if !slices.Contains(s.allowed, n.GetNodeType()) && !slices.Contains(refused, n.GetNodeType()) {
			refused = append(refused, n.GetNodeType())
		}
	}
	if len(refused) > 0 {
		return nil, fmt.Errorf("node types not allowed on this server: %s (allowed: %s)",
			strings.Join(quoteAll(refused), ", "), strings.Join(s.allowed, ", "))
	}
	doc, err := wire.ManifestJSON(m)
	if err != nil {
		return nil, err
	}
	cfg := core.NewConfig().WithRegistry(s.opts.Registry)
	parsed, err := core.ParseManifest(doc, cfg)
	if err != nil {
		return nil, err
	}
	return core.NewPipeline(parsed, cfg)
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

// limitError is a request over one of the server's limits.
type limitError struct{ msg string }

func (e *limitError) Error() string { return e.msg }
