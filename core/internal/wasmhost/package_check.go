package wasmhost

import "context"

// A *Host is the WASM check of package validation (rmpkg.WASMCheck).

// RuntimeProblems lists what is wrong with a manifest's runtime block; the
// rules do not depend on h.
func (h *Host) RuntimeProblems(runtime map[string]any) []string { return RuntimeProblems(runtime) }

// CheckModule compiles wasm and checks it against the ABI, as Compile does,
// and frees the result.
func (h *Host) CheckModule(ctx context.Context, name string, wasm []byte) error {
	m, err := h.Compile(ctx, name, wasm)
	if err != nil {
		return err
	}
	return m.Close(ctx)
}
