package cli

import "github.com/spf13/cobra"

// rayNeedsPython is the whole of `remotemedia ray` here: Ray is a Python
// framework, so the pip-installed command handles `ray` itself
// (python/remotemedia/ray/_cli.py) before it ever calls this CLI.
const rayNeedsPython = "remotemedia ray needs the pip-installed remotemedia with the [ray] extra: " +
	"pip install 'remotemedia[ray]' (docs/SCALE.md)"

func newRayCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "ray run MANIFEST --input-dir DIR --output-dir DIR [--concurrency N] [--address ADDR]",
		Short: "Run a pipeline over a folder of inputs on a Ray cluster (pip-installed remotemedia[ray] only)",
		Long: "Run a pipeline over every .wav and .json file of a folder on a Ray cluster, one output file per input.\n" +
			"Only the pip-installed remotemedia with the [ray] extra has it; see docs/SCALE.md.",
		DisableFlagParsing: true, // whatever the flags, the answer is the same
		RunE: func(*cobra.Command, []string) error {
			return usagef("%s", rayNeedsPython)
		},
	}
}
