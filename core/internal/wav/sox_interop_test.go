package wav

import (
	"bytes"
	"encoding/binary"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWrite_SoxReadsIt checks the other direction of TestRead_SoxFixtures:
// sox decodes every file Write makes to the samples written.
func TestWrite_SoxReadsIt(t *testing.T) {
	if testing.Short() {
		t.Skip("needs sox; skipped in -short mode")
	}
	sox, err := exec.LookPath("sox")
	require.NoError(t, err, "CI needs: apt-get install -y sox")
	for _, f := range allFormats {
		for _, channels := range []int{1, 2, 3} {
			samples := exactSignal(f, 101, channels, 5)
			if f.IsFloat() {
				for i := range samples { // sox clips floats to [-1, 1] on output
					samples[i] = max(-1, min(1, samples[i]))
				}
			}
			path := filepath.Join(t.TempDir(), "ours.wav")
			var buf bytes.Buffer
			require.NoError(t, Write(&buf, samples, 32000, channels, f))
			require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))

			raw, err := exec.Command(sox, path, "-t", "f64", "-").Output()
			require.NoError(t, err, "sox rejected %s x%d", f, channels)
			got := make([]float64, len(raw)/8)
			for i := range got {
				got[i] = math.Float64frombits(binary.LittleEndian.Uint64(raw[8*i:]))
			}
			require.Len(t, got, len(samples), "%s x%d", f, channels)
			for i := range samples {
				assert.InDelta(t, float64(samples[i]), got[i], 1e-7, "%s x%d sample %d", f, channels, i)
			}
		}
	}
}
