//go:build !js

package speech

import (
	ort "github.com/yalue/onnxruntime_go"
)

// locateSilero finds the model file and the ONNX Runtime library.
func locateSilero(model string, sp *sileroParams) (err error) {
	if sp.modelPath, err = sileroVADModel.locate(model); err != nil {
		return err
	}
	sp.runtimePath, err = runtimeLibrary()
	return err
}

// sileroSession is the node's ONNX Runtime session; each stream binds its
// own tensors to it.
type sileroSession struct{ s *ort.DynamicAdvancedSession }

// openSileroSession opens the model: a missing runtime or a corrupt model
// fails here, before any input.
func openSileroSession(p sileroParams) (*sileroSession, error) {
	s, err := openSession(p.runtimePath, p.modelPath,
		[]string{"input", "state", "sr"}, []string{"output", "stateN"})
	if err != nil {
		return nil, err
	}
	return &sileroSession{s}, nil
}

func (s *sileroSession) close() error { return s.s.Destroy() }

// ortRunner runs one window per session call, as the model's batch axis
// would mix streams' states.
type ortRunner struct {
	session        *ort.DynamicAdvancedSession
	input, state   *ort.Tensor[float32]
	sr             *ort.Scalar[int64]
	output, stateN *ort.Tensor[float32]
}

func (s *sileroSession) runner(rate int) (SileroRunner, error) {
	window, context, err := sileroWindow(rate)
	if err != nil {
		return nil, err
	}
	r := &ortRunner{session: s.s}
	if err := r.allocate(rate, window+context); err != nil {
		r.Close()
		return nil, err
	}
	return r, nil
}

func (r *ortRunner) allocate(rate, n int) (err error) {
	if r.input, err = ort.NewEmptyTensor[float32](ort.NewShape(1, int64(n))); err != nil {
		return err
	}
	if r.state, err = ort.NewEmptyTensor[float32](ort.NewShape(2, 1, 128)); err != nil {
		return err
	}
	if r.sr, err = ort.NewScalar(int64(rate)); err != nil {
		return err
	}
	if r.output, err = ort.NewEmptyTensor[float32](ort.NewShape(1, 1)); err != nil {
		return err
	}
	r.stateN, err = ort.NewEmptyTensor[float32](ort.NewShape(2, 1, 128))
	return err
}

func (r *ortRunner) Run(inputs, state, probs []float32) error {
	in := r.input.GetData()
	copy(r.state.GetData(), state)
	for i := range probs {
		copy(in, inputs[i*len(in):(i+1)*len(in)])
		if err := r.session.Run([]ort.Value{r.input, r.state, r.sr}, []ort.Value{r.output, r.stateN}); err != nil {
			return err
		}
		copy(r.state.GetData(), r.stateN.GetData())
		probs[i] = r.output.GetData()[0]
	}
	copy(state, r.state.GetData())
	return nil
}

// Close frees the tensors; the session belongs to the node.
func (r *ortRunner) Close() error {
	for _, t := range []*ort.Tensor[float32]{r.input, r.state, r.output, r.stateN} {
		if t != nil {
			t.Destroy()
		}
	}
	if r.sr != nil {
		r.sr.Destroy()
	}
	return nil
}
