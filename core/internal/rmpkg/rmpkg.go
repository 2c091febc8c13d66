// Package rmpkg reads, checks and writes .rmpkg packages (docs/RMPKG_FORMAT.md):
// a ZIP holding manifest.json, optional metadata.json, nodes/<name>.wasm
// modules, python/*.py sources and checksums.sha256.
//
// Packages are read entirely into memory and never extracted, so loading
// cannot write anywhere; every entry is size-checked while it is read.
package rmpkg

// Entry names inside a package.
const (
	ManifestFile    = "manifest.json"
	MetadataFile    = "metadata.json"
	ChecksumsFile   = "checksums.sha256"
	NodesDir        = "nodes/"
	PythonDir       = "python/"
	SeedRuntimeFile = "runtime.wasm" // the seed's whole-pipeline executor
	wasmExt         = ".wasm"
	pythonExt       = ".py"
)

// FormatVersion is written to generated metadata.json.
const FormatVersion = 1

// Targets lists the runtime.target values a package may declare. Both name
// WASI preview 1, which is all a WASM node may import.
var Targets = []string{"wasm32-wasi", "wasm32-wasip1"}

// DefaultTarget is written by Create when the manifest has no runtime.target.
const DefaultTarget = "wasm32-wasi"

// Limits bound what Open reads, against zip bombs and huge packages.
type Limits struct {
	// MaxPackageSize bounds the .rmpkg file itself.
	MaxPackageSize int64
	// MaxFileSize bounds each entry's uncompressed size.
	MaxFileSize int64
	// MaxTotalSize bounds the sum of all uncompressed sizes.
	MaxTotalSize int64
	// MaxEntries bounds the number of entries.
	MaxEntries int
}

// DefaultLimits: 256 MiB packages, 64 MiB per entry, 512 MiB in all, 4096 entries.
func DefaultLimits() Limits {
	return Limits{MaxPackageSize: 256 << 20, MaxFileSize: 64 << 20, MaxTotalSize: 512 << 20, MaxEntries: 4096}
}
