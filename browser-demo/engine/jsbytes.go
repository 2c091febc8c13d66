//go:build js && wasm

package main

import (
	"errors"
	"fmt"
	"syscall/js"
)

var uint8Array = js.Global().Get("Uint8Array")

// bytesToJS copies b into a new Uint8Array.
func bytesToJS(b []byte) js.Value {
	a := uint8Array.New(len(b))
	js.CopyBytesToJS(a, b)
	return a
}

// bytesFromJS copies a Uint8Array into Go memory.
func bytesFromJS(v js.Value) ([]byte, error) {
	if !v.InstanceOf(uint8Array) {
		return nil, fmt.Errorf("want a Uint8Array, got %s", v.Type())
	}
	b := make([]byte, v.Get("length").Int())
	js.CopyBytesToGo(b, v)
	return b, nil
}

// stringsToJS makes a JS array of strings.
func stringsToJS(ss []string) js.Value {
	a := js.Global().Get("Array").New(len(ss))
	for i, s := range ss {
		a.SetIndex(i, s)
	}
	return a
}

// await waits for a JS promise (any thenable) and returns its value; any other
// value is returned as is. It blocks the calling goroutine, so it must never
// run inside a js.FuncOf callback: the callbacks that settle the promise
// could then never run.
func await(v js.Value) (js.Value, error) {
	if v.Type() != js.TypeObject || v.Get("then").Type() != js.TypeFunction {
		return v, nil
	}
	type settled struct {
		value js.Value
		err   error
	}
	done := make(chan settled, 1)
	onResolve := js.FuncOf(func(_ js.Value, args []js.Value) any {
		done <- settled{value: argument(args, 0)}
		return nil
	})
	onReject := js.FuncOf(func(_ js.Value, args []js.Value) any {
		done <- settled{err: jsError(argument(args, 0))}
		return nil
	})
	defer onResolve.Release()
	defer onReject.Release()
	v.Call("then", onResolve, onReject)
	s := <-done
	return s.value, s.err
}

// argument is args[i], or undefined when the caller passed fewer.
func argument(args []js.Value, i int) js.Value {
	if i < len(args) {
		return args[i]
	}
	return js.Undefined()
}

// call invokes a method of a JS object, turning a thrown exception into an
// error and awaiting a returned promise.
func call(obj js.Value, method string, args ...any) (js.Value, error) {
	v, err := catch(func() js.Value { return obj.Call(method, args...) })
	if err != nil {
		return v, err
	}
	return await(v)
}

// invoke calls a JS function, turning a thrown exception into an error.
func invoke(fn js.Value, args ...any) (js.Value, error) {
	return catch(func() js.Value { return fn.Invoke(args...) })
}

// catch runs f, turning the panic syscall/js raises for a JS exception into
// an error.
func catch(f func() js.Value) (v js.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			var jsErr js.Error
			if e, ok := r.(error); ok && errors.As(e, &jsErr) {
				err = jsError(jsErr.Value)
				return
			}
			err = fmt.Errorf("host call: %v", r)
		}
	}()
	return f(), nil
}

// jsError describes a JS exception or rejection value.
func jsError(v js.Value) error {
	if v.Type() == js.TypeObject {
		if msg := v.Get("message"); msg.Type() == js.TypeString {
			return errors.New(msg.String())
		}
	}
	return errors.New(v.String())
}
