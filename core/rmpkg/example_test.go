package rmpkg_test

import (
	"fmt"

	"github.com/remotemedia/remotemedia/core/rmpkg"
)

// A report renders as `remotemedia package validate` prints it: warnings
// and errors on stderr, "ok" on stdout only when there are no errors.
func ExampleRenderReport() {
	report := rmpkg.Report{
		Errors:   []rmpkg.Problem{{Entry: "manifest.json", Message: "checksum mismatch"}},
		Warnings: []rmpkg.Problem{{Entry: "nodes/spare.wasm", Message: "no manifest node uses wasm:spare"}},
	}
	stdout, stderr, _ := rmpkg.RenderReport(report, false)
	fmt.Printf("stdout: %q\n%s", stdout, stderr)
	stdout, _, _ = rmpkg.RenderReport(rmpkg.Report{}, true)
	fmt.Print(stdout)
	// Output:
	// stdout: ""
	// warning: nodes/spare.wasm: no manifest node uses wasm:spare
	// error: invalid package: manifest.json: checksum mismatch
	// {"ok":true,"errors":[],"warnings":[]}
}

func ExampleRenderInspect() {
	summary := rmpkg.Summary{
		Metadata: rmpkg.Metadata{Name: "half", Version: "1.0"},
		Format:   "rmpkg",
		Target:   "wasm32-wasi",
		Nodes:    []rmpkg.NodeSummary{{ID: "half", Type: "wasm:gain", Module: "nodes/gain.wasm"}},
	}
	text, _ := rmpkg.RenderInspect(summary, false)
	fmt.Print(text)
	// Output:
	// package half 1.0 (rmpkg format, target wasm32-wasi)
	//
	// nodes (1):
	//   half  wasm:gain  nodes/gain.wasm
	//
	// files (0, 0 bytes, 0 compressed):
}
