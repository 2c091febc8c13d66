package wire

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/remote/pb"
)

// Metadata keys that carry a variant's own descriptive fields (see the
// package doc).
const (
	metaTimestamp  = "timestamp_ns"
	metaSchemaType = "schema_type"
	metaLanguage   = "language"
	metaChannel    = "channel"
	metaMimeType   = "mime_type"
	metaLayout     = "layout"
)

// VariantName is the protocol name of b's data_type ("audio", "video", ...),
// "none" when nothing is set.
func VariantName(b *pb.DataBuffer) string {
	switch b.GetDataType().(type) {
	case *pb.DataBuffer_Audio:
		return "audio"
	case *pb.DataBuffer_Video:
		return "video"
	case *pb.DataBuffer_Tensor:
		return "tensor"
	case *pb.DataBuffer_Json:
		return "json"
	case *pb.DataBuffer_Text:
		return "text"
	case *pb.DataBuffer_Binary:
		return "binary"
	case *pb.DataBuffer_Control:
		return "control"
	case *pb.DataBuffer_Numpy:
		return "numpy"
	case *pb.DataBuffer_File:
		return "file"
	}
	return "none"
}

// ToFrame converts a received DataBuffer to a frame. The frame owns copies
// of b's payload, so b may be reused afterwards.
func ToFrame(b *pb.DataBuffer) (*frame.Frame, error) {
	meta := make(map[string]any, len(b.GetMetadata())+1)
	for k, v := range b.GetMetadata() {
		meta[k] = v
	}
	var (
		f   *frame.Frame
		err error
	)
	switch v := b.GetDataType().(type) {
	case *pb.DataBuffer_Audio:
		f, err = audioFrame(v.Audio, meta)
	case *pb.DataBuffer_Tensor:
		f, err = tensorFrame(v.Tensor, meta)
	case *pb.DataBuffer_Numpy:
		f, err = numpyFrame(v.Numpy)
	case *pb.DataBuffer_Json:
		f, err = jsonFrame(v.Json, meta)
	case *pb.DataBuffer_Text:
		f, err = textFrame(v.Text, meta)
	case *pb.DataBuffer_Binary:
		setIfNotEmpty(meta, metaMimeType, v.Binary.GetMimeType())
		f = frame.Bytes(append([]byte(nil), v.Binary.GetData()...))
	case nil:
		return nil, malformed("empty", "no data_type is set")
	default:
		return nil, &UnsupportedError{Variant: VariantName(b)}
	}
	if err != nil {
		return nil, err
	}
	if len(meta) == 0 {
		return f, nil
	}
	return f.WithMeta(meta), nil
}

func setIfNotEmpty(meta map[string]any, key, value string) {
	if value != "" {
		meta[key] = value
	}
}

func audioFrame(a *pb.AudioBuffer, meta map[string]any) (*frame.Frame, error) {
	if a.GetSampleRate() == 0 {
		return nil, malformed("audio", "sample_rate is 0")
	}
	if a.GetChannels() == 0 {
		return nil, malformed("audio", "channels is 0")
	}
	raw := a.GetSamples()
	var samples []float32
	switch a.GetFormat() {
	// Upstream's own decoder reads an unspecified format as F32.
	case pb.AudioFormat_AUDIO_FORMAT_F32, pb.AudioFormat_AUDIO_FORMAT_UNSPECIFIED:
		if len(raw)%4 != 0 {
			return nil, malformed("audio", "%d bytes are not a whole number of 4-byte F32 samples", len(raw))
		}
		samples = make([]float32, len(raw)/4)
		for i := range samples {
			samples[i] = math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:]))
		}
	case pb.AudioFormat_AUDIO_FORMAT_I16:
		if len(raw)%2 != 0 {
			return nil, malformed("audio", "%d bytes are not a whole number of 2-byte I16 samples", len(raw))
		}
		samples = make([]float32, len(raw)/2)
		for i := range samples {
			samples[i] = float32(int16(binary.LittleEndian.Uint16(raw[2*i:]))) / 32768
		}
	default:
		return nil, &UnsupportedError{Variant: "audio", Detail: "format " + a.GetFormat().String() + " (frames hold float32 samples: send F32 or I16)"}
	}
	if n := a.GetNumSamples(); n != 0 && n != uint64(len(samples)) {
		return nil, malformed("audio", "num_samples is %d but the bytes hold %d samples", n, len(samples))
	}
	if len(samples)%int(a.GetChannels()) != 0 {
		return nil, malformed("audio", "%d samples do not divide into %d channels", len(samples), a.GetChannels())
	}
	if a.MetadataJson != nil {
		if err := mergeJSONObject(meta, a.MetadataJson); err != nil {
			return nil, malformed("audio", "metadata_json: %v", err)
		}
	}
	ts, err := takeTimestamp(meta)
	if err != nil {
		return nil, err
	}
	return frame.NewAudio(frame.Audio{Samples: samples, SampleRate: int(a.GetSampleRate()), Channels: int(a.GetChannels()), Timestamp: ts})
}

func mergeJSONObject(meta map[string]any, data []byte) error {
	v, err := core.DecodeJSON(data)
	if err != nil {
		return err
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return errors.New("must be a JSON object")
	}
	for k, x := range obj {
		meta[k] = x
	}
	return nil
}

// takeTimestamp removes the audio timestamp from meta.
func takeTimestamp(meta map[string]any) (time.Duration, error) {
	v, ok := meta[metaTimestamp]
	if !ok {
		return 0, nil
	}
	delete(meta, metaTimestamp)
	// A string from metadata, a json.Number from metadata_json.
	s := fmt.Sprint(v)
	ns, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, malformed("audio", "metadata %q must be an integer of nanoseconds, got %q", metaTimestamp, s)
	}
	return time.Duration(ns), nil
}

func tensorFrame(t *pb.TensorBuffer, meta map[string]any) (*frame.Frame, error) {
	dtype, ok := tensorDTypes[t.GetDtype()]
	if !ok {
		if t.GetDtype() == pb.TensorDtype_TENSOR_DTYPE_F16 {
			return nil, &UnsupportedError{Variant: "tensor", Detail: "dtype TENSOR_DTYPE_F16 (no float16 frames)"}
		}
		return nil, malformed("tensor", "dtype %s is not a tensor dtype", t.GetDtype())
	}
	setIfNotEmpty(meta, metaLayout, t.GetLayout())
	return tensorOf("tensor", dtype, t.GetShape(), t.GetData())
}

func numpyFrame(n *pb.NumpyBuffer) (*frame.Frame, error) {
	dtype := frame.DType(n.GetDtype())
	if dtype.Size() == 0 {
		return nil, &UnsupportedError{Variant: "numpy", Detail: "dtype " + strconv.Quote(n.GetDtype())}
	}
	if strides := n.GetStrides(); len(strides) > 0 {
		if len(strides) != len(n.GetShape()) {
			return nil, malformed("numpy", "%d strides for %d dimensions", len(strides), len(n.GetShape()))
		}
		// C order: each stride is the product of the later dimensions.
		want := int64(dtype.Size())
		for i := len(strides) - 1; i >= 0; i-- {
			if n.GetShape()[i] > 1 && strides[i] != want {
				return nil, &UnsupportedError{Variant: "numpy", Detail: "strides that are not C-contiguous (send np.ascontiguousarray)"}
			}
			want *= int64(min(n.GetShape()[i], math.MaxInt32))
		}
	}
	return tensorOf("numpy", dtype, n.GetShape(), n.GetData())
}

// tensorOf checks shape against data before anything is allocated: a
// shape's product can overflow, and a claimed size must not be trusted.
func tensorOf(variant string, dtype frame.DType, dims []uint64, data []byte) (*frame.Frame, error) {
	shape := make([]int, len(dims))
	for i, d := range dims {
		if d > math.MaxInt32 {
			return nil, malformed(variant, "dimension %d is %d, more than %d", i, d, math.MaxInt32)
		}
		shape[i] = int(d)
	}
	need, ok := byteCount(dims, uint64(dtype.Size()))
	if !ok {
		return nil, malformed(variant, "shape %v of %s needs more than 2^64 bytes, got %d", dims, dtype, len(data))
	}
	if need != uint64(len(data)) {
		return nil, malformed(variant, "shape %v of %s needs %d bytes, got %d", dims, dtype, need, len(data))
	}
	return frame.NewTensor(frame.Tensor{DType: dtype, Shape: shape, Data: frame.AlignedCopy(data)})
}

// byteCount is product(dims)*size; ok is false when it overflows 64 bits.
func byteCount(dims []uint64, size uint64) (n uint64, ok bool) {
	if slices.Contains(dims, 0) {
		return 0, true
	}
	n = size
	for _, d := range dims {
		hi, lo := bits.Mul64(n, d)
		if hi != 0 {
			return 0, false
		}
		n = lo
	}
	return n, true
}

func jsonFrame(j *pb.JsonData, meta map[string]any) (*frame.Frame, error) {
	v, err := core.DecodeJSON([]byte(j.GetJsonPayload()))
	if err != nil {
		return nil, malformed("json", "json_payload: %v", err)
	}
	setIfNotEmpty(meta, metaSchemaType, j.GetSchemaType())
	return frame.JSON(v), nil
}

func textFrame(t *pb.TextBuffer, meta map[string]any) (*frame.Frame, error) {
	switch strings.ToLower(t.GetEncoding()) {
	case "", "utf-8", "utf8", "ascii", "us-ascii":
	default:
		return nil, &UnsupportedError{Variant: "text", Detail: "encoding " + strconv.Quote(t.GetEncoding()) + " (text must be UTF-8)"}
	}
	if !utf8.Valid(t.GetTextData()) {
		return nil, malformed("text", "text_data is not valid UTF-8")
	}
	setIfNotEmpty(meta, metaLanguage, t.GetLanguage())
	setIfNotEmpty(meta, metaChannel, t.GetChannel())
	return frame.Text(string(t.GetTextData())), nil
}
