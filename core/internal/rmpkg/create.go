package rmpkg

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/remotemedia/remotemedia/core/atomicfile"
	"github.com/remotemedia/remotemedia/core/internal/jsonx"
	"github.com/remotemedia/remotemedia/core/internal/manifest"
	"github.com/remotemedia/remotemedia/core/internal/wasmbin"
)

// CreateOptions is what goes into a new package.
type CreateOptions struct {
	// Manifest is the manifest JSON. A missing runtime.target is set to
	// DefaultTarget.
	Manifest []byte
	// WASM maps node names to modules, stored as nodes/<name>.wasm. Every
	// "wasm:<name>" node of the manifest needs one.
	WASM map[string][]byte
	// Python maps file names ("my_node.py") to sources, stored under python/.
	Python map[string][]byte
	// Metadata is written as metadata.json; nil generates it from the
	// manifest. Its counts are always recomputed.
	Metadata *Metadata
	// CreatedAt stamps metadata and entries; zero means now.
	CreatedAt time.Time
	// Check is how Create validates the package before writing it. The
	// zero value checks neither the manifest's node types and params,
	// which depend on the Python nodes loaded where the package runs, nor
	// the modules; core/rmpkg.Create sets Check.WASM so they compile.
	Check ValidateOptions
}

var pythonFileName = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.-]*\.py$`)

// Create writes a package to w, only if it could run: the package is built
// in memory and validated (opts.Check) first, so a module that does not
// compile or imports what the host does not provide is refused, as
// `package validate` would refuse it, with an *InvalidError.
func Create(ctx context.Context, w io.Writer, opts CreateOptions) error {
	data, err := build(opts)
	if err != nil {
		return fmt.Errorf("create package: %w", err)
	}
	p, err := Open(data, DefaultLimits())
	if err != nil {
		return fmt.Errorf("create package: %w", err)
	}
	if err := p.Validate(ctx, opts.Check).Err(); err != nil {
		return fmt.Errorf("create package: %w", err)
	}
	_, err = w.Write(data)
	return err
}

// CreateFile validates, then writes the package to path with
// atomicfile: a failed create leaves nothing behind, and only a regular
// file is ever replaced. The file is mode 0644, less the umask.
func CreateFile(ctx context.Context, path string, opts CreateOptions) error {
	var buf bytes.Buffer
	if err := Create(ctx, &buf, opts); err != nil {
		return err
	}
	return atomicfile.WriteFile(path, buf.Bytes(), 0o644)
}

// build zips the package's entries, in entryOrder.
func build(opts CreateOptions) ([]byte, error) {
	if opts.CreatedAt.IsZero() {
		opts.CreatedAt = time.Now()
	}
	files, err := packageFiles(opts)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range entryOrder(files) {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: opts.CreatedAt.UTC()})
		if err != nil {
			return nil, err
		}
		if _, err := fw.Write(files[name]); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// packageFiles builds every entry, checksums last.
func packageFiles(opts CreateOptions) (map[string][]byte, error) {
	m, err := readManifest(opts.Manifest)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", ManifestFile, err)
	}
	manifestJSON, err := withTarget(opts.Manifest, m)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{ManifestFile: manifestJSON}
	for name, mod := range opts.WASM {
		if !manifest.IsWASMName(name) {
			return nil, fmt.Errorf("wasm node name %q: use letters, digits, '_', '.' or '-', starting with a letter or digit", name)
		}
		if !wasmbin.HasMagic(mod) {
			return nil, fmt.Errorf("wasm module %s: not a wasm binary (bad magic)", name)
		}
		files[NodesDir+name+wasmExt] = mod
	}
	for name, nodes := range m.wasmNodes() {
		if _, ok := opts.WASM[name]; !ok {
			return nil, fmt.Errorf("node %s is wasm:%s but no module was given for it (add %s=<file>.wasm)", strings.Join(nodes, ", "), name, name)
		}
	}
	for name, src := range opts.Python {
		if !pythonFileName.MatchString(name) {
			return nil, fmt.Errorf("python file %q: want a plain file name ending in .py", name)
		}
		if !utf8.Valid(src) {
			return nil, fmt.Errorf("python file %s is not UTF-8", name)
		}
		files[PythonDir+name] = src
	}
	md := describe(m, opts.WASM, opts.Python)
	if given := opts.Metadata; given != nil {
		md.Name, md.Version, md.Author, md.License, md.Tags = given.Name, given.Version, given.Author, given.License, given.Tags
	}
	md.CreatedAt = opts.CreatedAt.UTC().Format(time.RFC3339)
	if files[MetadataFile], err = jsonx.API.MarshalIndent(md, "", "  "); err != nil {
		return nil, err
	}
	files[ChecksumsFile] = formatChecksums(files)
	return files, nil
}

// withTarget returns the manifest with runtime.target set, re-encoded only
// when it had none.
func withTarget(raw []byte, m *manifestView) ([]byte, error) {
	target, err := m.target()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", ManifestFile, err)
	}
	if target != "" {
		return raw, nil
	}
	var doc map[string]any
	if err := jsonx.Unmarshal(raw, &doc); err != nil {
		return nil, err
	}
	runtime, _ := doc["runtime"].(map[string]any)
	if runtime == nil {
		runtime = map[string]any{}
	}
	runtime["target"] = DefaultTarget
	doc["runtime"] = runtime
	return jsonx.API.MarshalIndent(doc, "", "  ")
}

// entryOrder puts manifest and metadata first, checksums last, the rest sorted.
func entryOrder(files map[string][]byte) []string {
	order := []string{ManifestFile, MetadataFile}
	for _, name := range sortedKeys(files) {
		if name != ManifestFile && name != MetadataFile && name != ChecksumsFile {
			order = append(order, name)
		}
	}
	return append(order, ChecksumsFile)
}

// LoadCreateOptions reads the files the CLI names: the manifest, each
// "--wasm name=file" and each "--python file".
func LoadCreateOptions(manifestPath string, wasm, python []string) (CreateOptions, error) {
	opts := CreateOptions{WASM: map[string][]byte{}, Python: map[string][]byte{}}
	var err error
	if opts.Manifest, err = readCreateInput(manifestPath); err != nil {
		return opts, err
	}
	for _, spec := range wasm {
		name, file, ok := strings.Cut(spec, "=")
		if !ok || name == "" || file == "" {
			return opts, fmt.Errorf("--wasm %q: want name=file.wasm", spec)
		}
		if _, dup := opts.WASM[name]; dup {
			return opts, fmt.Errorf("--wasm %s given twice", name)
		}
		if opts.WASM[name], err = readCreateInput(file); err != nil {
			return opts, err
		}
	}
	for _, file := range python {
		name := filepath.Base(file)
		if _, dup := opts.Python[name]; dup {
			return opts, fmt.Errorf("--python: two files named %s", name)
		}
		if opts.Python[name], err = readCreateInput(file); err != nil {
			return opts, err
		}
	}
	return opts, nil
}
