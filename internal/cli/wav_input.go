package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
)

// wavFlags are run's options for streaming audio through a pipeline.
type wavFlags struct {
	input    string // --input-wav
	frameMS  int    // --frame-ms
	realtime bool   // --realtime
	output   string // --output-wav
	format   string // --output-format
}

const defaultFrameMS = 20

// maxFrameMS bounds --frame-ms at one minute: audio frames are meant to be
// short, and the bound keeps rate x duration far from overflowing.
const maxFrameMS = 60_000

// check rejects flag combinations that say two different things.
func (f *wavFlags) check(in *inputFlags) error {
	switch {
	case f.input != "" && (in.json != "" || in.file != ""):
		return usagef("--input-wav excludes --input and --input-file")
	case f.input == "" && f.realtime:
		return usagef("--realtime paces a WAV input: it needs --input-wav")
	case f.frameMS <= 0 || f.frameMS > maxFrameMS:
		return usagef("--frame-ms must be 1..%d, got %d", maxFrameMS, f.frameMS)
	case f.format != "" && f.output == "":
		return usagef("--output-format sets the format of --output-wav, which is missing")
	}
	if f.format != "" {
		if _, err := core.ParseWAVFormat(f.format); err != nil {
			return usagef("--output-format: %v", err)
		}
	}
	return nil
}

// wavInput is an open WAV file cut into audio frames of a fixed duration.
type wavInput struct {
	path  string
	file  *os.File
	r     *core.WAVReader
	block int // sample frames per audio frame
}

// openWAVInput reads the header now, so a bad file fails before the
// pipeline starts.
func openWAVInput(path string, frameMS int) (*wavInput, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, &core.InputError{Err: err}
	}
	r, err := core.NewWAVReader(file)
	if err != nil {
		file.Close()
		return nil, &core.InputError{Err: fmt.Errorf("%s: %w", path, err)}
	}
	block := r.Info().SampleRate * frameMS / 1000
	if block < 1 {
		file.Close()
		return nil, usagef("--frame-ms %d is shorter than one sample at %d Hz", frameMS, r.Info().SampleRate)
	}
	return &wavInput{path: path, file: file, r: r, block: block}, nil
}

func (in *wavInput) Close() error { return in.file.Close() }

// feeder sends the audio frame by frame, each stamped with the exact time
// of its first sample (computed from the sample count, so it never drifts).
// With realtime set, a frame is sent no earlier than its timestamp after
// the first one, as a live source would deliver it.
func (in *wavInput) feeder(realtime bool) feeder {
	return func(ctx context.Context, send func(*frame.Frame) error) error {
		info := in.r.Info()
		start := time.Now()
		for {
			ts := in.r.Timestamp()
			samples, err := in.r.ReadFrames(in.block)
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err != nil {
				return &core.InputError{Err: fmt.Errorf("%s: %w", in.path, err)}
			}
			f, err := frame.NewAudio(frame.Audio{
				Samples: samples, SampleRate: info.SampleRate, Channels: info.Channels, Timestamp: ts,
			})
			if err != nil {
				return &core.InputError{Err: fmt.Errorf("%s: %w", in.path, err)}
			}
			if realtime {
				if err := sleepUntil(ctx, start.Add(ts)); err != nil {
					return err
				}
			}
			if err := send(f); err != nil {
				return err
			}
		}
	}
}

func sleepUntil(ctx context.Context, t time.Time) error {
	d := time.Until(t)
	if d <= 0 {
		return nil
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return &stoppedError{ctx.Err()}
	}
}
