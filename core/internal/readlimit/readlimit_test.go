//go:build unix

package readlimit

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestAll_ReadsUpToTheLimit(t *testing.T) {
	ctx := context.Background()
	for _, size := range []int{0, 1, chunk - 1, chunk, chunk + 1, 3*chunk + 7} {
		want := bytes.Repeat([]byte("x"), size)
		got, err := All(ctx, bytes.NewReader(want), int64(size), "in")
		require.NoError(t, err, "exactly the limit is fine")
		require.Equal(t, want, got)
		if size > 0 {
			_, err = All(ctx, bytes.NewReader(want), int64(size-1), "in")
			require.EqualError(t, err, "in is larger than the limit of "+Size(int64(size-1)))
			var tl *TooLargeError
			require.ErrorAs(t, err, &tl)
		}
	}
}

func TestAll_OneByteReads(t *testing.T) {
	got, err := All(context.Background(), iotestOneByte{strings.NewReader("hello")}, 5, "in")
	require.NoError(t, err)
	require.Equal(t, "hello", string(got))
}

type iotestOneByte struct{ r io.Reader }

func (o iotestOneByte) Read(p []byte) (int, error) { return o.r.Read(p[:min(1, len(p))]) }

func TestFile_DevZeroStopsAtTheLimit(t *testing.T) {
	// The deadline only bounds a regression; the cap ends the read.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, err := File(ctx, "/dev/zero", 1<<20)
	require.EqualError(t, err, "/dev/zero is larger than the limit of 1 MiB")
}

func TestFile_RegularFileOverTheLimit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big")
	require.NoError(t, os.WriteFile(path, make([]byte, 2048), 0o644))
	_, err := File(context.Background(), path, 1024)
	require.EqualError(t, err, path+" is larger than the limit of 1 KiB")
	got, err := File(context.Background(), path, 2048)
	require.NoError(t, err)
	require.Len(t, got, 2048)
	_, err = File(context.Background(), filepath.Join(t.TempDir(), "missing"), 1)
	require.ErrorIs(t, err, os.ErrNotExist)
}

func TestFile_CancelWhileReadingDevZero(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)
	_, err := File(ctx, "/dev/zero", 1<<40) // a cap it would take minutes to reach
	require.ErrorIs(t, err, context.Canceled)
}

func TestFile_CancelWhileAPipeBlocks(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	require.NoError(t, syscall.Mkfifo(fifo, 0o644))
	// A writer that never writes keeps the reader blocked in Read.
	opened := make(chan *os.File, 1)
	go func() {
		w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err == nil {
			opened <- w
		}
		close(opened)
	}()
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	_, err := File(ctx, fifo, 1<<20)
	require.ErrorIs(t, err, context.Canceled)
	if w := <-opened; w != nil {
		w.Close()
	}
}

func TestFile_CancelWhileOpeningAPipe(t *testing.T) {
	// Opening a named pipe blocks until a writer comes.
	fifo := filepath.Join(t.TempDir(), "fifo")
	require.NoError(t, syscall.Mkfifo(fifo, 0o644))
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)
	_, err := File(ctx, fifo, 1<<20)
	require.ErrorIs(t, err, context.Canceled)
	// Let the goroutine left in open(2) finish, for goleak.
	w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
	require.NoError(t, err)
	w.Close()
}

func TestAll_CancelWhileAReadBlocks(t *testing.T) {
	r, w := io.Pipe()
	defer w.Close() // lets the reading goroutine end, for goleak
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)
	_, err := All(ctx, r, 1<<20, "stdin")
	require.True(t, errors.Is(err, context.Canceled), err)
}

func TestSize(t *testing.T) {
	require.Equal(t, "16 MiB", Size(16<<20))
	require.Equal(t, "1 KiB", Size(1024))
	require.Equal(t, "1025 bytes", Size(1025))
}
