package bindings

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/rmpkg"
)

// codePackage marks errors about an .rmpkg file; Python raises PackageError.
const codePackage = "package"

// packageError marks an error as being about a package file.
type packageError struct{ err error }

func (e *packageError) Error() string { return e.err.Error() }
func (e *packageError) Unwrap() error { return e.err }

// Package is an opened .rmpkg file.
type Package struct {
	p *rmpkg.Package
}

// OpenPackage reads an .rmpkg file.
func OpenPackage(path string) (pkg *Package, err error) {
	defer guard(&err)
	p, err := rmpkg.Open(path)
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return nil, pe // an OS error (missing file, ...): Python raises its own OSError
	}
	if err != nil {
		return nil, &packageError{err}
	}
	return &Package{p: p}, nil
}

// SummaryJSON is the package's metadata, files and nodes, as JSON.
func (p *Package) SummaryJSON() (out string, err error) {
	defer guard(&err)
	b, err := json.Marshal(p.p.Inspect())
	return string(b), err
}

// ManifestJSON is the package's manifest.json.
func (p *Package) ManifestJSON() string { return string(p.p.Manifest()) }

// PythonSourcesJSON maps the package's Python files to their sources.
func (p *Package) PythonSourcesJSON() (out string, err error) {
	defer guard(&err)
	srcs := map[string]string{}
	for name, b := range p.p.PythonSources() {
		srcs[name] = string(b)
	}
	b, err := json.Marshal(srcs)
	return string(b), err
}

// Validate checks the package against r, where Python registered its node
// types: entries, checksums, manifest and modules, never running package
// code. The error lists every problem.
func (p *Package) Validate(r *Registry) (err error) {
	defer guard(&err)
	report := rmpkg.Validate(context.Background(), p.p, core.NewConfig().WithRegistry(r.reg))
	if err := report.Err(); err != nil {
		return &packageError{err}
	}
	return nil
}

// CompilePackage validates the package against r (where Python registers
// its node types first) and prepares its pipeline, WASM modules loaded.
// Call Close on the pipeline after its last run to free the modules.
func CompilePackage(r *Registry, pkg *Package, queueSize int, skipErrors bool) (p *Pipeline, err error) {
	defer guard(&err)
	// core.NewPipeline range-checks queueSize (0: the default).
	cfg := core.NewConfig().WithRegistry(r.reg).WithSkipErrors(skipErrors).WithQueueSize(queueSize)
	cp, closeFn, err := rmpkg.NewPipeline(context.Background(), pkg.p, cfg)
	if err != nil {
		var inv *rmpkg.InvalidError
		if errors.As(err, &inv) {
			return nil, &packageError{err}
		}
		return nil, err
	}
	return &Pipeline{p: cp, sinks: cp.Sinks(), close: closeFn}, nil
}

// Close frees what the pipeline holds beyond memory (a package's WASM
// modules). Runs must have ended.
func (p *Pipeline) Close() (err error) {
	defer guard(&err)
	if p.close == nil {
		return nil
	}
	closeFn := p.close
	p.close = nil
	return closeFn(context.Background())
}
