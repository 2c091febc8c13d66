package wasmhost_test

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/internal/wasmhost"
	"github.com/remotemedia/remotemedia/core/node"
)

type printer struct{}

func (printer) Emit(f *frame.Frame) error { fmt.Println(f.Audio().Samples); return nil }

// Compile a module into a node spec, then drive one node the way the
// executor does.
func ExampleHost_NewSpec() {
	ctx := context.Background()
	cfg := wasmhost.NewConfig().
		WithMemoryLimit(16 << 20).
		WithCallTimeout(time.Second).
		WithCacheDir("") // no disk cache in an example
	host, err := wasmhost.NewHost(ctx, cfg)
	if err != nil {
		panic(err)
	}
	defer host.Close(ctx)

	wasm, err := os.ReadFile("../../../examples/wasm/gain_wat/gain.wasm")
	if err != nil {
		panic(err)
	}
	spec, err := host.NewSpec(ctx, "gain", wasm) // compiles and checks the ABI
	if err != nil {
		panic(err)
	}
	fmt.Println(spec.Type, spec.Runtime)

	n, err := spec.New(node.Params{"gain": 2.0}) // one sandboxed instance
	if err != nil {
		panic(err)
	}
	defer n.(node.Closer).Close()
	if err := n.(node.Initializer).Init(ctx); err != nil { // params go to rm_init
		panic(err)
	}
	in, _ := frame.NewAudio(frame.Audio{Samples: []float32{0.25, -1}, SampleRate: 48000, Channels: 1})
	if err := n.Process(ctx, in, printer{}); err != nil {
		panic(err)
	}
	// Output:
	// wasm:gain wasm
	// [0.5 -2]
}
