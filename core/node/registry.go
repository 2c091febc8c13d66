package node

import (
	"fmt"
	"regexp"
	"sort"
	"sync"

	"github.com/remotemedia/remotemedia/core/internal/suggest"
)

// Registry maps node_type names to specs. The zero value is not usable; use
// NewRegistry, Default or Clone. It is safe for concurrent use.
type Registry struct {
	mu    sync.RWMutex
	specs map[string]*Spec
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{specs: map[string]*Spec{}} }

var defaultRegistry = NewRegistry()

// Default is the process-wide registry. The engine's built-in nodes register
// into it when package core is linked. Tests that register their own types
// should use Default().Clone() so they never mutate global state.
func Default() *Registry { return defaultRegistry }

// Register adds spec to the default registry.
func Register(spec Spec) error { return defaultRegistry.Register(spec) }

// MustRegister is Register for init functions: a bad spec is a programmer
// error, so it panics.
func MustRegister(spec Spec) {
	if err := Register(spec); err != nil {
		panic(err)
	}
}

var typeName = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.:-]*$`)

// Register adds a spec. It fails if the type is already registered or the
// spec is ill-formed.
func (r *Registry) Register(spec Spec) error {
	if !typeName.MatchString(spec.Type) {
		return fmt.Errorf("register node type %q: type must match %s", spec.Type, typeName)
	}
	if spec.Runtime == "" {
		spec.Runtime = RuntimeGo
	}
	if spec.Stability == "" {
		spec.Stability = Experimental
	}
	if spec.Runtime == RuntimeGo && spec.New == nil {
		return fmt.Errorf("register node type %q: a Go node needs a New function", spec.Type)
	}
	seen := map[string]bool{}
	for _, p := range spec.Params {
		if p.Name == "" || seen[p.Name] {
			return fmt.Errorf("register node type %q: param names must be unique and non-empty", spec.Type)
		}
		seen[p.Name] = true
		if p.Default != nil {
			if _, msg := p.check(p.Default); msg != "" {
				return fmt.Errorf("register node type %q: default of param %q %s", spec.Type, p.Name, msg)
			}
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, dup := r.specs[spec.Type]; dup {
		return fmt.Errorf("register node type %q: already registered", spec.Type)
	}
	r.specs[spec.Type] = &spec
	return nil
}

// Replace registers spec, replacing any spec of the same type. Runtimes use
// it to swap a placeholder (e.g. a Python spec) for a runnable one.
func (r *Registry) Replace(spec Spec) error {
	r.mu.Lock()
	old := r.specs[spec.Type]
	delete(r.specs, spec.Type)
	r.mu.Unlock()
	if err := r.Register(spec); err != nil {
		if old != nil {
			r.mu.Lock()
			r.specs[spec.Type] = old
			r.mu.Unlock()
		}
		return err
	}
	return nil
}

// Lookup returns the spec for a node_type.
func (r *Registry) Lookup(nodeType string) (*Spec, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	s, ok := r.specs[nodeType]
	return s, ok
}

// Types returns every registered node_type, sorted.
func (r *Registry) Types() []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]string, 0, len(r.specs))
	for t := range r.specs {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// Specs returns every registered spec, sorted by type.
func (r *Registry) Specs() []*Spec {
	types := r.Types()
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]*Spec, len(types))
	for i, t := range types {
		out[i] = r.specs[t]
	}
	return out
}

// Suggest returns the registered type closest to a misspelt one, or "".
func (r *Registry) Suggest(nodeType string) string {
	return suggest.Closest(nodeType, r.Types())
}

// Clone returns an independent copy: registering into it leaves r unchanged.
func (r *Registry) Clone() *Registry {
	r.mu.RLock()
	defer r.mu.RUnlock()
	c := NewRegistry()
	for t, s := range r.specs {
		c.specs[t] = s
	}
	return c
}
