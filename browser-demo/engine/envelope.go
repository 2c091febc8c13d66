//go:build js && wasm

package main

import (
	"errors"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
)

// The envelope is the JSON document run resolves to:
//
//	{"ok": true, "sinks": [...], "output": <what the CLI prints>,
//	 "metrics": [NodeMetrics...], "skipped": ["message", ...]}
//	{"ok": false, "error": {"code", "exit", "message", "problems"?, "node"?,
//	 "node_type"?, "input"?, "phase"?, "python"?: {"type", "traceback"}}}
//
// It is written with core.EncodeJSON, the encoder the CLI prints with, so
// "output" is byte for byte what `remotemedia run` prints.

func resultEnvelope(res *core.Result) []byte {
	return encodeEnvelope(map[string]any{
		"ok":      true,
		"sinks":   res.Sinks,
		"output":  cliOutput(res),
		"metrics": metricsOrEmpty(res.Metrics),
		"skipped": messages(res.Skipped),
	})
}

// startEnvelope is what a session's start resolves to:
// {"ok": true, "session": n, "sinks": [...]}.
func startEnvelope(id int, sinks []string) []byte {
	return encodeEnvelope(map[string]any{"ok": true, "session": id, "sinks": sinks})
}

// sessionEndEnvelope is what a session that completed ends with:
// {"ok": true, "metrics": [...], "skipped": [...]}.
func sessionEndEnvelope(s *core.Stream) []byte {
	return encodeEnvelope(map[string]any{
		"ok":      true,
		"metrics": metricsOrEmpty(s.Metrics()),
		"skipped": messages(s.Skipped()),
	})
}

func encodeEnvelope(env map[string]any) []byte {
	b, err := core.EncodeJSON(env)
	if err != nil {
		return errorEnvelope(err)
	}
	return b
}

func metricsOrEmpty(m []core.NodeMetrics) []core.NodeMetrics {
	if m == nil {
		return []core.NodeMetrics{}
	}
	return m
}

func messages(errs []error) []string {
	out := make([]string, len(errs))
	for i, err := range errs {
		out[i] = err.Error()
	}
	return out
}

// cliOutput is what `remotemedia run` prints for a batch run: the one sink's
// outputs as an array, or {sink_id: [outputs]} when there are several. It
// mirrors internal/cli.resultValue, which is internal to the
// CLI; the browser test checks the two agree on every example.
func cliOutput(res *core.Result) any {
	values := func(frames []*frame.Frame) []any {
		out := make([]any, len(frames))
		for i, f := range frames {
			out[i] = frame.ToValue(f)
		}
		return out
	}
	if len(res.Sinks) == 1 {
		return values(res.Outputs[res.Sinks[0]])
	}
	out := make(map[string]any, len(res.Sinks))
	for _, sink := range res.Sinks {
		out[sink] = values(res.Outputs[sink])
	}
	return out
}

// Exit codes of the CLI, which the browser reports too so that one set of
// conformance vectors checks every runtime.
const (
	exitFailure     = 1
	exitInvalid     = 2
	exitInterrupted = 130
)

func errorEnvelope(err error) []byte {
	info := map[string]any{
		"code":    core.ErrorCode(err),
		"message": err.Error(),
	}
	switch info["code"] {
	case core.CodeInvalidManifest, core.CodeInvalidInput, core.CodeUnsupported:
		info["exit"] = exitInvalid
	case core.CodeCancelled:
		info["exit"] = exitInterrupted
	default:
		info["exit"] = exitFailure
	}
	var me *core.ManifestError
	if errors.As(err, &me) {
		problems := make([]map[string]string, len(me.Problems))
		for i, p := range me.Problems {
			problems[i] = map[string]string{"path": p.Path, "message": p.Message}
		}
		info["problems"] = problems
	}
	var ne *core.NodeError
	if errors.As(err, &ne) {
		info["node"] = ne.Node
		info["node_type"] = ne.Type
		info["phase"] = string(ne.Phase)
		if ne.Input == core.EndOfStream {
			info["input"] = nil
		} else {
			info["input"] = ne.Input
		}
	}
	var he *hostError
	if errors.As(err, &he) && he.traceback != "" {
		info["python"] = map[string]string{"type": he.kind, "traceback": he.traceback}
	}
	return errorInfoEnvelope(info)
}

// errorInfoEnvelope is the failed envelope carrying info.
func errorInfoEnvelope(info map[string]any) []byte {
	b, err := core.EncodeJSON(map[string]any{"ok": false, "error": info})
	if err != nil {
		return []byte(`{"ok":false,"error":{"code":"internal","exit":1,"message":"cannot encode the error"}}`)
	}
	return b
}
