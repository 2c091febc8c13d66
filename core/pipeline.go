package core

import (
	"context"
	"fmt"
	"slices"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/internal/executor"
)

type (
	// Result is a batch run's outputs per sink, in input order.
	Result = executor.Result
	// Stream is a running pipeline fed item by item.
	Stream = executor.Run
	// Output is one frame emitted by a sink, with the input it derives from.
	Output = executor.Output
	// NodeMetrics is one node's counters and latency percentiles.
	NodeMetrics = executor.NodeMetrics
	// LatencyBucket is one bucket of NodeMetrics.Latency.
	LatencyBucket = executor.LatencyBucket
)

// EndOfStream is the input index of outputs and errors produced while
// flushing, after the last input.
const EndOfStream = executor.EndOfStream

// Pipeline is a validated manifest bound to the node implementations that
// run it. It is immutable and safe to run many times, also concurrently;
// every run builds fresh node instances.
type Pipeline struct {
	manifest *Manifest
	plan     *executor.Plan
	cfg      Config
}

// NewPipeline validates m against cfg's registry and prepares it to run.
// It does not modify m, so many pipelines may be built from one manifest at
// once.
func NewPipeline(m *Manifest, cfg Config) (*Pipeline, error) {
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	reg := cfg.Registry()
	// Validate records each node's resolved params: do that on a copy.
	own := *m
	own.Nodes = slices.Clone(m.Nodes)
	m = &own
	if err := m.Validate(reg); err != nil {
		return nil, err
	}
	if err := refusePlacements(m); err != nil {
		return nil, err
	}
	g := m.Graph()
	plan := &executor.Plan{Nodes: make([]executor.PlanNode, len(m.Nodes)), NoFusion: !m.Fusion()}
	for i, n := range m.Nodes {
		spec, ok := reg.Lookup(n.Type)
		if !ok {
			return nil, fmt.Errorf("node %q: node_type %q is not registered", n.ID, n.Type)
		}
		plan.Nodes[i] = executor.PlanNode{
			ID: n.ID, Spec: spec, Params: n.Resolved,
			Preds: g.Pred(i), Succs: g.Succ(i),
		}
	}
	if err := plan.Check(); err != nil {
		return nil, err
	}
	return &Pipeline{manifest: m, plan: plan, cfg: cfg}, nil
}

// Manifest is the manifest the pipeline runs.
func (p *Pipeline) Manifest() *Manifest { return p.manifest }

// Sinks are the ids of the nodes whose outputs are the results, in manifest
// order.
func (p *Pipeline) Sinks() []string {
	var ids []string
	for _, i := range p.plan.Sinks() {
		ids = append(ids, p.plan.Nodes[i].ID)
	}
	return ids
}

// Run feeds every input to the source nodes and returns each sink's outputs
// in input order. It stops at the first node error unless the Config says to
// skip failed items.
func (p *Pipeline) Run(ctx context.Context, inputs []*frame.Frame) (*Result, error) {
	return executor.RunBatch(ctx, p.plan, p.cfg.runOptions(), inputs)
}

// Start begins a streaming run: Send inputs, CloseInput, read Outputs until
// it closes, then Wait. Outputs arrive as produced; across fan-in branches
// their order is arrival order (Run sorts them, Start does not).
func (p *Pipeline) Start(ctx context.Context) (*Stream, error) {
	return executor.Start(ctx, p.plan, p.cfg.runOptions())
}
