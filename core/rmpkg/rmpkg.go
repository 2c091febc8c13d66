// Package rmpkg opens, checks, creates and runs .rmpkg packages: one ZIP
// holding a manifest with the WASM modules and Python sources it needs
// (docs/RMPKG_FORMAT.md).
//
// It is a package of its own, not part of core, because running a package
// needs the WASM host (wazero): programs that only run manifests, such as
// the browser build, stay small.
package rmpkg

import (
	"context"
	"errors"
	"fmt"

	"github.com/remotemedia/remotemedia/core"
	impl "github.com/remotemedia/remotemedia/core/internal/rmpkg"
	"github.com/remotemedia/remotemedia/core/internal/wasmhost"
)

type (
	// Package is an .rmpkg read into memory.
	Package = impl.Package
	// Contents is what Create puts into a new package.
	Contents = impl.CreateOptions
	// Report lists a package's errors and warnings.
	Report = impl.Report
	// Problem is one error or warning, about one entry.
	Problem = impl.Problem
	// Summary is a package's metadata, files and nodes.
	Summary = impl.Summary
	// Metadata is a package's name, version and contents at a glance.
	Metadata = impl.Metadata
	// NodeSummary is one manifest node of a Summary.
	NodeSummary = impl.NodeSummary
	// Entry is one file of a Summary.
	Entry = impl.Entry
	// InvalidError lists every error that makes a package unusable.
	InvalidError = impl.InvalidError
)

// Errors from this package wrap their cause in a *core.InputError, so
// core.ErrorCode classifies them as invalid input: a package is input.

// Open reads the package at path within the default size limits. It fails
// only when the file is unreadable, too large or not a ZIP; what is wrong
// inside is for Validate to say.
func Open(path string) (*Package, error) {
	p, err := impl.OpenFile(path, impl.DefaultLimits())
	if err != nil {
		return nil, &core.InputError{Err: err}
	}
	return p, nil
}

// ContentsFromFiles reads the manifest, the "name=file.wasm" modules and
// the Python sources a package is to hold.
func ContentsFromFiles(manifestPath string, wasm, python []string) (Contents, error) {
	contents, err := impl.LoadCreateOptions(manifestPath, wasm, python)
	if err != nil {
		return contents, &core.InputError{Err: err}
	}
	return contents, nil
}

// Create writes contents to path, atomically, and only if the package
// could run: it runs the checks of Validate first (all of them but node
// types and params, which depend on where the package runs), so a wasm
// node without its module, a module that does not compile or one with
// foreign imports is refused. Only a regular file at path is ever
// replaced (see core/atomicfile); the file is mode 0644, less the umask.
func Create(ctx context.Context, path string, contents Contents) error {
	check := &checkHost{}
	defer check.close(ctx)
	contents.Check.WASM = check
	if err := impl.CreateFile(ctx, path, contents); err != nil {
		return &core.InputError{Err: err}
	}
	return nil
}

// Validate lists every problem of p, checking its manifest against cfg's
// registry and compiling its modules. Warnings do not make it invalid. It
// never executes package code: node types the package's Python sources
// declare have their params checked only once the sources are loaded (see
// Package.WithPythonTypes).
func Validate(ctx context.Context, p *Package, cfg core.Config) Report {
	check := &checkHost{}
	defer check.close(ctx)
	return p.Validate(ctx, impl.ValidateOptions{CheckManifest: impl.ParserCheck(p.WithPythonTypes(cfg.Registry())), WASM: check})
}

// ParseManifest parses p's manifest against cfg's registry, with the node
// types its Python sources declare, without validating the package.
func ParseManifest(p *Package, cfg core.Config) (*core.Manifest, error) {
	return core.ParseManifest(p.Manifest(), cfg.WithRegistry(p.WithPythonTypes(cfg.Registry())))
}

// LoadPython runs a package's Python sources. It is called only once the
// package is verified, and registers the node types the sources declare
// into the registry it was made for. Its error, which should name the
// python/ file, makes the package invalid.
type LoadPython func(ctx context.Context, p *Package) error

// NewPipeline validates p, registers each of its WASM modules as
// "wasm:<name>" in a clone of cfg's registry, and prepares its manifest to
// run. The modules live until the returned close function is called, after
// the pipeline's last run.
func NewPipeline(ctx context.Context, p *Package, cfg core.Config) (*core.Pipeline, func(context.Context) error, error) {
	return NewPipelineLoading(ctx, p, cfg, nil)
}

// NewPipelineLoading is NewPipeline for a runtime that runs Python nodes:
// once p is verified (entries, checksums, manifest, modules), and only if
// it has Python sources, load runs them, registering their node types into
// cfg's registry; then the manifest is compiled against it. Nothing of the
// package runs when it is invalid. A nil load leaves the sources unrun.
func NewPipelineLoading(ctx context.Context, p *Package, cfg core.Config, load LoadPython) (*core.Pipeline, func(context.Context) error, error) {
	hostCfg, err := hostConfig(p, wasmhost.NewConfig())
	if err != nil {
		return nil, nil, &core.InputError{Err: err}
	}
	host, err := wasmhost.NewHost(ctx, hostCfg)
	if err != nil {
		return nil, nil, err
	}
	pipeline, err := newPipeline(ctx, p, host, cfg, load)
	if err != nil {
		return nil, nil, errors.Join(err, host.Close(ctx))
	}
	return pipeline, host.Close, nil
}

func newPipeline(ctx context.Context, p *Package, host *wasmhost.Host, cfg core.Config, load LoadPython) (*core.Pipeline, error) {
	check := impl.ParserCheck(p.WithPythonTypes(cfg.Registry()))
	report := p.Validate(ctx, impl.ValidateOptions{CheckManifest: check, WASM: host})
	if err := report.Err(); err != nil {
		return nil, &core.InputError{Err: err}
	}
	// Without a loader, the sources' types stay placeholders: building the
	// pipeline then says they need the Python runtime.
	reg := p.WithPythonTypes(cfg.Registry())
	if load != nil && len(p.PythonSources()) > 0 {
		if err := load(ctx, p); err != nil {
			return nil, &core.InputError{Err: &InvalidError{Problems: []Problem{{Message: err.Error()}}}}
		}
		reg = cfg.Registry() // now holds what the sources declared; any other type is unknown
	}
	reg = reg.Clone()
	if err := registerWASM(ctx, p, host, reg); err != nil {
		return nil, fmt.Errorf("register package modules: %w", err)
	}
	// WASM specs declare no params: the module checks its own in rm_init,
	// so the manifest passes them through unchecked.
	withModules := cfg.WithRegistry(reg)
	m, err := core.ParseManifest(p.Manifest(), withModules)
	if err != nil {
		return nil, err
	}
	return core.NewPipeline(m, withModules)
}
