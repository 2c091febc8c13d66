// Package verify reads and checks .rmpkg packages in programs without a
// WASM runtime, such as the browser engine: the same limits, entry,
// checksum and manifest rules, and messages, as core/rmpkg and the CLI,
// from the same code. Only compiling the modules is left out; the program
// that instantiates them checks them against the ABI then.
package verify

import (
	"context"

	impl "github.com/remotemedia/remotemedia/core/internal/rmpkg"
)

type (
	// Package is an .rmpkg read into memory.
	Package = impl.Package
	// InvalidError lists every error that makes a package unusable.
	InvalidError = impl.InvalidError
	// Problem is one error, about one entry.
	Problem = impl.Problem
)

// CheckSize is Bytes's size check alone, so a caller holding the bytes
// elsewhere (in JavaScript) can refuse a package before copying it.
func CheckSize(n int64) error {
	if err := impl.DefaultLimits().CheckPackageSize(n); err != nil {
		return &InvalidError{Problems: []Problem{{Message: err.Error()}}}
	}
	return nil
}

// Bytes reads the package in data within the default size limits and
// checks it. Its error is an *InvalidError listing every problem, so no
// part of an invalid package is ever handed on to run.
func Bytes(data []byte) (*Package, error) {
	p, err := impl.Open(data, impl.DefaultLimits())
	if err != nil {
		return nil, &InvalidError{Problems: []Problem{{Message: err.Error()}}}
	}
	// Node types are checked when the manifest is parsed to run, against
	// the registry that then holds the package's own Python nodes.
	if err := p.Validate(context.Background(), impl.ValidateOptions{}).Err(); err != nil {
		return nil, err
	}
	return p, nil
}
