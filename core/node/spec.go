package node

// Stability tells users how much a node type may still change.
type Stability string

const (
	Stable       Stability = "stable"
	Beta         Stability = "beta"
	Experimental Stability = "experimental"
)

// Runtime names where a node type's implementation runs.
type Runtime string

const (
	// RuntimeGo nodes are implemented in Go and run everywhere the engine runs.
	RuntimeGo Runtime = "go"
	// RuntimePython nodes need the Python runtime (the pip-installed package).
	// The pure-Go engine knows their specs so it can validate manifests and
	// explain what is missing, but cannot run them.
	RuntimePython Runtime = "python"
	// RuntimeWASM nodes are WebAssembly modules run in the sandbox.
	RuntimeWASM Runtime = "wasm"
)

// Spec declares a node type: its documentation, its params and how to build it.
type Spec struct {
	// Type is the manifest node_type, e.g. "MultiplyNode".
	Type string
	// Summary is one sentence; Description may be longer Markdown.
	Summary     string
	Description string
	Category    string
	Stability   Stability
	Runtime     Runtime
	// Inputs and Outputs document the frame kinds the node accepts and emits.
	Inputs  []string
	Outputs []string
	Params  []Param
	// Example is a manifest node object in JSON showing typical use.
	Example string
	// Light marks a Go node whose Process is cheap, never blocks and needs
	// no goroutine of its own: the executor may call it on its
	// predecessor's worker instead of passing it items over a channel
	// (fusion; docs/ARCHITECTURE.md). Heavy nodes stay unmarked, so that
	// two of them never share a core.
	Light bool
	// ReleasesGIL marks a Python node whose work runs mostly outside the
	// GIL (native inference such as faster-whisper's). Every other Python
	// node holds the GIL while it works, so two in a row cannot run in
	// parallel anyway: the executor runs such a pair on one worker, and an
	// item passes from one to the next with no GIL hand-off between OS
	// threads. A node that releases the GIL keeps a worker of its own, so
	// it can overlap with its neighbours.
	ReleasesGIL bool
	// New builds one instance from params that already passed the spec's
	// validation, with defaults filled in. It may return an error for
	// constraints a spec cannot express. Nil for types this runtime cannot run.
	New func(p Params) (Node, error)
}

// Param declares one configuration parameter of a node type.
type Param struct {
	Name string
	Type ParamType
	Doc  string
	// Default is used when the manifest omits the param; nil means no default.
	Default  any
	Required bool
	// Min and Max bound numeric params (inclusive) when set.
	Min, Max *float64
	// Enum lists the allowed values of a string param when set.
	Enum []string
}

// Bound returns a pointer to v, for Param.Min and Param.Max.
func Bound(v float64) *float64 { return &v }
