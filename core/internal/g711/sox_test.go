package g711

import (
	"bytes"
	"encoding/binary"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// soxRaw converts raw 8 kHz mono audio with sox, dither off (-D) so that
// sox's own rounding is what is compared.
func soxRaw(t *testing.T, in []byte, from, to []string) []byte {
	t.Helper()
	if testing.Short() {
		t.Skip("needs sox; skipped in -short mode")
	}
	sox, err := exec.LookPath("sox")
	require.NoError(t, err, "CI needs: apt-get install -y sox")
	args := append([]string{"-D", "-t", "raw", "-r", "8000", "-c", "1"}, from...)
	args = append(append(append(args, "-"), "-t", "raw"), to...)
	cmd := exec.Command(sox, append(args, "-")...)
	cmd.Stdin = bytes.NewReader(in)
	out, err := cmd.Output()
	require.NoError(t, err)
	return out
}

func soxEncoding(l Law) string {
	if l == ALaw {
		return "a-law"
	}
	return "mu-law"
}

var s16 = []string{"-e", "signed", "-b", "16"}

// Every code decodes to the 16-bit value sox gives it.
func TestDecode_EveryCodeMatchesSox(t *testing.T) {
	codes := make([]byte, 256)
	for i := range codes {
		codes[i] = byte(i)
	}
	for _, l := range []Law{MuLaw, ALaw} {
		raw := soxRaw(t, codes, []string{"-e", soxEncoding(l), "-b", "8"}, s16)
		require.Len(t, raw, 2*256)
		got := make([]float32, 256)
		l.Decode(got, codes)
		for c := range 256 {
			want := int16(binary.LittleEndian.Uint16(raw[2*c:]))
			assert.Equal(t, want, l.Linear(byte(c)), "%s code 0x%02x", l, c)
			assert.Equal(t, float32(want)/(1<<15), got[c], "%s code 0x%02x", l, c)
		}
	}
}

// Every 16-bit sample encodes to the code sox gives it, so the rounding
// and the segment bounds match everywhere, not only at the codes' values.
func TestEncode_Every16BitSampleMatchesSox(t *testing.T) {
	raw := make([]byte, 2*65536)
	samples := make([]float32, 65536)
	for i := range samples {
		v := int16(i - 32768)
		binary.LittleEndian.PutUint16(raw[2*i:], uint16(v))
		samples[i] = float32(v) / (1 << 15)
	}
	for _, l := range []Law{MuLaw, ALaw} {
		want := soxRaw(t, raw, s16, []string{"-e", soxEncoding(l), "-b", "8"})
		got := make([]byte, len(samples))
		l.Encode(got, samples)
		require.Len(t, want, len(got))
		mismatches := 0
		for i := range got {
			if got[i] != want[i] {
				if mismatches < 5 {
					t.Errorf("%s: sample %d: ours 0x%02x, sox 0x%02x", l, i-32768, got[i], want[i])
				}
				mismatches++
			}
		}
		assert.Zero(t, mismatches, "%s", l)
	}
}
