package cli

import (
	"io"
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
	return writeJSONLine(p.stdout, resultValue(p.sinks, bySink))
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
		for _, f := range res.Outputs[sink] {
			if p.audio != nil && f.Kind() == frame.KindAudio {
				if err := p.audio.write(sink, f.Audio()); err != nil {
					return err
				}
				continue
			}
			bySink[sink] = append(bySink[sink], f)
		}
	}
	return writeJSONLine(p.stdout, resultValue(p.sinks, bySink))
}

// resultValue is what run prints: the one sink's outputs as an array, or an
// object {sink_id: [outputs]} when there are several.
func resultValue(sinks []string, bySink map[string][]*frame.Frame) any {
	if len(sinks) == 1 {
		return frameValues(bySink[sinks[0]])
	}
	out := make(map[string]any, len(sinks))
	for _, sink := range sinks {
		out[sink] = frameValues(bySink[sink])
	}
	return out
}

func frameValues(frames []*frame.Frame) []any {
	values := make([]any, len(frames))
	for i, f := range frames {
		values[i] = frame.ToValue(f)
	}
	return values
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
