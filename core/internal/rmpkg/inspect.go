package rmpkg

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/remotemedia/remotemedia/core/internal/manifest"
	"github.com/remotemedia/remotemedia/core/internal/safetext"
)

// Summary is what `package inspect` shows: metadata, files and nodes.
type Summary struct {
	Metadata       Metadata      `json:"metadata"`
	Format         string        `json:"format"` // "rmpkg" or "seed"
	Target         string        `json:"target"`
	Files          []Entry       `json:"files"`
	Size           int64         `json:"size"`
	CompressedSize int64         `json:"compressed_size"`
	Nodes          []NodeSummary `json:"nodes"`
}

// NodeSummary is one manifest node; Module is set for WASM nodes.
type NodeSummary struct {
	ID     string `json:"id"`
	Type   string `json:"node_type"`
	Module string `json:"module,omitempty"`
}

// Inspect summarises the package. It reports what is there; Validate says
// whether it is usable. Every string from the package is made safe to show.
func (p *Package) Inspect() Summary {
	s := Summary{Metadata: p.Metadata().shown(), Format: "rmpkg", Nodes: []NodeSummary{}}
	for _, e := range p.entries {
		e.Name = safetext.Clean(e.Name, maxShownEntry)
		s.Files = append(s.Files, e)
	}
	if _, seed := p.files[SeedRuntimeFile]; seed {
		s.Format = "seed"
	}
	for _, e := range p.entries {
		s.Size += e.Size
		s.CompressedSize += e.CompressedSize
	}
	if m, err := readManifest(p.Manifest()); err == nil {
		s.Target, _ = m.target()
		s.Target = safetext.Clean(s.Target, maxShownEntry)
		for _, n := range m.Nodes {
			ns := NodeSummary{ID: safetext.Clean(n.ID, maxShownEntry), Type: safetext.Clean(n.Type, maxShownEntry)}
			if name, ok := manifest.IsWASMType(n.Type); ok {
				ns.Module = NodesDir + name + wasmExt
			}
			s.Nodes = append(s.Nodes, ns)
		}
	}
	return s
}

// String renders the summary as text for a terminal.
func (s Summary) String() string {
	var b strings.Builder
	md := s.Metadata
	fmt.Fprintf(&b, "package %s %s (%s format, target %s)\n", orNone(md.Name), md.Version, s.Format, orNone(s.Target))
	if md.Author != "" || md.License != "" {
		fmt.Fprintf(&b, "author %s, license %s\n", orNone(md.Author), orNone(md.License))
	}
	if md.CreatedAt != "" {
		fmt.Fprintf(&b, "created %s\n", md.CreatedAt)
	}
	fmt.Fprintf(&b, "\nnodes (%d):\n", len(s.Nodes))
	tw := tabwriter.NewWriter(&b, 2, 4, 2, ' ', 0)
	for _, n := range s.Nodes {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", n.ID, n.Type, n.Module)
	}
	tw.Flush()
	fmt.Fprintf(&b, "\nfiles (%d, %d bytes, %d compressed):\n", len(s.Files), s.Size, s.CompressedSize)
	tw = tabwriter.NewWriter(&b, 2, 4, 2, ' ', tabwriter.AlignRight)
	for _, f := range s.Files {
		fmt.Fprintf(tw, "  %d\t%d\t  %s\t\n", f.Size, f.CompressedSize, f.Name)
	}
	tw.Flush()
	return b.String()
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// shown is md with every string made safe to show.
func (md Metadata) shown() Metadata {
	clean := func(s string) string { return safetext.Clean(s, maxShownEntry) }
	cleanAll := func(ss []string) []string {
		out := make([]string, len(ss))
		for i, s := range ss {
			out[i] = clean(s)
		}
		return out
	}
	md.Name, md.Version, md.Author, md.License, md.CreatedAt = clean(md.Name), clean(md.Version), clean(md.Author), clean(md.License), clean(md.CreatedAt)
	if md.Tags != nil {
		md.Tags = cleanAll(md.Tags)
	}
	md.NodeTypes, md.WASMModules, md.PythonFiles = cleanAll(md.NodeTypes), cleanAll(md.WASMModules), cleanAll(md.PythonFiles)
	return md
}
