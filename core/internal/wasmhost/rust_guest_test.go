package wasmhost

import (
	"bytes"
	"context"
	"log/slog"
	"math"
	"testing"
	"time"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
	"github.com/remotemedia/remotemedia/examples/wasm/fir/kernel"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newRustProbe instantiates testdata/rust_probe.wasm (guest/rust/rmnode) on
// a fresh host.
func newRustProbe(t testing.TB, cfg Config) *Instance {
	t.Helper()
	mod, err := newTestHost(t, cfg).Compile(context.Background(), "rust", readFixture(t, "rust_probe.wasm"))
	require.NoError(t, err)
	inst, err := mod.Instantiate(context.Background())
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, inst.Close(context.Background())) })
	require.NoError(t, inst.Init(context.Background(), []byte("{}")))
	return inst
}

func TestRustGuest_echo(t *testing.T) {
	inst := newRustProbe(t, NewConfig())
	var out collect
	in := frame.Text("héllo").WithMeta(map[string]any{"lang": "fr"})
	require.NoError(t, inst.Process(context.Background(), in, &out))
	require.Len(t, out.frames, 1)
	assert.True(t, frame.Equal(in, out.frames[0]), "got %v", out.frames[0])

	err := inst.Process(context.Background(), audio(t, 1), &out)
	require.ErrorContains(t, err, "wasm:rust: rm_process: expected text, got audio")
}

// rust_echo, the guest BenchmarkCall times, returns every kind of frame as
// it came, meta and all.
func TestRustGuest_echoFixture(t *testing.T) {
	mod, err := newTestHost(t, NewConfig()).Compile(context.Background(), "echo", readFixture(t, "rust_echo.wasm"))
	require.NoError(t, err)
	inst, err := mod.Instantiate(context.Background())
	require.NoError(t, err)
	defer func() { require.NoError(t, inst.Close(context.Background())) }()
	require.NoError(t, inst.Init(context.Background(), []byte("{}")))
	meta := map[string]any{"take": "a"}
	for _, in := range []*frame.Frame{frame.Text("hello").WithMeta(meta), frame.Bytes([]byte{0, 1, 2}), audio(t, 0.5, -1).WithMeta(meta)} {
		var out collect
		require.NoError(t, inst.Process(context.Background(), in, &out))
		require.Len(t, out.frames, 1)
		assert.True(t, frame.Equal(in, out.frames[0]), "got %v", out.frames[0])
	}
}

// The per-call deadline stops a Rust guest spinning in a loop: rustc's
// loops get wazero's termination check like any other.
func TestRustGuest_deadlineStopsALoop(t *testing.T) {
	const timeout = 100 * time.Millisecond
	inst := newRustProbe(t, NewConfig().WithCallTimeout(timeout))
	start := time.Now()
	err := inst.Process(context.Background(), frame.Text("spin"), &collect{})
	require.ErrorContains(t, err, "wasm:rust: rm_process exceeded the 100ms call deadline; the instance was stopped")
	assert.GreaterOrEqual(t, time.Since(start), timeout)
	assert.Less(t, time.Since(start), 20*timeout)

	err = inst.Process(context.Background(), frame.Text("hello"), &collect{})
	require.ErrorContains(t, err, "instance was stopped earlier")
}

func TestRustGuest_cancelStopsALoop(t *testing.T) {
	inst := newRustProbe(t, NewConfig()) // the 5 s deadline must not be what stops it
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	err := inst.Process(ctx, frame.Text("spin"), &collect{})
	require.ErrorIs(t, err, context.Canceled)
	assert.Less(t, time.Since(start), time.Second)
}

// Rust's allocator grows memory with memory.grow, which the memory limit
// refuses: the guest sees an allocation failure, reports it, and its
// memory stays within the limit.
func TestRustGuest_memoryLimit(t *testing.T) {
	const limit = 8 << 20
	inst := newRustProbe(t, NewConfig().WithMemoryLimit(limit))
	var out collect
	require.NoError(t, inst.Process(context.Background(), frame.Text("grow 4"), &out))
	err := inst.Process(context.Background(), frame.Text("grow 8"), &out)
	var guestErr *GuestError
	require.ErrorAs(t, err, &guestErr)
	assert.Equal(t, "could not allocate 8 MiB", guestErr.Message)
	assert.LessOrEqual(t, int64(inst.MemorySize()), int64(limit))
	require.NoError(t, inst.Process(context.Background(), frame.Text("grow 1"), &out), "a refused growth leaves the guest usable")
	assert.Equal(t, []string{"grow 4", "grow 1"}, out.texts())

	roomy := newRustProbe(t, NewConfig().WithMemoryLimit(4*limit))
	require.NoError(t, roomy.Process(context.Background(), frame.Text("grow 8"), &out), "the limit, not the guest, refused 8 MiB")
}

// A Rust panic traps (panic=abort), and the SDK's panic hook logs the
// panic's message through the host first.
func TestRustGuest_panicIsLoggedAndTraps(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, nil))
	inst := newRustProbe(t, NewConfig().WithLogger(logger))
	err := inst.Process(context.Background(), frame.Text("panic"), &collect{})
	require.ErrorContains(t, err, "wasm:rust: rm_process trapped: wasm error: unreachable")
	assert.Contains(t, logs.String(), "probe panicked on purpose")
	assert.Contains(t, logs.String(), "rust_probe.rs")
}

// firTaps is a windowed-sinc low-pass of n taps, cutoff a quarter of the
// sample rate.
func firTaps(n int) []float32 {
	taps := make([]float32, n)
	mid := float64(n-1) / 2
	for i := range taps {
		x := float64(i) - mid
		sinc := 0.5
		if x != 0 {
			sinc = math.Sin(0.5*math.Pi*x) / (math.Pi * x)
		}
		window := 0.54 - 0.46*math.Cos(2*math.Pi*float64(i)/float64(n-1))
		taps[i] = float32(sinc * window)
	}
	return taps
}

func tapsParams(taps []float32) node.Params {
	list := make([]any, len(taps))
	for i, t := range taps {
		list[i] = float64(t)
	}
	return node.Params{"taps": list}
}

// noise is n deterministic samples in [-1, 1).
func noise(n int, seed uint32) []float32 {
	out := make([]float32, n)
	for i := range out {
		seed = seed*1664525 + 1013904223
		out[i] = float32(seed>>8)/(1<<23) - 1
	}
	return out
}

// The Rust and Go FIR guests filter a stream of frames as the native
// kernel does, history carried across frames; the Rust guest's sums run in
// another order (SIMD lanes), so they agree to float32 rounding.
func TestExamples_fir(t *testing.T) {
	for _, taps := range [][]float32{{0.5}, firTaps(3), firTaps(65), firTaps(512)} {
		ref, err := kernel.New(taps)
		require.NoError(t, err)
		var want [][]float32
		frames := [][]float32{noise(1001, 1), noise(3, 2), noise(700, 3)}
		for _, f := range frames {
			y := make([]float32, len(f))
			ref.Process(f, y)
			want = append(want, y)
		}
		for _, file := range []string{"fir_rust/fir.wasm", "fir/fir.wasm"} {
			n, err := exampleSpec(t, "fir", file).New(tapsParams(taps))
			require.NoError(t, err)
			require.NoError(t, n.(node.Initializer).Init(context.Background()))
			for i, f := range frames {
				in, err := frame.NewAudio(frame.Audio{Samples: f, SampleRate: 48000, Channels: 1, Timestamp: time.Duration(i + 1)})
				require.NoError(t, err)
				in = in.WithMeta(map[string]any{"take": string(rune('a' + i))})
				var out collect
				require.NoError(t, n.Process(context.Background(), in, &out))
				require.Len(t, out.frames, 1)
				got := out.frames[0].Audio()
				assert.Equal(t, in.Meta(), out.frames[0].Meta(), "%s keeps the meta", file)
				assert.Equal(t, time.Duration(i+1), got.Timestamp)
				require.Len(t, got.Samples, len(f))
				for j := range f {
					require.InDelta(t, want[i][j], got.Samples[j], 1e-5, "%s, %d taps, frame %d, sample %d", file, len(taps), i, j)
				}
			}
			require.NoError(t, n.(node.Closer).Close())
		}
	}
}

func TestExamples_firErrors(t *testing.T) {
	stereo, err := frame.NewAudio(frame.Audio{Samples: []float32{1, 2}, SampleRate: 48000, Channels: 2})
	require.NoError(t, err)
	for _, file := range []string{"fir_rust/fir.wasm", "fir/fir.wasm"} {
		for _, tt := range []struct {
			params  node.Params
			input   *frame.Frame
			wantErr string
		}{
			{params: node.Params{}, wantErr: "rm_init: fir: param taps must be an array of numbers"},
			{params: node.Params{"taps": []any{1.0, "x"}}, wantErr: "rm_init: fir: param taps must be an array of numbers"},
			{params: node.Params{"taps": []any{}}, wantErr: "rm_init: fir: param taps has 0 taps, want 1 to 8192"},
			{params: node.Params{"taps": []any{1.0}}, input: stereo, wantErr: "rm_process: fir: expected mono audio, got 2 channels"},
			{params: node.Params{"taps": []any{1.0}}, input: frame.Text("x"), wantErr: "rm_process: fir: expected audio, got text"},
		} {
			n, err := exampleSpec(t, "fir", file).New(tt.params)
			require.NoError(t, err)
			err = n.(node.Initializer).Init(context.Background())
			if err == nil {
				err = n.Process(context.Background(), tt.input, &collect{})
			}
			require.ErrorContains(t, err, tt.wantErr, file)
			require.NoError(t, n.(node.Closer).Close())
		}
	}
}

// The FIR kernel's hand-unrolled loops still have termination checks: a
// call that takes far longer than the deadline is stopped.
func TestExamples_firStoppedByTheDeadline(t *testing.T) {
	h := newTestHost(t, NewConfig().WithCallTimeout(100*time.Millisecond))
	n, err := exampleSpecOn(t, h, "fir", "fir_rust/fir.wasm").New(tapsParams(firTaps(8192)))
	require.NoError(t, err)
	defer n.(node.Closer).Close()
	require.NoError(t, n.(node.Initializer).Init(context.Background()))
	in, err := frame.NewAudio(frame.Audio{Samples: noise(480000, 4), SampleRate: 48000, Channels: 1}) // 4e9 multiply-adds, seconds
	require.NoError(t, err)
	start := time.Now()
	err = n.Process(context.Background(), in, &collect{})
	require.ErrorContains(t, err, "wasm:fir: rm_process exceeded the 100ms call deadline")
	assert.Less(t, time.Since(start), time.Second)
}
