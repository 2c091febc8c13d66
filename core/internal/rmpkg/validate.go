package rmpkg

import (
	"context"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/remotemedia/remotemedia/core/internal/jsonx"
	"github.com/remotemedia/remotemedia/core/internal/manifest"
	"github.com/remotemedia/remotemedia/core/internal/wasmbin"
	"github.com/remotemedia/remotemedia/core/node"
)

// ManifestCheck returns every problem of a manifest, e.g. ParserCheck.
type ManifestCheck func(manifestJSON []byte) []manifest.Problem

// ValidateOptions configures Validate.
type ValidateOptions struct {
	// CheckManifest runs the full manifest checks. Nil checks all but node
	// types and params (ShapeCheck), and warns.
	CheckManifest ManifestCheck
	// WASM checks the manifest's runtime.wasm block and compiles each
	// module (a *wasmhost.Host does both). Nil leaves both to where the
	// modules are instantiated, as in the browser, and warns.
	WASM WASMCheck
}

// WASMCheck is what Validate asks of a WASM host. It is an interface so
// builds without a WASM runtime (the browser engine) can check the rest of
// a package by these same rules.
type WASMCheck interface {
	// RuntimeProblems lists what is wrong with a manifest's runtime block
	// for the host.
	RuntimeProblems(runtime map[string]any) []string
	// CheckModule compiles wasm and checks it against the ABI.
	CheckModule(ctx context.Context, name string, wasm []byte) error
}

// ParserCheck checks manifests with the manifest parser against reg.
func ParserCheck(reg *node.Registry) ManifestCheck {
	return func(manifestJSON []byte) []manifest.Problem {
		_, err := manifest.Parse(manifestJSON, reg)
		return problemsOf(err)
	}
}

// ShapeCheck is what Validate checks with no ManifestCheck given: every
// manifest rule but node types and params (manifest.ParseShape).
func ShapeCheck(manifestJSON []byte) []manifest.Problem {
	_, err := manifest.ParseShape(manifestJSON)
	return problemsOf(err)
}

func problemsOf(err error) []manifest.Problem {
	var invalid *manifest.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &invalid):
		return invalid.Problems
	}
	return []manifest.Problem{{Path: "$", Message: err.Error()}}
}

// Validate lists every problem of the package: what Open found while
// reading, then the manifest, the files it needs, checksums and modules.
func (p *Package) Validate(ctx context.Context, opts ValidateOptions) Report {
	r := Report{
		Errors:   append([]Problem(nil), p.read.Errors...),
		Warnings: append([]Problem(nil), p.read.Warnings...),
	}
	p.checkChecksums(&r)
	p.checkEntries(&r)
	m := p.checkManifest(&r, opts)
	if m != nil {
		for name, nodes := range m.wasmNodes() {
			if _, ok := p.files[NodesDir+name+wasmExt]; !ok {
				r.errorf(ManifestFile, "node %s is wasm:%s, but the package has no %s%s%s", strings.Join(nodes, ", "), name, NodesDir, name, wasmExt)
			}
		}
	}
	p.checkModules(ctx, &r, m, opts.WASM)
	return r
}

// checkEntries flags files the format does not know and bad file contents.
func (p *Package) checkEntries(r *Report) {
	if _, ok := p.files[ManifestFile]; !ok {
		r.errorf("", "missing %s", ManifestFile)
	}
	for _, e := range p.entries {
		name, content := e.Name, p.files[e.Name]
		switch {
		case name == ManifestFile || name == ChecksumsFile:
		case name == MetadataFile:
			var obj map[string]any
			if err := jsonx.Unmarshal(content, &obj); err != nil {
				r.errorf(name, "not a JSON object: %v", err)
			}
		case name == SeedRuntimeFile:
			if !wasmbin.HasMagic(content) {
				r.errorf(name, "not a wasm binary (bad magic)")
			} else {
				r.warnf(name, "seed-format executor, ignored: this engine runs the manifest itself")
			}
		case strings.HasPrefix(name, NodesDir):
			if _, ok := wasmNodeName(name); !ok {
				r.errorf(name, "unexpected file in %s: want <name>.wasm, name made of letters, digits, '_', '.' or '-'", NodesDir)
			}
		case strings.HasPrefix(name, PythonDir):
			if _, ok := p.PythonSources()[strings.TrimPrefix(name, PythonDir)]; !ok {
				r.errorf(name, "unexpected file in %s: want <name>.py", PythonDir)
			} else if !utf8.Valid(content) {
				r.errorf(name, "python source is not UTF-8")
			}
		default:
			r.warnf(name, "unknown file, ignored")
		}
	}
}

// checkManifest checks the manifest and returns its view, nil if unusable.
func (p *Package) checkManifest(r *Report, opts ValidateOptions) *manifestView {
	raw, ok := p.files[ManifestFile]
	if !ok {
		return nil
	}
	m, err := readManifest(raw)
	if err != nil {
		r.errorf(ManifestFile, "%v", err)
		return nil
	}
	switch target, err := m.target(); {
	case err != nil:
		r.errorf(ManifestFile, "%v", err)
	case target == "":
		r.warnf(ManifestFile, "no runtime.target; assuming %s", DefaultTarget)
	}
	if opts.WASM != nil {
		for _, msg := range opts.WASM.RuntimeProblems(m.Runtime) {
			r.errorf(ManifestFile, "%s", msg)
		}
	}
	check := opts.CheckManifest
	if check == nil {
		r.warnf(ManifestFile, "node types and params were not checked (no manifest checker given)")
		check = ShapeCheck
	}
	for _, prob := range check(raw) {
		r.errorf(ManifestFile, "%s", prob)
	}
	return m
}

// checkModules compiles every module and checks it against the ABI.
func (p *Package) checkModules(ctx context.Context, r *Report, m *manifestView, check WASMCheck) {
	modules := p.WASMModules()
	if len(modules) == 0 {
		return
	}
	if check == nil {
		r.warnf("", "WASM modules were not compiled here (no WASM host given)")
	}
	var used map[string][]string
	if m != nil {
		used = m.wasmNodes()
	}
	for _, name := range sortedKeys(modules) {
		entry := NodesDir + name + wasmExt
		if check != nil {
			if err := check.CheckModule(ctx, name, modules[name]); err != nil {
				r.errorf(entry, "%v", err)
				continue
			}
		}
		if m != nil && used[name] == nil {
			r.warnf(entry, "no manifest node uses wasm:%s", name)
		}
	}
}

// Runtime is the manifest's runtime block, nil when absent or unreadable.
func (p *Package) Runtime() map[string]any {
	m, err := readManifest(p.Manifest())
	if err != nil {
		return nil
	}
	return m.Runtime
}
