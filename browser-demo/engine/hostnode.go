//go:build js && wasm

package main

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"
	"syscall/js"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

// A host is the JavaScript object that runs the node types Go cannot run in
// the browser by itself. Its methods may return values or promises:
//
//	prepare(Uint8Array JSON {"python": [type], "unknown": [type], "wasm": [name]})
//	    -> Uint8Array JSON {"python": {type: {"summary", "params": [{"name", "required", "doc"}]}},
//	                        "wasm": {name: {}}}
//	create(runtime "python"|"wasm", type, Uint8Array params JSON) -> handle number | failure
//	call(handle, op "init"|"process"|"flush"|"close", Uint8Array wire v1 frame | null)
//	    -> Uint8Array frame batch | failure
//
// A frame batch is the outputs one call emitted: repeated (u32 little-endian
// length, wire v1 frame). A failure is {error: message, type?: exception
// class, traceback?: formatted Python traceback}.

// hostRegistry returns the default registry, or a clone of it holding a
// runnable spec for each node type of the manifest that host provides.
func hostRegistry(manifest []byte, host js.Value) (*node.Registry, error) {
	base := node.Default()
	if host.Type() != js.TypeObject {
		return base, nil
	}
	want := hostTypes(manifest, base)
	if len(want.Python)+len(want.Unknown)+len(want.WASM) == 0 {
		return base, nil
	}
	req, err := json.Marshal(want)
	if err != nil {
		return nil, err
	}
	res, err := call(host, "prepare", bytesToJS(req))
	if err != nil {
		return nil, fmt.Errorf("prepare node runtimes: %w", err)
	}
	data, err := bytesFromJS(res)
	if err != nil {
		return nil, fmt.Errorf("prepare node runtimes: %w", err)
	}
	var got struct {
		Python map[string]json.RawMessage `json:"python"` // node.Declaration each
		WASM   map[string]struct{}        `json:"wasm"`
	}
	if err := json.Unmarshal(data, &got); err != nil {
		return nil, fmt.Errorf("prepare node runtimes: %w", err)
	}
	reg := base.Clone()
	for name, decl := range got.Python {
		spec, err := base.ForeignSpec(name, node.RuntimePython, decl,
			func(p node.Params) (node.Node, error) { return newHostNode(host, "python", name, p) })
		if err != nil {
			return nil, err
		}
		if err := reg.Replace(spec); err != nil {
			return nil, err
		}
	}
	for name := range got.WASM {
		if err := reg.Replace(wasmSpec(host, name)); err != nil {
			return nil, err
		}
	}
	return reg, nil
}

type wantedTypes struct {
	Python  []string `json:"python"`
	Unknown []string `json:"unknown"`
	WASM    []string `json:"wasm"`
}

// hostTypes sorts the manifest's node types by who may run them: Python
// types the engine knows but cannot run, "wasm:<name>" types, and types the
// engine does not know (user Python nodes, or typos the manifest parser will
// report). A manifest that does not parse yields nothing: ParseManifest
// reports its problems next.
func hostTypes(manifest []byte, reg *node.Registry) wantedTypes {
	var m struct {
		Nodes []struct {
			Type string `json:"node_type"`
		} `json:"nodes"`
	}
	want := wantedTypes{Python: []string{}, Unknown: []string{}, WASM: []string{}}
	if json.Unmarshal(manifest, &m) != nil {
		return want
	}
	seen := map[string]bool{}
	for _, n := range m.Nodes {
		t := n.Type
		if t == "" || seen[t] {
			continue
		}
		seen[t] = true
		spec, known := reg.Lookup(t)
		switch {
		case strings.HasPrefix(t, "wasm:"):
			want.WASM = append(want.WASM, strings.TrimPrefix(t, "wasm:"))
		case !known:
			want.Unknown = append(want.Unknown, t)
		case spec.Runtime == node.RuntimePython && spec.New == nil:
			want.Python = append(want.Python, t)
		}
	}
	return want
}

// wasmSpec mirrors the spec the wazero host builds for "wasm:<name>": params
// go unvalidated, as JSON, to the module's rm_init.
func wasmSpec(host js.Value, name string) node.Spec {
	return node.Spec{
		Type:      "wasm:" + name,
		Summary:   fmt.Sprintf("WebAssembly node %s (ABI v1), instantiated by the browser.", name),
		Category:  "wasm",
		Stability: node.Experimental,
		Runtime:   node.RuntimeWASM,
		Inputs:    []string{"any"},
		Outputs:   []string{"any"},
		New:       func(p node.Params) (node.Node, error) { return newHostNode(host, "wasm", name, p) },
	}
}

// hostNode is one node instance living in JavaScript (a Python object in
// Pyodide, or a WebAssembly instance). Every method runs on the node's own
// goroutine, so waiting for a promise there is allowed.
type hostNode struct {
	callFn js.Value // host.call, looked up once
	handle js.Value
}

// The ops as JS strings, made once: every Go string crossing into JS is
// copied and decoded.
var (
	opInit    = js.ValueOf("init")
	opProcess = js.ValueOf("process")
	opFlush   = js.ValueOf("flush")
	opClose   = js.ValueOf("close")
)

func newHostNode(host js.Value, runtime, name string, p node.Params) (node.Node, error) {
	params := []byte("{}")
	if len(p) > 0 {
		var err error
		if params, err = core.EncodeJSON(map[string]any(p)); err != nil {
			return nil, fmt.Errorf("%s: params: %w", name, err)
		}
	}
	res, err := call(host, "create", runtime, name, bytesToJS(params))
	if err != nil {
		return nil, err
	}
	if err := failure(res); err != nil {
		return nil, err
	}
	return &hostNode{callFn: host.Get("call").Call("bind", host), handle: res}, nil
}

func (n *hostNode) Init(context.Context) error { return n.call(opInit, nil, nil) }

func (n *hostNode) Process(_ context.Context, in *frame.Frame, out node.Emitter) error {
	b, err := frame.Encode(in)
	if err != nil {
		return err
	}
	return n.call(opProcess, b, out)
}

func (n *hostNode) Flush(_ context.Context, out node.Emitter) error { return n.call(opFlush, nil, out) }

func (n *hostNode) Close() error { return n.call(opClose, nil, nil) }

func (n *hostNode) call(op js.Value, in []byte, out node.Emitter) error {
	arg := js.Null()
	if in != nil {
		arg = bytesToJS(in)
	}
	res, err := invoke(n.callFn, n.handle, op, arg)
	if err != nil {
		return err
	}
	if !res.InstanceOf(uint8Array) { // the fast path skips these lookups
		if res, err = await(res); err != nil {
			return err
		}
		if err := failure(res); err != nil {
			return err
		}
		if !res.Truthy() {
			return nil
		}
	}
	if out == nil {
		return nil
	}
	batch, err := bytesFromJS(res)
	if err != nil {
		return fmt.Errorf("%s: %w", op.String(), err)
	}
	return emitBatch(batch, out)
}

// emitBatch decodes a frame batch and emits each frame in order.
func emitBatch(batch []byte, out node.Emitter) error {
	for i := 0; len(batch) > 0; i++ {
		if len(batch) < 4 {
			return fmt.Errorf("output %d: truncated frame batch", i)
		}
		n := binary.LittleEndian.Uint32(batch)
		batch = batch[4:]
		if uint64(n) > uint64(len(batch)) {
			return fmt.Errorf("output %d: frame of %d bytes, %d left in the batch", i, n, len(batch))
		}
		f, err := frame.Decode(batch[:n])
		if err != nil {
			return fmt.Errorf("output %d: %w", i, err)
		}
		batch = batch[n:]
		if err := out.Emit(f); err != nil {
			return err
		}
	}
	return nil
}

// hostError is a node failing in JavaScript: a Python exception (with its
// traceback) or a WASM guest error.
type hostError struct {
	kind      string
	message   string
	traceback string
}

func (e *hostError) Error() string {
	if e.kind != "" && !strings.HasPrefix(e.message, e.kind) {
		return e.kind + ": " + e.message
	}
	return e.message
}

// failure reads a host failure object; nil when v is a success value.
func failure(v js.Value) error {
	if v.Type() != js.TypeObject || v.InstanceOf(uint8Array) {
		return nil
	}
	msg := v.Get("error")
	if msg.Type() != js.TypeString {
		return nil
	}
	str := func(key string) string {
		if s := v.Get(key); s.Type() == js.TypeString {
			return s.String()
		}
		return ""
	}
	return &hostError{kind: str("type"), message: msg.String(), traceback: str("traceback")}
}
