package speech

import "fmt"

// Silero VAD v6 takes windows of 512 samples at 16 kHz (256 at 8 kHz), each
// preceded by the last 64 (32) samples of the previous window, and carries
// a recurrent state [2, 1, 128] from window to window.

// sileroStateLen is the length of the recurrent state [2, 1, 128].
const sileroStateLen = 2 * 1 * 128

// sileroWindow is the window and context length at a rate.
func sileroWindow(rate int) (window, context int, err error) {
	switch rate {
	case 16000:
		return 512, 64, nil
	case 8000:
		return 256, 32, nil
	}
	return 0, 0, fmt.Errorf("Silero VAD runs at 16000 or 8000 Hz, not %d", rate)
}

// SileroRunner is the only part of SileroVADNode that differs between
// builds: ONNX Runtime natively, onnxruntime-web in the browser. Run
// evaluates len(probs) windows in order; inputs holds each one's
// context+window samples, and state ([2, 1, 128]) is carried from window to
// window and left updated in place.
type SileroRunner interface {
	Run(inputs, state, probs []float32) error
	Close() error
}

// sileroModel frames one stream for a runner: the context, the state and
// the reused buffers. Not safe for concurrent use.
type sileroModel struct {
	runner          SileroRunner
	window, context int
	tail            []float32 // the previous window's last context samples
	state           []float32
	inputs, probs   []float32
}

func newSileroModel(r SileroRunner, rate int) (*sileroModel, error) {
	window, context, err := sileroWindow(rate)
	if err != nil {
		return nil, err
	}
	return &sileroModel{runner: r, window: window, context: context,
		tail: make([]float32, context), state: make([]float32, sileroStateLen)}, nil
}

// run returns the speech probability of each window in samples, whose
// length is a multiple of m.window, in one runner call.
func (m *sileroModel) run(samples []float32) ([]float32, error) {
	k, n := len(samples)/m.window, m.context+m.window
	if k == 0 {
		return nil, nil
	}
	m.inputs = grown(m.inputs, k*n)
	m.probs = grown(m.probs, k)
	for i := range k {
		in := m.inputs[i*n : (i+1)*n]
		copy(in, m.tail)
		copy(in[m.context:], samples[i*m.window:(i+1)*m.window])
		copy(m.tail, in[n-m.context:])
	}
	if err := m.runner.Run(m.inputs, m.state, m.probs); err != nil {
		return nil, fmt.Errorf("run Silero VAD: %w", err)
	}
	return m.probs, nil
}

// grown is buf resized to n, reallocated only when it is too small.
func grown(buf []float32, n int) []float32 {
	if cap(buf) < n {
		return make([]float32, n)
	}
	return buf[:n]
}
