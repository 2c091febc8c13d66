// Package executor runs a pipeline DAG: one goroutine per node, bounded
// channels between them, ordered batch results on top of the same streaming
// engine.
package executor

import (
	"fmt"

	"github.com/remotemedia/remotemedia/core/node"
)

// Plan is a validated DAG ready to run: nodes in manifest order and edges as
// index lists. It is immutable and can be started many times.
type Plan struct {
	Nodes []PlanNode
	// NoFusion runs every node on a worker of its own (fuse.go).
	NoFusion bool
}

// PlanNode is one node of a Plan.
type PlanNode struct {
	ID     string
	Spec   *node.Spec
	Params node.Params
	Preds  []int
	Succs  []int
}

// Sources are the nodes with no incoming edge: every input goes to each.
func (p *Plan) Sources() []int { return p.filter(func(n *PlanNode) bool { return len(n.Preds) == 0 }) }

// Sinks are the nodes with no outgoing edge: their outputs are the results.
func (p *Plan) Sinks() []int { return p.filter(func(n *PlanNode) bool { return len(n.Succs) == 0 }) }

func (p *Plan) filter(keep func(*PlanNode) bool) []int {
	var out []int
	for i := range p.Nodes {
		if keep(&p.Nodes[i]) {
			out = append(out, i)
		}
	}
	return out
}

// Check reports nodes this runtime cannot build (a spec without New, such as
// a Python node type in the pure-Go engine).
func (p *Plan) Check() error {
	for _, n := range p.Nodes {
		if n.Spec == nil {
			return fmt.Errorf("node %q: no spec", n.ID)
		}
		if n.Spec.New == nil {
			return &UnavailableError{Node: n.ID, Type: n.Spec.Type, Runtime: n.Spec.Runtime}
		}
	}
	return nil
}

// UnavailableError says a node type is known but cannot run in this runtime.
type UnavailableError struct {
	Node, Type string
	Runtime    node.Runtime
}

func (e *UnavailableError) Error() string {
	if e.Runtime == node.RuntimePython {
		return fmt.Sprintf("node %q: %s needs the Python runtime: use the pip-installed remotemedia", e.Node, e.Type)
	}
	return fmt.Sprintf("node %q: %s (%s) cannot run in this runtime", e.Node, e.Type, e.Runtime)
}
