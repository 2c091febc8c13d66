// Package bindings is the one Go package gopy binds into the Python
// extension remotemedia._core. It is a thin, coarse API over package core:
// build a pipeline from a manifest, register Python node types, run, stream,
// cancel, wait, read metrics, and read or write whole WAV files. No
// per-sample traffic crosses gopy: values move through the small cgo bridge
// in bridge.go (Go calling Python) and the Emit functions (Python handing
// values to Go), both described in docs/PYTHON.md. Nothing else imports this
// package.
//
// Every exported function recovers panics (see guard), because a Go panic
// escaping into the interpreter would abort the Python process.
package bindings

// The wrapper gopy generates around this package imports gopyh. Importing it
// here too keeps go.mod and go.sum the same whether or not that generated
// code (build/gopy) is present, so `go mod tidy` is stable.
import _ "github.com/go-python/gopy/gopyh"
