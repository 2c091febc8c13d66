package rmpkg

import (
	"bytes"
	"context"
	"io/fs"
	"strings"
	"testing"

	"github.com/remotemedia/remotemedia/core/node"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOpen_rejects(t *testing.T) {
	tests := []struct {
		name    string
		data    []byte
		limits  Limits
		wantErr string
	}{
		{name: "not a zip", data: []byte("this is not a zip"), wantErr: "not an .rmpkg package (not a ZIP archive)"},
		{name: "empty", data: nil, wantErr: "not a ZIP archive"},
		{name: "over the package size", data: bytes.Repeat([]byte{0}, 2048), limits: Limits{MaxPackageSize: 1024}, wantErr: "over the 1024-byte size limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			limits := DefaultLimits()
			if tt.limits.MaxPackageSize != 0 {
				limits = tt.limits
			}
			_, err := Open(tt.data, limits)
			require.ErrorContains(t, err, tt.wantErr)
		})
	}
}

func TestPackage_Validate_rejects(t *testing.T) {
	manifest := []byte(gainManifest)
	gain := gainWASM(t)
	small := DefaultLimits()
	small.MaxFileSize, small.MaxTotalSize, small.MaxEntries = 4096, 6000, 8
	big := bytes.Repeat([]byte("a"), 5000)
	tests := []struct {
		name   string
		data   []byte
		limits *Limits
		check  ManifestCheck
		entry  string
		want   string
	}{
		{name: "missing manifest",
			data: zipOf(t, zipEntry{name: "nodes/gain.wasm", data: gain}),
			want: "missing manifest.json"},
		{name: "manifest not JSON",
			data:  zipOf(t, zipEntry{name: ManifestFile, data: []byte("{nope")}),
			entry: ManifestFile, want: "not a JSON manifest object"},
		{name: "manifest of another version",
			data:  zipOf(t, zipEntry{name: ManifestFile, data: []byte(`{"version":"v0","nodes":[]}`)}),
			entry: ManifestFile, want: `version is "v0"`},
		{name: "manifest checks fail",
			data:  zipOf(t, zipEntry{name: ManifestFile, data: []byte(`{"version":"v1","runtime":{"target":"wasm32-wasi"},"nodes":[{"id":"a","node_type":"AddNod"}],"connections":[]}`)}),
			check: ParserCheck(node.NewRegistry()), entry: ManifestFile, want: `$.nodes[0].node_type: unknown node_type "AddNod"`},
		{name: "wrong runtime.target",
			data:  zipOf(t, zipEntry{name: ManifestFile, data: []byte(`{"version":"v1","runtime":{"target":"x86_64-linux"},"nodes":[]}`)}),
			entry: ManifestFile, want: `runtime.target is "x86_64-linux"; a package must target wasm32-wasi or wasm32-wasip1`},
		{name: "absolute path",
			data:  zipOf(t, zipEntry{name: ManifestFile, data: manifest}, zipEntry{name: "/etc/passwd", data: []byte("x")}),
			entry: "/etc/passwd", want: "absolute path; entry refused"},
		{name: "windows absolute path",
			data:  zipOf(t, zipEntry{name: ManifestFile, data: manifest}, zipEntry{name: "C:/x.py", data: []byte("x")}),
			entry: "C:/x.py", want: "absolute path"},
		{name: "zip slip",
			data:  zipOf(t, zipEntry{name: ManifestFile, data: manifest}, zipEntry{name: "python/../../evil.py", data: []byte("x")}),
			entry: "python/../../evil.py", want: "'..' in path; entry refused"},
		{name: "backslash",
			data:  zipOf(t, zipEntry{name: ManifestFile, data: manifest}, zipEntry{name: `..\evil.py`, data: []byte("x")}),
			entry: `..\evil.py`, want: "backslash in entry name"},
		{name: "symlink",
			data:  zipOf(t, zipEntry{name: ManifestFile, data: manifest}, zipEntry{name: "nodes/gain.wasm", data: []byte("/etc/passwd"), mode: fs.ModeSymlink | 0o777}),
			entry: "nodes/gain.wasm", want: "is a symlink; entry refused"},
		{name: "duplicate entries",
			data:  zipOf(t, zipEntry{name: ManifestFile, data: manifest}, zipEntry{name: ManifestFile, data: []byte(`{"version":"v1"}`)}),
			entry: ManifestFile, want: "duplicate entry"},
		{name: "file declared over the limit", limits: &small,
			data:  zipOf(t, zipEntry{name: ManifestFile, data: manifest}, zipEntry{name: "python/big.py", data: big}),
			entry: "python/big.py", want: "declares 5000 bytes, over the 4096-byte file limit"},
		{name: "zip bomb lying about its size", limits: &small,
			data:  zipOf(t, zipEntry{name: ManifestFile, data: manifest}, zipEntry{name: "python/bomb.py", data: bytes.Repeat([]byte{'0'}, 1<<20), declared: size(10)}),
			entry: "python/bomb.py", want: "is corrupt or holds more than its declared 10 bytes"},
		{name: "size smaller than declared",
			data:  zipOf(t, zipEntry{name: ManifestFile, data: manifest}, zipEntry{name: "python/short.py", data: []byte("x = 1\n"), declared: size(100)}),
			entry: "python/short.py", want: "cannot be read"},
		{name: "total over the limit", limits: &small,
			data: zipOf(t, zipEntry{name: ManifestFile, data: manifest},
				zipEntry{name: "python/a.py", data: big[:3000]}, zipEntry{name: "python/b.py", data: big[:3000]}),
			want: "entries declare more than the 6000-byte total limit"},
		{name: "too many entries", limits: &small,
			data: zipOf(t, zipEntry{name: ManifestFile, data: manifest},
				zipEntry{name: "1.py"}, zipEntry{name: "2.py"}, zipEntry{name: "3.py"}, zipEntry{name: "4.py"},
				zipEntry{name: "5.py"}, zipEntry{name: "6.py"}, zipEntry{name: "7.py"}, zipEntry{name: "8.py"}),
			want: "more than 8 entries"},
		{name: "checksum mismatch",
			data: rezip(t, validPackage(t), func(name string, data []byte) []byte {
				if name == "python/helper.py" {
					return []byte("import os; os.system('rm -rf /')\n")
				}
				return data
			}),
			entry: "python/helper.py", want: "checksum mismatch"},
		{name: "file not covered by checksums",
			data: rezip(t, validPackage(t), func(name string, data []byte) []byte {
				if name == ChecksumsFile {
					return []byte(strings.Join(strings.Split(string(data), "\n")[1:], "\n"))
				}
				return data
			}),
			entry: ManifestFile, want: "not covered by checksums.sha256"},
		{name: "checksums list a missing file",
			data: rezip(t, validPackage(t), func(name string, data []byte) []byte {
				if name == "python/helper.py" {
					return nil
				}
				return data
			}),
			entry: ChecksumsFile, want: "lists python/helper.py, which the package does not contain"},
		{name: "missing nodes/<name>.wasm",
			data: rezip(t, validPackage(t), func(name string, data []byte) []byte {
				if name == "nodes/gain.wasm" || name == ChecksumsFile {
					return nil
				}
				return data
			}),
			entry: ManifestFile, want: "node gain is wasm:gain, but the package has no nodes/gain.wasm"},
		{name: "bad wasm magic",
			data:  zipOf(t, zipEntry{name: ManifestFile, data: manifest}, zipEntry{name: "nodes/gain.wasm", data: []byte("MZ\x90\x00 not wasm")}),
			entry: "nodes/gain.wasm", want: "not a wasm binary (bad magic)"},
		{name: "module fails to compile",
			data:  zipOf(t, zipEntry{name: ManifestFile, data: manifest}, zipEntry{name: "nodes/gain.wasm", data: gain[:len(gain)/2]}),
			entry: "nodes/gain.wasm", want: "wasm module gain: compile:"},
		{name: "module lacks exports",
			data:  zipOf(t, zipEntry{name: ManifestFile, data: manifest}, zipEntry{name: "nodes/gain.wasm", data: wasmFixture(t, "broken_abi.wasm")}),
			entry: "nodes/gain.wasm", want: "missing export rm_alloc"},
		{name: "module imports an unknown WASI function",
			data:  zipOf(t, zipEntry{name: ManifestFile, data: manifest}, zipEntry{name: "nodes/gain.wasm", data: wasmFixture(t, "bad_imports.wasm")}),
			entry: "nodes/gain.wasm", want: "imports wasi_snapshot_preview1.no_such_call, which the host does not provide"},
		{name: "module imports a WASI function with the wrong type",
			data:  zipOf(t, zipEntry{name: ManifestFile, data: manifest}, zipEntry{name: "nodes/gain.wasm", data: wasmFixture(t, "bad_imports.wasm")}),
			entry: "nodes/gain.wasm", want: "imports wasi_snapshot_preview1.fd_write with type (i32) -> (i32), want (i32, i32, i32, i32) -> (i32)"},
		{name: "bad module file name",
			data:  zipOf(t, zipEntry{name: ManifestFile, data: manifest}, zipEntry{name: "nodes/gain.wasm", data: gain}, zipEntry{name: "nodes/-x.wasm", data: gain}),
			entry: "nodes/-x.wasm", want: "unexpected file in nodes/"},
		{name: "runtime.wasm value out of bounds",
			data:  zipOf(t, zipEntry{name: ManifestFile, data: []byte(`{"version":"v1","runtime":{"target":"wasm32-wasi","wasm":{"memory_limit_mib":0}},"nodes":[]}`)}),
			entry: ManifestFile, want: "runtime.wasm.memory_limit_mib: must be an integer between 1 and 4096, got number 0"},
		{name: "runtime.wasm deadline below a millisecond",
			data:  zipOf(t, zipEntry{name: ManifestFile, data: []byte(`{"version":"v1","runtime":{"wasm":{"call_timeout_ms":1e-300}},"nodes":[]}`)}),
			entry: ManifestFile, want: "runtime.wasm.call_timeout_ms: must be an integer between 1 and 60000, got number 1e-300"},
		{name: "runtime.wasm unknown key",
			data:  zipOf(t, zipEntry{name: ManifestFile, data: []byte(`{"version":"v1","runtime":{"wasm":{"fs":"/"}},"nodes":[]}`)}),
			entry: ManifestFile, want: "runtime.wasm.fs: unknown key"},
		{name: "bad seed runtime",
			data:  zipOf(t, zipEntry{name: ManifestFile, data: []byte(`{"version":"v1","runtime":{"target":"wasm32-wasi"},"nodes":[]}`)}, zipEntry{name: SeedRuntimeFile, data: []byte("nope")}),
			entry: SeedRuntimeFile, want: "not a wasm binary (bad magic)"},
	}
	h := newTestHost(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			limits := DefaultLimits()
			if tt.limits != nil {
				limits = *tt.limits
			}
			p, err := Open(tt.data, limits)
			require.NoError(t, err)
			r := p.Validate(context.Background(), ValidateOptions{CheckManifest: tt.check, WASM: h})
			require.False(t, r.OK(), "warnings: %v", r.Warnings)
			assert.Contains(t, r.Errors, Problem{Entry: tt.entry, Message: find(r.Errors, tt.entry, tt.want)}, "errors: %v", r.Errors)
			assert.ErrorContains(t, r.Err(), tt.want)
		})
	}
}

// find returns the message of the first problem about entry containing
// want, or want itself so that the assertion fails with the full list.
func find(problems []Problem, entry, want string) string {
	for _, p := range problems {
		if p.Entry == entry && strings.Contains(p.Message, want) {
			return p.Message
		}
	}
	return want
}

func TestPackage_Validate_accepts(t *testing.T) {
	seed := zipOf(t,
		zipEntry{name: ManifestFile, data: []byte(`{"version":"v1","metadata":{"name":"calc"},"runtime":{"target":"wasm32-wasi"},"nodes":[{"id":"m","node_type":"MultiplyNode","params":{"multiplier":2}}],"connections":[]}`)},
		zipEntry{name: SeedRuntimeFile, data: append([]byte("\x00asm\x01\x00\x00\x00"), make([]byte, 32)...)},
		zipEntry{name: MetadataFile, data: []byte(`{"package_name":"calc","package_version":"0.1.0"}`)},
	)
	tests := []struct {
		name         string
		data         []byte
		check        ManifestCheck
		wantWarnings []string
	}{
		{name: "created package", data: validPackage(t), check: ParserCheck(node.NewRegistry())},
		{name: "seed format", data: seed, wantWarnings: []string{
			"no checksums.sha256", "seed-format executor, ignored", "node types and params were not checked"}},
	}
	h := newTestHost(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Open(tt.data, DefaultLimits())
			require.NoError(t, err)
			r := p.Validate(context.Background(), ValidateOptions{CheckManifest: tt.check, WASM: h})
			require.True(t, r.OK(), "errors: %v", r.Errors)
			require.NoError(t, r.Err())
			require.Len(t, r.Warnings, len(tt.wantWarnings), "warnings: %v", r.Warnings)
			for i, w := range tt.wantWarnings {
				assert.Contains(t, r.Warnings[i].Message, w)
			}
		})
	}
}
