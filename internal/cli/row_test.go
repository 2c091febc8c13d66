package cli

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core"
)

// runRow runs the manifest at path over the inputs of file as map_pipeline
// runs a row: ReadInputFile, a batch run, FormatResult.
func runRow(t *testing.T, manifest, file string, frameMS int) (string, error) {
	t.Helper()
	ctx := context.Background()
	cfg := Options{}.config()
	m, err := core.LoadManifest(manifest, cfg)
	require.NoError(t, err)
	p, err := core.NewPipeline(m, cfg)
	require.NoError(t, err)
	inputs, err := ReadInputFile(ctx, file, frameMS)
	if err != nil {
		return "", err
	}
	res, err := p.Run(ctx, inputs)
	require.NoError(t, err)
	out, err := FormatResult(p.Sinks(), res)
	require.NoError(t, err)
	return string(out), nil
}

// A row gives byte for byte what `remotemedia run` prints for its file,
// for WAV files at several frame lengths and for JSON documents, with one
// sink and with several.
func TestRow_IsWhatRunPrints(t *testing.T) {
	wav := writeWAV(t, ramp(22050*2/3*2), 22050, 2, "s16") // 2/3 s of stereo: a short last frame
	levels := writeFile(t, "levels.json", manifestOf(
		passNode+`,{"id":"gain","node_type":"AudioGainNode","params":{"gain_db":-6}},`+
			`{"id":"level","node_type":"AudioLevelNode","params":{}}`,
		`{"from":"pass","to":"gain"},{"from":"pass","to":"level"}`))
	items := writeFile(t, "items.JSON", `[1, 2.5, "three", {"four": [4]}, null]`)
	one := writeFile(t, "one.json", `7`)

	cases := []struct {
		name, manifest, file string
		frameMS              int
		flag                 string
	}{
		{"wav, two sinks", levels, wav, 20, "--input-wav"},
		{"wav, 7 ms frames", levels, wav, 7, "--input-wav"},
		{"wav, one sink", writeFile(t, "pass.json", manifestOf(passNode, "")), wav, 50, "--input-wav"},
		{"json array, two sinks", writeFile(t, "calc.json", twoSinkManifest), writeFile(t, "n.json", `[1, 2, 3]`), 20, "--input-file"},
		{"json values, one sink", writeFile(t, "pass2.json", manifestOf(passNode, "")), items, 20, "--input-file"},
		{"one json value", writeFile(t, "calc1.json", calculatorManifest), one, 20, "--input-file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := []string{"run", c.manifest, c.flag, c.file}
			if c.flag == "--input-wav" {
				args = append(args, "--frame-ms", strconv.Itoa(c.frameMS))
			}
			cli := runCLI(t, "", args...)
			require.Equal(t, ExitOK, cli.code, cli.stderr)
			got, err := runRow(t, c.manifest, c.file, c.frameMS)
			require.NoError(t, err)
			assert.Equal(t, strings.TrimSuffix(cli.stdout, "\n"), got)
			assert.NotContains(t, got, "\n")
		})
	}
}

// Bad files and frame lengths are input errors with the CLI's messages.
func TestRow_BadInputIsAnInputError(t *testing.T) {
	pass := writeFile(t, "pass.json", manifestOf(passNode, ""))
	wav := writeWAV(t, ramp(800), 8000, 1, "s16")
	cases := []struct {
		name, file string
		frameMS    int
		want       string
	}{
		{"not a WAV", writeFile(t, "text.wav", "hello, not a WAV file"), 20, "wav: not a RIFF file"},
		{"missing WAV", "/nonexistent.wav", 20, "open /nonexistent.wav"},
		{"missing JSON", "/nonexistent.json", 20, "/nonexistent.json"},
		{"bad JSON", writeFile(t, "bad.json", `[1,`), 20, "bad.json"},
		{"frame too short", wav, 0, "--frame-ms must be 1..60000, got 0"},
		{"frame too long", wav, 60_001, "--frame-ms must be 1..60000, got 60001"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := runRow(t, pass, c.file, c.frameMS)
			require.Error(t, err)
			_, isInput := errors.AsType[*core.InputError](err)
			assert.True(t, isInput, "%T: %v", err, err)
			assert.Contains(t, err.Error(), c.want)
		})
	}
}
