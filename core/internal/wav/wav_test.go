package wav

import (
	"bytes"
	"encoding/binary"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// exactSignal returns frames*channels samples that format f stores exactly:
// multiples of its LSB, hitting both extremes.
func exactSignal(f Format, frames, channels int, seed uint64) []float32 {
	rng := rand.New(rand.NewPCG(seed, 1))
	out := make([]float32, frames*channels)
	bits := 8 * f.BytesPerSample()
	if law := f.law(); law != 0 {
		// Decoded codes are the values a G.711 file holds exactly.
		codes := make([]byte, len(out))
		for i := range codes {
			codes[i] = byte(rng.IntN(256))
		}
		law.Decode(out, codes)
		return out
	}
	for i := range out {
		switch {
		case f.IsFloat():
			out[i] = float32(rng.Float64()*2.5 - 1.25) // floats keep out-of-range values
		case bits == 32:
			// float32 holds 24 significant bits, so only those survive.
			out[i] = float32(rng.IntN(1<<24)-(1<<23)) / (1 << 23)
		default:
			half := 1 << (bits - 1)
			out[i] = float32(rng.IntN(2*half)-half) / float32(half)
		}
	}
	if len(out) >= 2 && !f.IsFloat() {
		out[0], out[1] = -1, float32(1)-1/float32(int64(1)<<(bits-1))
	}
	return out
}

func TestWrite_RoundTrip(t *testing.T) {
	for _, f := range allFormats {
		for _, channels := range []int{1, 2, 3, 6} {
			for _, frames := range []int{0, 1, 477} {
				samples := exactSignal(f, frames, channels, uint64(channels*1000+frames))
				var buf bytes.Buffer
				require.NoError(t, Write(&buf, samples, 44100, channels, f))
				assert.Zero(t, buf.Len()%2, "RIFF chunks are even-sized")

				info, got, err := Read(bytes.NewReader(buf.Bytes()))
				require.NoError(t, err, "%s x%d", f, channels)
				assert.Equal(t, Info{SampleRate: 44100, Channels: channels, Format: f, Frames: int64(frames)}, *info)
				if frames == 0 {
					assert.Empty(t, got)
					continue
				}
				assert.Equal(t, samples, got, "%s x%d", f, channels)
			}
		}
	}
}

func TestWrite_ClampsAndRounds(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, Write(&buf, []float32{1.5, -1.5, 0.25 + 0.4/32768}, 8000, 1, PCM16))
	_, got, err := Read(&buf)
	require.NoError(t, err)
	assert.Equal(t, []float32{32767.0 / 32768, -1, 0.25}, got)
}

func TestWrite_Errors(t *testing.T) {
	tests := []struct {
		name     string
		samples  []float32
		rate, ch int
		format   Format
		want     string
	}{
		{"ragged", make([]float32, 3), 8000, 2, PCM16, "wav: 3 samples do not divide into 2 channels"},
		{"no channels", nil, 8000, 0, PCM16, "wav: channel count 0 out of range 1..8191"},
		{"bad rate", nil, 0, 1, PCM16, "wav: sample rate 0 out of range for 1 channels of s16"},
		{"bad format", nil, 8000, 1, Format(0), "wav: unsupported sample format format(0)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.EqualError(t, Write(io.Discard, tt.samples, tt.rate, tt.ch, tt.format), tt.want)
		})
	}
}

// TestRead_SoxFixtures checks interop: sox wrote one signal in every
// encoding (testdata/make_sox_fixtures.sh); each decodes to the f64 version
// within one step of its own resolution.
func TestRead_SoxFixtures(t *testing.T) {
	_, ref, err := readFile(t, "sox_f64_stereo.wav")
	require.NoError(t, err)
	tests := []struct {
		file     string
		format   Format
		channels int
	}{
		{"sox_u8_mono.wav", PCM8, 1},
		{"sox_s16_stereo.wav", PCM16, 2},
		{"sox_s24_3ch.wav", PCM24, 3},    // WAVE_FORMAT_EXTENSIBLE
		{"sox_s32_stereo.wav", PCM32, 2}, // WAVE_FORMAT_EXTENSIBLE
		{"sox_f32_mono.wav", Float32, 1},
		{"sox_ulaw_mono.wav", MuLaw, 1},
		{"sox_alaw_stereo.wav", ALaw, 2},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			info, got, err := readFile(t, tt.file)
			require.NoError(t, err)
			assert.Equal(t, Info{SampleRate: 8000, Channels: tt.channels, Format: tt.format, Frames: 80}, *info)
			lsb := 1 / float64(int64(1)<<(8*tt.format.BytesPerSample()-1))
			if tt.format.IsFloat() {
				lsb = 1e-7
			}
			want := ref[:]
			if law := tt.format.law(); law != 0 {
				// sox's G.711 encoder and ours agree on every sample
				// (core/internal/g711), so the file holds exactly what
				// ours makes of the reference.
				codes := make([]byte, len(ref))
				law.Encode(codes, ref)
				want = make([]float32, len(ref))
				law.Decode(want, codes)
				lsb = 0
			}
			for i := range 80 {
				for c := range tt.channels {
					require.InDelta(t, want[2*i], got[i*tt.channels+c], lsb, "frame %d channel %d", i, c)
				}
			}
		})
	}
}

func readFile(t *testing.T, name string) (*Info, []float32, error) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return Read(bytes.NewReader(data))
}

// riff assembles a WAV file from chunks, computing the RIFF size.
func riff(chunks ...[]byte) []byte {
	body := []byte("WAVE")
	for _, c := range chunks {
		body = append(body, c...)
	}
	out := append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(len(body)))...)
	return append(out, body...)
}

// chunk builds one chunk; size overrides the declared size when >= 0.
func chunk(id string, body []byte, size int64) []byte {
	if size < 0 {
		size = int64(len(body))
	}
	out := append([]byte(id), binary.LittleEndian.AppendUint32(nil, uint32(size))...)
	out = append(out, body...)
	if len(body)%2 == 1 {
		out = append(out, 0)
	}
	return out
}

// fmtBody is a plain fmt chunk body.
func fmtBody(tag, channels uint16, rate uint32, bits uint16) []byte {
	le := binary.LittleEndian
	b := le.AppendUint16(nil, tag)
	b = le.AppendUint16(b, channels)
	b = le.AppendUint32(b, rate)
	b = le.AppendUint32(b, rate*uint32(channels*bits/8))
	b = le.AppendUint16(b, channels*bits/8)
	return le.AppendUint16(b, bits)
}

func TestRead_Chunks(t *testing.T) {
	pcm := []byte{0x00, 0x40, 0x00, 0xC0} // 0.5, -0.5 as s16
	tests := []struct {
		name string
		file []byte
		want []float32
	}{
		{
			name: "unknown chunks before, between and after, odd sized",
			file: riff(chunk("LIST", []byte("abc"), -1), chunk("fmt ", fmtBody(1, 1, 16000, 16), -1),
				chunk("bext", make([]byte, 7), -1), chunk("data", pcm, -1), chunk("id3 ", []byte{1}, -1)),
			want: []float32{0.5, -0.5},
		},
		{
			name: "unknown data size reads to end of file",
			file: riff(chunk("fmt ", fmtBody(1, 1, 16000, 16), -1), chunk("data", pcm, unknownSize)),
			want: []float32{0.5, -0.5},
		},
		{
			name: "data size not a whole number of frames",
			file: riff(chunk("fmt ", fmtBody(1, 1, 16000, 16), -1), chunk("data", append(pcm, 7), -1)),
			want: []float32{0.5, -0.5},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info, got, err := Read(bytes.NewReader(tt.file))
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, int64(len(tt.want)), info.Frames)
		})
	}
}

func TestRead_Errors(t *testing.T) {
	good := fmtBody(1, 2, 48000, 16)
	ext := func(sub []byte) []byte {
		b := fmtBody(tagExtensible, 1, 8000, 16)
		b = binary.LittleEndian.AppendUint16(b, 22)
		b = binary.LittleEndian.AppendUint16(b, 16)
		b = binary.LittleEndian.AppendUint32(b, 0)
		return append(b, sub...)
	}
	badAlign := fmtBody(1, 2, 8000, 16)
	badAlign[12] = 3
	tests := []struct {
		name string
		file []byte
		want string
	}{
		{"empty", nil, "wav: truncated RIFF header: need 12 bytes, file has 0"},
		{"short", []byte("RIFF\x00\x00"), "wav: truncated RIFF header: need 12 bytes, file has 6"},
		{"not riff", []byte("OggS\x00\x00\x00\x00WAVE"), `wav: not a RIFF file: starts with "OggS"`},
		{"rf64", []byte("RF64\xff\xff\xff\xffWAVE"), "wav: RF64 (WAV over 4 GiB) is not supported"},
		{"avi", []byte("RIFF\x04\x00\x00\x00AVI "), `wav: RIFF form is "AVI ", want "WAVE"`},
		{"no fmt", riff(), "wav: no fmt chunk"},
		{"no data", riff(chunk("fmt ", good, -1)), "wav: no data chunk"},
		{"data before fmt", riff(chunk("data", nil, -1), chunk("fmt ", good, -1)), "wav: data chunk comes before the fmt chunk"},
		{"cut chunk header", append(riff(chunk("fmt ", good, -1)), 'd', 'a'), "wav: truncated chunk header: need 8 bytes, file has 2"},
		{"truncated fmt", riff(chunk("fmt ", good[:10], 16)), "wav: truncated fmt chunk: header says 16 bytes, file has 10"},
		{"short fmt", riff(chunk("fmt ", good[:14], -1)), "wav: fmt chunk is 14 bytes, need at least 16"},
		{"huge fmt", riff(chunk("fmt ", good, 1<<20)), "wav: fmt chunk is 1048576 bytes, more than any known layout needs"},
		{"truncated unknown chunk", riff(chunk("LIST", []byte("ab"), 100)), "wav: truncated LIST chunk: header says 100 bytes, file has 2"},
		{"binary chunk id", riff(chunk("\x00\x01ab", nil, 9)), `wav: truncated "\x00\x01ab" chunk: header says 9 bytes, file has 0`},
		{"truncated data", riff(chunk("fmt ", good, -1), chunk("data", make([]byte, 1200), 48000)),
			"wav: truncated data chunk: header says 48000 bytes, file has 1200"},
		{"stray bytes, unknown size", riff(chunk("fmt ", good, -1), chunk("data", make([]byte, 6), unknownSize)),
			"wav: data ends inside a sample frame: 2 stray bytes after 1 frames"},
		{"16-bit mu-law", riff(chunk("fmt ", fmtBody(7, 1, 8000, 16), -1)), "wav: unsupported 16-bit mu-law samples"},
		{"odd tag", riff(chunk("fmt ", fmtBody(0x1234, 1, 8000, 8), -1)), "wav: unsupported format tag 0x1234 (unknown): only PCM, IEEE float, mu-law and A-law are supported"},
		{"12-bit", riff(chunk("fmt ", fmtBody(1, 1, 8000, 12), -1)), "wav: unsupported 12-bit PCM samples"},
		{"16-bit float", riff(chunk("fmt ", fmtBody(3, 1, 8000, 16), -1)), "wav: unsupported 16-bit IEEE float samples"},
		{"zero channels", riff(chunk("fmt ", fmtBody(1, 0, 8000, 16), -1)), "wav: channel count 0 out of range 1..8191"},
		{"zero rate", riff(chunk("fmt ", fmtBody(1, 1, 0, 16), -1)), "wav: sample rate 0 out of range for 1 channels of s16"},
		{"absurd rate", riff(chunk("fmt ", fmtBody(1, 2, 4211125316, 16), -1)), "wav: sample rate 4211125316 out of range for 2 channels of s16"},
		{"too many channels", riff(chunk("fmt ", fmtBody(1, 9000, 8000, 8), -1)), "wav: channel count 9000 out of range 1..8191"},
		{"block align", riff(chunk("fmt ", badAlign, -1)), "wav: block align is 3, want 4 for 2 channels of s16"},
		{"short extensible", riff(chunk("fmt ", fmtBody(tagExtensible, 1, 8000, 16), -1)), "wav: extensible fmt chunk is 16 bytes, need 40"},
		{"foreign GUID", riff(chunk("fmt ", ext(make([]byte, 16)), -1)),
			"wav: unsupported extensible sub-format GUID 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Read(bytes.NewReader(tt.file))
			assert.EqualError(t, err, tt.want)
		})
	}
}

func TestReader_ReadFrames(t *testing.T) {
	samples := exactSignal(PCM24, 1000, 2, 7)
	var buf bytes.Buffer
	require.NoError(t, Write(&buf, samples, 48000, 2, PCM24))

	r, err := NewReader(&buf)
	require.NoError(t, err)
	assert.Equal(t, int64(1000), r.Info().Frames)
	rng := rand.New(rand.NewPCG(3, 4))
	var got []float32
	for {
		assert.Equal(t, int64(len(got)/2), r.Position())
		assert.Equal(t, FramesToDuration(r.Position(), 48000), r.Timestamp())
		block, err := r.ReadFrames(1 + rng.IntN(300))
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		got = append(got, block...)
	}
	assert.Equal(t, samples, got)
	_, err = r.ReadFrames(10)
	assert.Equal(t, io.EOF, err, "EOF is sticky")
	assert.Equal(t, 20833333*time.Nanosecond, r.Timestamp(), "1000 frames at 48 kHz")
}

func TestReader_ReadFramesPanicsOnBadCount(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, Write(&buf, []float32{0}, 8000, 1, PCM16))
	r, err := NewReader(&buf)
	require.NoError(t, err)
	assert.Panics(t, func() { _, _ = r.ReadFrames(0) })
}

func TestWriter_MatchesWrite(t *testing.T) {
	for _, f := range allFormats {
		for _, channels := range []int{1, 3} {
			samples := exactSignal(f, 301, channels, 9) // odd frame count: PCM8/PCM24 need a pad byte
			var whole bytes.Buffer
			require.NoError(t, Write(&whole, samples, 22050, channels, f))

			file, err := os.Create(filepath.Join(t.TempDir(), "out.wav"))
			require.NoError(t, err)
			w, err := NewWriter(file, 22050, channels, f)
			require.NoError(t, err)
			for rest := samples; len(rest) > 0; {
				n := min(len(rest), 50*channels)
				require.NoError(t, w.Write(rest[:n]))
				rest = rest[n:]
			}
			require.NoError(t, w.Close())
			require.NoError(t, w.Close(), "Close is idempotent")
			assert.EqualError(t, w.Write(samples[:channels]), "wav: write after Close")
			require.NoError(t, file.Close())

			streamed, err := os.ReadFile(file.Name())
			require.NoError(t, err)
			assert.Equal(t, whole.Bytes(), streamed, "%s x%d", f, channels)
		}
	}
}

func TestWriter_UnfinishedFileReadsBack(t *testing.T) {
	file, err := os.Create(filepath.Join(t.TempDir(), "crash.wav"))
	require.NoError(t, err)
	defer file.Close()
	w, err := NewWriter(file, 16000, 1, Float32)
	require.NoError(t, err)
	require.NoError(t, w.Write([]float32{0.25, -0.75, float32(math.Pi)}))
	// No Close: as if the process died mid-stream.
	data, err := os.ReadFile(file.Name())
	require.NoError(t, err)

	info, got, err := Read(bytes.NewReader(data))
	require.NoError(t, err)
	assert.Equal(t, []float32{0.25, -0.75, float32(math.Pi)}, got)
	assert.Equal(t, int64(3), info.Frames)
}

func TestWriter_RaggedWrite(t *testing.T) {
	file, err := os.Create(filepath.Join(t.TempDir(), "x.wav"))
	require.NoError(t, err)
	defer file.Close()
	w, err := NewWriter(file, 16000, 2, PCM16)
	require.NoError(t, err)
	assert.EqualError(t, w.Write([]float32{1, 2, 3}), "wav: 3 samples do not divide into 2 channels")
}

func TestInfo_Duration(t *testing.T) {
	assert.Equal(t, 1500*time.Millisecond, Info{SampleRate: 16000, Frames: 24000}.Duration())
	assert.Zero(t, Info{SampleRate: 16000, Frames: UnknownFrames}.Duration())
}
