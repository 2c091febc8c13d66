package wasmhost

import (
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
	"github.com/remotemedia/remotemedia/examples/wasm/fir/kernel"
	"github.com/stretchr/testify/require"
)

// discard is an Emitter that drops frames, so benchmarks time the node only.
type discard struct{}

func (discard) Emit(*frame.Frame) error { return nil }

// benchNode times n.Process on one input, after Init.
func benchNode(b *testing.B, n node.Node, in *frame.Frame) {
	b.Helper()
	ctx := context.Background()
	if init, ok := n.(node.Initializer); ok {
		require.NoError(b, init.Init(ctx))
	}
	if c, ok := n.(node.Closer); ok {
		defer c.Close()
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if err := n.Process(ctx, in, discard{}); err != nil {
			b.Fatal(err)
		}
	}
}

func newNode(b *testing.B, spec node.Spec, p node.Params) node.Node {
	b.Helper()
	n, err := spec.New(p)
	require.NoError(b, err)
	return n
}

// wasmModes are the two ways a host compiles guests: sandboxed (the
// default: per-call deadline, termination checks in every loop) and
// trusted (WithCallTimeout(0): no checks).
var wasmModes = []struct {
	name string
	cfg  Config
}{
	{"sandboxed", NewConfig()},
	{"trusted", NewConfig().WithCallTimeout(0)},
}

func benchHost(b *testing.B, cfg Config) *Host {
	b.Helper()
	quiet := slog.New(slog.DiscardHandler)
	h, err := NewHost(context.Background(), cfg.WithCacheDir(exampleCacheDir).WithLogger(quiet))
	require.NoError(b, err)
	b.Cleanup(func() { h.Close(context.Background()) })
	return h
}

// BenchmarkCall is the per-item overhead of a trivial node: an echo of a
// 5-byte text frame, as WASM (hand-written WAT, and a Rust guest) and as
// native Go; plus
// upper-casing, as a Go guest and as native Go.
func BenchmarkCall(b *testing.B) {
	hello := frame.Text("hello")
	b.Run("echo/native-go", func(b *testing.B) {
		benchNode(b, node.Func(func(_ context.Context, in *frame.Frame) (*frame.Frame, error) { return in, nil }), hello)
	})
	b.Run("uppercase/native-go", func(b *testing.B) {
		benchNode(b, node.Func(func(_ context.Context, in *frame.Frame) (*frame.Frame, error) {
			return frame.Text(strings.ToUpper(in.TextValue())), nil
		}), hello)
	})
	for _, mode := range wasmModes {
		b.Run("echo/wasm-wat-"+mode.name, func(b *testing.B) {
			benchNode(b, newNode(b, exampleSpecOn(b, benchHost(b, mode.cfg), "echo", "../../core/internal/wasmhost/testdata/echo.wasm"), nil), hello)
		})
		b.Run("echo/wasm-rust-"+mode.name, func(b *testing.B) {
			benchNode(b, newNode(b, exampleSpecOn(b, benchHost(b, mode.cfg), "rust_echo", "../../core/internal/wasmhost/testdata/rust_echo.wasm"), nil), hello)
		})
		b.Run("uppercase/wasm-go-"+mode.name, func(b *testing.B) {
			benchNode(b, newNode(b, exampleSpecOn(b, benchHost(b, mode.cfg), "uppercase", "uppercase/uppercase.wasm"), nil), hello)
		})
	}
}

// BenchmarkGain applies gain 0.5 to 1 s of 48 kHz mono audio: native Go,
// the Go guest (examples/wasm/gain), the WAT guest (SIMD) and the Rust
// guest (examples/wasm/gain_rust).
func BenchmarkGain(b *testing.B) {
	samples := make([]float32, 48000)
	for i := range samples {
		samples[i] = float32(i%200)/100 - 1
	}
	in, err := frame.NewAudio(frame.Audio{Samples: samples, SampleRate: 48000, Channels: 1})
	require.NoError(b, err)
	params := node.Params{"gain": 0.5}
	run := func(b *testing.B, n node.Node) {
		b.SetBytes(int64(4 * len(samples)))
		benchNode(b, n, in)
	}
	b.Run("native-go", func(b *testing.B) { run(b, nativeGain(0.5)) })
	for _, mode := range wasmModes {
		b.Run("wasm-go-"+mode.name, func(b *testing.B) {
			run(b, newNode(b, exampleSpecOn(b, benchHost(b, mode.cfg), "gain", "gain/gain.wasm"), params))
		})
		b.Run("wasm-wat-"+mode.name, func(b *testing.B) {
			run(b, newNode(b, exampleSpecOn(b, benchHost(b, mode.cfg), "gain_wat", "gain_wat/gain.wasm"), params))
		})
		b.Run("wasm-rust-"+mode.name, func(b *testing.B) {
			run(b, newNode(b, exampleSpecOn(b, benchHost(b, mode.cfg), "gain_rust", "gain_rust/gain.wasm"), params))
		})
	}
}

// BenchmarkFIR filters 1 s of 48 kHz mono audio with a 512-tap low-pass:
// native Go (examples/wasm/fir/kernel), the Go guest running that same
// kernel (examples/wasm/fir), and the Rust guest (examples/wasm/fir_rust).
func BenchmarkFIR(b *testing.B) {
	samples := noise(48000, 7)
	in, err := frame.NewAudio(frame.Audio{Samples: samples, SampleRate: 48000, Channels: 1})
	require.NoError(b, err)
	taps := firTaps(512)
	run := func(b *testing.B, n node.Node) {
		b.SetBytes(int64(4 * len(samples)))
		benchNode(b, n, in)
	}
	b.Run("native-go", func(b *testing.B) { run(b, nativeFIR(b, taps)) })
	for _, mode := range wasmModes {
		b.Run("wasm-go-"+mode.name, func(b *testing.B) {
			run(b, newNode(b, exampleSpecOn(b, benchHost(b, mode.cfg), "fir", "fir/fir.wasm"), tapsParams(taps)))
		})
		b.Run("wasm-rust-"+mode.name, func(b *testing.B) {
			run(b, newNode(b, exampleSpecOn(b, benchHost(b, mode.cfg), "fir_rust", "fir_rust/fir.wasm"), tapsParams(taps)))
		})
	}
}

// nativeFIR is examples/wasm/fir as a native Go node.
func nativeFIR(b *testing.B, taps []float32) node.Node {
	f, err := kernel.New(taps)
	require.NoError(b, err)
	return node.Func(func(_ context.Context, in *frame.Frame) (*frame.Frame, error) {
		a := in.Audio()
		out := make([]float32, len(a.Samples))
		f.Process(a.Samples, out)
		return frame.NewAudio(frame.Audio{Samples: out, SampleRate: a.SampleRate, Channels: a.Channels, Timestamp: a.Timestamp})
	})
}

// nativeGain is examples/wasm/gain as a native Go node.
func nativeGain(factor float32) node.Node {
	return node.Func(func(_ context.Context, in *frame.Frame) (*frame.Frame, error) {
		a := in.Audio()
		out := make([]float32, len(a.Samples))
		for i, s := range a.Samples {
			out[i] = s * factor
		}
		return frame.NewAudio(frame.Audio{Samples: out, SampleRate: a.SampleRate, Channels: a.Channels, Timestamp: a.Timestamp})
	})
}
