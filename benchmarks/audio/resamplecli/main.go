// Command resamplecli resamples raw little-endian float32 audio read from
// stdin and writes the result, in the same format, to stdout. It drives
// AudioResampleNode through the public node API, exactly as a pipeline
// would, so benchmarks/audio/resample_vs_soxr.py can measure our resampler
// next to python-soxr. It reports its own processing time, I/O excluded, as
// one JSON object on stderr: {"seconds": [CPU seconds, one per run]}. CPU
// time, not wall time, because shared benchmark machines preempt; the work
// is single-threaded, so the two agree on an idle machine. Linux only.
//
//	resamplecli -from 44100 -to 16000 -quality high -runs 5 < in.f32 > out.f32
package main

import (
	"bufio"
	"context"
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"syscall"
	"time"

	_ "github.com/remotemedia/remotemedia/core" // registers the built-in nodes
	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

func main() {
	from := flag.Int("from", 0, "input sample rate, Hz")
	to := flag.Int("to", 0, "output sample rate, Hz")
	channels := flag.Int("channels", 1, "interleaved channels")
	quality := flag.String("quality", "medium", "low, medium, high or veryhigh")
	runs := flag.Int("runs", 1, "times to resample the input; the output is the last run's")
	flag.Parse()
	if err := run(*from, *to, *channels, *quality, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "resamplecli:", err)
		os.Exit(1)
	}
}

func run(from, to, channels int, quality string, runs int) error {
	data, err := io.ReadAll(os.Stdin)
	if err != nil {
		return err
	}
	if len(data)%4 != 0 {
		return fmt.Errorf("stdin holds %d bytes, not whole float32 samples", len(data))
	}
	samples := make([]float32, len(data)/4)
	for i := range samples {
		samples[i] = math.Float32frombits(binary.LittleEndian.Uint32(data[4*i:]))
	}
	in, err := frame.NewAudio(frame.Audio{Samples: samples, SampleRate: from, Channels: channels})
	if err != nil {
		return err
	}
	spec, ok := node.Default().Lookup("AudioResampleNode")
	if !ok {
		return fmt.Errorf("AudioResampleNode is not registered")
	}
	params, problems := spec.ValidateParams(map[string]any{"target_rate": int64(to), "quality": quality})
	if len(problems) > 0 {
		return problems[0]
	}

	var out sink
	seconds := make([]float64, runs)
	for i := range seconds {
		n, err := spec.New(params)
		if err != nil {
			return err
		}
		out = sink{}
		start := cpuSeconds()
		if err := n.Process(context.Background(), in, &out); err != nil {
			return err
		}
		if err := n.(node.Flusher).Flush(context.Background(), &out); err != nil {
			return err
		}
		seconds[i] = cpuSeconds() - start
	}

	w := bufio.NewWriter(os.Stdout)
	var buf [4]byte
	for _, f := range out {
		for _, v := range f.Audio().Samples {
			binary.LittleEndian.PutUint32(buf[:], math.Float32bits(v))
			w.Write(buf[:])
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return json.NewEncoder(os.Stderr).Encode(map[string]any{"seconds": seconds})
}

// cpuSeconds is the CPU time the process has used, user plus system.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

// sink keeps every frame the node emits.
type sink []*frame.Frame

func (s *sink) Emit(f *frame.Frame) error { *s = append(*s, f); return nil }
