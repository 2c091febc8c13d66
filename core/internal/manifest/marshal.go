package manifest

import (
	"bytes"
	"slices"

	"github.com/remotemedia/remotemedia/core/internal/jsonx"
)

// MarshalJSON writes the manifest back as JSON: known members first, in the
// order people write them, then the Extra members sorted by name, so that
// Parse(MarshalJSON(m)) gives m back. Absent members stay absent.
func (m *Manifest) MarshalJSON() ([]byte, error) {
	nodes := make([]orderedObject, len(m.Nodes))
	for i, n := range m.Nodes {
		nodes[i] = n.object()
	}
	o := orderedObject{{"version", m.Version}}
	o = o.addIf(m.Metadata != nil, "metadata", m.Metadata)
	o = o.addIf(m.Runtime != nil, "runtime", m.Runtime)
	o = append(o, member{"nodes", nodes})
	if m.Connections != nil {
		conns := make([]orderedObject, len(m.Connections))
		for i, conn := range m.Connections {
			conns[i] = orderedObject{{"from", conn.From}, {"to", conn.To}}.withExtra(conn.Extra, connectionKeys)
		}
		o = append(o, member{"connections", conns})
	}
	return o.withExtra(m.Extra, manifestKeys).MarshalJSON()
}

func (n *Node) object() orderedObject {
	o := orderedObject{{"id", n.ID}, {"node_type", n.Type}}
	return o.addIf(n.Params != nil, "params", n.Params).withExtra(n.Extra, nodeKeys)
}

// orderedObject is a JSON object that keeps its members in order.
type orderedObject []member

type member struct {
	name  string
	value any
}

func (o orderedObject) addIf(cond bool, name string, value any) orderedObject {
	if !cond {
		return o
	}
	return append(o, member{name, value})
}

// withExtra appends the members of extra, sorted, skipping the names the
// known fields own so a hand-built Extra cannot produce duplicate keys.
func (o orderedObject) withExtra(extra map[string]any, known []string) orderedObject {
	names := make([]string, 0, len(extra))
	for k := range extra {
		if !slices.Contains(known, k) {
			names = append(names, k)
		}
	}
	slices.Sort(names)
	for _, k := range names {
		o = append(o, member{k, extra[k]})
	}
	return o
}

func (o orderedObject) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		name, err := jsonx.Marshal(m.name)
		if err != nil {
			return nil, err
		}
		value, err := jsonx.Marshal(m.value)
		if err != nil {
			return nil, err
		}
		b.Write(name)
		b.WriteByte(':')
		b.Write(value)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
