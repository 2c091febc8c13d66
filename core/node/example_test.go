package node_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

// upper is a third-party node: it upper-cases text frames.
type upper struct{ suffix string }

func (u *upper) Process(_ context.Context, in *frame.Frame, out node.Emitter) error {
	return out.Emit(frame.Text(strings.ToUpper(in.TextValue()) + u.suffix))
}

// A node type declares its params once; the registry validates manifests
// against them and passes New the checked params, defaults filled in.
func ExampleRegistry_Register() {
	reg := node.NewRegistry()
	err := reg.Register(node.Spec{
		Type:    "Upper",
		Summary: "Upper-cases text.",
		Params: []node.Param{
			{Name: "suffix", Type: node.TypeString, Default: "!", Doc: "Appended to every output."},
		},
		New: func(p node.Params) (node.Node, error) { return &upper{suffix: p.String("suffix")}, nil },
	})
	if err != nil {
		panic(err)
	}
	spec, _ := reg.Lookup("Upper")
	params, problems := spec.ValidateParams(map[string]any{})
	fmt.Println(params, problems)
	_, problems = spec.ValidateParams(map[string]any{"sufix": "?"})
	fmt.Println(problems[0])
	// Output:
	// map[suffix:!] []
	// param "sufix": unknown param for Upper (did you mean "suffix"?)
}
