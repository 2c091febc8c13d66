package bindings

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"
	"unsafe"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/atomicfile"
)

// WAV files cross whole: one call reads a file into one Go buffer that
// Python views without copying, one call writes a Python buffer to a file.
// Python opens the file and passes its descriptor, so a missing file or a
// bad permission raises Python's own OSError; Go only parses and encodes.

// wavReadBlock is how many frames each ReadFrames call decodes.
const wavReadBlock = 1 << 16

// WAVAudio is a WAV file read into Go memory, lent to Python once: Handle,
// Address and NBytes describe the float32 samples as an audio frame's do
// (Python views them until the view is collected, then releases the loan),
// and Aux is "rate;channels;0" like an audio frame's.
type WAVAudio struct {
	handle int64
	addr   uintptr
	nbytes int
	aux    string
}

// Handle is the loan's handle (0 for a file with no samples).
func (w *WAVAudio) Handle() int64 { return w.handle }

// Address is the first sample's address.
func (w *WAVAudio) Address() uintptr { return w.addr }

// NBytes is the samples' size in bytes.
func (w *WAVAudio) NBytes() int { return w.nbytes }

// Aux is "rate;channels;timestamp_ns", the audio frame encoding of convert.go.
func (w *WAVAudio) Aux() string { return w.aux }

// ReadWAV reads the whole WAV file open at descriptor fd (which stays open
// and the caller's). A malformed, truncated or unsupported file is an
// invalid-input error saying what is wrong.
func ReadWAV(fd int, name string) (w *WAVAudio, err error) {
	defer guard(&err)
	f, err := dupFile(fd, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	samples, rate, channels, err := readWAV(f)
	if err != nil {
		return nil, &core.InputError{Err: fmt.Errorf("%s: %w", name, err)}
	}
	raw := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(samples))), 4*len(samples))
	w = &WAVAudio{nbytes: len(raw), aux: fmt.Sprintf("%d;%d;0", rate, channels)}
	w.handle, w.addr = lend(nil, raw)
	return w, nil
}

func readWAV(f *os.File) (samples []float32, rate, channels int, err error) {
	r, err := core.NewWAVReader(bufio.NewReaderSize(f, 1<<16))
	if err != nil {
		return nil, 0, 0, err
	}
	info := r.Info()
	if info.Frames > 0 {
		// A header may lie about its length: reserve no more than the file holds.
		n := info.Frames * int64(info.Channels)
		if st, serr := f.Stat(); serr == nil {
			n = min(n, st.Size()/int64(info.Format.BytesPerSample()))
		}
		samples = make([]float32, 0, n)
	}
	for {
		block, err := r.ReadFrames(wavReadBlock)
		if err == io.EOF {
			return samples, info.SampleRate, info.Channels, nil
		}
		if err != nil {
			return nil, 0, 0, err
		}
		samples = append(samples, block...)
	}
}

// WriteWAV writes nbytes of interleaved float32 samples at addr (Python
// memory, only read during the call) as a whole WAV file at path, in format
// (s8, s16, s24, s32, f32, f64, ulaw or alaw; see core.ParseWAVFormat). The file is
// written beside path and renamed over it (core/atomicfile): a failure
// leaves what was at path as it was, and a symlink or device there is
// refused. OS errors carry their errno, so Python raises its own OSError
// subclass.
func WriteWAV(path string, addr uintptr, nbytes int, sampleRate int, channels int, format string) (err error) {
	defer guard(&err)
	wf, err := core.ParseWAVFormat(format)
	if err != nil {
		return &core.InputError{Err: err}
	}
	if nbytes%4 != 0 {
		return &core.InputError{Err: fmt.Errorf("audio samples must be float32, got %d bytes", nbytes)}
	}
	if nbytes > 0 && addr == 0 {
		return fmt.Errorf("%s: null sample buffer", path)
	}
	var samples []float32
	if nbytes > 0 {
		samples = unsafe.Slice((*float32)(unsafe.Pointer(unsafe.SliceData(borrow(addr, nbytes)))), nbytes/4)
	}
	f, err := atomicfile.Create(path, 0o666)
	if errors.Is(err, atomicfile.ErrNotRegular) {
		return &core.InputError{Err: err}
	}
	if err != nil {
		return err
	}
	// core.WriteWAV checks the layout and size before writing a byte; on
	// any failure only the temporary file is removed.
	if err := core.WriteWAV(f, samples, sampleRate, channels, wf); err != nil {
		f.Abort()
		if _, isOS := errors.AsType[syscall.Errno](err); isOS {
			return fmt.Errorf("%s: %w", path, err)
		}
		return &core.InputError{Err: fmt.Errorf("%s: %w", path, err)}
	}
	return f.Commit()
}

// dupFile is a Go file on a copy of descriptor fd, so closing it (or the
// Go runtime's finalizer doing so) leaves the caller's descriptor open.
func dupFile(fd int, name string) (*os.File, error) {
	nfd, err := syscall.Dup(fd)
	if err != nil {
		return nil, fmt.Errorf("%s: dup descriptor %d: %w", name, fd, err)
	}
	return os.NewFile(uintptr(nfd), name), nil
}
