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
	if err := impl.CreateFile(ctx, path, contents); err != nil {
		return &core.InputError{Err: err}
	}
	return nil
}

// Validate lists every problem of p, checking its manifest against cfg's
// registry and compiling its modules. Warnings do not make it invalid.
func Validate(ctx context.Context, p *Package, cfg core.Config) Report {
	return p.Validate(ctx, impl.ValidateOptions{CheckManifest: impl.ParserCheck(cfg.Registry())})
}

// NewPipeline validates p, registers each of its WASM modules as
// "wasm:<name>" in a clone of cfg's registry, and prepares its manifest to
// run. The modules live until the returned close function is called, after
// the pipeline's last run.
func NewPipeline(ctx context.Context, p *Package, cfg core.Config) (*core.Pipeline, func(context.Context) error, error) {
	hostCfg, err := p.HostConfig(wasmhost.NewConfig())
	if err != nil {
		return nil, nil, &core.InputError{Err: &InvalidError{Problems: []Problem{{Entry: impl.ManifestFile, Message: err.Error()}}}}
	}
	host, err := wasmhost.NewHost(ctx, hostCfg)
	if err != nil {
		return nil, nil, err
	}
	pipeline, err := newPipeline(ctx, p, host, cfg)
	if err != nil {
		return nil, nil, errors.Join(err, host.Close(ctx))
	}
	return pipeline, host.Close, nil
}

func newPipeline(ctx context.Context, p *Package, host *wasmhost.Host, cfg core.Config) (*core.Pipeline, error) {
	report := p.Validate(ctx, impl.ValidateOptions{CheckManifest: impl.ParserCheck(cfg.Registry()), Host: host})
	if err := report.Err(); err != nil {
		return nil, &core.InputError{Err: err}
	}
	reg := cfg.Registry().Clone()
	if err := p.RegisterWASM(ctx, host, reg); err != nil {
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
