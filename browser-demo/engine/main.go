//go:build js && wasm

// Command engine is the RemoteMedia engine built for the browser
// (GOOS=js GOARCH=wasm). It runs inside a Web Worker (browser-demo/src/worker.js)
// and exposes, on globalThis.remotemediaEngine:
//
//	run(request) -> Promise<{envelope: Uint8Array, frames?}>   a batch run (run.go)
//	start(request) -> Promise<Uint8Array>                     a streaming session (session.go)
//	push(session, frame), close(session), cancel(session)
//	stats() -> {heapAllocBytes, heapSysBytes, goroutines, sessions}   (stats.go)
//	openPackage(bytes) -> Promise<{envelope, manifest?, wasm?, python?, files?}>   (package.go)
//
// run's request is {manifest: Uint8Array (UTF-8 JSON), inputs: Uint8Array
// (UTF-8 JSON, read as the CLI reads --input) or Array<Uint8Array> (wire v1
// frames), skipErrors?: boolean, frames?: boolean, host?: object}. The
// promise resolves to a UTF-8 JSON envelope (see envelope.go); data crosses
// as bytes, never as JS strings, because moving strings between Go and JS is
// slow.
//
// host implements the node types the Go engine cannot run itself (Python
// nodes in Pyodide, WASM nodes instantiated by the browser); see hostnode.go.
package main

import "syscall/js"

func main() {
	api := js.Global().Get("Object").New()
	api.Set("run", js.FuncOf(runFunc))
	api.Set("start", js.FuncOf(startFunc))
	api.Set("push", js.FuncOf(pushFunc))
	api.Set("close", js.FuncOf(closeFunc))
	api.Set("cancel", js.FuncOf(cancelFunc))
	api.Set("stats", js.FuncOf(statsFunc))
	api.Set("openPackage", js.FuncOf(openPackageFunc))
	js.Global().Set("remotemediaEngine", api)
	if ready := js.Global().Get("remotemediaEngineReady"); ready.Type() == js.TypeFunction {
		ready.Invoke()
	}
	select {} // keep the Go runtime alive for later calls
}
