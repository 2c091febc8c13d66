package nodes

import (
	"context"
	"fmt"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

const (
	jsonSelectType = "JSONSelectNode"

	jsonSelectParamPath         = "path"
	jsonSelectParamDefaultValue = "default_value"
	jsonSelectParamDropMissing  = "drop_missing"
)

// jsonSelect emits one field of each JSON record.
type jsonSelect struct {
	path        jsonPath
	fallback    any
	hasFallback bool
	dropMissing bool
}

func newJSONSelect(p node.Params) (node.Node, error) {
	path, err := parseJSONPath(p.String(jsonSelectParamPath))
	if err != nil {
		return nil, err
	}
	s := &jsonSelect{
		path:        path,
		dropMissing: p.Bool(jsonSelectParamDropMissing),
	}
	s.fallback, s.hasFallback = p[jsonSelectParamDefaultValue]
	if s.hasFallback && s.dropMissing {
		return nil, fmt.Errorf("set %s or %s, not both: they say opposite things about a missing path",
			jsonSelectParamDefaultValue, jsonSelectParamDropMissing)
	}
	return s, nil
}

func (s *jsonSelect) Process(_ context.Context, in *frame.Frame, out node.Emitter) error {
	if in.Kind() != frame.KindJSON {
		return fmt.Errorf("%s needs JSON records; got %s", jsonSelectType, in.Kind())
	}
	v, err := s.path.lookup(in.JSONValue())
	switch {
	case err == nil:
	case s.hasFallback:
		v = s.fallback
	case s.dropMissing:
		return nil
	default:
		return fmt.Errorf("%s: path %q not found: %w (set %s or %s to allow this)",
			jsonSelectType, s.path.text, err, jsonSelectParamDefaultValue, jsonSelectParamDropMissing)
	}
	return out.Emit(withMetaOf(frame.JSON(v), in))
}

func jsonSelectSpec() node.Spec {
	return node.Spec{
		Type:    jsonSelectType,
		Summary: "Extracts one field from each JSON record.",
		Description: "Emits the value found at `path` in each input record, sharing it rather than copying. " +
			"When the path is missing (an absent key, an index out of range, or a step into something that is " +
			"not an object or list), the node emits `default_value` if set, drops the record if `drop_missing` " +
			"is true, and otherwise fails with an error naming the path and where it stopped. " +
			"Setting both is a configuration error.\n\n" + jsonPathSyntax,
		Category:  "data",
		Stability: node.Beta,
		Runtime:   node.RuntimeGo,
		Light:     true,
		Inputs:    []string{"json"},
		Outputs:   []string{"json (the selected value)"},
		Params: []node.Param{
			{Name: jsonSelectParamPath, Type: node.TypeString, Required: true,
				Doc: "Where the field is, e.g. `user.name`, `items[0].id` or `$.a.b`."},
			{Name: jsonSelectParamDefaultValue, Type: node.TypeAny,
				Doc: "Emitted instead when the path is missing. Unset means no default."},
			{Name: jsonSelectParamDropMissing, Type: node.TypeBoolean, Default: false,
				Doc: "Drop records where the path is missing instead of failing."},
		},
		Example: `{"id": "user_name", "node_type": "JSONSelectNode", "params": {"path": "user.name", "default_value": "anonymous"}}`,
		New:     newJSONSelect,
	}
}

func init() { node.MustRegister(jsonSelectSpec()) }
