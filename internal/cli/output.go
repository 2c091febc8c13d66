package cli

import (
	"bufio"
	"io"
	"slices"
	"sort"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
)

// printer routes a run's outputs: audio frames to --output-wav when it is
// set, everything else to stdout as JSON, either line by line (--jsonl) or
// as one document at the end.
type printer struct {
	stdout  io.Writer
	sinks   []string
	jsonl   bool
	audio   *wavOutput // nil without --output-wav
	pending map[string][]core.Output
}

func newPrinter(stdout io.Writer, sinks []string, jsonl bool, audio *wavOutput) *printer {
	return &printer{stdout: stdout, sinks: sinks, jsonl: jsonl, audio: audio, pending: map[string][]core.Output{}}
}

// emit takes one output of a streaming run as it is produced.
func (p *printer) emit(out core.Output) error {
	switch {
	case p.audio != nil && out.Frame.Kind() == frame.KindAudio:
		return p.audio.write(out.Sink, out.Frame.Audio())
	case p.jsonl:
		return writeJSONLine(p.stdout, streamLine(out, len(p.sinks)))
	}
	p.pending[out.Sink] = append(p.pending[out.Sink], out)
	return nil
}

// printPending prints what emit collected, each sink's outputs in input
// order (end-of-stream outputs last), as a batch run would.
func (p *printer) printPending() error {
	if p.jsonl {
		return nil
	}
	bySink := make(map[string][]*frame.Frame, len(p.pending))
	for sink, outs := range p.pending {
		sort.SliceStable(outs, func(i, j int) bool { return inputRank(outs[i].Input) < inputRank(outs[j].Input) })
		for _, out := range outs {
			bySink[sink] = append(bySink[sink], out.Frame)
		}
	}
	return writeResult(p.stdout, p.sinks, bySink)
}

func inputRank(input int) int {
	if input == core.EndOfStream {
		return int(^uint(0) >> 1)
	}
	return input
}

// printResult prints a batch run's result.
func (p *printer) printResult(res *core.Result) error {
	bySink := make(map[string][]*frame.Frame, len(res.Sinks))
	for _, sink := range res.Sinks {
		frames := res.Outputs[sink]
		if p.audio != nil {
			var err error
			if frames, err = p.writeAudio(sink, frames); err != nil {
				return err
			}
		}
		bySink[sink] = frames
	}
	return writeResult(p.stdout, p.sinks, bySink)
}

// writeAudio writes the audio frames to --output-wav and returns the others.
func (p *printer) writeAudio(sink string, frames []*frame.Frame) ([]*frame.Frame, error) {
	var rest []*frame.Frame
	for _, f := range frames {
		if f.Kind() != frame.KindAudio {
			rest = append(rest, f)
		} else if err := p.audio.write(sink, f.Audio()); err != nil {
			return nil, err
		}
	}
	return rest, nil
}

// writeResult prints what run prints, as one line: the one sink's outputs as
// an array, or an object {sink_id: [outputs]} (ids sorted, as canonical JSON
// sorts keys) when there are several. It encodes one output at a time, so
// printing needs no memory in proportion to the outputs.
func writeResult(w io.Writer, sinks []string, bySink map[string][]*frame.Frame) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var err error
	write := func(b []byte) {
		if err == nil {
			_, err = bw.Write(b)
		}
	}
	writeArray := func(frames []*frame.Frame) {
		write([]byte("["))
		for i, f := range frames {
			if i > 0 {
				write([]byte(","))
			}
			b, encErr := core.EncodeJSON(frame.ToValue(f))
			if encErr != nil && err == nil {
				err = encErr
			}
			write(b)
		}
		write([]byte("]"))
	}
	if len(sinks) == 1 {
		writeArray(bySink[sinks[0]])
	} else {
		write([]byte("{"))
		for i, sink := range slices.Sorted(slices.Values(sinks)) {
			if i > 0 {
				write([]byte(","))
			}
			key, encErr := core.EncodeJSON(sink)
			if encErr != nil && err == nil {
				err = encErr
			}
			write(append(key, ':'))
			writeArray(bySink[sink])
		}
		write([]byte("}"))
	}
	write([]byte("\n"))
	if err != nil {
		return err
	}
	return bw.Flush()
}

// streamLine is one --jsonl line. With one sink it is the output value
// itself; with several it says which sink and input the output comes from
// (input is null for outputs emitted at end of stream).
func streamLine(out core.Output, sinks int) any {
	value := frame.ToValue(out.Frame)
	if sinks == 1 {
		return value
	}
	var input any = out.Input
	if out.Input == core.EndOfStream {
		input = nil
	}
	return map[string]any{"sink": out.Sink, "input": input, "output": value}
}

// writeJSONLine writes v as one line of canonical JSON.
func writeJSONLine(w io.Writer, v any) error {
	data, err := core.EncodeJSON(v)
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}
