// Package core is the RemoteMedia engine: parse a manifest, build a
// Pipeline, and run it in batch (Run) or streaming (Start) mode.
//
// The public surface is small on purpose. Frames live in core/frame, the
// node plugin API and registry in core/node, and everything else is
// internal. Start with the examples in example_test.go.
package core

import (
	// Built-in nodes register themselves into node.Default() through the
	// same public API third-party nodes use.
	_ "github.com/remotemedia/remotemedia/core/internal/nodes"
)
