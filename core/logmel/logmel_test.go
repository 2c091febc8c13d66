package logmel_test

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core/logmel"
)

// sameBitsSHA256 is the sha256 of the features of sameBitsSignal. The
// browser's TurnDetectorNode is compared with the CLI's on the premise
// that both compute the very same features: this test runs natively
// (make test-go) and under js/wasm (make test-web-engine).
const sameBitsSHA256 = "01f0561ed961fd9b37d77d9659500ea22869e57c703d0979e619fca53520131f"

func sameBitsSignal() []float32 {
	a := make([]float32, 8*logmel.SampleRate)
	for i := range a {
		a[i] = float32(0.3*math.Sin(float64(i)*0.013) + 0.1*math.Sin(float64(i*i)*1e-5))
	}
	return a
}

func TestExtractor_SameBitsOnEveryTarget(t *testing.T) {
	a := sameBitsSignal()
	out := make([]float32, logmel.Mels*logmel.Frames(len(a)))
	require.NoError(t, logmel.New().Compute(out, a))
	sum := sha256.Sum256(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(out))), 4*len(out)))
	require.Equal(t, sameBitsSHA256, hex.EncodeToString(sum[:]), "the features changed, or differ on this target")
}
