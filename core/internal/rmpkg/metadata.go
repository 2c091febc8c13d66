package rmpkg

import (
	"sort"

	"github.com/remotemedia/remotemedia/core/internal/jsonx"
)

// Metadata describes a package. The descriptive fields come from
// metadata.json when present (seed keys package_name/package_version are
// understood), else from the manifest's metadata; the counts always describe
// what the package really holds.
type Metadata struct {
	Name        string   `json:"name"`
	Version     string   `json:"version,omitempty"`
	Author      string   `json:"author,omitempty"`
	License     string   `json:"license,omitempty"`
	Tags        []string `json:"tags,omitempty"`
	CreatedAt   string   `json:"created_at,omitempty"`
	Format      int      `json:"format"`
	NodeTypes   []string `json:"node_types"`
	NodeCount   int      `json:"node_count"`
	WASMModules []string `json:"wasm_modules"`
	PythonFiles []string `json:"python_files"`
}

// seedMetadata holds the seed format's names for the same fields.
type seedMetadata struct {
	PackageName    string `json:"package_name"`
	PackageVersion string `json:"package_version"`
}

// Metadata returns the package's metadata (see the type's doc).
func (p *Package) Metadata() Metadata {
	var md Metadata
	if m, err := readManifest(p.Manifest()); err == nil {
		md = describe(m, p.WASMModules(), p.PythonSources())
	}
	if raw, ok := p.files[MetadataFile]; ok {
		var file Metadata
		var seed seedMetadata
		if jsonx.Unmarshal(raw, &file) == nil && jsonx.Unmarshal(raw, &seed) == nil {
			md.Name = first(file.Name, seed.PackageName, md.Name)
			md.Version = first(file.Version, seed.PackageVersion, md.Version)
			md.Author = first(file.Author, md.Author)
			md.License = first(file.License, md.License)
			md.CreatedAt = first(file.CreatedAt, md.CreatedAt)
			if len(file.Tags) > 0 {
				md.Tags = file.Tags
			}
		}
	}
	return md
}

// describe generates metadata from a manifest and the package contents.
func describe(m *manifestView, wasm, python map[string][]byte) Metadata {
	md := Metadata{
		Name:        m.metadataString("name"),
		Version:     m.metadataString("version"),
		Author:      m.metadataString("author"),
		License:     m.metadataString("license"),
		Format:      FormatVersion,
		NodeCount:   len(m.Nodes),
		WASMModules: sortedKeys(wasm),
		PythonFiles: sortedKeys(python),
		NodeTypes:   []string{},
	}
	if tags, ok := m.Metadata["tags"].([]any); ok {
		for _, t := range tags {
			if s, ok := t.(string); ok {
				md.Tags = append(md.Tags, s)
			}
		}
	}
	seen := map[string]bool{}
	for _, n := range m.Nodes {
		if !seen[n.Type] {
			seen[n.Type] = true
			md.NodeTypes = append(md.NodeTypes, n.Type)
		}
	}
	sort.Strings(md.NodeTypes)
	return md
}

func first(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
