package nodes

import "github.com/remotemedia/remotemedia/core/node"

const dataTransformParamOperations = "operations"

// dataTransformSpec documents a node that runs in the Python package, like
// textProcessorSpec.
func dataTransformSpec() node.Spec {
	return node.Spec{
		Type:    "DataTransformNode",
		Summary: "Reshapes JSON records: select, rename, filter and map fields.",
		Description: pythonOnlyNote +
			"Each input is a JSON object (a record). The `operations` run in order; each is an object whose `op` is:\n\n" +
			"- `select`: `{\"op\": \"select\", \"fields\": [\"a\", \"b\"]}` keeps only these keys.\n" +
			"- `rename`: `{\"op\": \"rename\", \"fields\": {\"old\": \"new\"}}` renames keys.\n" +
			"- `filter`: `{\"op\": \"filter\", \"field\": \"status\", \"equals\": \"ok\"}` drops the record unless " +
			"the field equals the value.\n" +
			"- `map`: `{\"op\": \"map\", \"field\": \"name\", \"function\": \"upper\"}` replaces one field by a named " +
			"function of it: `upper`, `lower`, `strip`, `str`, `int`, `float` or `len`.\n\n" +
			"A record dropped by `filter` produces no output.",
		Category:  "data",
		Stability: node.Experimental,
		Runtime:   node.RuntimePython,
		Inputs:    []string{"json (object)"},
		Outputs:   []string{"json (object), or nothing when filtered out"},
		Params: []node.Param{{
			Name:    dataTransformParamOperations,
			Type:    node.TypeArray,
			Doc:     "The operations to apply, in order (see the description).",
			Default: []any{},
		}},
		Example: `{"id": "tidy", "node_type": "DataTransformNode", "params": {"operations": [` +
			`{"op": "filter", "field": "status", "equals": "ok"}, ` +
			`{"op": "rename", "fields": {"usr": "user"}}, ` +
			`{"op": "select", "fields": ["user", "score"]}]}}`,
	}
}

func init() { node.MustRegister(dataTransformSpec()) }
