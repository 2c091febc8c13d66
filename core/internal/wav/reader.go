package wav

import (
	"fmt"
	"io"
	"math"
	"slices"
	"time"
)

// Reader streams the samples of one WAV file, a block of frames at a time,
// so a file of any length is read in constant memory.
type Reader struct {
	r         io.Reader
	info      Info
	dataBytes int64 // declared data chunk size, -1 when unknown
	consumed  int64 // data bytes read so far
	frames    int64 // frames returned so far
	buf       []byte
}

// NewReader reads the header of a WAV file and leaves r at the first sample.
// Chunks other than fmt and data are skipped.
func NewReader(r io.Reader) (*Reader, error) {
	info, size, err := readHeader(r)
	if err != nil {
		return nil, err
	}
	return &Reader{r: r, info: info, dataBytes: size}, nil
}

// Info describes the audio.
func (r *Reader) Info() Info { return r.info }

// Position is the number of frames returned so far.
func (r *Reader) Position() int64 { return r.frames }

// Timestamp is the presentation time of the next frame ReadFrames returns.
func (r *Reader) Timestamp() time.Duration { return FramesToDuration(r.frames, r.info.SampleRate) }

// ReadFrames returns up to n frames of interleaved samples, fewer only at the
// end of the data, and io.EOF once none are left. A file shorter than its
// header declares is an error that says by how much.
//
// Memory follows the data actually read, never n or the header's size: the
// data is read in steps of at most readBlockBytes, so a huge n, or a data
// size that is unknown (0xFFFFFFFF, read to end of file) or larger than the
// file, costs no more than the samples returned.
func (r *Reader) ReadFrames(n int) ([]float32, error) {
	if n <= 0 {
		panic(fmt.Sprintf("wav: ReadFrames(%d): n must be positive", n))
	}
	blockAlign := int64(r.info.Channels * r.info.Format.BytesPerSample())
	want := int64(math.MaxInt64) / blockAlign * blockAlign
	if int64(n) <= want/blockAlign {
		want = int64(n) * blockAlign
	}
	if r.dataBytes >= 0 {
		want = min(want, (r.dataBytes-r.consumed)/blockAlign*blockAlign)
	}
	if want == 0 {
		return nil, io.EOF
	}
	buf, err := r.readData(want)
	switch {
	case err == nil:
	case r.dataBytes >= 0 && (err == io.EOF || err == io.ErrUnexpectedEOF):
		return nil, fmt.Errorf("wav: truncated data chunk: header says %d bytes, file has %d", r.dataBytes, r.consumed)
	case err == io.EOF && len(buf) == 0:
		return nil, io.EOF
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		if stray := int64(len(buf)) % blockAlign; stray != 0 {
			return nil, fmt.Errorf("wav: data ends inside a sample frame: %d stray bytes after %d frames", stray, r.frames+int64(len(buf))/blockAlign)
		}
	default:
		return nil, fmt.Errorf("wav: read data: %w", err)
	}
	samples := make([]float32, len(buf)/r.info.Format.BytesPerSample())
	decodeSamples(samples, buf, r.info.Format)
	r.frames += int64(len(buf)) / blockAlign
	return samples, nil
}

// readData reads up to want bytes into r.buf, growing it a step at a time
// as data arrives. At end of file it returns what it got with io.EOF.
func (r *Reader) readData(want int64) ([]byte, error) {
	buf := r.buf[:0]
	for int64(len(buf)) < want {
		step := int(min(want-int64(len(buf)), readBlockBytes))
		buf = slices.Grow(buf, step)
		got, err := io.ReadFull(r.r, buf[len(buf):len(buf)+step])
		buf = buf[:len(buf)+got]
		r.consumed += int64(got)
		if err == io.ErrUnexpectedEOF || (err == io.EOF && len(buf) > 0) {
			err = io.EOF
		}
		if err != nil {
			r.buf = buf
			return buf, err
		}
	}
	r.buf = buf
	return buf, nil
}

// readBlockBytes is how much data Read decodes per step: large enough to be
// fast, small enough that a lying header cannot make it allocate much.
const readBlockBytes = 1 << 18

// Read reads a whole WAV file into memory as interleaved float32 samples.
// The returned Info counts the frames actually read.
func Read(r io.Reader) (*Info, []float32, error) {
	wr, err := NewReader(r)
	if err != nil {
		return nil, nil, err
	}
	info := wr.Info()
	var all []float32
	if info.Frames > 0 {
		all = make([]float32, 0, min(info.Frames*int64(info.Channels), readBlockBytes))
	}
	blockFrames := max(1, readBlockBytes/(info.Channels*info.Format.BytesPerSample()))
	for {
		block, err := wr.ReadFrames(blockFrames)
		if err == io.EOF {
			info.Frames = wr.Position()
			return &info, all, nil
		}
		if err != nil {
			return nil, nil, err
		}
		all = append(all, block...)
	}
}
