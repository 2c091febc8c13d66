package cli

import (
	"fmt"

	"github.com/remotemedia/remotemedia/core"
	"github.com/spf13/cobra"
)

func newValidateCommand(stdio IO, opts Options) *cobra.Command {
	return &cobra.Command{
		Use:   "validate MANIFEST|PACKAGE.rmpkg",
		Short: "Check a manifest and list every problem, each with its JSON path",
		Long: "Check a manifest without running it. Prints \"ok\" and exits 0 when it is valid;\n" +
			"otherwise prints every problem on stderr, one per line with its JSON path, and exits 2.\n" +
			"A package is checked as by `remotemedia package validate`.",
		Example: "  remotemedia validate examples/calculator.json",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if isPackage(args[0]) {
				return validatePackage(cmd.Context(), args[0], false, stdio, opts)
			}
			if _, err := core.LoadManifest(args[0], opts.config()); err != nil {
				return err
			}
			_, err := fmt.Fprintln(stdio.Stdout, "ok")
			return err
		},
	}
}
