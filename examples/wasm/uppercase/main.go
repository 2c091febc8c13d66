// Command uppercase is a WASM node, written with guest/rmnode, that
// upper-cases text frames.
//
// Rebuild the checked-in uppercase.wasm from the repository root (make wasm-fixtures):
//
//	GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared -trimpath -ldflags=-s -o examples/wasm/uppercase/uppercase.wasm ./examples/wasm/uppercase
package main

import (
	"fmt"
	"strings"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/guest/rmnode"
)

func uppercase(in *frame.Frame) (*frame.Frame, error) {
	if in.Kind() != frame.KindText {
		return nil, fmt.Errorf("uppercase: expected text, got %s", in.Kind())
	}
	out := frame.Text(strings.ToUpper(in.TextValue()))
	if meta := in.Meta(); len(meta) > 0 {
		out = out.WithMeta(meta)
	}
	return out, nil
}

func init() { rmnode.Register(rmnode.ProcessFunc(uppercase)) }

func main() {}
