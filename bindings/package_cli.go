package bindings

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/rmpkg"
)

// The functions below serve the pip-installed `remotemedia package`
// subcommands: each returns the text the Go CLI prints, rendered by the same
// rmpkg functions.

// CreatePackageFiles is `package create`: it writes the package at output
// from the manifest, the "name=file.wasm" modules and the Python files (both
// lists as JSON arrays of strings) and returns the line to print.
func CreatePackageFiles(output, manifestPath, wasmJSON, pythonJSON string) (stdout string, err error) {
	defer guard(&err)
	var wasm, python []string
	if err := json.Unmarshal([]byte(wasmJSON), &wasm); err != nil {
		return "", fmt.Errorf("wasm files from Python: %w", err)
	}
	if err := json.Unmarshal([]byte(pythonJSON), &python); err != nil {
		return "", fmt.Errorf("python files from Python: %w", err)
	}
	if err := rmpkg.CreateFromFiles(context.Background(), output, manifestPath, wasm, python); err != nil {
		return "", err
	}
	return rmpkg.RenderCreated(output), nil
}

// PackageReport is what `package validate` prints: Stdout, Stderr, and
// whether the package is usable (exit 0) or not (exit 2).
type PackageReport struct {
	stdout, stderr string
	ok             bool
}

// Stdout is the text for standard output.
func (r *PackageReport) Stdout() string { return r.stdout }

// Stderr is the text for standard error.
func (r *PackageReport) Stderr() string { return r.stderr }

// OK reports whether the package has no errors (warnings do not count).
func (r *PackageReport) OK() bool { return r.ok }

// ValidateReport is `package validate`: it validates the package against
// reg (the Go node types plus the Python ones registered there) and renders
// the report as text or JSON.
func (p *Package) ValidateReport(reg *Registry, asJSON bool) (out *PackageReport, err error) {
	defer guard(&err)
	report := rmpkg.Validate(context.Background(), p.p, core.NewConfig().WithRegistry(reg.reg))
	stdout, stderr, err := rmpkg.RenderReport(report, asJSON)
	if err != nil {
		return nil, err
	}
	return &PackageReport{stdout: stdout, stderr: stderr, ok: report.OK()}, nil
}

// InspectText is `package inspect`: the package's summary as text or JSON.
func (p *Package) InspectText(asJSON bool) (out string, err error) {
	defer guard(&err)
	return rmpkg.RenderInspect(p.p.Inspect(), asJSON)
}
