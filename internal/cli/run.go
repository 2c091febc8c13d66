package cli

import (
	"context"
	"fmt"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
	"github.com/spf13/cobra"
)

// runFlags are the options of `remotemedia run`.
type runFlags struct {
	input      inputFlags
	wav        wavFlags
	jsonl      bool
	metrics    bool
	skipErrors bool
	queueSize  int
}

func newRunCommand(stdio IO, opts Options) *cobra.Command {
	var flags runFlags
	cmd := &cobra.Command{
		Use:   "run MANIFEST|PACKAGE.rmpkg",
		Short: "Run a pipeline on JSON input items or a WAV file and print its outputs",
		Long: "Run a pipeline on input items given with --input, --input-file or on stdin: a JSON array\n" +
			"of items (any other JSON value is one item; strings are text frames). Or stream a WAV\n" +
			"file through it as audio frames with --input-wav.\n\n" +
			"Prints a JSON array of outputs for a single-sink pipeline, or an object\n" +
			"{sink_id: [outputs]} for several sinks, each sink's outputs in input order.\n" +
			"With --jsonl, prints one output per line as it is produced; with several sinks each\n" +
			"line is {\"sink\": id, \"input\": index or null, \"output\": value}.\n" +
			"With --output-wav, audio outputs go to that file instead of stdout.",
		Example: `  remotemedia run examples/calculator.json --input '[5,7,3]'
  echo '[1,2]' | remotemedia run examples/temperatures.json --jsonl --metrics
  remotemedia run examples/audio/speech.json --input-wav speech.wav --frame-ms 20
  remotemedia run half.rmpkg --input-wav in.wav --output-wav out.wav`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runManifest(cmd.Context(), args[0], &flags, stdio, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&flags.input.json, "input", "", "input items as JSON")
	f.StringVar(&flags.input.file, "input-file", "", "read input items from a JSON file (- for stdin)")
	f.StringVar(&flags.wav.input, "input-wav", "", "stream this WAV file through the pipeline as audio frames")
	f.IntVar(&flags.wav.frameMS, "frame-ms", defaultFrameMS, "duration of each audio frame cut from --input-wav")
	f.BoolVar(&flags.wav.realtime, "realtime", false, "send --input-wav frames at the pace of real time (nodes then run live: each output as soon as it can be made)")
	f.StringVar(&flags.wav.output, "output-wav", "", "write audio outputs to this WAV file")
	f.StringVar(&flags.wav.format, "output-format", "",
		"sample format of --output-wav: s8, s16, s24, s32, f32, f64, ulaw, alaw (default: the input WAV's, else f32)")
	f.BoolVar(&flags.jsonl, "jsonl", false, "stream one JSON output per line as produced")
	f.BoolVar(&flags.metrics, "metrics", false, "print per-node metrics to stderr after the run")
	f.BoolVar(&flags.skipErrors, "skip-errors", false, "drop items a node fails on (listed on stderr) instead of stopping")
	f.IntVar(&flags.queueSize, "queue-size", 0, "capacity of each node's input queue (0: the engine default)")
	return cmd
}

func (f *runFlags) config(opts Options) core.Config {
	return opts.config().WithQueueSize(f.queueSize).WithSkipErrors(f.skipErrors).WithRunMode(f.runMode())
}

// runMode is the run mode nodes see (node.RunModeOf): live only when input
// comes at its own pace, which is --realtime, or JSON lines on stdin (which
// may come from a live producer); a file read as fast as it can be is a
// batch, so nodes may gather work for throughput.
func (f *runFlags) runMode() node.RunMode {
	fromStdin := f.input.json == "" && (f.input.file == "" || f.input.file == "-")
	if f.wav.realtime || (f.jsonl && f.wav.input == "" && fromStdin) {
		return node.Live
	}
	return node.Batch
}

func runManifest(ctx context.Context, path string, flags *runFlags, stdio IO, opts Options) (err error) {
	if err := core.CheckQueueSize(flags.queueSize); err != nil {
		return usagef("--queue-size: %v", err)
	}
	if err := flags.wav.check(&flags.input); err != nil {
		return err
	}
	p, release, err := loadPipeline(ctx, path, flags.config(opts), opts.LoadPackagePython)
	if err != nil {
		return err
	}
	defer release()
	// Input is read (a WAV file: its header checked) and the output file
	// created before the run starts, so bad input fails with nothing printed.
	var (
		inputs    []*frame.Frame
		jsonlFeed feeder
		wavIn     *wavInput
	)
	switch {
	case flags.wav.input != "":
		if wavIn, err = openWAVInput(flags.wav.input, flags.wav.frameMS); err != nil {
			return err
		}
		defer wavIn.Close()
	case flags.jsonl:
		if jsonlFeed, err = flags.input.feeder(ctx, stdio.Stdin); err != nil {
			return err
		}
	default:
		if inputs, err = flags.input.read(ctx, stdio.Stdin); err != nil {
			return err
		}
	}
	audio, err := flags.wav.createOutput(wavIn)
	if err != nil {
		return err
	}
	if audio != nil {
		defer func() { err = audio.finish(err, stdio.Stderr) }()
	}

	out := newPrinter(stdio.Stdout, p.Sinks(), flags.jsonl, audio)
	var report runReport
	switch {
	case wavIn != nil:
		// A WAV file of any length streams, so memory stays flat.
		report, err = runStream(ctx, p, wavIn.feeder(flags.wav.realtime), out)
	case flags.jsonl:
		report, err = runStream(ctx, p, jsonlFeed, out)
	default:
		report, err = runBatch(ctx, p, inputs, out)
	}
	report.print(stdio, flags.metrics)
	return err
}

func runBatch(ctx context.Context, p *core.Pipeline, inputs []*frame.Frame, out *printer) (runReport, error) {
	res, err := p.Run(ctx, inputs)
	if err == nil {
		err = ctx.Err() // see streamRun: the feed may have stopped short
	}
	if err != nil {
		return runReport{}, err
	}
	return runReport{skipped: res.Skipped, metrics: res.Metrics}, out.printResult(res)
}

func runStream(ctx context.Context, p *core.Pipeline, feed feeder, out *printer) (runReport, error) {
	report, err := streamRun(ctx, p, feed, out.emit)
	if err != nil {
		return report, err
	}
	return report, out.printPending()
}

// runReport is what a run tells on stderr besides its errors.
type runReport struct {
	skipped []error
	metrics []core.NodeMetrics
}

func (r runReport) print(stdio IO, metrics bool) {
	for _, err := range r.skipped {
		fmt.Fprintf(stdio.Stderr, "skipped: %s\n", printable(err.Error()))
	}
	if metrics && r.metrics != nil {
		writeMetrics(stdio.Stderr, r.metrics)
	}
}
