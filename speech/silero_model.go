package speech

import (
	"fmt"

	ort "github.com/yalue/onnxruntime_go"
)

// Silero VAD v6 takes windows of 512 samples at 16 kHz (256 at 8 kHz), each
// preceded by the last 64 (32) samples of the previous window, and carries
// a recurrent state [2, 1, 128] from window to window.

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

// sileroModel runs the model on one stream, one window at a time. Not safe
// for concurrent use.
type sileroModel struct {
	session         *ort.DynamicAdvancedSession
	window, context int
	input, state    *ort.Tensor[float32]
	sr              *ort.Scalar[int64]
	output, stateN  *ort.Tensor[float32]
}

func newSileroModel(session *ort.DynamicAdvancedSession, rate int) (*sileroModel, error) {
	window, context, err := sileroWindow(rate)
	if err != nil {
		return nil, err
	}
	m := &sileroModel{session: session, window: window, context: context}
	if err := m.allocate(rate); err != nil {
		m.release()
		return nil, err
	}
	return m, nil
}

func (m *sileroModel) allocate(rate int) (err error) {
	if m.input, err = ort.NewEmptyTensor[float32](ort.NewShape(1, int64(m.context+m.window))); err != nil {
		return err
	}
	if m.state, err = ort.NewEmptyTensor[float32](ort.NewShape(2, 1, 128)); err != nil {
		return err
	}
	if m.sr, err = ort.NewScalar(int64(rate)); err != nil {
		return err
	}
	if m.output, err = ort.NewEmptyTensor[float32](ort.NewShape(1, 1)); err != nil {
		return err
	}
	m.stateN, err = ort.NewEmptyTensor[float32](ort.NewShape(2, 1, 128))
	return err
}

// prob returns the speech probability of the next window (m.window samples).
func (m *sileroModel) prob(window []float32) (float32, error) {
	in := m.input.GetData()
	copy(in, in[m.window:]) // the previous window's tail is the new context
	copy(in[m.context:], window)
	err := m.session.Run([]ort.Value{m.input, m.state, m.sr}, []ort.Value{m.output, m.stateN})
	if err != nil {
		return 0, fmt.Errorf("run Silero VAD: %w", err)
	}
	copy(m.state.GetData(), m.stateN.GetData())
	return m.output.GetData()[0], nil
}

// release frees the tensors; the session belongs to the node.
func (m *sileroModel) release() {
	for _, t := range []*ort.Tensor[float32]{m.input, m.state, m.output, m.stateN} {
		if t != nil {
			t.Destroy()
		}
	}
	if m.sr != nil {
		m.sr.Destroy()
	}
}
