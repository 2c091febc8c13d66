package cli

import (
	"fmt"
	"io"
	"os"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/atomicfile"
	"github.com/remotemedia/remotemedia/core/frame"
)

// wavOutput writes the audio frames of one sink to a WAV file, samples
// appended in the order the sink emits them. The samples go to a temporary
// file beside the path, created before the run so an unwritable path fails
// early, and renamed over the path only when the run succeeds with audio:
// what was at the path before is never removed or truncated. The WAV header
// is written at the first audio frame, which fixes the rate and channel
// count.
type wavOutput struct {
	path   string
	format core.WAVFormat
	file   *atomicfile.File
	w      *core.WAVWriter
	sink   string
	rate   int
	chans  int
}

// createOutput creates --output-wav, nil when it is not set. Its format is
// --output-format, else the input WAV's, else f32.
func (f *wavFlags) createOutput(in *wavInput) (*wavOutput, error) {
	if f.output == "" {
		return nil, nil
	}
	format, err := core.ParseWAVFormat("f32")
	switch {
	case f.format != "":
		format, err = core.ParseWAVFormat(f.format)
	case in != nil:
		format = in.r.Info().Format
	}
	if err != nil {
		return nil, usagef("--output-format: %v", err)
	}
	if in != nil && sameFile(in.path, f.output) {
		return nil, usagef("--output-wav %s is the input file: writing it would destroy the input", f.output)
	}
	return createWAVOutput(f.output, format)
}

func createWAVOutput(path string, format core.WAVFormat) (*wavOutput, error) {
	file, err := atomicfile.Create(path, 0o666)
	if err != nil {
		return nil, usagef("--output-wav: %v", err)
	}
	return &wavOutput{path: path, format: format, file: file}, nil
}

func (o *wavOutput) write(sink string, a *frame.Audio) error {
	if o.w == nil {
		w, err := core.NewWAVWriter(o.file, a.SampleRate, a.Channels, o.format)
		if err != nil {
			return fmt.Errorf("--output-wav %s: %w", o.path, err)
		}
		o.w, o.sink, o.rate, o.chans = w, sink, a.SampleRate, a.Channels
	}
	switch {
	case sink != o.sink:
		return fmt.Errorf("--output-wav takes the audio of one sink, got audio from %q and %q", o.sink, sink)
	case a.SampleRate != o.rate || a.Channels != o.chans:
		return fmt.Errorf("--output-wav %s: sink %q changed from %d Hz x %d channels to %d Hz x %d channels",
			o.path, sink, o.rate, o.chans, a.SampleRate, a.Channels)
	}
	if err := o.w.Write(a.Samples); err != nil {
		return fmt.Errorf("--output-wav %s: %w", o.path, err)
	}
	return nil
}

// finish completes the file after a run that ended with runErr and returns
// the run's error, else its own. Only a run that succeeded with audio
// replaces the path; otherwise the temporary file is removed and the path
// left as it was (with a warning when there was simply no audio).
func (o *wavOutput) finish(runErr error, stderr io.Writer) error {
	if runErr != nil || o.w == nil {
		if err := o.file.Abort(); err != nil && runErr == nil {
			return fmt.Errorf("--output-wav %s: %w", o.path, err)
		}
		if runErr == nil {
			fmt.Fprintf(stderr, "warning: no audio output: %s not written\n", o.path)
		}
		return runErr
	}
	if err := o.w.Close(); err != nil {
		_ = o.file.Abort()
		return fmt.Errorf("--output-wav %s: %w", o.path, err)
	}
	if err := o.file.Commit(); err != nil {
		return fmt.Errorf("--output-wav %s: %w", o.path, err)
	}
	return nil
}

func sameFile(a, b string) bool {
	ia, errA := os.Stat(a)
	ib, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(ia, ib)
}
