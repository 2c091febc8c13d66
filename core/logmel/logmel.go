// Package logmel is the public entry point to the Whisper log-mel front end
// (core/internal/dsp/logmel), for node packages outside core such as the
// ONNX speech nodes. It is pure Go and builds for every target core does.
package logmel

import "github.com/remotemedia/remotemedia/core/internal/dsp/logmel"

// Extractor computes Whisper log-mel features; one per goroutine.
type Extractor = logmel.Extractor

// The front end's fixed parameters.
const (
	SampleRate = logmel.SampleRate
	Mels       = logmel.Mels
	Hop        = logmel.Hop
)

// New returns an Extractor.
func New() *Extractor { return logmel.New() }

// Frames is the number of feature frames Compute writes for n samples.
func Frames(n int) int { return logmel.Frames(n) }
