package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
)

// A dataset row of remotemedia.ray's map_pipeline is run as `remotemedia
// run` runs the file it names, through the bindings: ReadInputFile reads
// the inputs as run's flags do and FormatResult prints the outputs as run
// does, so a row's output is the CLI's by construction, not by a second
// implementation in Python.

// ReadInputFile reads the file at path as run reads its input: a .wav file
// (in any case) cut into audio frames of frameMS as --input-wav cuts it,
// any other file as --input-file reads a JSON document. Bad input is a
// *core.InputError.
func ReadInputFile(ctx context.Context, path string, frameMS int) ([]*frame.Frame, error) {
	if !strings.EqualFold(filepath.Ext(path), ".wav") {
		return (&inputFlags{file: path}).read(ctx, nil)
	}
	if err := (&wavFlags{input: path, frameMS: frameMS}).check(&inputFlags{}); err != nil {
		return nil, &core.InputError{Err: err}
	}
	in, err := openWAVInput(path, frameMS)
	if IsUsage(err) {
		err = &core.InputError{Err: err}
	}
	if err != nil {
		return nil, err
	}
	defer in.Close()
	var frames []*frame.Frame
	err = in.feeder(false)(ctx, func(f *frame.Frame) error {
		frames = append(frames, f)
		return nil
	})
	return frames, err
}

// FormatResult is a batch run's outputs as run prints them (without the
// final newline): compact JSON with sorted keys, a list with one sink,
// else an object by sink id.
func FormatResult(sinks []string, res *core.Result) ([]byte, error) {
	var buf bytes.Buffer
	if err := newPrinter(&buf, sinks, false, nil).printResult(res); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
