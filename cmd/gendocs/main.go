// Command gendocs writes the node reference, docs/NODES.md, from the specs
// of every node type a RemoteMedia build links: core's built-in nodes (Go,
// and the Python standard nodes whose specs core knows) and the speech
// nodes. It lives outside core because the speech package needs cgo, which
// core must not. Run it through `make docs`.
//
//	go run ./cmd/gendocs -o docs/NODES.md
//
// Without -o it writes to stdout.
package main

import (
	"flag"
	"fmt"
	"os"

	_ "github.com/remotemedia/remotemedia/core" // registers the built-in nodes
	"github.com/remotemedia/remotemedia/core/atomicfile"
	"github.com/remotemedia/remotemedia/core/node"
	"github.com/remotemedia/remotemedia/core/nodedoc"
	_ "github.com/remotemedia/remotemedia/speech" // registers the speech nodes
)

func main() {
	out := flag.String("o", "", "write to this file (atomically) instead of stdout")
	flag.Parse()
	doc := document()
	var err error
	if *out == "" {
		_, err = os.Stdout.Write(doc)
	} else {
		err = atomicfile.WriteFile(*out, doc, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
}

// document is docs/NODES.md as the linked specs say it should be.
func document() []byte { return nodedoc.Render(node.Default().Specs()) }
