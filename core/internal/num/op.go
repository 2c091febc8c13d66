// Package num holds the numeric rules the built-in nodes share: arithmetic
// on JSON scalars that keeps integers exact, and elementwise kernels over
// typed slices.
package num

// Op is an arithmetic operation.
type Op uint8

const (
	Add Op = iota + 1
	Subtract
	Multiply
	Divide
	Power
)

var opNames = [...]string{Add: "add", Subtract: "subtract", Multiply: "multiply", Divide: "divide", Power: "power"}

// Ops lists every operation, in the order documentation shows them.
var Ops = []Op{Add, Subtract, Multiply, Divide, Power}

func (op Op) String() string {
	if op >= Add && op <= Power {
		return opNames[op]
	}
	return "op(?)"
}

var opSymbols = [...]string{Add: "+", Subtract: "-", Multiply: "*", Divide: "/", Power: "^"}

// Symbol is the operator sign, for messages such as "5 * 2".
func (op Op) Symbol() string {
	if op >= Add && op <= Power {
		return opSymbols[op]
	}
	return "?"
}

// ParseOp returns the operation named s ("add", "multiply", ...).
func ParseOp(s string) (Op, bool) {
	for _, op := range Ops {
		if opNames[op] == s {
			return op, true
		}
	}
	return 0, false
}

// OpNames returns the names of Ops.
func OpNames() []string {
	names := make([]string, len(Ops))
	for i, op := range Ops {
		names[i] = op.String()
	}
	return names
}
