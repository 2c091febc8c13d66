// Package readlimit reads whole files and streams into memory with a size
// cap, and gives up when a context is done. A path such as /dev/zero or a
// huge file must fail with a clear error, not grow until the OOM killer
// comes; a terminal or a pipe left waiting must still answer Ctrl-C.
package readlimit

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
)

// TooLargeError is input over its cap.
type TooLargeError struct {
	Name  string
	Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s is larger than the limit of %s", e.Name, Size(e.Limit))
}

// Size formats a byte count as the limits are documented: 16 MiB, 1.5 KiB.
func Size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// chunk is how much one Read asks for, and how often ctx is checked.
const chunk = 64 << 10

// All reads r to EOF, at most limit bytes (else a *TooLargeError naming
// name). The reads run on their own goroutine, so All returns ctx.Err() as
// soon as ctx is done even while a Read blocks; that goroutine then stops
// at its next chunk, or when the blocked Read returns.
func All(ctx context.Context, r io.Reader, limit int64, name string) ([]byte, error) {
	return untilDone(ctx, func() ([]byte, error) { return readChunks(ctx, r, limit, name) })
}

// untilDone runs read on its own goroutine and returns its result, or
// ctx.Err() as soon as ctx is done.
func untilDone(ctx context.Context, read func() ([]byte, error)) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	type result struct {
		data []byte
		err  error
	}
	done := make(chan result, 1)
	go func() {
		data, err := read()
		done <- result{data, err}
	}()
	select {
	case res := <-done:
		return res.data, res.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func readChunks(ctx context.Context, r io.Reader, limit int64, name string) ([]byte, error) {
	// One byte over the cap is enough to tell input that is too large.
	data := make([]byte, 0, min(chunk, limit+1))
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if len(data) == cap(data) {
			data = slices.Grow(data, int(min(int64(cap(data)), limit+1-int64(len(data)))))
		}
		n, err := r.Read(data[len(data):min(cap(data), len(data)+chunk)])
		data = data[:len(data)+n]
		switch {
		case int64(len(data)) > limit:
			return nil, &TooLargeError{Name: name, Limit: limit}
		case err == io.EOF:
			return data, nil
		case err != nil:
			return nil, err
		}
	}
}

// File reads the file at path like All. A regular file over the limit fails
// before any read; devices and pipes are read up to the limit. Opening runs
// on the reading goroutine too, since opening a named pipe blocks until a
// writer comes. When ctx is done the file is closed, which also ends a Read
// blocked on a pipe.
func File(ctx context.Context, path string, limit int64) ([]byte, error) {
	return untilDone(ctx, func() ([]byte, error) {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > limit {
			return nil, &TooLargeError{Name: path, Limit: limit}
		}
		stop := context.AfterFunc(ctx, func() { f.Close() })
		defer stop()
		return readChunks(ctx, f, limit, path)
	})
}
