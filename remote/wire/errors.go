package wire

import "fmt"

// UnsupportedError is a DataBuffer variant, or a format inside one, that has
// no frame kind in this engine.
type UnsupportedError struct {
	Variant string // "video", "control", "file", "audio", "tensor", ...
	Detail  string // what exactly, e.g. "format AUDIO_FORMAT_I32"
}

func (e *UnsupportedError) Error() string {
	msg := fmt.Sprintf("data buffer variant %q is not supported", e.Variant)
	if e.Detail != "" {
		msg += ": " + e.Detail
	}
	return msg + " (supported: audio F32/I16, tensor, numpy, json, text, binary)"
}

// MalformedError is a DataBuffer that breaks the rules of its variant: an
// audio buffer with 0 channels, a tensor whose shape does not match its
// data, invalid JSON, text that is not UTF-8, ...
type MalformedError struct {
	Variant string
	Reason  string
}

func (e *MalformedError) Error() string {
	return fmt.Sprintf("malformed %s buffer: %s", e.Variant, e.Reason)
}

func malformed(variant, format string, args ...any) error {
	return &MalformedError{Variant: variant, Reason: fmt.Sprintf(format, args...)}
}
