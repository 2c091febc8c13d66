package nodes

import (
	"context"
	"fmt"
	"strings"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/internal/echo"
	"github.com/remotemedia/remotemedia/core/internal/num"
	"github.com/remotemedia/remotemedia/core/internal/suggest"
	"github.com/remotemedia/remotemedia/core/node"
)

const (
	calculatorType = "CalculatorNode"

	calculatorKeyOperation = "operation"
	calculatorKeyOperands  = "operands"
	calculatorKeyResult    = "result"
)

// calculator evaluates the operation each input record asks for.
type calculator struct{}

func (calculator) Process(_ context.Context, in *frame.Frame, out node.Emitter) error {
	record, ok := in.JSONValue().(map[string]any)
	if !ok {
		got := in.Kind().String()
		if in.Kind() == frame.KindJSON {
			got = echo.JSONKind(in.JSONValue())
		}
		return fmt.Errorf("%s needs a JSON object {%q, %q}; got %s", calculatorType, calculatorKeyOperation, calculatorKeyOperands, got)
	}
	opName, op, err := calculatorOperation(record)
	if err != nil {
		return err
	}
	result, err := calculate(record, op)
	if err != nil {
		return err
	}
	res := frame.JSON(map[string]any{
		calculatorKeyOperation: opName,
		calculatorKeyOperands:  record[calculatorKeyOperands],
		calculatorKeyResult:    result.Value(),
	})
	return out.Emit(withMetaOf(res, in))
}

func calculatorOperation(record map[string]any) (string, num.Op, error) {
	name, ok := record[calculatorKeyOperation].(string)
	if !ok {
		return "", 0, fmt.Errorf("%s: %q must be one of %s; got %s", calculatorType, calculatorKeyOperation,
			strings.Join(num.OpNames(), ", "), describeValue(record, calculatorKeyOperation))
	}
	op, ok := num.ParseOp(name)
	if !ok {
		return "", 0, fmt.Errorf("%s: unknown operation %q%s; use one of %s", calculatorType, name,
			suggest.Hint(name, num.OpNames()), strings.Join(num.OpNames(), ", "))
	}
	return name, op, nil
}

// calculate folds the record's operands left to right with op.
func calculate(record map[string]any, op num.Op) (num.Scalar, error) {
	list, ok := record[calculatorKeyOperands].([]any)
	if !ok {
		return num.Scalar{}, fmt.Errorf("%s: %q must be a list of numbers; got %s", calculatorType, calculatorKeyOperands, describeValue(record, calculatorKeyOperands))
	}
	if op == num.Power && len(list) != 2 {
		return num.Scalar{}, fmt.Errorf("%s: power takes exactly 2 operands (base, exponent); got %d", calculatorType, len(list))
	}
	if len(list) < 2 {
		return num.Scalar{}, fmt.Errorf("%s: %s takes at least 2 operands; got %d", calculatorType, op, len(list))
	}
	var acc num.Scalar
	for i, v := range list {
		x, ok := num.Parse(v)
		if !ok {
			return num.Scalar{}, fmt.Errorf("%s: operands[%d] must be a number; got %s", calculatorType, i, echo.JSONKind(v))
		}
		if i == 0 {
			acc = x
			continue
		}
		var err error
		if acc, err = num.Eval(op, acc, x); err != nil {
			return num.Scalar{}, fmt.Errorf("%s: %s %v: %w", calculatorType, op, list, err)
		}
	}
	return acc, nil
}

// describeValue names record[key]'s type, or says it is missing.
func describeValue(record map[string]any, key string) string {
	v, ok := record[key]
	if !ok {
		return "no " + key + " key"
	}
	return echo.JSONKind(v)
}

func calculatorSpec() node.Spec {
	return node.Spec{
		Type:    calculatorType,
		Summary: "Evaluates the arithmetic operation each input record asks for.",
		Description: "Each input is a JSON object `{\"operation\": ..., \"operands\": [...]}`. " +
			"`operation` is one of `add`, `subtract`, `multiply`, `divide` or `power`; `operands` holds at least " +
			"two numbers (exactly two for `power`: base and exponent), folded left to right, so " +
			"`subtract [10, 3, 2]` is `5`.\n\n" +
			"The output is `{\"operation\", \"operands\", \"result\"}`. Integers stay exact while the result fits " +
			"int64 (`divide` gives an integer only when it divides evenly). Division by zero, a non-finite result " +
			"and malformed records are errors.",
		Category:  "math",
		Stability: node.Stable,
		Runtime:   node.RuntimeGo,
		Light:     true,
		Inputs:    []string{`json {"operation": string, "operands": [number, ...]}`},
		Outputs:   []string{`json {"operation": string, "operands": [number, ...], "result": number}`},
		Example:   `{"id": "calc", "node_type": "CalculatorNode", "params": {}}`,
		New:       func(node.Params) (node.Node, error) { return calculator{}, nil },
	}
}

func init() { node.MustRegister(calculatorSpec()) }
