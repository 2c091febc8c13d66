package bindings

import (
	"errors"

	"github.com/remotemedia/remotemedia/internal/cli"
)

// A batch can also take its inputs from a file and give its outputs as the
// JSON text `remotemedia run` prints, both done in Go by the CLI's own code
// (internal/cli/row.go): remotemedia.ray's map_pipeline runs each dataset
// row so, without a Python object per frame in or per output out.

// AddInputFile appends the inputs the file at path holds, read as `run`
// reads --input-wav (a .wav file, cut into frameMS audio frames) or
// --input-file (any other file, a JSON document). Bad input is an
// invalid-input error naming the file.
func (b *Batch) AddInputFile(path string, frameMS int) (err error) {
	defer guard(&err)
	if b.started {
		return errors.New("the batch has started; inputs are closed")
	}
	frames, err := cli.ReadInputFile(b.ctx, path, frameMS)
	if err != nil {
		return err
	}
	b.inputs = append(b.inputs, frames...)
	return nil
}

// PrintedJSON is the finished run's outputs as `run` prints them, without
// the final newline.
func (b *Batch) PrintedJSON() (s string, err error) {
	defer guard(&err)
	if err := b.delivering(); err != nil {
		return "", err
	}
	out, err := cli.FormatResult(b.p.sinks, b.res)
	return string(out), err
}
