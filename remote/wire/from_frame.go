package wire

import (
	"encoding/binary"
	"fmt"
	"math"
	"strconv"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/remote/pb"
)

// FromFrame converts a frame to a DataBuffer to send. Every frame kind has
// a variant, so it fails only on metadata or JSON that cannot be written.
func FromFrame(f *frame.Frame) (*pb.DataBuffer, error) {
	if f == nil || !f.Kind().Valid() {
		return nil, fmt.Errorf("wire: not a frame built by a constructor")
	}
	meta := f.Meta()
	// own are the meta keys this kind's variant carries in its own fields.
	own := map[string]string{}
	take := func(key string) string {
		if s, ok := meta[key].(string); ok {
			own[key] = s
			return s
		}
		return ""
	}
	b := &pb.DataBuffer{}
	switch f.Kind() {
	case frame.KindAudio:
		b.DataType = &pb.DataBuffer_Audio{Audio: audioBuffer(f.Audio())}
		own[metaTimestamp] = "" // written from the audio's own timestamp below
	case frame.KindTensor:
		setTensor(b, f.Tensor(), take)
	case frame.KindJSON:
		text, err := core.EncodeJSON(f.JSONValue())
		if err != nil {
			return nil, fmt.Errorf("wire: json frame: %w", err)
		}
		b.DataType = &pb.DataBuffer_Json{Json: &pb.JsonData{JsonPayload: string(text), SchemaType: take(metaSchemaType)}}
	case frame.KindText:
		b.DataType = &pb.DataBuffer_Text{Text: &pb.TextBuffer{
			TextData: []byte(f.TextValue()), Encoding: "utf-8", Language: take(metaLanguage), Channel: take(metaChannel)}}
	case frame.KindBytes:
		b.DataType = &pb.DataBuffer_Binary{Binary: &pb.BinaryBuffer{Data: f.BytesValue(), MimeType: take(metaMimeType)}}
	}
	// Audio has a JSON field for metadata, so its non-string values keep
	// their type; other variants get their JSON text.
	md, rest, err := metadata(meta, own, f.Kind() == frame.KindAudio)
	if err != nil {
		return nil, err
	}
	if len(rest) > 0 {
		text, err := core.EncodeJSON(rest)
		if err != nil {
			return nil, fmt.Errorf("wire: metadata: %w", err)
		}
		b.GetAudio().MetadataJson = text
	}
	if a := f.Audio(); a != nil && a.Timestamp != 0 {
		if md == nil {
			md = map[string]string{}
		}
		md[metaTimestamp] = strconv.FormatInt(a.Timestamp.Nanoseconds(), 10)
	}
	b.Metadata = md
	return b, nil
}

func audioBuffer(a *frame.Audio) *pb.AudioBuffer {
	raw := make([]byte, 4*len(a.Samples))
	for i, s := range a.Samples {
		binary.LittleEndian.PutUint32(raw[4*i:], math.Float32bits(s))
	}
	return &pb.AudioBuffer{
		Samples: raw, SampleRate: uint32(a.SampleRate), Channels: uint32(a.Channels),
		Format: pb.AudioFormat_AUDIO_FORMAT_F32, NumSamples: uint64(len(a.Samples)),
	}
}

// setTensor sets b's data_type to a TensorBuffer when the dtype has one,
// else to a C-order NumpyBuffer.
func setTensor(b *pb.DataBuffer, t *frame.Tensor, take func(string) string) {
	shape := make([]uint64, len(t.Shape))
	for i, d := range t.Shape {
		shape[i] = uint64(d)
	}
	if dtype, ok := wireDTypes[t.DType]; ok {
		b.DataType = &pb.DataBuffer_Tensor{Tensor: &pb.TensorBuffer{Data: t.Data, Shape: shape, Dtype: dtype, Layout: take(metaLayout)}}
		return
	}
	strides := make([]int64, len(t.Shape))
	step := int64(t.DType.Size())
	for i := len(t.Shape) - 1; i >= 0; i-- {
		strides[i] = step
		step *= int64(t.Shape[i])
	}
	b.DataType = &pb.DataBuffer_Numpy{Numpy: &pb.NumpyBuffer{
		Data: t.Data, Shape: shape, Dtype: string(t.DType), Strides: strides,
		CContiguous: true, FContiguous: len(t.Shape) <= 1,
	}}
}

// metadata is frame meta as DataBuffer metadata, without the keys already
// carried in the variant's own fields: strings as they are, other values as
// their JSON text, or returned apart in rest when keepTypes is set.
func metadata(meta map[string]any, own map[string]string, keepTypes bool) (md map[string]string, rest map[string]any, err error) {
	for k, v := range meta {
		if _, done := own[k]; done {
			continue
		}
		if md == nil {
			md = make(map[string]string, len(meta))
		}
		if s, ok := v.(string); ok {
			md[k] = s
			continue
		}
		if keepTypes {
			if rest == nil {
				rest = map[string]any{}
			}
			rest[k] = v
			continue
		}
		text, err := core.EncodeJSON(v)
		if err != nil {
			return nil, nil, fmt.Errorf("wire: metadata %q: %w", k, err)
		}
		md[k] = string(text)
	}
	if len(md) == 0 {
		md = nil
	}
	return md, rest, nil
}
