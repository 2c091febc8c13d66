package manifest

import "github.com/remotemedia/remotemedia/core/node"

// Parse decodes and validates a v1 manifest against reg (nil means
// node.Default()). On failure it returns an *Error listing every problem
// found, each located by a JSON path.
func Parse(data []byte, reg *node.Registry) (*Manifest, error) {
	doc, syntax := decodeJSON(data)
	if syntax != nil {
		return nil, &Error{Problems: []Problem{*syntax}}
	}
	var c collector
	m := decode(doc, &c)
	if m == nil {
		return nil, c.err()
	}
	m.validate(reg, &c)
	if err := c.err(); err != nil {
		return nil, err
	}
	return m, nil
}
