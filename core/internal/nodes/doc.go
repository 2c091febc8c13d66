// Package nodes holds the engine's built-in Go node types, one file per
// node. Each registers itself in init through the public node API, exactly
// as a third-party node would, so importing this package for its side
// effects makes them available in node.Default().
package nodes
