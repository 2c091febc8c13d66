//go:build !js

package speech

import (
	ort "github.com/yalue/onnxruntime_go"

	"github.com/remotemedia/remotemedia/core/logmel"
)

// locateTurn finds the model file and the ONNX Runtime library.
func locateTurn(model string, tp *turnParams) (err error) {
	if tp.modelPath, err = smartTurnModel.locate(model); err != nil {
		return err
	}
	tp.runtimePath, err = runtimeLibrary()
	return err
}

// ortTurnRunner owns the node's session and its bound tensors.
type ortTurnRunner struct {
	session       *ort.DynamicAdvancedSession
	input, output *ort.Tensor[float32]
}

// openTurnRunner opens the model: a missing runtime or a corrupt model
// fails here, before any input.
func openTurnRunner(p turnParams) (TurnRunner, error) {
	s, err := openSession(p.runtimePath, p.modelPath, []string{"input_features"}, []string{"logits"})
	if err != nil {
		return nil, err
	}
	r := &ortTurnRunner{session: s}
	if r.input, err = ort.NewEmptyTensor[float32](ort.NewShape(1, logmel.Mels, int64(turnFrames))); err == nil {
		r.output, err = ort.NewEmptyTensor[float32](ort.NewShape(1, 1))
	}
	if err != nil {
		r.Close()
		return nil, err
	}
	return r, nil
}

func (r *ortTurnRunner) Run(features []float32) (float32, error) {
	copy(r.input.GetData(), features)
	if err := r.session.Run([]ort.Value{r.input}, []ort.Value{r.output}); err != nil {
		return 0, err
	}
	return r.output.GetData()[0], nil
}

func (r *ortTurnRunner) Close() error {
	for _, t := range []*ort.Tensor[float32]{r.input, r.output} {
		if t != nil {
			t.Destroy()
		}
	}
	return r.session.Destroy()
}
