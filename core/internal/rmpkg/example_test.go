package rmpkg_test

import (
	"bytes"
	"context"
	"fmt"
	"os"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/internal/rmpkg"
	"github.com/remotemedia/remotemedia/core/internal/wasmhost"
	"github.com/remotemedia/remotemedia/core/node"
)

// A Go node, then a WASM node from the package, then a Go node.
const pipeline = `{
  "version": "v1",
  "metadata": {"name": "gain-demo"},
  "nodes": [
    {"id": "in", "node_type": "PassThrough"},
    {"id": "gain", "node_type": "wasm:gain", "params": {"gain": 0.5}},
    {"id": "out", "node_type": "PassThrough"}
  ],
  "connections": [{"from": "in", "to": "gain"}, {"from": "gain", "to": "out"}]
}`

// Pack a pipeline with its WASM node, check the package, and run it.
func Example() {
	ctx := context.Background()
	gain, err := os.ReadFile("../../../examples/wasm/gain_wat/gain.wasm")
	if err != nil {
		panic(err)
	}
	var packed bytes.Buffer
	err = rmpkg.Create(context.Background(), &packed, rmpkg.CreateOptions{Manifest: []byte(pipeline), WASM: map[string][]byte{"gain": gain}})
	if err != nil {
		panic(err)
	}

	pkg, err := rmpkg.Open(packed.Bytes(), rmpkg.DefaultLimits())
	if err != nil {
		panic(err)
	}
	cfg, err := wasmhost.ConfigFromRuntime(wasmhost.NewConfig().WithCacheDir(""), pkg.Runtime()) // no disk cache in an example
	if err != nil {
		panic(err)
	}
	host, err := wasmhost.NewHost(ctx, cfg)
	if err != nil {
		panic(err)
	}
	defer host.Close(ctx)
	reg := node.Default().Clone()
	report := pkg.Validate(ctx, rmpkg.ValidateOptions{CheckManifest: rmpkg.ParserCheck(reg), WASM: host})
	fmt.Println("valid:", report.OK(), "warnings:", len(report.Warnings))

	spec, err := host.NewSpec(ctx, "gain", pkg.WASMModules()["gain"])
	if err != nil {
		panic(err)
	}
	if err := reg.Replace(spec); err != nil {
		panic(err)
	}
	engine := core.NewConfig().WithRegistry(reg)
	m, err := core.ParseManifest(pkg.Manifest(), engine)
	if err != nil {
		panic(err)
	}
	p, err := core.NewPipeline(m, engine)
	if err != nil {
		panic(err)
	}
	in, _ := frame.NewAudio(frame.Audio{Samples: []float32{1, -0.5, 0.25}, SampleRate: 16000, Channels: 1})
	res, err := p.Run(ctx, []*frame.Frame{in})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Outputs["out"][0].Audio().Samples)
	// Output:
	// valid: true warnings: 0
	// [0.5 -0.25 0.125]
}
