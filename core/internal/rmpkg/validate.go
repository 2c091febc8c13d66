package rmpkg

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/remotemedia/remotemedia/core/internal/jsonx"
	"github.com/remotemedia/remotemedia/core/internal/manifest"
	"github.com/remotemedia/remotemedia/core/internal/wasmhost"
	"github.com/remotemedia/remotemedia/core/node"
)

// ManifestCheck returns every problem of a manifest, e.g. ParserCheck.
type ManifestCheck func(manifestJSON []byte) []manifest.Problem

// ValidateOptions configures Validate.
type ValidateOptions struct {
	// CheckManifest runs the full manifest checks. Nil only checks what a
	// package itself needs (version, runtime.target, WASM modules) and warns.
	CheckManifest ManifestCheck
	// Host compiles the WASM modules. Nil uses a temporary host with the
	// default limits and no disk cache: checking a package must not fill
	// the compilation cache with code that may never run.
	Host *wasmhost.Host
}

// ParserCheck checks manifests with the manifest parser against reg.
func ParserCheck(reg *node.Registry) ManifestCheck {
	return func(manifestJSON []byte) []manifest.Problem {
		_, err := manifest.Parse(manifestJSON, reg)
		var invalid *manifest.Error
		switch {
		case err == nil:
			return nil
		case errors.As(err, &invalid):
			return invalid.Problems
		}
		return []manifest.Problem{{Path: "$", Message: err.Error()}}
	}
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
	m := p.checkManifest(&r, opts.CheckManifest)
	if m != nil {
		for name, nodes := range m.wasmNodes() {
			if _, ok := p.files[NodesDir+name+wasmExt]; !ok {
				r.errorf(ManifestFile, "node %s is wasm:%s, but the package has no %s%s%s", strings.Join(nodes, ", "), name, NodesDir, name, wasmExt)
			}
		}
	}
	p.checkModules(ctx, &r, m, opts.Host)
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
			if !wasmhost.HasWASMMagic(content) {
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
func (p *Package) checkManifest(r *Report, check ManifestCheck) *manifestView {
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
	for _, msg := range wasmhost.RuntimeProblems(m.Runtime) {
		r.errorf(ManifestFile, "%s", msg)
	}
	if check == nil {
		r.warnf(ManifestFile, "node types and params were not checked (no manifest checker given)")
		return m
	}
	for _, prob := range check(raw) {
		r.errorf(ManifestFile, "%s", prob)
	}
	return m
}

// checkModules compiles every module and checks it against the ABI.
func (p *Package) checkModules(ctx context.Context, r *Report, m *manifestView, h *wasmhost.Host) {
	modules := p.WASMModules()
	if len(modules) == 0 {
		return
	}
	if h == nil {
		tmp, err := wasmhost.NewHost(ctx, wasmhost.NewConfig().WithCacheDir(""))
		if err != nil {
			r.errorf("", "cannot start the WASM host to check modules: %v", err)
			return
		}
		defer tmp.Close(ctx)
		h = tmp
	}
	var used map[string][]string
	if m != nil {
		used = m.wasmNodes()
	}
	for _, name := range sortedKeys(modules) {
		entry := NodesDir + name + wasmExt
		mod, err := h.Compile(ctx, name, modules[name])
		if err != nil {
			r.errorf(entry, "%v", err)
			continue
		}
		_ = mod.Close(ctx)
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

// HostConfig applies the manifest's runtime.wasm limits to base. The error
// is an *InvalidError with the problems Validate reports for the block.
func (p *Package) HostConfig(base wasmhost.Config) (wasmhost.Config, error) {
	runtime := p.Runtime()
	if problems := wasmhost.RuntimeProblems(runtime); len(problems) > 0 {
		r := Report{}
		for _, msg := range problems {
			r.errorf(ManifestFile, "%s", msg)
		}
		return base, r.Err()
	}
	return wasmhost.ConfigFromRuntime(base, runtime)
}

// RegisterWASM compiles every nodes/<name>.wasm and registers its spec,
// "wasm:<name>", in reg (pass a clone, never the default registry).
func (p *Package) RegisterWASM(ctx context.Context, h *wasmhost.Host, reg *node.Registry) error {
	modules := p.WASMModules()
	for _, name := range sortedKeys(modules) {
		spec, err := h.NewSpec(ctx, name, modules[name])
		if err != nil {
			return fmt.Errorf("%s%s%s: %w", NodesDir, name, wasmExt, err)
		}
		if err := reg.Replace(spec); err != nil {
			return err
		}
	}
	return nil
}
