package manifest

import (
	"fmt"

	"github.com/remotemedia/remotemedia/core/internal/readlimit"
	"github.com/remotemedia/remotemedia/core/node"
)

// MaxBytes bounds a manifest document. Real manifests are a few KiB; 16 MiB
// leaves room for large inline params while keeping a parse (a generic tree
// of several times the text's size) well under a gigabyte.
const MaxBytes = 16 << 20

// Parse decodes and validates a v1 manifest against reg (nil means
// node.Default()). On failure it returns an *Error listing every problem
// found, each located by a JSON path.
func Parse(data []byte, reg *node.Registry) (*Manifest, error) {
	return parse(data, reg, true)
}

// ParseShape is Parse without the node types and params, which depend on
// the node types registered where the manifest runs (the Python nodes a
// package brings): every other rule holds, by the same code.
func ParseShape(data []byte) (*Manifest, error) {
	return parse(data, nil, false)
}

func parse(data []byte, reg *node.Registry, types bool) (*Manifest, error) {
	if len(data) > MaxBytes {
		return nil, &Error{Problems: []Problem{{Path: "$", Message: fmt.Sprintf(
			"the manifest is %d bytes, more than the limit of %s", len(data), readlimit.Size(MaxBytes))}}}
	}
	doc, syntax := decodeJSON(data)
	if syntax != nil {
		return nil, &Error{Problems: []Problem{*syntax}}
	}
	var c collector
	checkDuplicateKeys(data, &c)
	m := decode(doc, &c)
	if m == nil {
		return nil, c.err()
	}
	m.validate(reg, types, &c)
	if err := c.err(); err != nil {
		return nil, err
	}
	return m, nil
}
