package core

import (
	"context"
	"fmt"

	"github.com/remotemedia/remotemedia/core/internal/manifest"
	"github.com/remotemedia/remotemedia/core/internal/readlimit"
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

// MaxManifestBytes bounds a manifest document, in a file or not.
const MaxManifestBytes = manifest.MaxBytes

// LoadManifest reads and parses a manifest file of at most MaxManifestBytes:
// a path such as /dev/zero fails with a clear error instead of filling memory.
func LoadManifest(path string, cfg Config) (*Manifest, error) {
	return LoadManifestContext(context.Background(), path, cfg)
}

// LoadManifestContext is LoadManifest that gives up when ctx is done, even
// while it waits on a named pipe: Ctrl-C must not wait for a writer.
func LoadManifestContext(ctx context.Context, path string, cfg Config) (*Manifest, error) {
	data, err := readlimit.File(ctx, path, MaxManifestBytes)
	if err != nil {
		return nil, &InputError{Err: fmt.Errorf("read manifest: %w", err)}
	}
	return ParseManifest(data, cfg)
}
