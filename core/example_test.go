package core_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

const calculator = `{
  "version": "v1",
  "metadata": {"name": "calculator"},
  "nodes": [
    {"id": "multiply", "node_type": "MultiplyNode", "params": {"multiplier": 2}},
    {"id": "add", "node_type": "AddNode", "params": {"addend": 10}}
  ],
  "connections": [{"from": "multiply", "to": "add"}]
}`

// Parse a manifest, build a pipeline and run a batch of inputs.
func Example() {
	cfg := core.NewConfig()
	m, err := core.ParseManifest([]byte(calculator), cfg)
	if err != nil {
		panic(err)
	}
	p, err := core.NewPipeline(m, cfg)
	if err != nil {
		panic(err)
	}
	res, err := p.Run(context.Background(), []*frame.Frame{frame.JSON(5), frame.JSON(7), frame.JSON(3)})
	if err != nil {
		panic(err)
	}
	for _, f := range res.Outputs["add"] {
		fmt.Println(f.JSONValue())
	}
	// Output:
	// 20
	// 24
	// 16
}

// Every problem in a manifest is reported at once, each with its JSON path.
func ExampleParseManifest_problems() {
	bad := `{"version": "v2", "nodes": [
	  {"id": "a", "node_type": "AddNod"},
	  {"id": "a", "node_type": "PassThrough"}]}`
	_, err := core.ParseManifest([]byte(bad), core.NewConfig())
	var me *core.ManifestError
	if errors.As(err, &me) {
		for _, p := range me.Problems {
			fmt.Println(p.Path)
		}
	}
	fmt.Println(core.ErrorCode(err))
	// Output:
	// $.version
	// $.nodes[1].id
	// $.nodes[0].node_type
	// invalid_manifest
}

// Stream inputs one by one and read outputs as they are produced.
func ExamplePipeline_Start() {
	cfg := core.NewConfig()
	m, _ := core.ParseManifest([]byte(calculator), cfg)
	p, _ := core.NewPipeline(m, cfg)
	stream, err := p.Start(context.Background())
	if err != nil {
		panic(err)
	}
	go func() {
		defer stream.CloseInput()
		for i := range 3 {
			if stream.Send(context.Background(), frame.JSON(i)) != nil {
				return
			}
		}
	}()
	for out := range stream.Outputs() {
		fmt.Println(out.Sink, out.Input, out.Frame.JSONValue())
	}
	if err := stream.Wait(); err != nil {
		panic(err)
	}
	// Output:
	// add 0 10
	// add 1 12
	// add 2 14
}

// A node error stops the run and names the node and the input index.
func ExampleNodeError() {
	cfg := core.NewConfig()
	m, _ := core.ParseManifest([]byte(calculator), cfg)
	p, _ := core.NewPipeline(m, cfg)
	_, err := p.Run(context.Background(), []*frame.Frame{frame.JSON(1), frame.Text("two")})
	var ne *core.NodeError
	if errors.As(err, &ne) {
		fmt.Println(ne.Node, ne.Input, core.ErrorCode(err))
	}
	// Output:
	// multiply 1 node_failed
}

// Third-party nodes register through the same API as the built-ins. Use a
// cloned registry to keep the global one untouched.
func ExampleConfig_WithRegistry() {
	reg := node.Default().Clone()
	err := reg.Register(node.Spec{
		Type:    "Shout",
		Summary: "Appends an exclamation mark to text.",
		New: func(node.Params) (node.Node, error) {
			return node.Func(func(_ context.Context, in *frame.Frame) (*frame.Frame, error) {
				return frame.Text(in.TextValue() + "!"), nil
			}), nil
		},
	})
	if err != nil {
		panic(err)
	}
	cfg := core.NewConfig().WithRegistry(reg)
	m, err := core.ParseManifest([]byte(`{"version":"v1","nodes":[{"id":"s","node_type":"Shout"}]}`), cfg)
	if err != nil {
		panic(err)
	}
	p, _ := core.NewPipeline(m, cfg)
	res, _ := p.Run(context.Background(), []*frame.Frame{frame.Text("hello")})
	fmt.Println(res.Outputs["s"][0].TextValue())
	// Output:
	// hello!
}
