//go:build js && wasm

package main

import (
	"errors"
	"slices"
	"syscall/js"

	"github.com/remotemedia/remotemedia/core/rmpkg/verify"
)

// codePackage is the browser API's error code for a package that fails its
// checks (docs/BROWSER.md); the CLI exits 2 for it, as for invalid input.
const codePackage = "package"

// openPackageFunc is remotemediaEngine.openPackage(bytes): it reads and
// checks a .rmpkg with the same code and messages as the CLI (core/rmpkg/
// verify) and resolves to {envelope} with, when the envelope is ok,
// manifest (Uint8Array), wasm (Map name -> Uint8Array), python ({file:
// source}, or null) and files (sorted entry names). Nothing of an invalid
// package is handed back, so none of it can run.
func openPackageFunc(_ js.Value, args []js.Value) any {
	arg := argument(args, 0)
	var data []byte
	err := tooBig(arg)
	if err == nil {
		data, err = bytesFromJS(arg)
	}
	return goPromise(func() js.Value {
		out := js.Global().Get("Object").New()
		if err != nil {
			out.Set("envelope", bytesToJS(packageErrorEnvelope(err)))
			return out
		}
		p, err := verify.Bytes(data)
		if err != nil {
			out.Set("envelope", bytesToJS(packageErrorEnvelope(err)))
			return out
		}
		out.Set("envelope", bytesToJS([]byte(`{"ok":true}`)))
		out.Set("manifest", bytesToJS(p.Manifest()))
		wasm := js.Global().Get("Map").New()
		for name, code := range p.WASMModules() {
			wasm.Call("set", name, bytesToJS(code))
		}
		out.Set("wasm", wasm)
		out.Set("python", js.Null())
		if sources := p.PythonSources(); len(sources) > 0 {
			python := js.Global().Get("Object").New()
			for file, src := range sources {
				python.Set(file, string(src))
			}
			out.Set("python", python)
		}
		names := make([]string, 0, len(p.Entries()))
		for _, e := range p.Entries() {
			names = append(names, e.Name)
		}
		slices.Sort(names)
		out.Set("files", stringsToJS(names))
		return out
	})
}

// tooBig refuses a package over the size limit before it is copied into
// the engine's memory.
func tooBig(v js.Value) error {
	if !v.InstanceOf(uint8Array) {
		return nil // bytesFromJS says what is wrong
	}
	return verify.CheckSize(int64(v.Get("length").Int()))
}

// packageErrorEnvelope is the error envelope of an unusable package, with
// each problem's entry as its path.
func packageErrorEnvelope(err error) []byte {
	info := map[string]any{"code": codePackage, "exit": exitInvalid, "message": err.Error()}
	var invalid *verify.InvalidError
	if errors.As(err, &invalid) {
		problems := make([]map[string]string, len(invalid.Problems))
		for i, p := range invalid.Problems {
			problems[i] = map[string]string{"path": p.Entry, "message": p.Message}
		}
		info["problems"] = problems
	}
	return errorInfoEnvelope(info)
}
