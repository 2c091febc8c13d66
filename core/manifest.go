package core

import (
	"fmt"
	"os"

	"github.com/remotemedia/remotemedia/core/internal/manifest"
)

type (
	// Manifest is a parsed, validated v1 pipeline manifest.
	Manifest = manifest.Manifest
	// ManifestNode is one entry of a manifest's "nodes".
	ManifestNode = manifest.Node
	// Connection is one entry of a manifest's "connections".
	Connection = manifest.Connection
	// ManifestError lists every problem found in a manifest.
	ManifestError = manifest.Error
	// Problem is one manifest problem, located by JSON path.
	Problem = manifest.Problem
)

// ParseManifest parses and validates a v1 manifest, resolving node types in
// cfg's registry. Every problem is reported at once in a *ManifestError.
func ParseManifest(data []byte, cfg Config) (*Manifest, error) {
	return manifest.Parse(data, cfg.Registry())
}

// LoadManifest reads and parses a manifest file.
func LoadManifest(path string, cfg Config) (*Manifest, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &InputError{Err: fmt.Errorf("read manifest: %w", err)}
	}
	return ParseManifest(data, cfg)
}
