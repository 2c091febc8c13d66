package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/node"
	"github.com/spf13/cobra"
)

func newNodesCommand(stdio IO, opts Options) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "nodes [TYPE...]",
		Short: "List node types with their params and docs",
		Long: "List the node types this runtime knows, from their registered specs: summary,\n" +
			"runtime, stability and every param with its type, default, constraints and doc.\n" +
			"Name types to show only those.",
		Example: "  remotemedia nodes\n  remotemedia nodes MultiplyNode --json",
		RunE: func(cmd *cobra.Command, args []string) error {
			specs, err := selectSpecs(opts.registry(), args)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSONLine(stdio.Stdout, specValues(specs))
			}
			return writeSpecs(stdio.Stdout, specs)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the specs as a JSON array")
	return cmd
}

// selectSpecs returns the specs of the named types, or all of them.
func selectSpecs(reg *node.Registry, types []string) ([]*node.Spec, error) {
	if len(types) == 0 {
		return reg.Specs(), nil
	}
	specs := make([]*node.Spec, 0, len(types))
	for _, t := range types {
		spec, ok := reg.Lookup(t)
		if !ok {
			return nil, usagef("unknown node type %q (run `remotemedia nodes` to list them)", t)
		}
		specs = append(specs, spec)
	}
	return specs, nil
}

func writeSpecs(w io.Writer, specs []*node.Spec) error {
	var b strings.Builder
	for i, s := range specs {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%s  (%s, %s)\n", s.Type, s.Runtime, s.Stability)
		if s.Summary != "" {
			fmt.Fprintf(&b, "  %s\n", s.Summary)
		}
		if len(s.Params) == 0 {
			b.WriteString("  params: none\n")
			continue
		}
		b.WriteString("  params:\n")
		for _, p := range s.Params {
			fmt.Fprintf(&b, "    %s %s%s\n", p.Name, p.Type, paramConstraints(p))
			if p.Doc != "" {
				fmt.Fprintf(&b, "        %s\n", p.Doc)
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// paramConstraints renders what a param requires, e.g. " required, >= 0".
func paramConstraints(p node.Param) string {
	var parts []string
	if p.Required {
		parts = append(parts, "required")
	}
	if p.Default != nil {
		parts = append(parts, "default "+jsonText(p.Default))
	}
	if p.Min != nil {
		parts = append(parts, fmt.Sprintf(">= %v", *p.Min))
	}
	if p.Max != nil {
		parts = append(parts, fmt.Sprintf("<= %v", *p.Max))
	}
	if len(p.Enum) > 0 {
		parts = append(parts, "one of "+strings.Join(p.Enum, "|"))
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// specValues is the --json form of specs: plain values with snake_case keys,
// omitting what a spec leaves unset.
func specValues(specs []*node.Spec) []any {
	out := make([]any, len(specs))
	for i, s := range specs {
		params := make([]any, len(s.Params))
		for j, p := range s.Params {
			pv := map[string]any{"name": p.Name, "type": string(p.Type), "doc": p.Doc, "required": p.Required}
			setIf(pv, "default", p.Default, p.Default != nil)
			setIf(pv, "min", p.Min, p.Min != nil)
			setIf(pv, "max", p.Max, p.Max != nil)
			setIf(pv, "enum", p.Enum, len(p.Enum) > 0)
			params[j] = pv
		}
		sv := map[string]any{
			"type": s.Type, "summary": s.Summary, "runtime": string(s.Runtime),
			"stability": string(s.Stability), "params": params,
		}
		setIf(sv, "description", s.Description, s.Description != "")
		setIf(sv, "category", s.Category, s.Category != "")
		setIf(sv, "inputs", s.Inputs, len(s.Inputs) > 0)
		setIf(sv, "outputs", s.Outputs, len(s.Outputs) > 0)
		setIf(sv, "example", s.Example, s.Example != "")
		out[i] = sv
	}
	return out
}

func setIf(m map[string]any, key string, v any, ok bool) {
	if ok {
		m[key] = v
	}
}

// jsonText shows a value as JSON, or with %v if it cannot be encoded.
func jsonText(v any) string {
	data, err := core.EncodeJSON(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(data)
}
