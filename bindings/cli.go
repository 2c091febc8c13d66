package bindings

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
)

// The functions below serve the pip-installed `remotemedia` command: inputs
// and outputs as JSON text rendered exactly as the Go CLI renders them
// (frame.FromValue / frame.ToValue, core.EncodeJSON).

// AddInputsJSON adds the items of a JSON document to the batch: an array
// is a list of items, any other value is one item, strings are text.
func (b *Batch) AddInputsJSON(text string) (err error) {
	defer guard(&err)
	if b.started {
		return errors.New("the batch has started; inputs are closed")
	}
	frames, err := core.DecodeInputs([]byte(text))
	if err != nil {
		return err
	}
	b.inputs = append(b.inputs, frames...)
	return nil
}

// ResultJSON renders the finished run's outputs as the Go CLI prints them:
// an array for one sink, else {sink_id: [outputs]}.
func (b *Batch) ResultJSON() (out string, err error) {
	defer guard(&err)
	select {
	case <-b.done:
	default:
		return "", errors.New("the batch has not finished")
	}
	if b.res == nil {
		return "", errors.New("the batch failed; there are no outputs")
	}
	values := map[string]any{}
	for _, sink := range b.res.Sinks {
		vs := make([]any, 0, len(b.res.Outputs[sink]))
		for _, f := range b.res.Outputs[sink] {
			vs = append(vs, frame.ToValue(f))
		}
		values[sink] = vs
	}
	var doc any = values
	if len(b.p.sinks) == 1 {
		doc = values[b.p.sinks[0]]
	}
	data, err := core.EncodeJSON(doc)
	return string(data), err
}

// SkippedJSON lists the errors of items dropped with skipErrors, as JSON
// strings.
func (b *Batch) SkippedJSON() string {
	var msgs []string
	if b.res != nil {
		for _, e := range b.res.Skipped {
			msgs = append(msgs, e.Error())
		}
	}
	data, _ := json.Marshal(msgs)
	return string(data)
}

// DeliverJSONLines is Deliver for `remotemedia run --jsonl`: it returns the
// queued outputs as the Go CLI's JSON lines, joined by newlines, and an
// error once the run failed. finished says the run has ended and every
// output was returned.
func (s *Stream) DeliverJSONLines(timeoutMs int) (lines string, err error) {
	defer guard(&err)
	batch, ended, runErr := s.take(timeoutMs)
	var buf []byte
	for _, out := range batch {
		var v any = frame.ToValue(out.Frame)
		if len(s.p.sinks) > 1 {
			var input any = out.Input
			if out.Input == core.EndOfStream {
				input = nil
			}
			v = map[string]any{"sink": out.Sink, "input": input, "output": v}
		}
		data, jerr := core.EncodeJSON(v)
		if jerr != nil {
			return "", fmt.Errorf("render output: %w", jerr)
		}
		buf = append(append(buf, data...), '\n')
	}
	if ended {
		s.signal()
		if runErr != nil {
			return "", runErr
		}
		s.finished = true
	}
	return string(buf), nil
}

// Finished reports whether DeliverJSONLines has returned the last output.
func (s *Stream) Finished() bool { return s.finished }

// SendJSON sends one input item given as JSON (strings become text).
func (s *Stream) SendJSON(text string) (err error) {
	defer guard(&err)
	v, err := core.DecodeJSON([]byte(text))
	if err != nil {
		return err
	}
	return put(s.token, frame.FromValue(v), nil)
}
