//go:build js && wasm

package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"syscall/js"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

// runRequest is what JavaScript passes to run, read into Go values.
type runRequest struct {
	manifest   []byte
	inputs     []*frame.Frame
	skipErrors bool
	wantFrames bool
	host       js.Value // undefined when the caller provides no host
}

// runFunc is remotemediaEngine.run.
func runFunc(_ js.Value, args []js.Value) any {
	reqValue := argument(args, 0)
	return goPromise(func() js.Value {
		env, frames := run(reqValue)
		out := js.Global().Get("Object").New()
		out.Set("envelope", bytesToJS(env))
		if frames.Truthy() {
			out.Set("frames", frames)
		}
		return out
	})
}

// run executes one request and returns the JSON envelope, plus the sinks'
// frames as wire v1 bytes when the request asks for them. It never panics:
// a panic becomes an internal error in the envelope.
func run(reqValue js.Value) (env []byte, frames js.Value) {
	frames = js.Undefined()
	defer func() {
		if r := recover(); r != nil {
			env = errorEnvelope(fmt.Errorf("engine panic: %v", r))
		}
	}()
	req, err := readRequest(reqValue)
	if err != nil {
		return errorEnvelope(err), frames
	}
	res, err := execute(context.Background(), req)
	if err != nil {
		return errorEnvelope(err), frames
	}
	if req.wantFrames {
		if frames, err = sinkFrames(res); err != nil {
			return errorEnvelope(err), js.Undefined()
		}
	}
	return resultEnvelope(res), frames
}

func readRequest(v js.Value) (*runRequest, error) {
	if v.Type() != js.TypeObject {
		return nil, errors.New("run: want a request object")
	}
	manifest, err := bytesFromJS(v.Get("manifest"))
	if err != nil {
		return nil, fmt.Errorf("run: manifest: %w", err)
	}
	req := &runRequest{
		manifest:   manifest,
		skipErrors: v.Get("skipErrors").Truthy(),
		wantFrames: v.Get("frames").Truthy(),
		host:       v.Get("host"),
	}
	in := v.Get("inputs")
	if in.InstanceOf(js.Global().Get("Array")) {
		req.inputs, err = decodeFrames(in)
	} else {
		var data []byte
		if data, err = bytesFromJS(in); err == nil {
			req.inputs, err = decodeInputs(data)
		} else {
			err = &core.InputError{Err: fmt.Errorf("inputs: %w", err)}
		}
	}
	return req, err
}

// decodeFrames reads an array of wire v1 frames.
func decodeFrames(arr js.Value) ([]*frame.Frame, error) {
	frames := make([]*frame.Frame, arr.Length())
	for i := range frames {
		b, err := bytesFromJS(arr.Index(i))
		if err == nil {
			frames[i], err = frame.Decode(b)
		}
		if err != nil {
			return nil, &core.InputError{Err: fmt.Errorf("inputs[%d]: %w", i, err)}
		}
	}
	return frames, nil
}

// decodeInputs reads input items as `remotemedia run --input` does: a JSON
// array is a list of items, any other JSON value is one item, and strings
// become text frames.
func decodeInputs(data []byte) ([]*frame.Frame, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &core.InputError{Err: errors.New("inputs are empty: pass a JSON array of items")}
	}
	return core.DecodeInputs(data)
}

// execute runs the request's manifest in batch mode.
func execute(ctx context.Context, req *runRequest) (*core.Result, error) {
	p, err := buildPipeline(req.manifest, req.host, req.skipErrors)
	if err != nil {
		return nil, err
	}
	return p.Run(ctx, req.inputs)
}

// buildPipeline binds the manifest to a registry that also holds the host's
// node types. Batch runs and streaming sessions share it.
func buildPipeline(manifest []byte, host js.Value, skipErrors bool) (*core.Pipeline, error) {
	reg, err := hostRegistry(manifest, host)
	if err != nil {
		return nil, err
	}
	cfg := core.NewConfig().WithRegistry(reg).WithSkipErrors(skipErrors)
	m, err := core.ParseManifest(manifest, cfg)
	if err != nil {
		return nil, err
	}
	if err := checkWASMModules(m, reg); err != nil {
		return nil, err
	}
	return core.NewPipeline(m, cfg)
}

// sinkFrames is {sink_id: [Uint8Array wire v1 frame, ...]}.
func sinkFrames(res *core.Result) (js.Value, error) {
	out := js.Global().Get("Object").New()
	for _, sink := range res.Sinks {
		frames := res.Outputs[sink]
		arr := js.Global().Get("Array").New(len(frames))
		for i, f := range frames {
			b, err := frame.Encode(f)
			if err != nil {
				return js.Undefined(), fmt.Errorf("sink %s output %d: %w", sink, i, err)
			}
			arr.SetIndex(i, bytesToJS(b))
		}
		out.Set(sink, arr)
	}
	return out, nil
}

// checkWASMModules reports "wasm:<name>" nodes no package provided, as
// `remotemedia run` does: the manifest parser accepts such types without a
// registry entry, since only a package carries the module.
func checkWASMModules(m *core.Manifest, reg *node.Registry) error {
	var problems []core.Problem
	for i, n := range m.Nodes {
		name, isWASM := strings.CutPrefix(n.Type, "wasm:")
		if _, known := reg.Lookup(n.Type); !isWASM || known {
			continue
		}
		problems = append(problems, core.Problem{
			Path: fmt.Sprintf("$.nodes[%d].node_type", i),
			Message: fmt.Sprintf("%s needs the WebAssembly module %q: put the manifest and %s.wasm in a "+
				".rmpkg package and run it with runPackage", n.Type, name, name),
		})
	}
	if problems != nil {
		return &core.ManifestError{Problems: problems}
	}
	return nil
}
