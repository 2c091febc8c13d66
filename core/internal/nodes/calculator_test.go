package nodes

import (
	"context"
	"testing"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCalculatorNode_Process(t *testing.T) {
	tests := []struct {
		name, input, want string
	}{
		{"multiply", `{"operation": "multiply", "operands": [6, 7]}`, `{"operands":[6,7],"operation":"multiply","result":42}`},
		{"add many", `{"operation": "add", "operands": [1, 2, 3.5]}`, `{"operands":[1,2,3.5],"operation":"add","result":6.5}`},
		{"subtract folds left", `{"operation": "subtract", "operands": [10, 3, 2]}`, `{"operands":[10,3,2],"operation":"subtract","result":5}`},
		{"divide evenly", `{"operation": "divide", "operands": [6, 3]}`, `{"operands":[6,3],"operation":"divide","result":2}`},
		{"divide unevenly", `{"operation": "divide", "operands": [7, 2]}`, `{"operands":[7,2],"operation":"divide","result":3.5}`},
		{"power", `{"operation": "power", "operands": [2, 10]}`, `{"operands":[2,10],"operation":"power","result":1024}`},
		{"extra keys are ignored", `{"operation": "add", "operands": [1, 1], "note": "x"}`, `{"operands":[1,1],"operation":"add","result":2}`},
	}
	n := newNode(t, "CalculatorNode", `{}`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := runNode(t, n, jsonFrame(t, tt.input))
			require.NoError(t, err)
			require.Len(t, out, 1)
			assert.Equal(t, tt.want, encodeJSON(t, out[0]))
		})
	}
}

func TestCalculatorNode_ProcessErrors(t *testing.T) {
	tests := []struct {
		name    string
		input   *frame.Frame
		wantErr string
	}{
		{"divide by zero", jsonFrame(t, `{"operation": "divide", "operands": [1, 0]}`), "CalculatorNode: divide [1 0]: division by zero"},
		{"divide by zero later", jsonFrame(t, `{"operation": "divide", "operands": [8, 2, 0]}`), "division by zero"},
		{"unknown operation", jsonFrame(t, `{"operation": "multipy", "operands": [1, 2]}`), `unknown operation "multipy" (did you mean "multiply"?); use one of add, subtract, multiply, divide, power`},
		{"missing operation", jsonFrame(t, `{"operands": [1, 2]}`), `"operation" must be one of add, subtract, multiply, divide, power; got no operation key`},
		{"operation not a string", jsonFrame(t, `{"operation": 1, "operands": [1, 2]}`), `got number`},
		{"missing operands", jsonFrame(t, `{"operation": "add"}`), `"operands" must be a list of numbers; got no operands key`},
		{"one operand", jsonFrame(t, `{"operation": "add", "operands": [1]}`), "add takes at least 2 operands; got 1"},
		{"power with three", jsonFrame(t, `{"operation": "power", "operands": [2, 2, 2]}`), "power takes exactly 2 operands (base, exponent); got 3"},
		{"non-number operand", jsonFrame(t, `{"operation": "add", "operands": [1, "2"]}`), "operands[1] must be a number; got string"},
		{"not an object", jsonFrame(t, `[1, 2]`), `CalculatorNode needs a JSON object {"operation", "operands"}; got array`},
		{"text frame", frame.Text("6*7"), "got text"},
		{"infinite result", jsonFrame(t, `{"operation": "power", "operands": [10, 400.5]}`), "result is not a finite number"},
	}
	n := newNode(t, "CalculatorNode", `{}`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := runNode(t, n, tt.input)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
			assert.Empty(t, out)
		})
	}
}

func TestCalculatorNode_ProcessKeepsMeta(t *testing.T) {
	in := jsonFrame(t, `{"operation": "add", "operands": [1, 2]}`).WithMeta(map[string]any{"id": "q1"})
	out, err := runNode(t, newNode(t, "CalculatorNode", `{}`), in)
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"id": "q1"}, out[0].Meta())
}

func BenchmarkCalculatorNode_Process(b *testing.B) {
	n := newNode(b, "CalculatorNode", `{}`)
	in := jsonFrame(b, `{"operation": "multiply", "operands": [6, 7]}`)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := n.Process(ctx, in, discard{}); err != nil {
			b.Fatal(err)
		}
	}
}
