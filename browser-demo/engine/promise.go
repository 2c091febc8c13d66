//go:build js && wasm

package main

import "syscall/js"

var promiseClass = js.Global().Get("Promise")

// goPromise returns a Promise resolved with what work returns. work runs on
// its own goroutine, so it may block (await promises, wait on channels),
// which a js.FuncOf callback must never do.
func goPromise(work func() js.Value) js.Value {
	executor := js.FuncOf(func(_ js.Value, settle []js.Value) any {
		resolve := settle[0]
		go func() { resolve.Invoke(work()) }()
		return nil
	})
	// The Promise constructor calls the executor before it returns, so the
	// callback can be released at once rather than kept for the worker's life.
	defer executor.Release()
	return promiseClass.New(executor)
}
