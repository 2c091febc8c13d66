package node

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/remotemedia/remotemedia/core/internal/echo"
	"github.com/remotemedia/remotemedia/core/internal/suggest"
)

// ParamType is the JSON type a param accepts.
type ParamType string

const (
	TypeNumber  ParamType = "number"
	TypeInteger ParamType = "integer"
	TypeString  ParamType = "string"
	TypeBoolean ParamType = "boolean"
	TypeObject  ParamType = "object"
	TypeArray   ParamType = "array"
	TypeAny     ParamType = "any"
)

// Params are a node's validated params with defaults filled in. Numbers are
// float64 for TypeNumber and int64 for TypeInteger.
type Params map[string]any

// Float returns a number param (0 when absent).
func (p Params) Float(name string) float64 {
	switch v := p[name].(type) {
	case float64:
		return v
	case int64:
		return float64(v)
	}
	return 0
}

// Int returns an integer param (0 when absent).
func (p Params) Int(name string) int64 {
	switch v := p[name].(type) {
	case int64:
		return v
	case float64:
		return int64(v)
	}
	return 0
}

// String returns a string param ("" when absent).
func (p Params) String(name string) string { s, _ := p[name].(string); return s }

// Bool returns a boolean param (false when absent).
func (p Params) Bool(name string) bool { b, _ := p[name].(bool); return b }

// Has reports whether the param is set, by the manifest or by a default.
func (p Params) Has(name string) bool { _, ok := p[name]; return ok }

// ParamError is one problem with one param.
type ParamError struct {
	Param   string
	Message string
}

func (e ParamError) Error() string { return fmt.Sprintf("param %q: %s", e.Param, e.Message) }

// ValidateParams checks raw manifest params against the spec and returns the
// normalised params with defaults filled in, or every problem found.
func (s *Spec) ValidateParams(raw map[string]any) (Params, []ParamError) {
	var errs []ParamError
	out := make(Params, len(s.Params))
	known := make([]string, 0, len(s.Params))
	for _, p := range s.Params {
		known = append(known, p.Name)
	}
	for _, name := range sortedKeys(raw) {
		if s.param(name) == nil {
			msg := "unknown param for " + s.Type + suggest.Hint(name, known)
			if len(known) == 0 {
				msg = s.Type + " takes no params"
			} else if !strings.Contains(msg, "did you mean") {
				msg += "; known params: " + strings.Join(known, ", ")
			}
			errs = append(errs, ParamError{name, msg})
		}
	}
	for i := range s.Params {
		p := &s.Params[i]
		v, ok := raw[p.Name]
		if !ok {
			if p.Required {
				errs = append(errs, ParamError{p.Name, "required param is missing"})
			} else if p.Default != nil {
				out[p.Name] = p.Default
			}
			continue
		}
		norm, msg := p.check(v)
		if msg != "" {
			errs = append(errs, ParamError{p.Name, msg})
			continue
		}
		out[p.Name] = norm
	}
	return out, errs
}

func (s *Spec) param(name string) *Param {
	for i := range s.Params {
		if s.Params[i].Name == name {
			return &s.Params[i]
		}
	}
	return nil
}

// check validates one value and returns it normalised, or a message.
func (p *Param) check(v any) (any, string) {
	switch p.Type {
	case TypeNumber, TypeInteger:
		f, ok := toFloat(v)
		if !ok {
			return nil, fmt.Sprintf("must be %s, got %s", article(p.Type), echo.JSON(v))
		}
		if p.Type == TypeInteger && f != math.Trunc(f) {
			return nil, fmt.Sprintf("must be an integer, got %v", f)
		}
		if p.Type == TypeInteger && (f >= 1<<63 || f < -(1<<63)) {
			return nil, fmt.Sprintf("must be an integer, got %s, which is out of range (at most 19 digits)", echo.JSON(v))
		}
		if p.Min != nil && f < *p.Min {
			return nil, fmt.Sprintf("must be >= %v, got %v", *p.Min, f)
		}
		if p.Max != nil && f > *p.Max {
			return nil, fmt.Sprintf("must be <= %v, got %v", *p.Max, f)
		}
		if p.Type == TypeInteger {
			return int64(f), ""
		}
		return f, ""
	case TypeString:
		s, ok := v.(string)
		if !ok {
			return nil, "must be a string, got " + echo.JSON(v)
		}
		if len(p.Enum) > 0 && !contains(p.Enum, s) {
			return nil, fmt.Sprintf("must be one of %s, got %s", strings.Join(p.Enum, "|"), echo.Quote(s))
		}
		return s, ""
	case TypeBoolean:
		if _, ok := v.(bool); !ok {
			return nil, "must be a boolean, got " + echo.JSON(v)
		}
	case TypeObject:
		if _, ok := v.(map[string]any); !ok {
			return nil, "must be an object, got " + echo.JSON(v)
		}
	case TypeArray:
		if _, ok := v.([]any); !ok {
			return nil, "must be an array, got " + echo.JSON(v)
		}
	}
	return v, ""
}

func toFloat(v any) (float64, bool) {
	switch n := v.(type) {
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	case float64:
		return n, true
	case float32:
		return float64(n), true
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	}
	return 0, false
}

func article(t ParamType) string {
	if t == TypeInteger {
		return "an integer"
	}
	return "a number"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
