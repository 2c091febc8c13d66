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
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &core.InputError{Err: fmt.Errorf(
			"%s is empty: pass a JSON array of items with --input, --input-file or on stdin", source)}
	}
	frames, err := core.DecodeInputs(data)
	if err != nil {
		var ie *core.InputError
		if errors.As(err, &ie) {
			err = ie.Err
		}
		return nil, &core.InputError{Err: fmt.Errorf("%s: %w", source, err)}
	}
	return frames, nil
}
