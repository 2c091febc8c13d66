package frame

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/remotemedia/remotemedia/core/internal/jsonx"
)

// Meta keys the wire encoding uses for a kind's own fields. They share the
// meta object with user metadata and win over user keys of the same name.
const (
	metaChannels   = "channels"
	metaSampleRate = "sample_rate"
	metaTimestamp  = "timestamp_ns"
	metaDType      = "dtype"
	metaShape      = "shape"
)

// reservedKeys lists, per kind and sorted, every key the encoding owns. The
// encoder drops user keys of these names, even ones it does not write (a zero
// timestamp), so that a decoded frame re-encodes to the same bytes.
var reservedKeys = map[Kind][]string{
	KindAudio:  {metaChannels, metaSampleRate, metaTimestamp},
	KindTensor: {metaDType, metaShape},
}

// ownKeys are the reserved keys f actually writes, sorted.
func ownKeys(f *Frame) []string {
	switch f.kind {
	case KindAudio:
		if f.Audio().Timestamp == 0 {
			return reservedKeys[KindAudio][:2]
		}
		return reservedKeys[KindAudio]
	case KindTensor:
		return reservedKeys[KindTensor]
	}
	return nil
}

// userKeys are the keys of f.Meta() that are not reserved for f's kind, sorted.
func userKeys(f *Frame) []string {
	if len(f.meta) == 0 {
		return nil
	}
	reserved := reservedKeys[f.kind]
	keys := make([]string, 0, len(f.meta))
	for k := range f.meta {
		if !slices.Contains(reserved, k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// appendMeta writes f's canonical meta object: compact, keys sorted by their
// bytes, nothing at all when there is nothing to say. Reserved values are
// written by hand because this runs once per frame on every WASM call;
// user values go through jsonx like all other JSON.
func appendMeta(dst []byte, f *Frame) ([]byte, error) {
	own, user := ownKeys(f), userKeys(f)
	if len(own)+len(user) == 0 {
		return dst, nil
	}
	start := len(dst)
	dst = append(dst, '{')
	for i, j := 0, 0; i < len(own) || j < len(user); {
		if i+j > 0 {
			dst = append(dst, ',')
		}
		if j == len(user) || (i < len(own) && own[i] < user[j]) {
			dst = append(dst, '"')
			dst = append(dst, own[i]...)
			dst = append(dst, '"', ':')
			dst = appendOwnValue(dst, f, own[i])
			i++
			continue
		}
		var err error
		if dst, err = appendUserField(dst, user[j], f.meta[user[j]]); err != nil {
			return dst[:start], err
		}
		j++
	}
	dst = append(dst, '}')
	// jsonx writes whatever a json.Number holds; check the user's part once
	// so that everything Encode writes, Decode reads.
	if len(user) > 0 {
		if err := jsonx.Check(dst[start:]); err != nil {
			return dst[:start], fmt.Errorf("meta is %w", err)
		}
	}
	return dst, nil
}

func appendUserField(dst []byte, key string, value any) ([]byte, error) {
	if !utf8.ValidString(key) {
		return dst, fmt.Errorf("meta key %q is not valid UTF-8", key)
	}
	k, err := jsonx.Marshal(key)
	if err != nil {
		return dst, fmt.Errorf("meta key %q: %w", key, err)
	}
	v, err := jsonx.Marshal(value)
	if err != nil {
		return dst, fmt.Errorf("meta[%q]: %w", key, err)
	}
	dst = append(dst, k...)
	dst = append(dst, ':')
	return append(dst, v...), nil
}

func appendOwnValue(dst []byte, f *Frame, key string) []byte {
	switch key {
	case metaChannels:
		return strconv.AppendInt(dst, int64(f.Audio().Channels), 10)
	case metaSampleRate:
		return strconv.AppendInt(dst, int64(f.Audio().SampleRate), 10)
	case metaTimestamp:
		return strconv.AppendInt(dst, f.Audio().Timestamp.Nanoseconds(), 10)
	case metaDType:
		// NewTensor only admits known dtypes, all plain lowercase identifiers.
		dst = append(dst, '"')
		dst = append(dst, f.Tensor().DType...)
		return append(dst, '"')
	case metaShape:
		dst = append(dst, '[')
		for i, d := range f.Tensor().Shape {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = strconv.AppendInt(dst, int64(d), 10)
		}
		return append(dst, ']')
	}
	panic("frame: no wire value for meta key " + key)
}

// decodeMeta parses a meta object. Empty meta is no meta.
func decodeMeta(b []byte) (map[string]any, error) {
	if len(b) == 0 {
		return nil, nil
	}
	v, err := decodeJSON(b)
	if err != nil {
		return nil, fmt.Errorf("meta: %w", err)
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("meta must be a JSON object, got %s", b)
	}
	return m, nil
}

// decodeJSON parses one JSON value, numbers as json.Number, rejecting what
// is not strictly JSON (see jsonx.Check).
func decodeJSON(b []byte) (any, error) { return jsonx.Decode(b) }

// takeInt removes meta[key] and returns it as an integer in [lo, hi].
// found is false when the key is absent.
func takeInt(meta map[string]any, key string, lo, hi int64) (n int64, found bool, err error) {
	v, found := meta[key]
	if !found {
		return 0, false, nil
	}
	delete(meta, key)
	num, ok := v.(json.Number)
	if !ok {
		return 0, true, fmt.Errorf("meta %q must be an integer, got %v", key, v)
	}
	n, err = num.Int64()
	if err != nil {
		return 0, true, fmt.Errorf("meta %q must be an integer, got %s", key, num)
	}
	if n < lo || n > hi {
		return 0, true, fmt.Errorf("meta %q must be in [%d, %d], got %d", key, lo, hi, n)
	}
	return n, true, nil
}

// requireInt is takeInt for a key that must be present.
func requireInt(meta map[string]any, key string, lo, hi int64) (int64, error) {
	n, found, err := takeInt(meta, key, lo, hi)
	if err == nil && !found {
		err = fmt.Errorf("meta %q is missing", key)
	}
	return n, err
}

// takeShape removes meta["shape"] and returns it as tensor dimensions.
func takeShape(meta map[string]any) ([]int, error) {
	v, found := meta[metaShape]
	if !found {
		return nil, fmt.Errorf("meta %q is missing", metaShape)
	}
	delete(meta, metaShape)
	dims, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("meta %q must be an array of integers, got %v", metaShape, v)
	}
	shape := make([]int, len(dims))
	for i, d := range dims {
		num, ok := d.(json.Number)
		n, err := num.Int64()
		if !ok || err != nil || n < 0 || n > math.MaxInt32 {
			return nil, fmt.Errorf("meta %q[%d] must be an integer in [0, %d], got %v", metaShape, i, math.MaxInt32, d)
		}
		shape[i] = int(n)
	}
	return shape, nil
}

// takeDType removes meta["dtype"] and returns it if it is a known dtype.
func takeDType(meta map[string]any) (DType, error) {
	v, found := meta[metaDType]
	if !found {
		return "", fmt.Errorf("meta %q is missing", metaDType)
	}
	delete(meta, metaDType)
	s, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("meta %q must be a string, got %v", metaDType, v)
	}
	if DType(s).Size() == 0 {
		return "", fmt.Errorf("unknown dtype %q", s)
	}
	return DType(s), nil
}
