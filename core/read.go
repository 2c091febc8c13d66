package core

import (
	"context"
	"io"

	"github.com/remotemedia/remotemedia/core/internal/readlimit"
)

// MaxInputBytes bounds an input document a front end reads whole (the CLI's
// --input-file and stdin). Batch input is held in memory as frames, several
// times the size of its text, so 256 MiB of JSON is already gigabytes of
// items; longer inputs should stream (a WAV file streams at any length).
const MaxInputBytes = 256 << 20

// TooLargeError is input over its size limit.
type TooLargeError = readlimit.TooLargeError

// ReadAll reads r to EOF, at most limit bytes (else a *TooLargeError naming
// name), and returns ctx.Err() as soon as ctx is done, even while a Read
// blocks, as reading a terminal does.
func ReadAll(ctx context.Context, r io.Reader, limit int64, name string) ([]byte, error) {
	return readlimit.All(ctx, r, limit, name)
}

// ReadFile reads the file at path like ReadAll; a regular file over the
// limit fails before it is read.
func ReadFile(ctx context.Context, path string, limit int64) ([]byte, error) {
	return readlimit.File(ctx, path, limit)
}
