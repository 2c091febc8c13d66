package rmpkg

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"
	"strings"

	"github.com/remotemedia/remotemedia/core/internal/manifest"
)

// Package is an .rmpkg read into memory. Open never fails on what is inside
// the archive: it skips unsafe entries and records why, and Validate reports
// those problems with every other one.
type Package struct {
	files   map[string][]byte
	entries []Entry
	read    Report // problems found while reading the archive
}

// Entry is one file of the archive.
type Entry struct {
	Name           string `json:"name"`
	Size           int64  `json:"size"`
	CompressedSize int64  `json:"compressed_size"`
}

// OpenFile reads the package at path (at most limits.MaxPackageSize bytes).
func OpenFile(path string, limits Limits) (*Package, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limits.MaxPackageSize+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	p, err := Open(data, limits)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return p, nil
}

// CheckPackageSize refuses a package of n bytes over the limit.
func (l Limits) CheckPackageSize(n int64) error {
	if n > l.MaxPackageSize {
		return fmt.Errorf("package is over the %d-byte size limit", l.MaxPackageSize)
	}
	return nil
}

// Open reads a package from memory. It fails only when data is too big or
// not a ZIP archive.
func Open(data []byte, limits Limits) (*Package, error) {
	if err := limits.CheckPackageSize(int64(len(data))); err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) { // insecure names are reported per entry
		return nil, fmt.Errorf("%w: %v", ErrNotPackage, err)
	}
	p := &Package{files: map[string][]byte{}}
	var declared, actual int64
	for i, f := range zr.File {
		if i == limits.MaxEntries {
			p.read.errorf("", "more than %d entries; the rest were not read", limits.MaxEntries)
			break
		}
		name := f.Name
		if msg := unsafeName(name); msg != "" {
			p.read.errorf(name, "%s; entry refused", msg)
			continue
		}
		mode := f.Mode()
		switch {
		case mode.IsDir():
			continue
		case mode&fs.ModeSymlink != 0:
			p.read.errorf(name, "is a symlink; entry refused")
			continue
		case !mode.IsRegular():
			p.read.errorf(name, "is not a regular file (%v); entry refused", mode.Type())
			continue
		}
		if _, dup := p.files[name]; dup {
			p.read.errorf(name, "duplicate entry; only the first was read")
			continue
		}
		size := int64(f.UncompressedSize64)
		if f.UncompressedSize64 > uint64(limits.MaxFileSize) {
			p.read.errorf(name, "declares %d bytes, over the %d-byte file limit; entry refused", f.UncompressedSize64, limits.MaxFileSize)
			continue
		}
		if declared += size; declared > limits.MaxTotalSize {
			p.read.errorf("", "entries declare more than the %d-byte total limit; the rest were not read", limits.MaxTotalSize)
			break
		}
		content, msg := readEntry(f, limits.MaxFileSize)
		if msg != "" {
			p.read.errorf(name, "%s; entry refused", msg)
			continue
		}
		if actual += int64(len(content)); actual > limits.MaxTotalSize {
			p.read.errorf("", "entries expand to more than the %d-byte total limit; the rest were not read", limits.MaxTotalSize)
			break
		}
		p.files[name] = content
		p.entries = append(p.entries, Entry{Name: name, Size: int64(len(content)), CompressedSize: int64(f.CompressedSize64)})
	}
	return p, nil
}

// readEntry reads at most limit bytes and checks the declared size, so a
// header that lies about its size cannot make us read more.
func readEntry(f *zip.File, limit int64) ([]byte, string) {
	rc, err := f.Open()
	if err != nil {
		return nil, "cannot be read: " + err.Error()
	}
	defer rc.Close()
	content, err := io.ReadAll(io.LimitReader(rc, limit+1))
	switch {
	case int64(len(content)) > limit:
		return nil, fmt.Sprintf("expands beyond the %d-byte file limit (declared %d)", limit, f.UncompressedSize64)
	case errors.Is(err, zip.ErrFormat):
		// archive/zip fails as soon as data runs past the declared size.
		return nil, fmt.Sprintf("is corrupt or holds more than its declared %d bytes (a zip bomb?)", f.UncompressedSize64)
	case err != nil:
		return nil, "cannot be read: " + err.Error()
	case uint64(len(content)) != f.UncompressedSize64:
		return nil, fmt.Sprintf("declares %d bytes but holds %d", f.UncompressedSize64, len(content))
	}
	return content, ""
}

// unsafeName says why an entry name could escape a directory it were
// extracted to, or "" when it is safe.
func unsafeName(name string) string {
	switch {
	case name == "":
		return "empty entry name"
	case strings.Contains(name, "\\"):
		return "backslash in entry name"
	case strings.HasPrefix(name, "/") || (len(name) >= 2 && name[1] == ':'):
		return "absolute path"
	}
	for _, part := range strings.Split(strings.TrimSuffix(name, "/"), "/") {
		if part == ".." {
			return "'..' in path"
		}
	}
	if !fs.ValidPath(strings.TrimSuffix(name, "/")) {
		return "not a clean relative path"
	}
	return ""
}

// File returns the content of one entry.
func (p *Package) File(name string) ([]byte, bool) {
	b, ok := p.files[name]
	return b, ok
}

// Manifest is manifest.json, nil when the package has none.
func (p *Package) Manifest() []byte { return p.files[ManifestFile] }

// Entries lists the files read, in archive order.
func (p *Package) Entries() []Entry { return p.entries }

// WASMModules maps each node name to its module, from nodes/<name>.wasm.
func (p *Package) WASMModules() map[string][]byte {
	out := map[string][]byte{}
	for name, b := range p.files {
		if mod, ok := wasmNodeName(name); ok {
			out[mod] = b
		}
	}
	return out
}

// PythonSources maps file names (e.g. "my_node.py") to sources under python/.
func (p *Package) PythonSources() map[string][]byte {
	out := map[string][]byte{}
	for name, b := range p.files {
		if file, ok := strings.CutPrefix(name, PythonDir); ok && strings.HasSuffix(file, pythonExt) && !strings.Contains(file, "/") {
			out[file] = b
		}
	}
	return out
}

// wasmNodeName turns "nodes/<name>.wasm" into <name>.
func wasmNodeName(entry string) (string, bool) {
	rest, ok := strings.CutPrefix(entry, NodesDir)
	if !ok {
		return "", false
	}
	name, ok := strings.CutSuffix(rest, wasmExt)
	return name, ok && manifest.IsWASMName(name)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
