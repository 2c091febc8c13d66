package cli

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/remotemedia/remotemedia/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writeWAV writes interleaved samples to a WAV file in a temp dir.
func writeWAV(t *testing.T, samples []float32, rate, channels int, format string) string {
	t.Helper()
	f, err := core.ParseWAVFormat(format)
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "in.wav")
	file, err := os.Create(path)
	require.NoError(t, err)
	defer file.Close()
	w, err := core.NewWAVWriter(file, rate, channels, f)
	require.NoError(t, err)
	require.NoError(t, w.Write(samples))
	require.NoError(t, w.Close())
	return path
}

func readWAV(t *testing.T, path string) (core.WAVInfo, []float32) {
	t.Helper()
	file, err := os.Open(path)
	require.NoError(t, err)
	defer file.Close()
	r, err := core.NewWAVReader(file)
	require.NoError(t, err)
	var all []float32
	for {
		block, err := r.ReadFrames(4096)
		if errors.Is(err, io.EOF) {
			return r.Info(), all
		}
		require.NoError(t, err)
		all = append(all, block...)
	}
}

// ramp is n distinct samples in [-0.5, 0.5), exact in float32.
func ramp(n int) []float32 {
	s := make([]float32, n)
	for i := range s {
		s[i] = float32(i%1024-512) / 1024
	}
	return s
}

func manifestOf(nodes, connections string) string {
	return `{"version":"v1","nodes":[` + nodes + `],"connections":[` + connections + `]}`
}

const passNode = `{"id":"pass","node_type":"PassThrough","params":{}}`

type audioLine struct {
	Audio struct {
		SampleRate  int       `json:"sample_rate"`
		Channels    int       `json:"channels"`
		TimestampNS int64     `json:"timestamp_ns"`
		Samples     []float32 `json:"samples"`
	} `json:"audio"`
}

func TestRun_InputWAVFrames(t *testing.T) {
	// 0.25 s of stereo at 16 kHz: 20 ms frames are 320 sample frames, so
	// 12 full frames and a last one of 160.
	samples := ramp(4000 * 2)
	in := writeWAV(t, samples, 16000, 2, "f32")
	pass := writeFile(t, "pass.json", manifestOf(passNode, ""))

	res := runCLI(t, "", "run", pass, "--input-wav", in, "--jsonl")
	require.Equal(t, ExitOK, res.code, res.stderr)
	lines := strings.Split(strings.TrimSpace(res.stdout), "\n")
	require.Len(t, lines, 13)
	var joined []float32
	for i, line := range lines {
		var got audioLine
		require.NoError(t, json.Unmarshal([]byte(line), &got))
		assert.Equal(t, 16000, got.Audio.SampleRate)
		assert.Equal(t, 2, got.Audio.Channels)
		assert.Equal(t, int64(i)*int64(20*time.Millisecond), got.Audio.TimestampNS, "frame %d", i)
		wantLen := 320 * 2
		if i == 12 {
			wantLen = 160 * 2
		}
		assert.Len(t, got.Audio.Samples, wantLen, "frame %d", i)
		joined = append(joined, got.Audio.Samples...)
	}
	assert.Equal(t, samples, joined)
}

func TestRun_OutputWAV(t *testing.T) {
	samples := ramp(8000)
	in := writeWAV(t, samples, 8000, 1, "s16")
	gainThenLevel := writeFile(t, "m.json", manifestOf(
		passNode+`,{"id":"gain","node_type":"AudioGainNode","params":{"gain_db":-6}},`+
			`{"id":"level","node_type":"AudioLevelNode","params":{}}`,
		`{"from":"pass","to":"gain"},{"from":"pass","to":"level"}`))

	t.Run("same samples back", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "out.wav")
		pass := writeFile(t, "pass.json", manifestOf(passNode, ""))
		res := runCLI(t, "", "run", pass, "--input-wav", in, "--output-wav", out)
		require.Equal(t, ExitOK, res.code, res.stderr)
		assert.Equal(t, "[]\n", res.stdout, "audio goes to the file, not stdout")
		info, got := readWAV(t, out)
		assert.Equal(t, "s16", info.Format.String(), "the input's format by default")
		assert.Equal(t, 8000, info.SampleRate)
		_, want := readWAV(t, in)
		assert.Equal(t, want, got)
	})
	t.Run("audio to the file, JSON to stdout", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "out.wav")
		res := runCLI(t, "", "run", gainThenLevel, "--input-wav", in, "--frame-ms", "250",
			"--output-wav", out, "--output-format", "f32")
		require.Equal(t, ExitOK, res.code, res.stderr)
		var stdout struct {
			Gain  []any `json:"gain"`
			Level []struct {
				TimestampMS float64 `json:"timestamp_ms"`
			} `json:"level"`
		}
		require.NoError(t, json.Unmarshal([]byte(res.stdout), &stdout))
		assert.Empty(t, stdout.Gain)
		require.Len(t, stdout.Level, 4, "one level per 250 ms frame")
		for i, l := range stdout.Level {
			assert.Equal(t, float64(250*i), l.TimestampMS)
		}
		info, got := readWAV(t, out)
		assert.Equal(t, "f32", info.Format.String())
		_, orig := readWAV(t, in)
		require.Len(t, got, len(orig))
		gain := math.Pow(10, -6.0/20)
		for i := range got {
			require.InDelta(t, float64(orig[i])*gain, float64(got[i]), 1e-6, "sample %d", i)
		}
	})
}

func TestRun_WAVErrors(t *testing.T) {
	in := writeWAV(t, ramp(800), 8000, 1, "s16")
	data, err := os.ReadFile(in)
	require.NoError(t, err)
	truncated := writeFile(t, "truncated.wav", string(data[:len(data)-101]))
	notWAV := writeFile(t, "text.wav", "hello, not a WAV file")
	pass := writeFile(t, "pass.json", manifestOf(passNode, ""))
	twoAudioSinks := writeFile(t, "two.json", manifestOf(
		passNode+`,{"id":"a","node_type":"AudioGainNode","params":{"gain_db":1}},`+
			`{"id":"b","node_type":"AudioGainNode","params":{"gain_db":2}}`,
		`{"from":"pass","to":"a"},{"from":"pass","to":"b"}`))
	out := filepath.Join(t.TempDir(), "out.wav")

	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStderr string
	}{
		{"not a WAV", []string{"run", pass, "--input-wav", notWAV}, ExitInvalid, "error: invalid input: " + notWAV + ": wav: not a RIFF file"},
		{"truncated", []string{"run", pass, "--input-wav", truncated}, ExitInvalid, "wav: truncated data chunk"},
		{"missing", []string{"run", pass, "--input-wav", "/nonexistent.wav"}, ExitInvalid, "error: invalid input: open /nonexistent.wav"},
		{"with --input", []string{"run", pass, "--input-wav", in, "--input", "1"}, ExitInvalid, "--input-wav excludes"},
		{"realtime without WAV", []string{"run", pass, "--realtime", "--input", "1"}, ExitInvalid, "--realtime"},
		{"frame too short", []string{"run", pass, "--input-wav", in, "--frame-ms", "-5"}, ExitInvalid, "error: --frame-ms must be 1..60000, got -5"},
		{"frame too long", []string{"run", pass, "--input-wav", in, "--frame-ms", "9223372036854775807"}, ExitInvalid, "error: --frame-ms must be 1..60000, got 9223372036854775807"},
		{"bad output format", []string{"run", pass, "--input-wav", in, "--output-wav", out, "--output-format", "mp3"}, ExitInvalid, "--output-format"},
		{"format without output", []string{"run", pass, "--input-wav", in, "--output-format", "s16"}, ExitInvalid, "--output-format"},
		{"unwritable output", []string{"run", pass, "--input-wav", in, "--output-wav", "/nonexistent/dir/out.wav"}, ExitInvalid, "--output-wav"},
		{"output over input", []string{"run", pass, "--input-wav", in, "--output-wav", in}, ExitInvalid, "is the input file"},
		{"audio of two sinks", []string{"run", twoAudioSinks, "--input-wav", in, "--output-wav", out}, ExitFailure, "takes the audio of one sink"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runCLI(t, "", tt.args...)
			assert.Equal(t, tt.wantCode, res.code, res.stderr)
			assert.Contains(t, res.stderr, tt.wantStderr)
			assertErrorLines(t, res.stderr)
		})
	}
}

// A WAV whose sizes say "unknown" (0xFFFFFFFF), as a streaming writer leaves
// them, is read to end of file; a long --frame-ms used to panic with
// "makeslice: len out of range" or run out of memory on it (issue 9).
func TestRun_WAVOfUnknownSize(t *testing.T) {
	path := filepath.Join(t.TempDir(), "live.wav")
	file, err := os.Create(path)
	require.NoError(t, err)
	w, err := core.NewWAVWriter(file, 8000, 1, mustFormat(t, "s16"))
	require.NoError(t, err)
	require.NoError(t, w.Write(ramp(1000)))
	require.NoError(t, file.Close()) // no w.Close: the sizes stay unknown
	pass := writeFile(t, "pass.json", manifestOf(passNode, ""))
	for _, frameMS := range []string{"20", "60000"} {
		res := runCLI(t, "", "run", pass, "--input-wav", path, "--frame-ms", frameMS, "--jsonl")
		require.Equal(t, ExitOK, res.code, res.stderr)
		var total int
		for line := range strings.Lines(res.stdout) {
			var out struct{ Audio struct{ Samples []float32 } }
			require.NoError(t, json.Unmarshal([]byte(line), &out))
			total += len(out.Audio.Samples)
		}
		assert.Equal(t, 1000, total, "--frame-ms %s: every sample once", frameMS)
	}
}

func mustFormat(t *testing.T, name string) core.WAVFormat {
	t.Helper()
	f, err := core.ParseWAVFormat(name)
	require.NoError(t, err)
	return f
}

func TestRun_WAVNoAudioOutput(t *testing.T) {
	in := writeWAV(t, ramp(800), 8000, 1, "s16")
	level := writeFile(t, "level.json", manifestOf(`{"id":"level","node_type":"AudioLevelNode","params":{}}`, ""))
	out := filepath.Join(t.TempDir(), "out.wav")
	res := runCLI(t, "", "run", level, "--input-wav", in, "--output-wav", out)
	require.Equal(t, ExitOK, res.code, res.stderr)
	assert.Equal(t, "warning: no audio output: "+out+" not written\n", res.stderr)
	assert.NoFileExists(t, out)
}

func TestRun_Realtime(t *testing.T) {
	// 200 ms of audio in 20 ms frames: the last frame is due 180 ms after
	// the first, so a paced run cannot finish sooner.
	in := writeWAV(t, ramp(1600), 8000, 1, "s16")
	pass := writeFile(t, "pass.json", manifestOf(passNode, ""))
	start := time.Now()
	res := runCLI(t, "", "run", pass, "--input-wav", in, "--realtime", "--jsonl")
	require.Equal(t, ExitOK, res.code, res.stderr)
	assert.GreaterOrEqual(t, time.Since(start), 180*time.Millisecond)
	assert.Equal(t, 10, strings.Count(res.stdout, "\n"))

	t.Run("interrupted", func(t *testing.T) {
		long := writeWAV(t, make([]float32, 8000*60), 8000, 1, "s16") // a minute
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(50*time.Millisecond, cancel)
		res := runCLIContext(t, ctx, strings.NewReader(""), "run", pass, "--input-wav", long, "--realtime", "--jsonl")
		assert.Equal(t, ExitInterrupted, res.code, res.stderr)
		assert.True(t, strings.HasSuffix(res.stderr, "error: interrupted\n"), res.stderr)
	})
}
