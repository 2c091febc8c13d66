package cli

import (
	"context"
	"io"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/rmpkg"
	"github.com/spf13/cobra"
)

func newPackageCommand(stdio IO, opts Options) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "package",
		Short: "Create, check and inspect .rmpkg packages",
		Long: "An .rmpkg package is one file holding a manifest with the WebAssembly modules and\n" +
			"Python sources it needs. `remotemedia run P.rmpkg` runs it.",
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			return usagef("package needs a subcommand: create, validate or inspect")
		},
	}
	cmd.AddCommand(newPackageCreateCommand(stdio), newPackageValidateCommand(stdio, opts), newPackageInspectCommand(stdio))
	return cmd
}

func newPackageCreateCommand(stdio IO) *cobra.Command {
	var manifest, output string
	var wasm, python []string
	cmd := &cobra.Command{
		Use:   "create --manifest M --output P.rmpkg [--wasm name=file.wasm ...] [--python file.py ...]",
		Short: "Bundle a manifest with its WASM modules and Python sources",
		Long: "Create a package. Every \"wasm:<name>\" node of the manifest needs --wasm <name>=<file>.\n" +
			"It runs the checks of `package validate` first (all but node types and params), and\n" +
			"writes the package atomically, only if it could run. An existing --output is\n" +
			"replaced only if it is a regular file.",
		Example: "  remotemedia package create --manifest gain.json --wasm gain=gain.wasm --output gain.rmpkg",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if manifest == "" || output == "" {
				return usagef("package create needs --manifest and --output")
			}
			if err := rmpkg.CreateFromFiles(cmd.Context(), output, manifest, wasm, python); err != nil {
				return err
			}
			_, err := io.WriteString(stdio.Stdout, rmpkg.RenderCreated(output))
			return err
		},
	}
	f := cmd.Flags()
	f.StringVar(&manifest, "manifest", "", "the pipeline manifest (JSON)")
	f.StringVar(&output, "output", "", "the package to write")
	f.StringArrayVar(&wasm, "wasm", nil, "a module for wasm:<name> nodes, as name=file.wasm (repeatable)")
	f.StringArrayVar(&python, "python", nil, "a Python source file to include (repeatable)")
	return cmd
}

func newPackageValidateCommand(stdio IO, opts Options) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "validate PACKAGE.rmpkg",
		Short: "Check a package: files, checksums, manifest and modules",
		Long: "Check a package and list every problem, one per line. Errors make it unusable\n" +
			"(exit 2); warnings are printed but do not fail (exit 0, \"ok\"). With --json, the\n" +
			"report is one JSON object on stdout: {\"ok\":...,\"errors\":[...],\"warnings\":[...]}.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return validatePackage(cmd.Context(), args[0], asJSON, stdio, opts)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON on stdout")
	return cmd
}

// validatePackage prints the package's report (rmpkg.RenderReport) and
// fails, with the errors already printed, when the package is invalid.
func validatePackage(ctx context.Context, path string, asJSON bool, stdio IO, opts Options) error {
	report, err := rmpkg.ValidateFile(ctx, path, opts.config())
	if err != nil {
		return err
	}
	stdout, stderr, err := rmpkg.RenderReport(report, asJSON)
	if err != nil {
		return err
	}
	if _, err := io.WriteString(stdio.Stderr, stderr); err != nil {
		return err
	}
	if _, err := io.WriteString(stdio.Stdout, stdout); err != nil {
		return err
	}
	if err := report.Err(); err != nil {
		return &printedError{&core.InputError{Err: err}}
	}
	return nil
}

func newPackageInspectCommand(stdio IO) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "inspect PACKAGE.rmpkg",
		Short: "Show a package's metadata, files and nodes",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			pkg, err := rmpkg.Open(args[0])
			if err != nil {
				return err
			}
			text, err := rmpkg.RenderInspect(pkg.Inspect(), asJSON)
			if err != nil {
				return err
			}
			_, err = io.WriteString(stdio.Stdout, text)
			return err
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the summary as JSON")
	return cmd
}
