package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/rmpkg"
)

// loadPipeline prepares the manifest or .rmpkg package at path to run. A
// package's WASM modules are registered into a clone of cfg's registry;
// release frees them after the run. loadPython, when set, runs a package's
// Python sources, only once the package is verified.
func loadPipeline(ctx context.Context, path string, cfg core.Config, loadPython rmpkg.LoadPython) (p *core.Pipeline, release func(), err error) {
	if isPackage(path) {
		pkg, err := rmpkg.Open(path)
		if err != nil {
			return nil, nil, err
		}
		p, closeModules, err := rmpkg.NewPipelineLoading(ctx, pkg, cfg, loadPython)
		if err != nil {
			return nil, nil, err
		}
		return p, func() { _ = closeModules(context.Background()) }, nil
	}
	m, err := core.LoadManifestContext(ctx, path, cfg)
	if err != nil {
		return nil, nil, err
	}
	if err := checkWASMModules(m, cfg); err != nil {
		return nil, nil, err
	}
	if p, err = core.NewPipeline(m, cfg); err != nil {
		return nil, nil, err
	}
	return p, func() {}, nil
}

// loadManifest reads the manifest at path, or the one inside a package.
func loadManifest(path string, cfg core.Config) (*core.Manifest, error) {
	if !isPackage(path) {
		return core.LoadManifest(path, cfg)
	}
	pkg, err := rmpkg.Open(path)
	if err != nil {
		return nil, err
	}
	return rmpkg.ParseManifest(pkg, cfg)
}

// zipMagic starts every ZIP archive, so also every .rmpkg.
var zipMagic = []byte("PK\x03\x04")

// isPackage tells packages from manifests by extension or by content. Only
// a regular file is sniffed: reading a pipe (run <(cat m.json)) would
// consume what the manifest loader must read, and opening one blocks.
func isPackage(path string) bool {
	if strings.EqualFold(filepath.Ext(path), ".rmpkg") {
		return true
	}
	if st, err := os.Stat(path); err != nil || !st.Mode().IsRegular() {
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return false // the manifest loader reports it
	}
	defer f.Close()
	head := make([]byte, len(zipMagic))
	_, err = io.ReadFull(f, head)
	return err == nil && bytes.Equal(head, zipMagic)
}

// checkWASMModules reports "wasm:<name>" nodes whose module is not loaded.
// The manifest parser accepts such types without a registry entry, since
// only a package carries the module.
func checkWASMModules(m *core.Manifest, cfg core.Config) error {
	var problems []core.Problem
	for i, n := range m.Nodes {
		name, isWASM := strings.CutPrefix(n.Type, "wasm:")
		if _, known := cfg.Registry().Lookup(n.Type); !isWASM || known {
			continue
		}
		problems = append(problems, core.Problem{
			Path: fmt.Sprintf("$.nodes[%d].node_type", i),
			Message: fmt.Sprintf("%s needs the WebAssembly module %q: package the manifest with it "+
				"(remotemedia package create --manifest M --wasm %s=%s.wasm --output P.rmpkg) and run the package",
				n.Type, name, name, name),
		})
	}
	if problems != nil {
		return &core.ManifestError{Problems: problems}
	}
	return nil
}
