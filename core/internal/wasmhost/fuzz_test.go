package wasmhost

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/remotemedia/remotemedia/core/frame"
)

// Limits of the module fuzzer: a hostile module gets little memory and
// little time, and inputs are small enough that compiling one is quick.
const (
	fuzzMaxModule   = 8 << 10
	fuzzMemoryLimit = 1 << 20
	fuzzCallTimeout = 100 * time.Millisecond
)

// fuzzHost is shared by the fuzz inputs of one process: starting a host
// costs more than most inputs.
var fuzzHost = sync.OnceValues(func() (*Host, error) {
	return NewHost(context.Background(), NewConfig().
		WithCacheDir("").
		WithMemoryLimit(fuzzMemoryLimit).
		WithCallTimeout(fuzzCallTimeout).
		WithLogger(slog.New(slog.DiscardHandler)))
})

// FuzzModule: a mutated module goes through compile, instantiate, init,
// process and flush. Whatever it is, the host must not crash or hang, and
// every error must be text safe to show.
func FuzzModule(f *testing.F) {
	for _, name := range []string{"probe.wasm", "echo.wasm", "say.wasm", "start_emit.wasm", "start_exit.wasm", "abi_v2.wasm", "broken_abi.wasm", "bad_imports.wasm"} {
		f.Add(readFixture(f, name))
	}
	h, err := fuzzHost()
	if err != nil {
		f.Fatal(err)
	}
	audio, err := frame.NewAudio(frame.Audio{Samples: []float32{0.5, -1}, SampleRate: 16000, Channels: 1})
	if err != nil {
		f.Fatal(err)
	}
	inputs := []*frame.Frame{frame.Text("hello"), audio, frame.Text("e"), frame.Text("x")}
	f.Fuzz(func(t *testing.T, wasm []byte) {
		if len(wasm) > fuzzMaxModule {
			return
		}
		ctx := context.Background()
		mod, err := h.Compile(ctx, "fuzz", wasm)
		if err != nil {
			return // refusing a module is fine; compile errors are wazero's text
		}
		defer mod.Close(ctx)
		inst, err := mod.Instantiate(ctx)
		if err != nil {
			requireSafe(t, err)
			return
		}
		defer inst.Close(ctx)
		if err := inst.Init(ctx, []byte("{}")); err != nil {
			requireSafe(t, err)
			return
		}
		for _, in := range inputs {
			if err := inst.Process(ctx, in, &collect{}); err != nil {
				requireSafe(t, err)
				return
			}
		}
		requireSafe(t, inst.Flush(ctx, &collect{}))
	})
}

// requireSafe fails unless err's message is UTF-8 without control characters.
func requireSafe(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	msg := err.Error()
	if !utf8.ValidString(msg) || strings.ContainsFunc(msg, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		t.Fatalf("error not safe to show: %q", msg)
	}
}
