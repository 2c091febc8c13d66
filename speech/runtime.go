//go:build !js

package speech

import (
	"fmt"
	"sync"

	ort "github.com/yalue/onnxruntime_go"
)

// ONNX Runtime's environment is process-wide: it is loaded once, from the
// first library path asked for, and lives as long as the process; a later
// node's library path is ignored.
var runtimeMu sync.Mutex

// loadRuntime loads the ONNX Runtime library at path unless one is loaded.
// A failed load can be retried (e.g. after the user installs it).
func loadRuntime(path string) error {
	runtimeMu.Lock()
	defer runtimeMu.Unlock()
	if ort.IsInitialized() {
		return nil
	}
	ort.SetSharedLibraryPath(path)
	if err := ort.InitializeEnvironment(ort.WithLogLevelError()); err != nil {
		return fmt.Errorf("load ONNX Runtime from %s: %w", path, err)
	}
	return nil
}

// sessionOptions runs a model on the calling goroutine's core only: one
// stream per node, and parallel streams scale by running more nodes.
func sessionOptions() (*ort.SessionOptions, error) {
	o, err := ort.NewSessionOptions()
	if err != nil {
		return nil, err
	}
	for _, set := range []func() error{
		func() error { return o.SetIntraOpNumThreads(1) },
		func() error { return o.SetInterOpNumThreads(1) },
		func() error { return o.SetExecutionMode(ort.ExecutionModeSequential) },
	} {
		if err := set(); err != nil {
			o.Destroy()
			return nil, err
		}
	}
	return o, nil
}

// openSession loads the runtime and the model at modelPath. Errors name
// the model: a truncated or corrupt file fails here, as an error.
func openSession(runtimePath, modelPath string, inputs, outputs []string) (*ort.DynamicAdvancedSession, error) {
	if err := loadRuntime(runtimePath); err != nil {
		return nil, err
	}
	opts, err := sessionOptions()
	if err != nil {
		return nil, err
	}
	defer opts.Destroy()
	s, err := ort.NewDynamicAdvancedSession(modelPath, inputs, outputs, opts)
	if err != nil {
		return nil, openError(modelPath, err)
	}
	return s, nil
}
