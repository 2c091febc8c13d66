package cli

import (
	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/node"
	"github.com/remotemedia/remotemedia/core/rmpkg"
)

// Options adapt the CLI to the runtime that embeds it. The zero value is
// the Go binary: the engine's node types, and packages' Python sources
// never run. The pip-installed command passes the Python ones.
type Options struct {
	// Registry holds the node types the CLI knows; nil is the engine's
	// default registry.
	Registry *node.Registry
	// LoadPackagePython runs a package's Python sources once Go has
	// verified the package, registering their node types into Registry
	// (`run P.rmpkg` only). Nil leaves them unrun.
	LoadPackagePython rmpkg.LoadPython
}

func (o Options) registry() *node.Registry {
	if o.Registry == nil {
		return node.Default()
	}
	return o.Registry
}

// config is the engine configuration of a command.
func (o Options) config() core.Config { return core.NewConfig().WithRegistry(o.registry()) }
