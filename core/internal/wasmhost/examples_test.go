package wasmhost

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// examplesDir holds the example guests and their checked-in modules.
var examplesDir = filepath.Join("..", "..", "..", "examples", "wasm")

// exampleCacheDir outlives the test run: Go guests take about a second to
// compile, 50 ms from the cache.
var exampleCacheDir = filepath.Join(os.TempDir(), "remotemedia-wasmhost-test-cache")

// exampleHost is shared by the example tests.
var exampleHost = sync.OnceValues(func() (*Host, error) {
	return NewHost(context.Background(), NewConfig().WithCacheDir(exampleCacheDir))
})

func exampleSpec(t testing.TB, name, file string) node.Spec {
	t.Helper()
	h, err := exampleHost()
	require.NoError(t, err)
	return exampleSpecOn(t, h, name, file)
}

func exampleSpecOn(t testing.TB, h *Host, name, file string) node.Spec {
	t.Helper()
	wasm, err := os.ReadFile(filepath.Join(examplesDir, file))
	require.NoError(t, err)
	spec, err := h.NewSpec(context.Background(), name, wasm)
	require.NoError(t, err)
	return spec
}

func audio(t testing.TB, samples ...float32) *frame.Frame {
	t.Helper()
	f, err := frame.NewAudio(frame.Audio{Samples: samples, SampleRate: 16000, Channels: 1})
	require.NoError(t, err)
	return f
}

func TestExamples(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		params  node.Params
		input   *frame.Frame
		want    *frame.Frame
		wantErr string
	}{
		{name: "go gain", file: "gain/gain.wasm", params: node.Params{"gain": 0.5},
			input: audio(t, 1, -2, 0.5), want: audio(t, 0.5, -1, 0.25)},
		{name: "go gain default", file: "gain/gain.wasm",
			input: audio(t, 1, -2), want: audio(t, 1, -2)},
		{name: "go gain rejects text", file: "gain/gain.wasm", input: frame.Text("x"),
			wantErr: "wasm:ex: rm_process: gain: expected audio, got text"},
		{name: "wat gain", file: "gain_wat/gain.wasm", params: node.Params{"gain": 0.5},
			input: audio(t, 1, -2, 0.5, 4, 8, 16, 32), want: audio(t, 0.5, -1, 0.25, 2, 4, 8, 16)},
		{name: "wat gain through its three loops", file: "gain_wat/gain.wasm", params: node.Params{"gain": 2},
			input: audio(t, ramp(69, 1)...), want: audio(t, ramp(69, 2)...)},
		{name: "wat gain negative", file: "gain_wat/gain.wasm", params: node.Params{"gain": -2},
			input: audio(t, 1, -2), want: audio(t, -2, 4)},
		{name: "wat gain default", file: "gain_wat/gain.wasm",
			input: audio(t, 0.25), want: audio(t, 0.25)},
		{name: "wat gain bad param", file: "gain_wat/gain.wasm", params: node.Params{"gain": "loud"},
			input: audio(t, 1), wantErr: "wasm:ex: rm_init: gain: param gain must be a plain decimal number"},
		{name: "wat gain rejects text", file: "gain_wat/gain.wasm", input: frame.Text("x"),
			wantErr: "wasm:ex: rm_process: gain: expected an audio frame"},
		{name: "rust gain", file: "gain_rust/gain.wasm", params: node.Params{"gain": 0.5},
			input: audio(t, 1, -2, 0.5), want: audio(t, 0.5, -1, 0.25)},
		{name: "rust gain through its block loop and the rest", file: "gain_rust/gain.wasm", params: node.Params{"gain": -2},
			input: audio(t, ramp(130, 1)...).WithMeta(map[string]any{"take": "a"}),
			want:  audio(t, ramp(130, -2)...).WithMeta(map[string]any{"take": "a"})},
		{name: "rust gain default", file: "gain_rust/gain.wasm",
			input: audio(t, 1, -2), want: audio(t, 1, -2)},
		{name: "rust gain bad param", file: "gain_rust/gain.wasm", params: node.Params{"gain": "loud"},
			input: audio(t, 1), wantErr: "wasm:ex: rm_init: gain: param gain must be a number"},
		{name: "rust gain rejects text", file: "gain_rust/gain.wasm", input: frame.Text("x"),
			wantErr: "wasm:ex: rm_process: gain: expected audio, got text"},
		{name: "go uppercase", file: "uppercase/uppercase.wasm",
			input: frame.Text("héllo wörld").WithMeta(map[string]any{"lang": "fr"}),
			want:  frame.Text("HÉLLO WÖRLD").WithMeta(map[string]any{"lang": "fr"})},
		{name: "go uppercase rejects audio", file: "uppercase/uppercase.wasm", input: audio(t, 1),
			wantErr: "wasm:ex: rm_process: uppercase: expected text, got audio"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := exampleSpec(t, "ex", tt.file).New(tt.params)
			require.NoError(t, err)
			defer n.(node.Closer).Close()
			ctx := context.Background()
			var out collect
			err = n.(node.Initializer).Init(ctx)
			if err == nil {
				err = n.Process(ctx, tt.input, &out)
			}
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			require.Len(t, out.frames, 1)
			assert.True(t, frame.Equal(tt.want, out.frames[0]), "got %v", out.frames[0])
		})
	}
}

// ramp is 1..n, each times k.
func ramp(n int, k float32) []float32 {
	out := make([]float32, n)
	for i := range out {
		out[i] = float32(i+1) * k
	}
	return out
}

// TestExamples_goGuestCollectsGarbage pushes far more data through a Go
// guest than its memory holds (16 MiB here). It only passes if the guest's
// garbage collector gets to run (see rmnode's letRuntimeRun): without that,
// this guest ran out of memory at frame 918, and with a yield only every 64
// calls or 4 MiB of frames, at frame 987.
func TestExamples_goGuestCollectsGarbage(t *testing.T) {
	if testing.Short() {
		t.Skip("pushes 1500 frames through a Go guest")
	}
	cfg := NewConfig().WithMemoryLimit(16 << 20).WithCacheDir(exampleCacheDir)
	h, err := NewHost(context.Background(), cfg)
	require.NoError(t, err)
	defer h.Close(context.Background())
	n, err := exampleSpecOn(t, h, "gain", "gain/gain.wasm").New(node.Params{"gain": 2.0})
	require.NoError(t, err)
	defer n.(node.Closer).Close()
	in := audio(t, make([]float32, 48000)...)
	ctx := context.Background()
	for i := 0; i < 1500; i++ {
		require.NoError(t, n.Process(ctx, in, discard{}), "frame %d", i)
	}
}
