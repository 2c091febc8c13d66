package rmpkg

import (
	"context"
	"io/fs"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/remotemedia/remotemedia/core/internal/jsonx"
	"github.com/remotemedia/remotemedia/core/internal/wasmhost"
	"github.com/remotemedia/remotemedia/core/node"
)

// fuzzLimits keep each input small, so compiling its modules is quick.
var fuzzLimits = Limits{MaxPackageSize: 256 << 10, MaxFileSize: 64 << 10, MaxTotalSize: 256 << 10, MaxEntries: 64}

// FuzzPackage: mutated .rmpkg bytes go through open, validate (which
// compiles the modules) and inspect. Whatever they are, nothing may crash
// or hang, and every problem and summary must be safe to show and encode.
func FuzzPackage(f *testing.F) {
	manifest := []byte(gainManifest)
	f.Add(validPackage(f))
	f.Add(zipOf(f, zipEntry{name: ManifestFile, data: manifest, stored: true}, zipEntry{name: "nodes/gain.wasm", data: gainWASM(f), stored: true}))
	f.Add(zipOf(f, zipEntry{name: ManifestFile, data: manifest, stored: true}, zipEntry{name: "nodes/gain.wasm", data: wasmFixture(f, "probe.wasm"), stored: true},
		zipEntry{name: "python/x.py", data: []byte("x = 1\n"), stored: true}, zipEntry{name: ChecksumsFile, data: []byte("00  manifest.json\n"), stored: true}))
	f.Add(zipOf(f, zipEntry{name: ManifestFile, data: []byte(`{"version":"v1","runtime":{"target":"wasm32-wasi"},"nodes":[]}`), stored: true},
		zipEntry{name: SeedRuntimeFile, data: wasmFixture(f, "echo.wasm"), stored: true}))
	f.Add(zipOf(f, zipEntry{name: ManifestFile, data: manifest, stored: true}, zipEntry{name: "nodes/gain.wasm", data: wasmFixture(f, "bad_imports.wasm"), stored: true},
		zipEntry{name: "../evil", data: []byte("x"), stored: true}, zipEntry{name: "link", data: []byte("/etc/passwd"), mode: fs.ModeSymlink | 0o777, stored: true}))

	h, err := wasmhost.NewHost(context.Background(), wasmhost.NewConfig().WithCacheDir("").WithMemoryLimit(1<<20))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { _ = h.Close(context.Background()) })
	check := ParserCheck(node.NewRegistry())
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Open(data, fuzzLimits)
		if err != nil {
			return
		}
		r := p.Validate(context.Background(), ValidateOptions{CheckManifest: check, WASM: h})
		for _, prob := range append(r.Errors, r.Warnings...) {
			requireShowable(t, prob.String(), false)
		}
		encoded, err := jsonx.Marshal(r)
		if err != nil || !utf8.Valid(encoded) {
			t.Fatalf("report does not encode as UTF-8 JSON: %v %q", err, encoded)
		}
		requireShowable(t, p.Inspect().String(), true)
	})
}

// requireShowable fails unless s is UTF-8 without control characters
// (newlines allowed only in multi-line text).
func requireShowable(t *testing.T, s string, multiline bool) {
	t.Helper()
	if !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool {
		return (r < 0x20 && !(multiline && r == '\n')) || r == 0x7f
	}) {
		t.Fatalf("not safe to show: %q", s)
	}
}
