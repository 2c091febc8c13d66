package wasmhost

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"testing"
	"time"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestInstance_Process(t *testing.T) {
	tests := []struct {
		name    string
		input   string
		want    []string
		wantErr string
	}{
		{name: "echo", input: "hello", want: []string{"hello"}},
		{name: "no output", input: "n", want: nil},
		{name: "emit twice", input: "x", want: []string{"x", "x"}},
		{name: "guest error via rm_last_error", input: "e", wantErr: "wasm:probe: rm_process: bad input: e"},
		{name: "trap", input: "t", wantErr: "wasm:probe: rm_process trapped: wasm error: unreachable"},
		{name: "trap shows guest output", input: "p", wantErr: "rm_process trapped: wasm error: unreachable; guest output: probe panics"},
		{name: "output outside memory", input: "b", wantErr: "rm_process returned 100 bytes at 4294967040, outside guest memory"},
		{name: "garbage output", input: "g", wantErr: "rm_process returned an invalid frame"},
		{name: "garbage emit", input: "w", wantErr: "rm_process: emit: invalid frame"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inst := newProbe(t, NewConfig())
			var out collect
			err := inst.Process(context.Background(), frame.Text(tt.input), &out)
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, out.texts())
		})
	}
}

func TestInstance_Process_keepsKindAndMeta(t *testing.T) {
	inst := newProbe(t, NewConfig())
	in, err := frame.NewAudio(frame.Audio{Samples: []float32{0.5, -1, 0.25, 0}, SampleRate: 48000, Channels: 2})
	require.NoError(t, err)
	in = in.WithMeta(map[string]any{"source": "mic"})
	var out collect
	require.NoError(t, inst.Process(context.Background(), in, &out))
	require.Len(t, out.frames, 1)
	got := out.frames[0]
	assert.Equal(t, frame.KindAudio, got.Kind())
	assert.Equal(t, in.Audio().Samples, got.Audio().Samples)
	assert.Equal(t, 48000, got.Audio().SampleRate)
	assert.Equal(t, "mic", got.Meta()["source"])
}

func TestInstance_Process_freesOutputsAndReusesInput(t *testing.T) {
	inst := newProbe(t, NewConfig())
	for i := 0; i < 10; i++ {
		require.NoError(t, inst.Process(context.Background(), frame.Text("hello"), &collect{}))
	}
	live := inst.api.ExportedFunction("live")
	res, err := live.Call(context.Background())
	require.NoError(t, err)
	assert.Equal(t, uint64(1), res[0], "only the reused input buffer stays allocated")
}

func TestInstance_Process_emitErrorStopsTheCall(t *testing.T) {
	inst := newProbe(t, NewConfig())
	stop := errors.New("run is stopping")
	err := inst.Process(context.Background(), frame.Text("x"), &collect{err: stop})
	require.ErrorIs(t, err, stop)
	assert.ErrorContains(t, err, "wasm:probe: rm_process")
}

func TestInstance_Process_deadline(t *testing.T) {
	inst := newProbe(t, NewConfig().WithCallTimeout(100*time.Millisecond))
	err := inst.Process(context.Background(), frame.Text("loop"), &collect{})
	require.ErrorContains(t, err, "wasm:probe: rm_process exceeded the 100ms call deadline")

	err = inst.Process(context.Background(), frame.Text("hello"), &collect{})
	require.ErrorContains(t, err, "wasm:probe: rm_process: instance was stopped earlier: rm_process exceeded the 100ms call deadline")
}

func TestInstance_Process_canceled(t *testing.T) {
	inst := newProbe(t, NewConfig())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := inst.Process(ctx, frame.Text("hello"), &collect{})
	require.ErrorIs(t, err, context.Canceled)
}

func TestInstance_Process_memoryLimit(t *testing.T) {
	tests := []struct {
		name    string
		limit   int64
		wantErr string
	}{
		{name: "default 64 MiB refuses 128 MiB more", limit: DefaultMemoryLimit, wantErr: "growing memory failed"},
		{name: "256 MiB allows it", limit: 256 << 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inst := newProbe(t, NewConfig().WithMemoryLimit(tt.limit).WithCallTimeout(growCallTimeout))
			err := inst.Process(context.Background(), frame.Text("m"), &collect{})
			if tt.wantErr != "" {
				var guestErr *GuestError
				require.ErrorAs(t, err, &guestErr)
				assert.Contains(t, guestErr.Message, tt.wantErr)
			} else {
				require.NoError(t, err)
			}
			assert.LessOrEqual(t, int64(inst.MemorySize()), tt.limit)
		})
	}
}

func TestInstance_Init(t *testing.T) {
	tests := []struct {
		name    string
		params  string
		wantErr string
	}{
		{name: "accepted", params: `{"gain":2}`},
		{name: "empty", params: `{}`},
		{name: "rejected by the guest", params: `{"gain":"!"}`, wantErr: "wasm:probe: rm_init: init rejected params"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs bytes.Buffer
			logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
			inst := newProbe(t, NewConfig().WithLogger(logger))
			err := inst.Init(context.Background(), []byte(tt.params))
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Contains(t, logs.String(), `msg="probe ready" node=wasm:probe`)
		})
	}
}

func TestInstance_Flush(t *testing.T) {
	inst := newProbe(t, NewConfig())
	var out collect
	require.NoError(t, inst.Flush(context.Background(), &out))
	assert.Equal(t, []string{"flushed"}, out.texts())
}

func TestInstance_Process_trusted(t *testing.T) {
	inst := newProbe(t, NewConfig().WithCallTimeout(0))
	var out collect
	require.NoError(t, inst.Process(context.Background(), frame.Text("hello"), &out))
	assert.Equal(t, []string{"hello"}, out.texts())
}

func TestInstance_Process_guestKeepsOutput(t *testing.T) {
	mod, err := newTestHost(t, NewConfig()).Compile(context.Background(), "echo", readFixture(t, "echo.wasm"))
	require.NoError(t, err)
	inst, err := mod.Instantiate(context.Background())
	require.NoError(t, err)
	defer inst.Close(context.Background())
	var out collect
	for _, s := range []string{"a", "bb", "ccc"} {
		require.NoError(t, inst.Process(context.Background(), frame.Text(s), &out))
	}
	assert.Equal(t, []string{"a", "bb", "ccc"}, out.texts())
	frees, err := inst.api.ExportedFunction("frees").Call(context.Background())
	require.NoError(t, err)
	assert.Equal(t, uint64(0), frees[0], "the host never frees outputs the guest keeps")
}
