package wasmhost

import "fmt"

// outputCount is what a node produced for the current input: frames it
// emitted plus the one it returned. Without a bound, a guest emitting in a
// loop fills the host's memory within its call deadline (batch runs keep
// every output).
type outputCount struct {
	frames int
	bytes  int64
}

// countOutput adds one frame of n encoded bytes, failing past the limits.
func (in *Instance) countOutput(n uint32) error {
	cfg := &in.mod.host.cfg
	in.produced.frames++
	in.produced.bytes += int64(n)
	switch {
	case in.produced.frames > cfg.maxOutputFrames:
		return fmt.Errorf("output limit: more than %d frames for one input", cfg.maxOutputFrames)
	case in.produced.bytes > cfg.maxOutputBytes:
		return fmt.Errorf("output limit: more than %d bytes of frames for one input", cfg.maxOutputBytes)
	}
	return nil
}

// beginCall resets what is counted per input (outputs, refused growth)
// before rm_init, rm_process or rm_flush.
func (in *Instance) beginCall() {
	in.produced = outputCount{}
	if in.memory != nil {
		in.memory.refused.Store(false)
	}
}
