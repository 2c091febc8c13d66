package manifest

import (
	"slices"

	"github.com/remotemedia/remotemedia/core/internal/echo"
)

// Known member names; any other member is kept in an Extra map.
var (
	manifestKeys   = []string{"version", "metadata", "runtime", "nodes", "connections"}
	nodeKeys       = []string{"id", "node_type", "params"}
	connectionKeys = []string{"from", "to"}
)

// decode maps a generic JSON tree onto a Manifest, reporting members of the
// wrong JSON type. Whether the values make sense is validate's job.
func decode(doc any, c *collector) *Manifest {
	obj, ok := doc.(map[string]any)
	if !ok {
		c.addf("$", "a manifest must be a JSON object, got %s", echo.JSONKind(doc))
		return nil
	}
	m := &Manifest{
		Version:  decodeString(c, "$", obj, "version"),
		Metadata: decodeObject(c, "$", obj, "metadata"),
		Runtime:  decodeObject(c, "$", obj, "runtime"),
		Extra:    extra(obj, manifestKeys),
	}
	for i, v := range decodeArray(c, "$", obj, "nodes") {
		m.Nodes = append(m.Nodes, decodeNode(c, elem("$.nodes", i), v))
	}
	if conns := decodeArray(c, "$", obj, "connections"); conns != nil {
		m.Connections = make([]Connection, 0, len(conns))
		for i, v := range conns {
			m.Connections = append(m.Connections, decodeConnection(c, elem("$.connections", i), v))
		}
	}
	return m
}

func decodeNode(c *collector, path string, v any) Node {
	obj, ok := v.(map[string]any)
	if !ok {
		c.addf(path, "a node must be an object, got %s", echo.JSONKind(v))
		return Node{}
	}
	return Node{
		ID:     decodeString(c, path, obj, "id"),
		Type:   decodeString(c, path, obj, "node_type"),
		Params: decodeObject(c, path, obj, "params"),
		Extra:  extra(obj, nodeKeys),
	}
}

func decodeConnection(c *collector, path string, v any) Connection {
	obj, ok := v.(map[string]any)
	if !ok {
		c.addf(path, `a connection must be an object {"from": id, "to": id}, got %s`, echo.JSONKind(v))
		return Connection{}
	}
	return Connection{
		From:  decodeString(c, path, obj, "from"),
		To:    decodeString(c, path, obj, "to"),
		Extra: extra(obj, connectionKeys),
	}
}

// decodeString returns obj[name] when it is a string, "" when it is absent.
func decodeString(c *collector, path string, obj map[string]any, name string) string {
	v, ok := obj[name]
	if !ok {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		c.addf(field(path, name), "%s must be a string, got %s", name, echo.JSONKind(v))
	}
	return s
}

// decodeObject returns obj[name] when it is an object, nil when it is absent.
func decodeObject(c *collector, path string, obj map[string]any, name string) map[string]any {
	v, ok := obj[name]
	if !ok {
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		c.addf(field(path, name), "%s must be an object, got %s", name, echo.JSONKind(v))
	}
	return m
}

// decodeArray returns obj[name] when it is an array, nil when it is absent.
func decodeArray(c *collector, path string, obj map[string]any, name string) []any {
	v, ok := obj[name]
	if !ok {
		return nil
	}
	a, ok := v.([]any)
	if !ok {
		c.addf(field(path, name), "%s must be an array, got %s", name, echo.JSONKind(v))
	}
	return a
}

// extra returns the members of obj not named in known, or nil.
func extra(obj map[string]any, known []string) map[string]any {
	var out map[string]any
	for k, v := range obj {
		if slices.Contains(known, k) {
			continue
		}
		if out == nil {
			out = map[string]any{}
		}
		out[k] = v
	}
	return out
}
