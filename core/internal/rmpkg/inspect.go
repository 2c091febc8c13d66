package rmpkg

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/remotemedia/remotemedia/core/internal/manifest"
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
// whether it is usable.
func (p *Package) Inspect() Summary {
	s := Summary{Metadata: p.Metadata(), Format: "rmpkg", Files: p.entries, Nodes: []NodeSummary{}}
	if _, seed := p.files[SeedRuntimeFile]; seed {
		s.Format = "seed"
	}
	for _, e := range p.entries {
		s.Size += e.Size
		s.CompressedSize += e.CompressedSize
	}
	if m, err := readManifest(p.Manifest()); err == nil {
		s.Target, _ = m.target()
		for _, n := range m.Nodes {
			ns := NodeSummary{ID: n.ID, Type: n.Type}
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
