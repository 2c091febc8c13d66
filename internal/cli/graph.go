package cli

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/remotemedia/remotemedia/core"
	"github.com/spf13/cobra"
)

// graphFormats render a manifest's DAG, by --format name.
var graphFormats = map[string]func(m *core.Manifest) string{
	"dot":     renderDot,
	"mermaid": renderMermaid,
}

func newGraphCommand(stdio IO, opts Options) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "graph MANIFEST|PACKAGE.rmpkg",
		Short: "Print a manifest's DAG as Graphviz dot or a Mermaid flowchart",
		Example: "  remotemedia graph examples/branches.json --format dot | dot -Tsvg > branches.svg\n" +
			"  remotemedia graph examples/branches.json --format mermaid",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			render, ok := graphFormats[format]
			if !ok {
				return usagef("--format must be dot or mermaid, got %q", format)
			}
			m, err := loadManifest(args[0], opts.config())
			if err != nil {
				return err
			}
			_, err = io.WriteString(stdio.Stdout, render(m))
			return err
		},
	}
	cmd.Flags().StringVar(&format, "format", "dot", "dot or mermaid")
	return cmd
}

func renderDot(m *core.Manifest) string {
	var b strings.Builder
	fmt.Fprintf(&b, "digraph %s {\n  rankdir=LR;\n  node [shape=box];\n", strconv.Quote(graphName(m)))
	for _, n := range m.Nodes {
		fmt.Fprintf(&b, "  %s [label=%s];\n", strconv.Quote(n.ID), strconv.Quote(n.ID+"\n"+n.Type))
	}
	for _, c := range m.Connections {
		fmt.Fprintf(&b, "  %s -> %s;\n", strconv.Quote(c.From), strconv.Quote(c.To))
	}
	b.WriteString("}\n")
	return b.String()
}

// renderMermaid names nodes n0, n1... by position: manifest ids such as
// "end" are Mermaid keywords, and labels carry the real ids.
func renderMermaid(m *core.Manifest) string {
	var b strings.Builder
	b.WriteString("flowchart LR\n")
	index := make(map[string]int, len(m.Nodes))
	for i, n := range m.Nodes {
		index[n.ID] = i
		fmt.Fprintf(&b, "  n%d[\"%s<br/>%s\"]\n", i, mermaidText(n.ID), mermaidText(n.Type))
	}
	for _, c := range m.Connections {
		fmt.Fprintf(&b, "  n%d --> n%d\n", index[c.From], index[c.To])
	}
	return b.String()
}

// mermaidText escapes the one character a quoted Mermaid label cannot hold.
func mermaidText(s string) string { return strings.ReplaceAll(s, `"`, "#quot;") }

func graphName(m *core.Manifest) string {
	if name := m.Name(); name != "" {
		return name
	}
	return "pipeline"
}
