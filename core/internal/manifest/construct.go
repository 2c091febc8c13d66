package manifest

import (
	"fmt"

	"github.com/remotemedia/remotemedia/core/node"
)

// tryNew builds one instance of a Go node type and closes it, so that
// validate runs the constructor's own checks (constraints a spec cannot
// express, such as the syntax of a JSONSelectNode path) and accepts exactly
// what run accepts. Python and WASM node types are left to their runtimes:
// their constructors cross into another runtime.
func tryNew(spec *node.Spec, params node.Params) (err error) {
	if spec.Runtime != node.RuntimeGo || spec.New == nil {
		return nil
	}
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("the %s constructor panicked: %v", spec.Type, v)
		}
	}()
	impl, err := spec.New(params)
	if err != nil {
		return err
	}
	if c, ok := impl.(node.Closer); ok {
		return c.Close()
	}
	return nil
}
