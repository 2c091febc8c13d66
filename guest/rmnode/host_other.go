//go:build !wasip1

package rmnode

import (
	"context"
	"log/slog"
)

// Off wasm there is no host: emitted frames are kept for tests, and logs go
// to slog, so node logic can be unit-tested natively.
var emitted [][]byte

func emitFrame(b []byte) { emitted = append(emitted, append([]byte(nil), b...)) }

func logMessage(level int32, msg string) {
	slog.Log(context.Background(), slog.Level(4*(level-1)), msg)
}
