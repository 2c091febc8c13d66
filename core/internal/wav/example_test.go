package wav_test

import (
	"bytes"
	"fmt"
	"io"

	"github.com/remotemedia/remotemedia/core/internal/wav"
)

// Stream a WAV file in 10 ms blocks, each with the time of its first sample,
// as the CLI's --input-wav does.
func ExampleNewReader() {
	var file bytes.Buffer
	samples := make([]float32, 2*250) // 25 ms of 10 kHz stereo
	if err := wav.Write(&file, samples, 10000, 2, wav.PCM16); err != nil {
		panic(err)
	}

	r, err := wav.NewReader(&file)
	if err != nil {
		panic(err)
	}
	info := r.Info()
	fmt.Printf("%d Hz, %d channels, %s, %v\n", info.SampleRate, info.Channels, info.Format, info.Duration())
	for {
		ts := r.Timestamp()
		block, err := r.ReadFrames(info.SampleRate / 100)
		if err == io.EOF {
			break
		}
		if err != nil {
			panic(err)
		}
		fmt.Printf("at %v: %d frames\n", ts, len(block)/info.Channels)
	}
	// Output:
	// 10000 Hz, 2 channels, s16, 25ms
	// at 0s: 100 frames
	// at 10ms: 100 frames
	// at 20ms: 50 frames
}

// Errors say what is wrong with the file.
func ExampleRead_truncated() {
	var file bytes.Buffer
	_ = wav.Write(&file, make([]float32, 24000), 48000, 1, wav.PCM16)
	cut := file.Bytes()[:44+1200]
	_, _, err := wav.Read(bytes.NewReader(cut))
	fmt.Println(err)
	// Output:
	// wav: truncated data chunk: header says 48000 bytes, file has 1200
}
