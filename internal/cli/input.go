package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
)

// inputFlags are run's ways to pass input items; stdin is the default.
type inputFlags struct {
	json string // --input
	file string // --input-file
}

// read returns the input items: a JSON array is a list of items, any other
// JSON value is one item, and strings become text frames.
func (f *inputFlags) read(ctx context.Context, stdin io.Reader) ([]*frame.Frame, error) {
	data, source, err := f.data(ctx, stdin)
	if err != nil {
		return nil, err
	}
	return decodeInputs(data, source)
}

func (f *inputFlags) data(ctx context.Context, stdin io.Reader) ([]byte, string, error) {
	switch {
	case f.json != "" && f.file != "":
		return nil, "", usagef("--input and --input-file exclude each other")
	case f.json != "":
		return []byte(f.json), "--input", nil
	case f.file != "" && f.file != "-":
		data, err := core.ReadFile(ctx, f.file, core.MaxInputBytes)
		if err != nil {
			return nil, "", &core.InputError{Err: err}
		}
		return data, f.file, nil
	}
	data, err := core.ReadAll(ctx, stdin, core.MaxInputBytes, "stdin")
	if err != nil {
		return nil, "", &core.InputError{Err: fmt.Errorf("read stdin: %w", err)}
	}
	return data, "stdin", nil
}

func decodeInputs(data []byte, source string) ([]*frame.Frame, error) {
	if err := checkInputs(data, source); err != nil {
		return nil, err
	}
	frames, err := core.DecodeInputs(data)
	if err != nil {
		return nil, sourceError(source, err)
	}
	return frames, nil
}

// feeder reads the input items for a streaming run (--jsonl). The document
// is checked now, so bad input fails before the run starts, and its items
// are decoded one at a time as they are sent: memory does not grow with
// their number beyond the document itself.
func (f *inputFlags) feeder(ctx context.Context, stdin io.Reader) (feeder, error) {
	data, source, err := f.data(ctx, stdin)
	if err != nil {
		return nil, err
	}
	if err := checkInputs(data, source); err != nil {
		return nil, err
	}
	return func(_ context.Context, send func(*frame.Frame) error) error {
		if err := core.EachInput(data, send); err != nil {
			if _, stopped := errors.AsType[*stoppedError](err); stopped {
				return err
			}
			return sourceError(source, err)
		}
		return nil
	}, nil
}

// checkInputs rejects an empty or malformed input document.
func checkInputs(data []byte, source string) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return &core.InputError{Err: fmt.Errorf(
			"%s is empty: pass a JSON array of items with --input, --input-file or on stdin", source)}
	}
	if err := core.CheckJSON(data); err != nil {
		return sourceError(source, err)
	}
	return nil
}

// sourceError is an input error that names where the input came from.
func sourceError(source string, err error) error {
	var ie *core.InputError
	if errors.As(err, &ie) {
		err = ie.Err
	}
	return &core.InputError{Err: fmt.Errorf("%s: %w", source, err)}
}
