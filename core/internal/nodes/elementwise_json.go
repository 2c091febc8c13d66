package nodes

import (
	"fmt"
	"strconv"

	"github.com/remotemedia/remotemedia/core/internal/echo"
	"github.com/remotemedia/remotemedia/core/internal/num"
)

// value applies the operation to a JSON number or a nested list of them.
func (e *elementwise) value(v any) (any, error) {
	res, bad := e.walk(v)
	if bad == nil {
		return res, nil
	}
	if bad.err != nil {
		return nil, fmt.Errorf("%s: %v at %s: %w", e.nodeType, bad.operation, bad.path(), bad.err)
	}
	if len(bad.indexes) == 0 {
		return nil, e.unsupported(echo.JSONKind(bad.value))
	}
	return nil, e.unsupported(fmt.Sprintf("a list with %s at %s", echo.JSONKind(bad.value), bad.path()))
}

// badElement locates the element that could not be computed. Its path is
// built only on failure, so the success path allocates nothing for it.
type badElement struct {
	indexes   []int // innermost first
	value     any
	operation string
	err       error
}

func (b *badElement) path() string {
	s := "$"
	for i := len(b.indexes) - 1; i >= 0; i-- {
		s += "[" + strconv.Itoa(b.indexes[i]) + "]"
	}
	return s
}

func (e *elementwise) walk(v any) (any, *badElement) {
	if list, ok := v.([]any); ok {
		out := make([]any, len(list))
		for i, item := range list {
			r, bad := e.walk(item)
			if bad != nil {
				bad.indexes = append(bad.indexes, i)
				return nil, bad
			}
			out[i] = r
		}
		return out, nil
	}
	s, ok := num.Parse(v)
	if !ok {
		return nil, &badElement{value: v}
	}
	r, err := num.Eval(e.op, s, e.operand)
	if err != nil {
		return nil, &badElement{value: v, err: err, operation: fmt.Sprintf("%v %s %v", s.Value(), e.op.Symbol(), e.operand.Value())}
	}
	return r.Value(), nil
}
