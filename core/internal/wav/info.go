package wav

import (
	"fmt"
	"time"
)

// UnknownFrames is Info.Frames for a file whose data chunk does not state its
// length (0xFFFFFFFF, as streaming writers emit): it is read to end of file.
const UnknownFrames = -1

// Info describes a WAV file's audio.
type Info struct {
	SampleRate int
	Channels   int
	Format     Format
	// Frames is the number of sample frames the header declares, or
	// UnknownFrames.
	Frames int64
}

// Duration is the declared length of the audio, 0 when unknown.
func (i Info) Duration() time.Duration {
	if i.Frames <= 0 || i.SampleRate <= 0 {
		return 0
	}
	return FramesToDuration(i.Frames, i.SampleRate)
}

// FramesToDuration is the time n sample frames take at rate, truncated to the
// nanosecond. Computing every timestamp from a frame count (never by summing
// durations) keeps long streams free of drift.
func FramesToDuration(n int64, rate int) time.Duration {
	return time.Duration(n) * time.Second / time.Duration(rate)
}

// checkLayout bounds what a WAV header can describe; reader and writer
// share it so every file one accepts, the other can write.
func checkLayout(rate, channels int, f Format) error {
	if f.BytesPerSample() == 0 {
		return fmt.Errorf("wav: unsupported sample format %s", f)
	}
	if channels <= 0 || channels > 0xFFFF/8 {
		return fmt.Errorf("wav: channel count %d out of range 1..%d", channels, 0xFFFF/8)
	}
	if rate <= 0 || int64(rate)*int64(channels*f.BytesPerSample()) > 0xFFFFFFFF {
		return fmt.Errorf("wav: sample rate %d out of range for %d channels of %s", rate, channels, f)
	}
	return nil
}
